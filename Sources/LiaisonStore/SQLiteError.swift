/// An SQLite failure, carrying the library's own message ("SQLite error 5: database is locked").
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let statement: String?

    public var description: String {
        var s = "SQLite error \(code): \(message)"
        if let st = statement { s += " (in: \(st.prefix(80)))" }
        return s
    }

    /// SQLITE_BUSY / SQLITE_LOCKED: another process holds the database; try again later.
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }
}
