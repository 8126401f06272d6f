import Foundation
import LiaisonCore

/// What the store keeps about replies: every message taken (so none is taken twice), the
/// acknowledgements waiting to be sent (committed before they are sent, like reminders), the
/// IMAP position, and addresses that bounced.
extension Store {
    static let repliesMigration = """
        CREATE TABLE replies(
            message_id TEXT PRIMARY KEY,
            time REAL NOT NULL,
            verdict TEXT NOT NULL,
            thread TEXT,
            sender TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL
        );
        CREATE TABLE acks(
            key TEXT PRIMARY KEY,
            thread TEXT NOT NULL,
            rule TEXT, member TEXT, grid TEXT,
            reply_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            message_id TEXT NOT NULL,
            to_addr TEXT NOT NULL,
            subject TEXT NOT NULL,
            data TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try REAL,
            first_try REAL,
            last_smtp TEXT,
            created REAL NOT NULL,
            updated REAL NOT NULL
        );
        CREATE INDEX acks_pending ON acks(next_try) WHERE state IN ('queued','deferred');
        CREATE INDEX acks_message_id ON acks(message_id);
        CREATE TABLE imap_state(
            mailbox TEXT PRIMARY KEY,
            uidvalidity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL
        );
        CREATE TABLE bounced_addresses(
            address TEXT NOT NULL,
            time REAL NOT NULL,
            key TEXT NOT NULL,
            reply TEXT NOT NULL,
            PRIMARY KEY(address, key)
        );
        CREATE INDEX reminders_message_id ON reminders(message_id);
        """

    // MARK: matching

    /// True when a message with this `Message-ID` was taken before (whatever its verdict).
    public func replyTaken(messageID: String) throws -> Bool {
        try db.scalarText("SELECT verdict FROM replies WHERE message_id = ?", [.text(messageID)]) != nil
    }

    /// The thread of a message liaisond sent (a reminder or an acknowledgement), by its id.
    public func thread(ofMessageID id: String) throws -> String? {
        if let t = try db.scalarText("SELECT thread FROM reminders WHERE message_id = ? LIMIT 1", [.text(id)]) { return t }
        return try db.scalarText("SELECT thread FROM acks WHERE message_id = ? LIMIT 1", [.text(id)])
    }

    /// The reminder a message id belongs to.
    public func reminder(messageID id: String) throws -> StoredReminder? {
        guard !id.isEmpty, let key = try db.scalarText("SELECT key FROM reminders WHERE message_id = ? LIMIT 1", [.text(id)])
        else { return nil }
        return try reminder(key: key)
    }

    /// What a reply needs to know about its thread: its rule, member, the newest reminder and
    /// every address a reminder of it was sent to.
    public func threadSummary(_ thread: String) throws -> ThreadSummary? {
        guard let info = try self.thread(thread) else { return nil }
        let rows = try db.query("""
            SELECT key, rule, member, grid, to_addrs, cc_addrs, state FROM reminders WHERE thread = ? ORDER BY due_at, key
            """, [.text(thread)]) { s in
            (key: s.text(0) ?? "", rule: s.text(1) ?? "", member: s.text(2), grid: s.text(3),
             to: Store.decodeMailboxes(s.text(4) ?? ""), cc: Store.decodeMailboxes(s.text(5) ?? ""), state: s.text(6) ?? "")
        }
        guard let last = rows.last, let rule = RuleID(rawValue: last.rule) else { return nil }
        var recipients = Set<String>()
        for r in rows where r.state == ReminderState.sent.rawValue {
            for m in r.to + r.cc { recipients.insert(m.address.lowercased()) }
        }
        let sent = rows.last { $0.state == ReminderState.sent.rawValue }
        return ThreadSummary(thread: thread, token: info.token, rule: rule, member: last.member, grid: last.grid,
                             lastKey: (sent ?? last).key, recipients: recipients, messageIDs: info.messageIDs)
    }

    // MARK: taking

