#if canImport(Glibc)
import Glibc
#endif

/// An SQLite failure, carrying the library's own message ("SQLite error 5: database is locked").
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let statement: String?
    /// The operating system's errno behind an I/O failure (`sqlite3_system_errno`), 0 when none:
    /// how a full disk is told from a failing one (SQLite reports ENOSPC in a WAL or shm write
    /// as an I/O error, not always as SQLITE_FULL).
    public let systemErrno: Int32

    public init(code: Int32, message: String, statement: String?, systemErrno: Int32 = 0) {
        self.code = code
        self.message = message
        self.statement = statement
        self.systemErrno = systemErrno
    }

    public var description: String {
        var s = "SQLite error \(code): \(message)"
        if systemErrno == ENOSPC || systemErrno == EDQUOT { s += " (no space left on device)" }
        if let st = statement { s += " (in: \(st.prefix(80)))" }
        return s
    }

    /// SQLITE_BUSY / SQLITE_LOCKED: another process holds the database; try again later.
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }

    /// SQLITE_FULL, or an I/O error whose cause is a full disk or quota: frees up by itself or
    /// by an operator; nothing about the store is wrong.
    public var isFull: Bool {
        code & 0xFF == 13 || (code & 0xFF == 10 && (systemErrno == ENOSPC || systemErrno == EDQUOT))
    }

    /// A failure that may go away without anyone touching the store file (exit 75).
    public var isTemporary: Bool { isBusy || isFull }
}
