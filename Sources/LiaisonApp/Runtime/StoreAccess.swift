import Foundation
import LiaisonStore

/// Opening the store from the CLI, with errors an operator can act on.
enum StoreAccess {
    static func open(_ rt: Runtime) throws -> Store {
        Platform.makeDirectory(rt.stateDir, mode: 0o770)
        let existed = Platform.fileExists(rt.storePath)
        // A missing or empty store where one existed is an error, not a fresh start.
        try StoreIdentity.checkBeforeOpen(storePath: rt.storePath)
        do {
            let s = try Store(path: rt.storePath)
            if !existed { Platform.chmod(rt.storePath, 0o660) }
            try StoreIdentity.adopt(s, storePath: rt.storePath)
            return s
        } catch let e as AppError {
            throw e
        } catch {
            throw StoreFailure.appError(error, path: rt.storePath)
        }
    }

    /// nil for a store that does not exist yet (read-only commands must not create it).
    static func openIfExists(_ rt: Runtime) throws -> Store? {
        guard Platform.fileExists(rt.storePath) else { return nil }
        return try open(rt)
    }

    /// For commands that only read (`log`, `status`, `due`, `export`): opened read-only, so they
    /// work on a read-only store (a backup, a read-only mount, a file the admin may not write);
    /// nil for a store that does not exist yet. A store whose schema is older than this build's
    /// is opened for writing once, to bring it up to date.
    static func openForReading(_ rt: Runtime) throws -> Store? {
        try StoreIdentity.checkBeforeOpen(storePath: rt.storePath)
        guard Platform.fileExists(rt.storePath) else { return nil }
        do {
            return try Store(readingOnly: rt.storePath)
        } catch StoreError.needsUpgrade {
            return try open(rt)
        } catch {
            throw StoreFailure.appError(error, path: rt.storePath)
        }
    }
}
