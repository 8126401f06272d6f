extension RuleEngine {
    /// "A new step supersedes the waiting one": a thread gets one message at one instant, so a
    /// reminder still waiting (queued or deferred) in a thread that gets a new decision now
    /// gives way to it. Decided here once for the store (`Store.enqueue`) and for `due`, which
    /// shows what `tick` would send.
    /// - Returns: each waiting item so superseded, in the order given, with the decision that
    ///   replaces it.
    public static func superseded<W>(_ waiting: [W], thread: (W) -> String,
                                     by send: [DueReminder]) -> [(waiting: W, by: DueReminder)] {
        guard !waiting.isEmpty, !send.isEmpty else { return [] }
        var byThread: [String: DueReminder] = [:]
        for r in send { byThread[r.threadKey] = r }
        return waiting.compactMap { w in byThread[thread(w)].map { (w, $0) } }
    }
}
