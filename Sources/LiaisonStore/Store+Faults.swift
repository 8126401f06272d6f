import Foundation

extension Store {
    /// Every address a reminder's message went to (To and Cc of each `sent` log line, lower
    /// case), and those it was queued for: what a delivery report about it may name as failed.
    public func recipients(ofReminder key: String) throws -> Set<String> {
        var out = Set<String>()
        let rows = try db.query("SELECT to_addrs, cc_addrs FROM log WHERE key = ? AND event = 'sent'", [.text(key)]) {
            ($0.text(0) ?? "") + "," + ($0.text(1) ?? "")
        }
        for row in rows {
            for a in row.split(separator: ",") where !a.isEmpty { out.insert(a.lowercased()) }
        }
        if let r = try reminder(key: key) {
            for m in r.to + r.cc { out.insert(m.address.lowercased()) }
        }
        return out
    }

    /// Postpones waiting messages a stalled or unreachable server left untried, without an
    /// attempt, and says why in their last reply (what `status` shows in its queue).
    /// - Parameter acks: the acknowledgements' table instead of the reminders'.
    public func postponeUntried(keys: [String], until: Date, reason: String, acks: Bool = false) throws {
        let table = acks ? Outbox.acks : Outbox.reminders
        try db.transaction {
            for k in keys {
                try db.run("UPDATE \(table.rawValue) SET next_try = ?, last_smtp = ? WHERE key = ? AND state IN ('queued','deferred')",
                           [.double(until.timeIntervalSince1970), .text(reason), .text(k)])
            }
        }
    }
}
