import Foundation
import LiaisonCore

/// liaisond's state: reminders (decided, sent, deferred …), threads, records and the log, in
/// one SQLite file. Schema changes are numbered migrations, applied in order on open.
public final class Store {
    public let db: Database
    public let path: String

    /// Newest schema version this build knows.
    public static let schemaVersion = 5

    static let migrations: [String] = [
        // 1: the first schema.
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE threads(
            thread TEXT PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            message_ids TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE reminders(
            key TEXT PRIMARY KEY,
            thread TEXT NOT NULL,
            rule TEXT NOT NULL,
            member TEXT,
            grid TEXT,
            period TEXT NOT NULL,
            step TEXT NOT NULL,
            deadline TEXT,
            due_at REAL NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try REAL,
            first_try REAL,
            message_id TEXT NOT NULL,
            open_periods TEXT NOT NULL DEFAULT '',
            facts TEXT NOT NULL DEFAULT '{}',
            to_addrs TEXT NOT NULL DEFAULT '',
            cc_addrs TEXT NOT NULL DEFAULT '',
            last_smtp TEXT,
            created REAL NOT NULL,
            updated REAL NOT NULL
        );
        CREATE INDEX reminders_pending ON reminders(next_try) WHERE state IN ('queued','deferred');
        CREATE INDEX reminders_member ON reminders(member);
        CREATE TABLE log(
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            event TEXT NOT NULL,
            rule TEXT, member TEXT, grid TEXT, step TEXT, key TEXT,
            to_addrs TEXT NOT NULL DEFAULT '', cc_addrs TEXT NOT NULL DEFAULT '',
            subject TEXT, smtp TEXT, attempt INTEGER, detail TEXT
        );
        CREATE INDEX log_time ON log(time);
        CREATE INDEX log_member ON log(member);
        CREATE TABLE records(
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            member TEXT NOT NULL,
            date TEXT NOT NULL,
            method TEXT, note TEXT, through TEXT,
            recorded_at REAL NOT NULL,
            source TEXT NOT NULL,
            voided INTEGER NOT NULL DEFAULT 0,
            void_note TEXT
        );
        CREATE INDEX records_member ON records(member);
        """,
        // 2: replies (Store+Replies.swift).
        Store.repliesMigration,
        // 3: every sent message commits its log row on its own (after the 250); an index on
        // `member` made that one more page per commit. `log --member` is an interactive query
        // and reads the table instead.
        "DROP INDEX IF EXISTS log_member;",
        // 4: one message carrying several reminders (Store+Bundles.swift).
        Store.bundlesMigration,
        // 5: log details as a code and its arguments (LogDetail). Older rows' English sentences
        // are converted after this runs (`convertLegacyLogDetails`); `detail` keeps only those
        // that could not be (shown as they are, `LogDetail.legacy`) and is not written any more.
        "ALTER TABLE log ADD COLUMN code TEXT; ALTER TABLE log ADD COLUMN args TEXT;",
    ]

    /// Opens or creates the store and brings its schema up to date.
    /// - Throws: `SQLiteError` (e.g. a read-only folder), `StoreError.newerSchema`.
    ///
    /// - Parameter migrate: false for commands that must not upgrade a store the daemon is
    ///   using: an older schema then throws `StoreError.upgradePending` (a new, empty file is
    ///   always given the current schema). Before upgrading an existing store, it is copied to
    ///   `PATH.bak-vN` (N the old version, mode 0640) with SQLite's online backup.
    public init(path: String, migrate: Bool = true) throws {
        self.path = path
        db = try Database(path: path)
        try self.migrate(allowed: migrate)
        if try meta("store_id") == nil { try writeIdentity() }
    }

    /// The store's own identity, written once when it is created (and on the first open of a
    /// store made before there was one): `status`, the daemon and the sidecar file beside the
    /// store compare it to tell "the same store" from "a store put in its place".
    public func identity() throws -> String? { try meta("store_id") }

    /// Whether each commit waits until it is on disk. The store runs with `synchronous=NORMAL`
    /// (WAL synced at checkpoints): a power cut may undo the last commits, which for reminders
    /// costs at worst a repeat. A mail delivery agent cannot work that way: once `ingest` says
    /// 0 the mail server deletes the message, so the reply's commit must already be on disk.
    public func syncEachCommit(_ sync: Bool) throws {
        try db.execute(sync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL")
    }

    private func writeIdentity() throws {
        let id = UUID().uuidString.lowercased()
        try db.transaction {
            try db.run("INSERT OR IGNORE INTO meta(key, value) VALUES('store_id', ?)", [.text(id)])
            try db.run("INSERT OR IGNORE INTO meta(key, value) VALUES('created', ?)",
                       [.text(String(Date().timeIntervalSince1970))])
        }
    }

    /// Opens an existing store for reading only (`log`, `status`, `due`, `export`): works on a
    /// read-only file or file system, never writes, never creates.
    /// - Throws: `StoreError.upgradePending` when the schema is older than this build's (only
    ///   the daemon and `liaisond migrate` upgrade), `StoreError.newerSchema`, `SQLiteError`.
    public init(readingOnly path: String) throws {
        self.path = path
        db = try Database(path: path, readOnly: true)
        let version = try db.query("PRAGMA user_version") { Int($0.int(0)) }.first ?? 0
        if version > Store.schemaVersion { throw StoreError.newerSchema(found: version, known: Store.schemaVersion) }
        if version < Store.schemaVersion { throw StoreError.upgradePending(found: version, known: Store.schemaVersion) }
    }

    /// The schema version of the file (0 for a new one).
    public var version: Int {
        get throws { try db.query("PRAGMA user_version") { Int($0.int(0)) }.first ?? 0 }
    }

    private func migrate(allowed: Bool) throws {
        let version = try self.version
        if version > Store.schemaVersion { throw StoreError.newerSchema(found: version, known: Store.schemaVersion) }
        guard version < Store.schemaVersion else { return }
        if version > 0 {
            guard allowed else { throw StoreError.upgradePending(found: version, known: Store.schemaVersion) }
            try backup(to: path + ".bak-v\(version)")
        }
        try db.transaction {
            for v in version..<Store.schemaVersion {
                try db.execute(Store.migrations[v])
                // 5: the old English details become codes where they can (Store+LegacyLogDetails).
                if v + 1 == 5 { try convertLegacyLogDetails() }
            }
            try db.execute("PRAGMA user_version = \(Store.schemaVersion)")
        }
    }

    // MARK: meta

    public func meta(_ key: String) throws -> String? {
        try db.scalarText("SELECT value FROM meta WHERE key = ?", [.text(key)])
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try db.run("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   [.text(key), .text(value)])
    }

    /// The instant of the first tick (catch-up window anchor); set once.
    public func firstTick(orSet now: Date) throws -> Date {
        if let v = try meta("first_tick"), let t = Double(v) { return Date(timeIntervalSince1970: t) }
        try db.run("INSERT OR IGNORE INTO meta(key, value) VALUES('first_tick', ?)", [.text(String(now.timeIntervalSince1970))])
        if let v = try meta("first_tick"), let t = Double(v) { return Date(timeIntervalSince1970: t) }
        return now
    }

    /// Read-only variant: the first tick, or nil for a fresh store.
    public func firstTick() throws -> Date? {
        try meta("first_tick").flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
    }

    // MARK: reminders

    /// Every key ever decided (any state): these are never decided again.
    public func handledKeys() throws -> Set<String> {
        var set = Set<String>()
        let st = try db.prepare("SELECT key FROM reminders")
        while try st.step() { if let k = st.text(0) { set.insert(k) } }
        return set
    }

    /// Records new decisions, all in one transaction, before anything is sent.
    /// - Parameters:
    ///   - token: a fresh thread token, for threads that have none yet.
    ///   - messageID: a fresh Message-ID (without <>) for a new reminder of a thread with this token.
    public func enqueue(send: [DueReminder], superseded: [DueReminder], unreachable: [DueReminder], now: Date,
                        token: () -> String, messageID: (String) -> String) throws {
        guard !(send.isEmpty && superseded.isEmpty && unreachable.isEmpty) else { return }
        try db.transaction {
            // What is still waiting: read once (through the partial index of waiting reminders)
            // instead of once per new reminder.
            var waiting: [(thread: String, key: String, step: String?)] = []
            if !send.isEmpty {
                let st = try db.prepare("SELECT thread, key, step FROM reminders WHERE state IN ('queued','deferred')")
                while try st.step() { waiting.append((st.text(0) ?? "", st.text(1) ?? "", st.text(2))) }
            }
            // A thread gets one message at one instant: an older step still waiting for a retry
            // gives way to the new one.
            let older = Dictionary(grouping: RuleEngine.superseded(waiting, thread: \.thread, by: send).map(\.waiting),
                                   by: \.thread)
            for r in send {
                let t = try ensureThread(r.threadKey, token: token)
                for (_, key, step) in older[r.threadKey] ?? [] {
                    try db.run("UPDATE reminders SET state = 'superseded', next_try = NULL, updated = ? WHERE key = ?",
                               [.double(now.timeIntervalSince1970), .text(key)])
                    try appendLog(LogEntry(time: now, event: .superseded, rule: r.rule.rawValue, member: r.member,
                                           grid: r.grid, step: step, key: key,
                                           detail: .laterStepDue(step: r.step.description)))
                }
                try insert(r, state: .queued, now: now, messageID: messageID(t.token))
            }
            for r in superseded {
                if try insert(r, state: .superseded, now: now, messageID: "") {
                    let why: LogDetail = r.rule.isNotice ? .noticeTooLate : .missedWhileStopped
                    try appendLog(LogEntry(time: now, event: .superseded, rule: r.rule.rawValue, member: r.member,
                                           grid: r.grid, step: r.step.description, key: r.key,
                                           to: r.to.map(\.address), cc: r.cc.map(\.address), detail: why))
                }
            }
            for r in unreachable { try insert(r, state: .unreachable, now: now, messageID: "") }
        }
    }

    @discardableResult
    private func insert(_ r: DueReminder, state: ReminderState, now: Date, messageID: String) throws -> Bool {
        try db.run("""
            INSERT OR IGNORE INTO reminders(key, thread, rule, member, grid, period, step, deadline, due_at, state,
                next_try, message_id, open_periods, facts, to_addrs, cc_addrs, created, updated)
            VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, [
            .text(r.key), .text(r.threadKey), .text(r.rule.rawValue), .opt(r.member), .opt(r.grid), .text(r.period),
            .text(r.step.description), .opt(r.deadline?.description), .double(r.dueAt.timeIntervalSince1970),
            .text(state.rawValue), state == .queued ? .double(now.timeIntervalSince1970) : .null,
            .text(messageID), .text(r.openPeriods.joined(separator: ",")), .text(Store.encodeFacts(r.facts)),
            .text(Store.encodeMailboxes(r.to)), .text(Store.encodeMailboxes(r.cc)),
            .double(now.timeIntervalSince1970), .double(now.timeIntervalSince1970),
        ])
        return db.changes > 0
    }

