import Foundation
import LiaisonStore

/// Opening the store from the CLI, with errors an operator can act on.
///
/// One store per config: the path comes from the config alone (`Runtime.storePath`), and only
/// the commands that must (`run`, `tick`, `ingest`, `migrate`) may create it. Commands that
/// read or add to an existing history (`record`, `status`, `log`) never create one, so an admin
/// with the wrong config cannot start a second history that the daemon never reads.
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
        guard Platform.fileExists(rt.storePath) else { return nil }
        return try open(rt, create: false, migrate: false)
    }

    private static func open(_ rt: Runtime, create: Bool, migrate: Bool) throws -> Store {
        let t = Localized(language: rt.language)
        if create { Platform.makeDirectory(rt.stateDir, mode: 0o770) }
        let existed = Platform.fileExists(rt.storePath)
        // SQLite's own message for these is "unable to open database file"; say why and what to do.
        let denied = existed ? !Platform.canWrite(rt.storePath) : false
        if denied || (Platform.fileExists(rt.stateDir) && !Platform.canWrite(rt.stateDir)) {
            throw AppError.store(path: rt.storePath, reason: t(
                "没有权限。请把自己加入 liaisond 组（sudo usermod -aG liaisond $USER），重新登录后再试",
                "permission denied; join group liaisond (sudo usermod -aG liaisond $USER) and log in again"))
        }
        do {
            let s = try Store(path: rt.storePath, migrate: migrate)
            if !existed { Platform.chmod(rt.storePath, 0o660) }
            Platform.adoptOwnership([rt.storePath, rt.storePath + "-wal", rt.storePath + "-shm", rt.lockPath],
                                    of: rt.stateDir)
            return s
        } catch let e as StoreError {
            if case let .upgradePending(found, known) = e {
                throw AppError.unavailable(t(
                    "状态库 \(rt.storePath) 的结构是第 \(found) 版，本程序需要第 \(known) 版：升级尚未进行。请重启服务（systemctl restart liaisond）或运行 liaisond migrate（升级前自动备份为 .bak-v\(found)）",
                    "\(rt.storePath): \(e)"))
            }
            throw AppError.store(path: rt.storePath, reason: "\(e)")
        } catch let e as SQLiteError where e.isBusy {
            throw AppError.temporary("the store \(rt.storePath) is busy: \(e)")
        } catch {
            throw AppError.store(path: rt.storePath, reason: "\(error)")
        }
    }
}
