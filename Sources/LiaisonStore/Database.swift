import CSQLite
import Foundation

/// Owns one SQLite connection. Every result code goes through `check`, which throws with
/// SQLite's own message; statements are cached per SQL text because the same few run
/// thousands of times in one tick.
public final class Database {
    let handle: OpaquePointer
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) the file in WAL mode with `synchronous=NORMAL`: a power cut
    /// may lose the last commit, which can at worst repeat one reminder (rules.md).
    ///
    /// Read-only, a WAL store on a read-only file system (no `-shm` can be created) is opened
    /// as immutable: nobody can be writing it there, and its last writer checkpointed it.
    public convenience init(path: String, readOnly: Bool = false) throws {
        guard readOnly else {
            try self.init(path: path, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, readOnly: false)
            return
        }
        do {
            try self.init(path: path, flags: SQLITE_OPEN_READONLY, readOnly: true)
        } catch let e as SQLiteError where e.code & 0xFF == SQLITE_CANTOPEN {
            var uri = "file:"
            for c in path.unicodeScalars {
                switch c {
                case "%", "?", "#", " ": uri += String(format: "%%%02X", c.value)
                default: uri.unicodeScalars.append(c)
                }
            }
            try self.init(path: uri + "?immutable=1", flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, readOnly: true)
        }
    }

    private init(path: String, flags: Int32, readOnly: Bool) throws {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            let errno = db.map { sqlite3_system_errno($0) } ?? 0
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(msg): \(path)", statement: nil, systemErrno: errno)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        // Readers and a sender side by side: wait for a lock instead of failing at once.
        sqlite3_busy_timeout(db, 10_000)
        if !readOnly {
            try execute("PRAGMA journal_mode=WAL")
        } else {
            // Reads the header now, so a file that cannot be read fails here, not in a query.
            try execute("SELECT count(*) FROM sqlite_master")
        }
        try execute("PRAGMA synchronous=NORMAL")
        try execute("PRAGMA foreign_keys=ON")
    }

    deinit {
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    @discardableResult
    func check(_ rc: Int32, _ sql: String? = nil) throws -> Int32 {
        switch rc {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE: return rc
        default:
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), statement: sql,
                              systemErrno: sqlite3_system_errno(handle))
        }
    }

    /// Frees what SQLite keeps for this connection and can read again (its page cache, about
    /// 2 MB after a pass): for a daemon that then sleeps for minutes.
    public func releaseMemory() {
        _ = sqlite3_db_release_memory(handle)
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(err)
            throw SQLiteError(code: rc, message: msg, statement: sql, systemErrno: sqlite3_system_errno(handle))
        }
    }

    /// A cached prepared statement, reset and with bindings cleared.
    func prepare(_ sql: String) throws -> Statement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        let s = try Statement(db: self, sql: sql)
        cache[sql] = s
        return s
    }

    /// Runs `body` in an IMMEDIATE transaction (the write lock is taken up front, so two
    /// writers queue on the busy timeout instead of failing with a deadlock).
    /// Inside another transaction, `body` joins it (commits with it, rolls back with it).
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if sqlite3_get_autocommit(handle) == 0 { return try body() }
        // Cached statements: a tick commits once per message, and `sqlite3_exec` would parse
        // the text every time.
        try run("BEGIN IMMEDIATE", [])
        do {
            let r = try body()
            try run("COMMIT", [])
            return r
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? run("ROLLBACK", []) }
            throw error
        }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Convenience: run a statement with bindings, no rows.
    func run(_ sql: String, _ values: [SQLValue]) throws {
        let st = try prepare(sql)
        try st.bind(values)
        while try st.step() {}
    }

    /// Convenience: rows of a query.
    func query<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (Statement) throws -> T) throws -> [T] {
        let st = try prepare(sql)
        try st.bind(values)
        var out: [T] = []
        while try st.step() { out.append(try row(st)) }
        return out
    }

    func scalarText(_ sql: String, _ values: [SQLValue] = []) throws -> String? {
        try query(sql, values) { $0.text(0) }.first ?? nil
    }
}

/// A value bound to a statement parameter.
public enum SQLValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    static func opt(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    static func opt(_ d: Double?) -> SQLValue { d.map { .double($0) } ?? .null }
}

/// A prepared statement, owned by its `Database`'s cache.
final class Statement {
    private let stmt: OpaquePointer
    private unowned let db: Database
    let sql: String

    init(db: Database, sql: String) throws {
        var s: OpaquePointer?
        let rc = sqlite3_prepare_v2(db.handle, sql, -1, &s, nil)
        guard rc == SQLITE_OK, let s else {
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(db.handle)), statement: sql,
                              systemErrno: sqlite3_system_errno(db.handle))
        }
        self.stmt = s
        self.db = db
        self.sql = sql
    }

    deinit { sqlite3_finalize(stmt) }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ values: [SQLValue]) throws {
        for (i, v) in values.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch v {
            case .null: rc = sqlite3_bind_null(stmt, idx)
            case .int(let n): rc = sqlite3_bind_int64(stmt, idx, n)
            case .double(let d): rc = sqlite3_bind_double(stmt, idx, d)
            case .text(let s): rc = sqlite3_bind_text(stmt, idx, s, -1, Statement.transient)
            }
            try db.check(rc, sql)
        }
    }

    /// True while there is a row.
    func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        try db.check(rc, sql)
        return false
    }

    func text(_ col: Int32) -> String? {
        guard let p = sqlite3_column_text(stmt, col) else { return nil }
        return String(cString: p)
    }

    func int(_ col: Int32) -> Int64 { sqlite3_column_int64(stmt, col) }
    func double(_ col: Int32) -> Double { sqlite3_column_double(stmt, col) }
    func isNull(_ col: Int32) -> Bool { sqlite3_column_type(stmt, col) == SQLITE_NULL }
    func optDouble(_ col: Int32) -> Double? { isNull(col) ? nil : double(col) }
}