    static let reminderColumns = """
        key, thread, rule, member, grid, period, step, deadline, due_at, state, attempts, next_try, first_try,
        message_id, open_periods, facts, to_addrs, cc_addrs, last_smtp, bundle, updated
        """

    func reminder(_ s: Statement) -> StoredReminder? {
        guard let rule = RuleID(rawValue: s.text(2) ?? ""), let step = Step(s.text(6) ?? ""),
              let state = ReminderState(rawValue: s.text(9) ?? "") else { return nil }
        return StoredReminder(
            key: s.text(0) ?? "", thread: s.text(1) ?? "", rule: rule, member: s.text(3), grid: s.text(4),
            period: s.text(5) ?? "", step: step, deadline: s.text(7).flatMap(LocalDate.iso),
            dueAt: Date(timeIntervalSince1970: s.double(8)), state: state, attempts: Int(s.int(10)),
            nextTry: s.optDouble(11).map(Date.init(timeIntervalSince1970:)),
            firstTry: s.optDouble(12).map(Date.init(timeIntervalSince1970:)),
            messageID: s.text(13) ?? "",
            openPeriods: (s.text(14) ?? "").split(separator: ",").map(String.init),
            storedFacts: s.text(15) ?? "{}",
            to: Store.decodeMailboxes(s.text(16) ?? ""), cc: Store.decodeMailboxes(s.text(17) ?? ""),
            lastSMTP: s.text(18), bundle: s.text(19), updated: Date(timeIntervalSince1970: s.double(20)))
    }

