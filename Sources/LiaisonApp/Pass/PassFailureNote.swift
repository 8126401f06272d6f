import Foundation

/// The last send pass that failed before it could finish (store locked or full), kept beside the
/// store (`liaisond.sqlite-pass-failure`) because the store is exactly what could not be written.
/// `status` shows it, so "the queue is empty" never hides reminders that wait for the store;
/// the next pass that completes removes it.
struct PassFailureNote: Equatable {
    var time: Date
    /// When the daemon (or the operator's timer) tries again; nil when unknown (`tick`).
    var retryAt: Date?
    /// Reminders the rules say are due that the pass could not record.
    var due: Int
    var reason: String

    static func path(storePath: String) -> String { storePath + "-pass-failure" }

    /// Writes the note (best effort: on a full disk it may not fit; the log has it anyway).
    func write(storePath: String) {
        var text = "time=\(time.timeIntervalSince1970)\n"
        if let r = retryAt { text += "retry=\(r.timeIntervalSince1970)\n" }
        text += "due=\(due)\n"
        text += "reason=\(reason.replacingOccurrences(of: "\n", with: " "))\n"
        let path = Self.path(storePath: storePath)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func clear(storePath: String) {
        let path = path(storePath: storePath)
        if Platform.fileExists(path) { try? FileManager.default.removeItem(atPath: path) }
    }

    static func read(storePath: String) -> PassFailureNote? {
        guard let bytes = try? Platform.readFile(path(storePath: storePath)), bytes.count < 64 * 1024 else { return nil }
        var fields: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            fields[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        guard let t = fields["time"].flatMap(Double.init) else { return nil }
        return PassFailureNote(time: Date(timeIntervalSince1970: t),
                               retryAt: fields["retry"].flatMap(Double.init).map(Date.init(timeIntervalSince1970:)),
                               due: fields["due"].flatMap(Int.init) ?? 0, reason: fields["reason"] ?? "")
    }
}
