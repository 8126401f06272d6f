import Foundation
import LiaisonCore

/// One message that carries several reminders: the secretary's daily list (每日待办) or one
/// fact that several rules stand for (`contact.lost` + `membership.review`).
///
/// The bundle row and each reminder's link to it are committed before the message is sent;
/// the reminders keep their own rows, keys, states and log lines. An outcome is recorded for
/// all of them in one transaction after the server's answer, so a crash between the 250 and
/// that commit repeats this one message, and never more.
public struct StoredBundle: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A list of items for one person at one send time; its own thread.
        case daily
        /// One fact several rules stand for; the thread of its first reminder.
        case merged
    }

    public var key: String
    public var kind: Kind
    public var thread: String
    public var messageID: String
    public var to: [Mailbox]
    public var cc: [Mailbox]
    /// `queued` until the server accepted it (`sent`), or `failed`/`superseded`.
    public var state: String
    /// The reminders it carries, by item (an item of a merged fact has several), in the
    /// order they were listed.
    public var items: [[String]]

    public init(key: String, kind: Kind, thread: String, messageID: String, to: [Mailbox], cc: [Mailbox],
                state: String = "queued", items: [[String]]) {
        self.key = key
        self.kind = kind
        self.thread = thread
        self.messageID = messageID
        self.to = to
        self.cc = cc
        self.state = state
        self.items = items
    }

    /// Every reminder key it carries.
    public var keys: [String] { items.flatMap { $0 } }
}

extension Store {
    static let bundlesMigration = """
        CREATE TABLE bundles(
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            thread TEXT NOT NULL,
            message_id TEXT NOT NULL,
            to_addrs TEXT NOT NULL DEFAULT '',
            cc_addrs TEXT NOT NULL DEFAULT '',
            items TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT 'queued',
            created REAL NOT NULL,
            updated REAL NOT NULL
        );
        CREATE INDEX bundles_thread ON bundles(thread);
        ALTER TABLE reminders ADD COLUMN bundle TEXT;
        """

    /// Records a bundle and links its reminders to it (inside the caller's transaction, if any).
    public func createBundle(_ b: StoredBundle, now: Date) throws {
        try db.transaction {
            try db.run("""
                INSERT OR REPLACE INTO bundles(key, kind, thread, message_id, to_addrs, cc_addrs, items, state, created, updated)
                VALUES(?,?,?,?,?,?,?,?,?,?)
                """, [.text(b.key), .text(b.kind.rawValue), .text(b.thread), .text(b.messageID),
                      .text(Store.encodeMailboxes(b.to)), .text(Store.encodeMailboxes(b.cc)),
                      .text(b.items.map { $0.joined(separator: "\t") }.joined(separator: "\n")), .text(b.state),
                      .double(now.timeIntervalSince1970), .double(now.timeIntervalSince1970)])
            for k in b.keys {
                try db.run("UPDATE reminders SET bundle = ? WHERE key = ?", [.text(b.key), .text(k)])
            }
        }
    }

    public func bundle(key: String) throws -> StoredBundle? {
        try bundles(where: "key = ?", [.text(key)]).first
    }

    /// Every bundle of a thread, oldest first (a reply to the daily list finds its items).
    public func bundles(thread: String) throws -> [StoredBundle] {
        try bundles(where: "thread = ?", [.text(thread)])
    }

    /// The bundle sent with this Message-ID.
    public func bundle(messageID: String) throws -> StoredBundle? {
        try bundles(where: "message_id = ?", [.text(messageID)]).first
    }

    /// Bundles created at or after an instant (for benchmarks and tests).
    public func bundles(since: Date) throws -> [StoredBundle] {
        try bundles(where: "created >= ?", [.double(since.timeIntervalSince1970)])
    }

    private func bundles(where condition: String, _ values: [SQLValue]) throws -> [StoredBundle] {
        try db.query("""
            SELECT key, kind, thread, message_id, to_addrs, cc_addrs, items, state FROM bundles
            WHERE \(condition) ORDER BY created, key
            """, values) { s -> StoredBundle? in
            guard let kind = StoredBundle.Kind(rawValue: s.text(1) ?? "") else { return nil }
            return StoredBundle(key: s.text(0) ?? "", kind: kind, thread: s.text(2) ?? "", messageID: s.text(3) ?? "",
                                to: Store.decodeMailboxes(s.text(4) ?? ""), cc: Store.decodeMailboxes(s.text(5) ?? ""),
                                state: s.text(7) ?? "",
                                items: (s.text(6) ?? "").split(separator: "\n").map { $0.split(separator: "\t").map(String.init) })
        }.compactMap { $0 }
    }

    /// Whether a daily list already shows this reminder as a copy (`~key`): a retry of it
    /// then goes to the others only.
    public func isShownInDailyList(_ key: String) throws -> Bool {
        try db.scalarText("SELECT key FROM bundles WHERE kind = 'daily' AND state = 'sent' AND instr(items, ?) > 0 LIMIT 1",
                          [.text("~" + key)]) != nil
    }

    /// One attempt's outcome for every reminder a bundle carries, their log lines and the
    /// bundle's own state, atomically.
    /// - Parameter thread: for a sent message, the thread it continues (remembered so the next
    ///   message of it replies to this one).
    public func recordBundleAttempt(bundle: String, keys: [String], state: ReminderState, smtp: String, nextTry: Date?,
                                    now: Date, logs: [LogEntry], thread: String?, messageID: String?) throws {
        try db.transaction {
            for (key, log) in zip(keys, logs) {
                try recordAttempt(in: .reminders, key: key, state: state, smtp: smtp, nextTry: nextTry, now: now, log: log,
                                  thread: nil, messageID: nil)
            }
            if let t = thread, let m = messageID { try appendMessage(thread: t, messageID: m) }
            let bundleState = state == .deferred ? "queued" : state.rawValue
            try db.run("UPDATE bundles SET state = ?, updated = ? WHERE key = ?",
                       [.text(bundleState), .double(now.timeIntervalSince1970), .text(bundle)])
        }
    }

    /// Unlinks reminders from a bundle that will not be sent as it was (its other items were
    /// settled, or grouping was turned off): they go out on their own or in a new bundle.
    public func dissolveBundle(_ key: String, now: Date) throws {
        try db.transaction {
            try db.run("UPDATE reminders SET bundle = NULL WHERE bundle = ? AND state IN ('queued','deferred')", [.text(key)])
            try db.run("UPDATE bundles SET state = 'superseded', updated = ? WHERE key = ? AND state = 'queued'",
                       [.double(now.timeIntervalSince1970), .text(key)])
        }
    }
}