    /// Queued and deferred reminders whose time to (re)try has come, oldest due first.
    public func pending(at now: Date) throws -> [StoredReminder] {
        try db.query("""
            SELECT \(Store.reminderColumns) FROM reminders
            WHERE state IN ('queued','deferred') AND next_try <= ? ORDER BY due_at, key
            """, [.double(now.timeIntervalSince1970)]) { reminder($0) }.compactMap { $0 }
    }

    /// How many reminders `pending(at:)` returns, without reading them (a row this version
    /// cannot read, which `pending` leaves out, is counted).
    public func pendingCount(at now: Date) throws -> Int {
        try pendingCount(in: .reminders, at: now)
    }

    func pendingCount(in table: Outbox, at now: Date) throws -> Int {
        Int(try db.query("SELECT COUNT(*) FROM \(table.rawValue) WHERE state IN ('queued','deferred') AND next_try <= ?",
                         [.double(now.timeIntervalSince1970)]) { $0.int(0) }.first ?? 0)
    }

    /// The keys of everything still waiting (queued or deferred), without reading the rows.
    public func waitingKeys() throws -> Set<String> {
        Set(try db.query("SELECT key FROM reminders WHERE state IN ('queued','deferred')") { $0.text(0) ?? "" })
    }

    /// Everything still waiting (whatever its next try), for `status` and the daemon's timer.
    public func waiting() throws -> [StoredReminder] {
        try db.query("SELECT \(Store.reminderColumns) FROM reminders WHERE state IN ('queued','deferred') ORDER BY next_try")
            { reminder($0) }.compactMap { $0 }
    }