    /// Stores everything a taken message leads to in one transaction: the message's id (so it is
    /// never taken again), its log lines, a record, an acknowledgement to send, bounced
    /// addresses, and the IMAP position.
    ///
    /// - Returns: false when a message with this id had already been taken: then only an
    ///   `ignored` line is logged (and the IMAP position moved), nothing else.
    @discardableResult
    public func take(_ t: TakenMessage) throws -> Bool {
        try db.transaction {
            if let p = t.imap { try setIMAPStateUnlocked(p) }
            if try db.scalarText("SELECT verdict FROM replies WHERE message_id = ?", [.text(t.messageID)]) != nil {
                try appendLog(LogEntry(time: t.time, event: .ignored, rule: t.log.first?.rule, member: t.log.first?.member,
                                       grid: t.log.first?.grid, key: t.log.first?.key, subject: t.log.first?.subject,
                                       detail: .duplicate(messageID: t.messageID)))
                return false
            }
            try db.run("INSERT INTO replies(message_id, time, verdict, thread, sender, source) VALUES(?,?,?,?,?,?)",
                       [.text(t.messageID), .double(t.time.timeIntervalSince1970), .text(t.verdict), .opt(t.thread),
                        .text(t.sender), .text(t.source)])
            for e in t.log { try appendLog(e) }
            if let r = t.record { try insertRecord(r, source: "reply <\(t.messageID)>", now: t.time) }
            for r in t.moreRecords { try insertRecord(r, source: "reply <\(t.messageID)>", now: t.time) }
            if let id = t.voidRecord { try voidRecordUnlocked(id: id, note: "撤销 by reply <\(t.messageID)>", now: t.time) }
            if let text = t.fullText { try storeReplyText(messageID: t.messageID, text: text) }
            for b in t.bounces {
                try db.run("INSERT OR IGNORE INTO bounced_addresses(address, time, key, reply) VALUES(?,?,?,?)",
                           [.text(b.address.lowercased()), .double(t.time.timeIntervalSince1970), .text(b.key), .text(b.reply)])
            }
            if let a = t.ack {
                try db.run("""
                    INSERT OR IGNORE INTO acks(key, thread, rule, member, grid, reply_id, kind, message_id, to_addr, subject,
                        data, state, next_try, created, updated)
                    VALUES(?,?,?,?,?,?,?,?,?,?,?,'queued',?,?,?)
                    """, [.text(a.key), .text(a.thread), .opt(a.rule), .opt(a.member), .opt(a.grid), .text(t.messageID),
                          .text(a.kind), .text(a.messageID), .text(a.to), .text(a.subject), .text(a.data),
                          .double(t.time.timeIntervalSince1970), .double(t.time.timeIntervalSince1970),
                          .double(t.time.timeIntervalSince1970)])
            }
            return true
        }
    }

    /// As `addRecord`, inside the caller's transaction; returns the record's id.
    @discardableResult
    func insertRecord(_ r: Record, source: String, now: Date) throws -> Int64 {
        try db.run("""
            INSERT INTO records(kind, member, date, method, note, through, recorded_at, source)
            VALUES(?,?,?,?,?,?,?,?)
            """, [.text(r.kind.rawValue), .text(r.member), .text(r.date.description), .opt(r.method), .opt(r.note),
                  .opt(r.through?.description ?? r.period), .double(now.timeIntervalSince1970), .text(source)])
        let id = db.lastInsertRowID
        try appendLog(LogEntry(time: now, event: .record, member: r.member,
                               detail: .recorded(record: .init(r, id: id, source: source))))
        return id
    }

    // MARK: acknowledgements

    /// Acknowledgements whose time to (re)try has come, oldest first.
    public func pendingAcks(at now: Date) throws -> [StoredAck] {
        try db.query("""
            SELECT key, thread, rule, member, grid, message_id, to_addr, subject, data, attempts, first_try, kind
            FROM acks WHERE state IN ('queued','deferred') AND next_try <= ? ORDER BY created, key
            """, [.double(now.timeIntervalSince1970)]) { s in
            StoredAck(key: s.text(0) ?? "", thread: s.text(1) ?? "", rule: s.text(2), member: s.text(3), grid: s.text(4),
                      messageID: s.text(5) ?? "", to: s.text(6) ?? "", subject: s.text(7) ?? "",
                      data: Array((s.text(8) ?? "").utf8), attempts: Int(s.int(9)),
                      firstTry: s.optDouble(10).map(Date.init(timeIntervalSince1970:)), kind: s.text(11) ?? "ack")
        }
    }

    /// How many acknowledgements `pendingAcks(at:)` returns, without reading them.
    public func pendingAckCount(at now: Date) throws -> Int {
        try pendingCount(in: .acks, at: now)
    }

    /// The earliest next try of a waiting acknowledgement.
    public func nextAckRetry() throws -> Date? {
        try db.query("SELECT MIN(next_try) FROM acks WHERE state IN ('queued','deferred')") { $0.optDouble(0) }
            .first?.map(Date.init(timeIntervalSince1970:))
    }

    /// The outcome of one attempt to send an acknowledgement, with its log line; a sent one
    /// joins its thread (the next reminder replies to it).
    public func recordAckAttempt(key: String, state: ReminderState, smtp: String, nextTry: Date?, now: Date,
                                 log: LogEntry, thread: String?, messageID: String?) throws {
        try recordAttempt(in: .acks, key: key, state: state, smtp: smtp, nextTry: nextTry, now: now, log: log,
                          thread: thread, messageID: messageID)
    }

    /// Postpones waiting acknowledgements without counting an attempt.
    public func postponeAcks(keys: [String], until: Date) throws {
        try postpone(in: .acks, keys: keys, until: until)
    }

