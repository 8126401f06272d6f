import LiaisonStore

/// How a store error reaches the operator: the exit code tells a failure that goes away by
/// itself (75: disk full, store locked by another writer) from a store that cannot be used as
/// it is (73: read-only, corrupt, not a database, I/O error, replaced). docs/reliability.md.
enum StoreFailure {
    /// The `AppError` for an error thrown by the store at `path`.
    static func appError(_ error: Error, path: String?) -> AppError {
        let name = path.map { "the store \($0)" } ?? "the store"
        guard let e = error as? SQLiteError else {
            if let app = error as? AppError { return app }
            return AppError.store(path: path ?? "", reason: "\(error)")
        }
        if e.isFull {
            return AppError.temporary("\(name) cannot be written: the disk is full (\(e)); "
                                      + "nothing was lost, free some space and it goes on")
        }
        if e.isBusy {
            return AppError.temporary("\(name) is locked by another program (\(e)); "
                                      + "nothing was lost, it is tried again later")
        }
        return AppError.store(path: path ?? "", reason: "\(e)")
    }
}