    public func reminders(inState state: ReminderState) throws -> [StoredReminder] {
        try db.query("SELECT \(Store.reminderColumns) FROM reminders WHERE state = ? ORDER BY due_at", [.text(state.rawValue)])
            { reminder($0) }.compactMap { $0 }
    }

    public func reminder(key: String) throws -> StoredReminder? {
        try db.query("SELECT \(Store.reminderColumns) FROM reminders WHERE key = ?", [.text(key)]) { reminder($0) }
            .first ?? nil
    }

    /// The earliest next try of anything waiting, for the daemon's timer.
    public func nextRetry() throws -> Date? {
        try db.query("SELECT MIN(next_try) FROM reminders WHERE state IN ('queued','deferred')") { $0.optDouble(0) }
            .first?.map(Date.init(timeIntervalSince1970:))
    }

    /// Records the outcome of one attempt and its log line, atomically.
    /// - Parameters: thread, messageID: for a sent message, remembered so the next message of
    ///   the thread replies to it.
    public func recordAttempt(key: String, state: ReminderState, smtp: String, nextTry: Date?, now: Date,
                              log: LogEntry, thread: String? = nil, messageID: String? = nil) throws {
        try recordAttempt(in: .reminders, key: key, state: state, smtp: smtp, nextTry: nextTry, now: now, log: log,
                          thread: thread, messageID: messageID)
    }

    /// The two tables of outgoing mail: reminders and acknowledgements of replies. Their rows
    /// move through the same states, so one statement serves both.
    enum Outbox: String {
        case reminders, acks
    }

