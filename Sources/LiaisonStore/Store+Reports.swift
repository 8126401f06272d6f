import Foundation
import LiaisonCore

/// What `status`, `export`, `purge` and the monthly digest read from the store. Read-only
/// except `purge`; no schema of its own.
extension Store {
    /// Reminders in the given states whose due time is in `[from, to)` (all when nil), oldest
    /// first. Used for the export's "reminders sent" and status's "last reminder sent".
    public func outcomes(states: [ReminderState], dueFrom from: Date? = nil, to: Date? = nil) throws -> [StoredReminder] {
        guard !states.isEmpty else { return [] }
        var sql = """
            SELECT \(Store.reminderColumns) FROM reminders
            WHERE state IN (\(states.map { _ in "?" }.joined(separator: ",")))
            """
        var values: [SQLValue] = states.map { .text($0.rawValue) }
        if let f = from { sql += " AND due_at >= ?"; values.append(.double(f.timeIntervalSince1970)) }
        if let t = to { sql += " AND due_at < ?"; values.append(.double(t.timeIntervalSince1970)) }
        sql += " ORDER BY due_at, key"
        return try db.query(sql, values) { reminder($0) }.compactMap { $0 }
    }

    /// Log rows of one event in `[from, to)`.
    public func logEntries(event: LogEvent, from: Date, to: Date) throws -> [LogEntry] {
        try log(LogFilter(since: from, event: event)).filter { $0.time < to }
    }

    // MARK: flagged addresses

    /// An address a delivery report (RFC 3464) said failed for good, for `status`.
    public struct FlaggedAddress: Sendable, Equatable {
        public var address: String
        public var reason: String?
        public var time: Date?
    }

    /// The addresses believed delivery reports flagged (`bounced_addresses`), newest first.
    public func flaggedAddresses() throws -> [FlaggedAddress] {
        try db.query("SELECT address, time, reply FROM bounced_addresses ORDER BY time DESC, address") {
            FlaggedAddress(address: $0.text(0) ?? "", reason: $0.text(2), time: Date(timeIntervalSince1970: $0.double(1)))
        }
    }

    // MARK: purge

    /// What `purge` removed.
    public struct PurgeCounts: Sendable, Equatable {
        public var logRows = 0
        /// Decided reminders whose facts, addresses and server line were cleared.
        public var reminderTexts = 0
        /// Records whose note (a report's text, a contact's note) was cleared.
        public var recordNotes = 0
        public init() {}
    }

    /// Deletes personal data older than an instant: log rows, the facts/addresses/server line
    /// of reminders that are done (their keys, states and periods stay, so nothing is decided
    /// or sent again), and the notes of records dated before `day` (their kind, date, method
    /// and `through` stay: the rules and the export need them). Waiting reminders are left
    /// alone. Deleted content is overwritten (`secure_delete`) and the WAL truncated.
    ///
    /// - Important: the replies work keeps its own tables (taken messages): purge their texts
    ///   in `purgeReplyTexts(before:)`, never the ids that stop a reply being taken twice.
    public func purge(before: Date, day: LocalDate) throws -> PurgeCounts {
        try db.execute("PRAGMA secure_delete = ON")
        var counts = PurgeCounts()
        try db.transaction {
            let t = SQLValue.double(before.timeIntervalSince1970)
            try db.run("DELETE FROM log WHERE time < ?", [t])
            counts.logRows = db.changes
            try db.run("""
                UPDATE reminders SET facts = '{}', to_addrs = '', cc_addrs = '', last_smtp = NULL, open_periods = ''
                WHERE due_at < ? AND state NOT IN ('queued','deferred')
                  AND (facts != '{}' OR to_addrs != '' OR cc_addrs != '' OR last_smtp IS NOT NULL OR open_periods != '')
                """, [t])
            counts.reminderTexts = db.changes
            try db.run("UPDATE records SET note = NULL, void_note = NULL WHERE date < ? AND (note IS NOT NULL OR void_note IS NOT NULL)",
                       [.text(day.description)])
            counts.recordNotes = db.changes
            try purgeReplyTexts(before: before)
        }
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return counts
    }

    /// Clears the whole texts kept with long reports (`reply_texts`) of messages taken before
    /// `before`; the ids in `replies` stay, so nothing is taken twice. Nothing to do while that
    /// table does not exist.
    func purgeReplyTexts(before: Date) throws {
        guard try db.scalarText("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'reply_texts'") != nil
        else { return }
        try db.run("DELETE FROM reply_texts WHERE message_id IN (SELECT message_id FROM replies WHERE time < ?)",
                   [.double(before.timeIntervalSince1970)])
    }
}