    // MARK: IMAP

    /// `UIDVALIDITY` and the last UID taken from a mailbox (`mailbox` names server, user and folder).
    public func imapState(mailbox: String) throws -> IMAPPosition? {
        try db.query("SELECT uidvalidity, last_uid FROM imap_state WHERE mailbox = ?", [.text(mailbox)]) {
            IMAPPosition(mailbox: mailbox, uidValidity: $0.int(0), lastUID: $0.int(1))
        }.first
    }

    private func setIMAPStateUnlocked(_ p: IMAPPosition) throws {
        // The last UID only grows within one UIDVALIDITY.
        try db.run("""
            INSERT INTO imap_state(mailbox, uidvalidity, last_uid) VALUES(?,?,?)
            ON CONFLICT(mailbox) DO UPDATE SET
                last_uid = CASE WHEN imap_state.uidvalidity = excluded.uidvalidity
                                THEN MAX(imap_state.last_uid, excluded.last_uid) ELSE excluded.last_uid END,
                uidvalidity = excluded.uidvalidity
            """, [.text(p.mailbox), .int(p.uidValidity), .int(p.lastUID)])
    }
}

/// A thread as a reply sees it.
public struct ThreadSummary: Sendable, Equatable {
    public var thread: String
    public var token: String
    public var rule: RuleID
    public var member: String?
    public var grid: String?
    /// The newest sent reminder's key (the newest decided one if none was sent).
    public var lastKey: String
    /// Lower-cased addresses any sent reminder of the thread went to (To or Cc).
    public var recipients: Set<String>
    public var messageIDs: [String]
}

/// Everything one taken message leads to; see `Store.take`.
public struct TakenMessage: Sendable {
    public var messageID: String
    public var time: Date
    /// `reply`, `rejected`, `ignored` or `bounce`.
    public var verdict: String
    public var thread: String?
    public var sender: String
    /// `ingest` or `imap`.
    public var source: String
    public var log: [LogEntry]
    public var record: Record?
    /// Further records of one reply (a reply to the daily list, one line per member).
    public var moreRecords: [Record] = []
    public var ack: NewAck?
    public var bounces: [BouncedAddress]
    public var imap: IMAPPosition?
    /// `撤销` by mail: the record to withdraw (logged `void`, as `record void` does).
    public var voidRecord: Int64?
    /// The whole own text of a reply whose record keeps only its first part (a long report);
    /// `log --event N --full` shows it.
    public var fullText: String?

    public init(messageID: String, time: Date, verdict: String, thread: String? = nil, sender: String, source: String,
                log: [LogEntry], record: Record? = nil, ack: NewAck? = nil, bounces: [BouncedAddress] = [],
                imap: IMAPPosition? = nil) {
        self.messageID = messageID
        self.time = time
        self.verdict = verdict
        self.thread = thread
        self.sender = sender
        self.source = source
        self.log = log
        self.record = record
        self.ack = ack
        self.bounces = bounces
        self.imap = imap
    }
}

/// An acknowledgement (or help text) rendered and ready to be queued.
public struct NewAck: Sendable {
    /// `ack|<reply message-id>`.
    public var key: String
    public var thread: String
    public var rule: String?
    public var member: String?
    public var grid: String?
    /// `ack` or `help`.
    public var kind: String
    public var messageID: String
    public var to: String
    public var subject: String
    /// The rendered message (7-bit clean).
    public var data: String

    public init(key: String, thread: String, rule: String?, member: String?, grid: String?, kind: String,
                messageID: String, to: String, subject: String, data: String) {
        self.key = key
        self.thread = thread
        self.rule = rule
        self.member = member
        self.grid = grid
        self.kind = kind
        self.messageID = messageID
        self.to = to
        self.subject = subject
        self.data = data
    }
}

/// A queued acknowledgement.
public struct StoredAck: Sendable, Equatable {
    public var key: String
    public var thread: String
    public var rule: String?
    public var member: String?
    public var grid: String?
    public var messageID: String
    public var to: String
    public var subject: String
    public var data: [UInt8]
    public var attempts: Int
    public var firstTry: Date?
    public var kind: String
}

/// Where an IMAP poll stands in one mailbox.
public struct IMAPPosition: Sendable, Equatable {
    public var mailbox: String
    public var uidValidity: Int64
    public var lastUID: Int64

    public init(mailbox: String, uidValidity: Int64, lastUID: Int64) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// A recipient a delivery report said failed for good: the address, when, the reminder's key
/// and the report's diagnostic.
public struct BouncedAddress: Sendable, Equatable {
    public var address: String
    public var time: Date
    public var key: String
    public var reply: String

    public init(address: String, time: Date, key: String, reply: String) {
        self.address = address
        self.time = time
        self.key = key
        self.reply = reply
    }
}