    func recordAttempt(in table: Outbox, key: String, state: ReminderState, smtp: String, nextTry: Date?, now: Date,
                       log: LogEntry, thread: String?, messageID: String?) throws {
        try db.transaction {
            if let t = thread, let m = messageID { try appendMessage(thread: t, messageID: m) }
            try db.run("""
                UPDATE \(table.rawValue) SET state = ?, attempts = attempts + 1, next_try = ?, last_smtp = ?,
                    first_try = COALESCE(first_try, ?), updated = ? WHERE key = ?
                """, [.text(state.rawValue), .opt(nextTry?.timeIntervalSince1970), .text(smtp),
                      .double(now.timeIntervalSince1970), .double(now.timeIntervalSince1970), .text(key)])
            try appendLog(log)
        }
    }

    /// Moves a waiting reminder to a final state without an attempt (member gone, resolved).
    public func settle(key: String, state: ReminderState, now: Date, log: LogEntry) throws {
        try db.transaction {
            try db.run("UPDATE reminders SET state = ?, next_try = NULL, updated = ? WHERE key = ?",
                       [.text(state.rawValue), .double(now.timeIntervalSince1970), .text(key)])
            try appendLog(log)
        }
    }

    /// Postpones waiting reminders without counting an attempt (rate limits, send lock busy).
    public func postpone(keys: [String], until: Date) throws {
        try postpone(in: .reminders, keys: keys, until: until)
    }

    func postpone(in table: Outbox, keys: [String], until: Date) throws {
        try db.transaction {
            for k in keys {
                try db.run("UPDATE \(table.rawValue) SET next_try = ? WHERE key = ? AND state IN ('queued','deferred')",
                           [.double(until.timeIntervalSince1970), .text(k)])
            }
        }
    }

    /// Messages the server accepted after an instant (for `max_per_minute` / `max_per_day`).
    public func sentCount(since: Date) throws -> Int {
        Int(try db.query("SELECT COUNT(*) FROM log WHERE event IN ('sent','ack') AND time > ?",
                         [.double(since.timeIntervalSince1970)]) { $0.int(0) }.first ?? 0)
    }

    // MARK: threads

    public func thread(_ thread: String) throws -> ThreadInfo? {
        try db.query("SELECT thread, token, message_ids FROM threads WHERE thread = ?", [.text(thread)]) {
            ThreadInfo(thread: $0.text(0) ?? "", token: $0.text(1) ?? "",
                       messageIDs: ($0.text(2) ?? "").split(separator: " ").map(String.init))
        }.first
    }

    public func thread(token: String) throws -> ThreadInfo? {
        try db.query("SELECT thread, token, message_ids FROM threads WHERE token = ?", [.text(token)]) {
            ThreadInfo(thread: $0.text(0) ?? "", token: $0.text(1) ?? "",
                       messageIDs: ($0.text(2) ?? "").split(separator: " ").map(String.init))
        }.first
    }

    /// Returns the thread, creating it with `token` if it does not exist yet.
    public func ensureThread(_ thread: String, token: () -> String) throws -> ThreadInfo {
        if let t = try self.thread(thread) { return t }
        let tok = token()
        try db.run("INSERT OR IGNORE INTO threads(thread, token) VALUES(?, ?)", [.text(thread), .text(tok)])
        // Read back only when another writer made the thread first (ours was ignored).
        if db.changes > 0 { return ThreadInfo(thread: thread, token: tok, messageIDs: []) }
        return try self.thread(thread) ?? ThreadInfo(thread: thread, token: tok, messageIDs: [])
    }

    /// Remembers a message of the thread so the next one can reply to it. Only the root and
    /// the last few are kept: References stays short on a phone.
    public func appendMessage(thread: String, messageID: String) throws {
        guard var t = try self.thread(thread) else { return }
        t.messageIDs.append(messageID)
        if t.messageIDs.count > 10 { t.messageIDs = [t.messageIDs[0]] + t.messageIDs.suffix(9) }
        try db.run("UPDATE threads SET message_ids = ? WHERE thread = ?",
                   [.text(t.messageIDs.joined(separator: " ")), .text(thread)])
    }

    // MARK: log

