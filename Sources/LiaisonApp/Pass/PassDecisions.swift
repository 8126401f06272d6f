import LiaisonCore

/// What one pass decided, as its sender needs it, so that the rules run once per reminder per
/// pass: a reminder queued now is worded from its own decision (facts and addresses), and one
/// waiting from an earlier pass gets the addresses its obligation has now.
struct PassDecisions {
    /// Queued by this pass, by key.
    var new: [String: DueReminder] = [:]
    /// Waiting from before and still open, by key (`RuleEngine.Decisions.waiting`).
    var waiting: [String: DueReminder] = [:]
    /// The keys that were waiting when the pass decided: one of them missing from `waiting`
    /// was resolved meanwhile. A key outside it was queued by another process after this pass
    /// decided, and goes as that process decided it.
    var asked: Set<String> = []

    /// Nothing decided (`ingest`): every waiting reminder goes as it was queued.
    init() {}

    init(_ d: RuleEngine.Decisions, asked: Set<String>) {
        for r in d.send { new[r.key] = r }
        waiting = d.waiting
        self.asked = asked
    }
}
