import Foundation
import LiaisonStore

/// Opening the store from the CLI, with errors an operator can act on.
///
/// One store per config: the path comes from the config alone (`Runtime.storePath`), and only
/// the commands that must (`run`, `tick`, `ingest`, `migrate`) may create it. Commands that
/// read or add to an existing history (`record`, `status`, `log`) never create one, so an admin
/// with the wrong config cannot start a second history that the daemon never reads. A missing
/// or empty store where one existed is an error, not a fresh start (`StoreIdentity`).
enum StoreAccess {
    /// Opens the store, creating it when it does not exist (the daemon, `tick`, `ingest`,
    /// `migrate`). Only the daemon and `migrate` pass `migrate: true`: an upgrade copies the
    /// store first and should happen once, by the one who owns it, not by whichever command
    /// an admin happens to run first.
    static func open(_ rt: Runtime, migrate: Bool = true) throws -> Store {
        try open(rt, create: true, migrate: migrate)
    }

    /// Opens a store that must already exist (`record`): a missing one is an error with a hint.
    static func openExisting(_ rt: Runtime) throws -> Store {
        try StoreIdentity.checkBeforeOpen(storePath: rt.storePath)
        guard Platform.fileExists(rt.storePath) else {
            let t = Localized(language: rt.language)
            throw AppError.store(path: rt.storePath, reason: t(
                "状态库不存在。服务尚未运行过，或此配置指向的不是服务的状态库；请先启动服务（systemctl start liaisond）或运行 liaisond migrate 创建它",
                "it does not exist: the service has not run yet, or this config names another store than the "
                    + "service's; start the service (systemctl start liaisond) or run liaisond migrate to create it"))
        }
        return try open(rt, create: false, migrate: false)
    }

    /// nil for a store that does not exist yet (read-only commands must not create it).
    static func openIfExists(_ rt: Runtime) throws -> Store? {
        try StoreIdentity.checkBeforeOpen(storePath: rt.storePath)
        guard Platform.fileExists(rt.storePath) else { return nil }
        return try open(rt, create: false, migrate: false)
    }

    /// For commands that only read (`log`, `status`, `due`, `export`): opened read-only, so they
    /// work on a read-only store (a backup, a read-only mount, a file the admin may not write);
    /// nil for a store that does not exist yet.
    static func openForReading(_ rt: Runtime) throws -> Store? {
        try StoreIdentity.checkBeforeOpen(storePath: rt.storePath)
        guard Platform.fileExists(rt.storePath) else { return nil }
        if !Platform.canRead(rt.storePath) { throw permissionDenied(rt) }
        do {
            return try Store(readingOnly: rt.storePath)
        } catch let e as StoreError {
            throw appError(e, rt)
        } catch {
            throw StoreFailure.appError(error, path: rt.storePath)
        }
    }

    private static func open(_ rt: Runtime, create: Bool, migrate: Bool) throws -> Store {
        if create { Platform.makeDirectory(rt.stateDir, mode: 0o770) }
        try StoreIdentity.checkBeforeOpen(storePath: rt.storePath)
        let existed = Platform.fileExists(rt.storePath)
        let denied = existed ? !Platform.canWrite(rt.storePath) : false
        if denied || (Platform.fileExists(rt.stateDir) && !Platform.canWrite(rt.stateDir)) { throw permissionDenied(rt) }
        do {
            let s = try Store(path: rt.storePath, migrate: migrate)
            if !existed { Platform.chmod(rt.storePath, 0o660) }
            try StoreIdentity.adopt(s, storePath: rt.storePath)
            Platform.adoptOwnership([rt.storePath, rt.storePath + "-wal", rt.storePath + "-shm", rt.lockPath,
                                     StoreIdentity.sidecarPath(rt.storePath)], of: rt.stateDir)
            return s
        } catch let e as AppError {
            throw e
        } catch let e as StoreError {
            throw appError(e, rt)
        } catch {
            throw StoreFailure.appError(error, path: rt.storePath)
        }
    }

    /// SQLite's own message is "unable to open database file": say why and what to do.
    private static func permissionDenied(_ rt: Runtime) -> AppError {
        let t = Localized(language: rt.language)
        return AppError.store(path: rt.storePath, reason: t(
            "没有权限。请把自己加入 liaisond 组（sudo usermod -aG liaisond $USER），重新登录后再试",
            "permission denied; join group liaisond (sudo usermod -aG liaisond $USER) and log in again"))
    }

    /// An upgrade that waits for the daemon or `liaisond migrate`, said so; other store errors
    /// as they are.
    private static func appError(_ e: StoreError, _ rt: Runtime) -> AppError {
        let t = Localized(language: rt.language)
        if case let .upgradePending(found, known) = e {
            return AppError.unavailable(t(
                "状态库 \(rt.storePath) 的结构是第 \(found) 版，本程序需要第 \(known) 版：升级尚未进行。请重启服务（systemctl restart liaisond）或运行 liaisond migrate（升级前自动备份为 .bak-v\(found)）",
                "\(rt.storePath): \(e)"))
        }
        return AppError.store(path: rt.storePath, reason: "\(e)")
    }
}