    public func appendLog(_ e: LogEntry) throws {
        let stored = e.detail?.stored
        var legacy: String?
        if case .legacy(let text) = e.detail { legacy = text }
        try db.run("""
            INSERT INTO log(time, event, rule, member, grid, step, key, to_addrs, cc_addrs, subject, smtp, attempt, detail,
                code, args)
            VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, [.double(e.time.timeIntervalSince1970), .text(e.event.rawValue), .opt(e.rule), .opt(e.member),
                  .opt(e.grid), .opt(e.step), .opt(e.key), .text(e.to.joined(separator: ",")),
                  .text(e.cc.joined(separator: ",")), .opt(e.subject), .opt(e.smtp),
                  e.attempt.map { .int(Int64($0)) } ?? .null, .opt(legacy), .opt(stored?.code), .opt(stored?.arguments)])
    }

    /// A row's detail: its code and arguments; else, for a row written before schema 5, its
    /// English sentence as it is (`legacy`); a code this version does not know shows as written.
    static func logDetail(code: String?, arguments: String?, legacy: String?) -> LogDetail? {
        if let code {
            return LogDetail(code: code, arguments: arguments ?? "{}") ?? .legacy(text: "\(code) \(arguments ?? "")")
        }
        return legacy.map { .legacy(text: $0) }
    }

    public func log(_ f: LogFilter = LogFilter()) throws -> [LogEntry] {
        var sql = "SELECT id, time, event, rule, member, grid, step, key, to_addrs, cc_addrs, subject, smtp, attempt, detail, code, args FROM log WHERE 1=1"
        var vals: [SQLValue] = []
        if let m = f.member { sql += " AND member = ?"; vals.append(.text(m)) }
        if let r = f.rule { sql += " AND rule = ?"; vals.append(.text(r)) }
        if let s = f.since { sql += " AND time >= ?"; vals.append(.double(s.timeIntervalSince1970)) }
        if let e = f.event { sql += " AND event = ?"; vals.append(.text(e.rawValue)) }
        sql += " ORDER BY time, id"
        var rows = try db.query(sql, vals) { s -> LogEntry in
            LogEntry(id: s.int(0), time: Date(timeIntervalSince1970: s.double(1)),
                     event: LogEvent(rawValue: s.text(2) ?? "") ?? .ignored, rule: s.text(3), member: s.text(4),
                     grid: s.text(5), step: s.text(6), key: s.text(7),
                     to: (s.text(8) ?? "").split(separator: ",").map(String.init),
                     cc: (s.text(9) ?? "").split(separator: ",").map(String.init),
                     subject: s.text(10), smtp: s.text(11), attempt: s.isNull(12) ? nil : Int(s.int(12)),
                     detail: Store.logDetail(code: s.text(14), arguments: s.text(15), legacy: s.text(13)))
        }
        if let ms = f.members { rows = rows.filter { $0.member.map(ms.contains) ?? false } }
        if let l = f.limit, rows.count > l { rows = Array(rows.suffix(l)) }
        return rows
    }

    // MARK: records

    /// Stores a record and its log line; returns its id (what `record void --event` takes).
    @discardableResult
    public func addRecord(_ r: Record, source: String, now: Date) throws -> Int64 {
        try db.transaction { try insertRecord(r, source: source, now: now) }
    }

    /// Withdraws a mistaken record; false when no such (unvoided) record exists.
    public func voidRecord(id: Int64, note: String?, now: Date) throws -> StoredRecord? {
        try db.transaction { try voidRecordUnlocked(id: id, note: note, now: now) }
    }

    /// As `voidRecord`, inside the caller's transaction (a reply's `撤销`).
    @discardableResult
    func voidRecordUnlocked(id: Int64, note: String?, now: Date) throws -> StoredRecord? {
        guard let r = try records(includeVoided: true).first(where: { $0.record.id == id }), !r.voided else { return nil }
        try db.run("UPDATE records SET voided = 1, void_note = ? WHERE id = ?", [.opt(note), .int(id)])
        try appendLog(LogEntry(time: now, event: .void, member: r.record.member,
                               detail: .withdrawn(id: id, kind: r.record.kind.rawValue, date: r.record.date.description,
                                                  note: note)))
        return r
    }

    public func records(includeVoided: Bool = false, member: String? = nil) throws -> [StoredRecord] {
        var sql = "SELECT id, kind, member, date, method, note, through, recorded_at, source, voided FROM records WHERE 1=1"
        var vals: [SQLValue] = []
        if !includeVoided { sql += " AND voided = 0" }
        if let m = member { sql += " AND member = ?"; vals.append(.text(m)) }
        sql += " ORDER BY date, id"
        return try db.query(sql, vals) { s -> StoredRecord? in
            guard let kind = Record.Kind(rawValue: s.text(1) ?? ""), let date = LocalDate.iso(s.text(3) ?? "") else { return nil }
            // The `through` column holds a dues record's month and a report record's period
            // (`Record.period`): one column, no migration, never both for one record.
            var rec = Record(id: s.int(0), kind: kind, member: s.text(2) ?? "", date: date, method: s.text(4),
                             note: s.text(5), through: kind == .dues ? s.text(6).flatMap(YearMonth.iso) : nil)
            if kind == .report { rec.period = s.text(6) }
            return StoredRecord(record: rec, recordedAt: Date(timeIntervalSince1970: s.double(7)),
                                source: s.text(8) ?? "", voided: s.int(9) != 0)
        }.compactMap { $0 }
    }

    /// The rules' view of the records.
    public func recordBook() throws -> RecordBook {
        RecordBook(try records().map(\.record))
    }

    // MARK: encoding helpers

    static func encodeMailboxes(_ list: [Mailbox]) -> String {
        list.map { "\($0.name)\t\($0.address)" }.joined(separator: "\n")
    }

    /// Split by bytes: LF and TAB never occur inside a UTF-8 character, and a split by
    /// `Character` (grapheme breaking through every name) was most of reading a reminder back.
    static func decodeMailboxes(_ s: String) -> [Mailbox] {
        s.utf8.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else { return nil }
            return Mailbox(name: String(Substring(line[..<tab])), address: String(Substring(line[line.index(after: tab)...])))
        }
    }

    /// The JSON of a reminder's facts (`RuleFacts`' own form, `{"rule":…, …}`; `{}` for none).
    static func encodeFacts(_ f: RuleFacts) -> String {
        if case .absent = f { return "{}" }
        guard let data = try? factsEncoder.encode(f) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Keys sorted, so the same facts are always the same text.
    private static let factsEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return e
    }()

    /// A reminder's facts as stored: the JSON of `RuleFacts`, or, in a row written before facts
    /// were typed (schema 4 and earlier, no `rule` key), an object of strings read as
    /// `RuleFacts(rule:fields:)` reads them. Anything unreadable is no facts: the wording
    /// falls back on the roster.
    static func decodeFacts(_ s: String, rule: RuleID) -> RuleFacts {
        guard s != "{}" else { return .absent }
        if s.contains("\"rule\""), let f = try? JSONDecoder().decode(RuleFacts.self, from: Data(s.utf8)) {
            return f
        }
        return RuleFacts(rule: rule, fields: decodeFieldFacts(s))
    }

    /// An object of strings (rows of schema 4 and earlier); empty for anything else.
    static func decodeFieldFacts(_ s: String) -> [String: String] {
        (try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: String]) ?? [:]
    }
}

/// Store problems an operator can act on.
public enum StoreError: Error, CustomStringConvertible {
    case newerSchema(found: Int, known: Int)
    /// An older schema that only the daemon or `liaisond migrate` may upgrade.
    case upgradePending(found: Int, known: Int)

    public var description: String {
        switch self {
        case let .upgradePending(found, known):
            return "the store has schema \(found) and this liaisond needs \(known): an upgrade is pending; restart the "
                + "service (systemctl restart liaisond) or run liaisond migrate (a copy is kept as .bak-v\(found))"
        case let .newerSchema(found, known):
            return "the store was written by a newer liaisond (schema \(found), this one knows \(known)); upgrade liaisond"
        }
    }
}

extension Store {
    /// `PRAGMA integrity_check`: "ok" for a healthy file.
    public func integrityCheck() throws -> String {
        try db.query("PRAGMA integrity_check") { $0.text(0) ?? "" }.joined(separator: "\n")
    }
}
