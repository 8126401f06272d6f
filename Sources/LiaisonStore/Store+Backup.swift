import CSQLite
import Foundation

extension Store {
    /// Writes a consistent copy of the store to `destination` with SQLite's online backup API
    /// while others keep using it (the daemon need not stop), then sets mode 0640: the copy holds
    /// the same personal data as the store. An existing file at `destination` is replaced.
    /// - Throws: `SQLiteError` when the copy cannot be written.
    public func backup(to destination: String) throws {
        let temporary = destination + ".tmp-\(getpid())"
        unlink(temporary)
        let previous = umask(0o027)
        defer { umask(previous) }
        var target: OpaquePointer?
        let rc = sqlite3_open_v2(temporary, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard rc == SQLITE_OK, let target else {
            let message = target.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(target)
            throw SQLiteError(code: rc, message: "\(message): \(destination)", statement: nil)
        }
        defer { sqlite3_close_v2(target) }
        guard let job = sqlite3_backup_init(target, "main", db.handle, "main") else {
            let error = SQLiteError(code: sqlite3_errcode(target), message: String(cString: sqlite3_errmsg(target)), statement: nil)
            unlink(temporary)
            throw error
        }
        // All pages in one step: the store is small, and one step is one consistent snapshot.
        var step = sqlite3_backup_step(job, -1)
        while step == SQLITE_BUSY || step == SQLITE_LOCKED {
            usleep(50_000)
            step = sqlite3_backup_step(job, -1)
        }
        let finish = sqlite3_backup_finish(job)
        guard step == SQLITE_DONE, finish == SQLITE_OK else {
            let error = SQLiteError(code: step == SQLITE_DONE ? finish : step, message: String(cString: sqlite3_errmsg(target)),
                                    statement: nil)
            unlink(temporary)
            throw error
        }
        // The copy is a plain rollback-journal file, readable without its -wal.
        sqlite3_exec(target, "PRAGMA journal_mode=DELETE", nil, nil, nil)
        chmod(temporary, 0o640)
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SQLiteError(code: SQLITE_CANTOPEN, message: "\(reason): \(destination)", statement: nil)
        }
    }
}

extension Store {
    /// The schema version of a store file, read without upgrading or creating it.
    public static func version(ofFileAt path: String) throws -> Int {
        try Database(path: path, readOnly: true).query("PRAGMA user_version") { Int($0.int(0)) }.first ?? 0
    }
}
