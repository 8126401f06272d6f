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
}
