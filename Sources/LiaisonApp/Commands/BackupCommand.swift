import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond backup FILE`: a consistent copy of the store while the daemon runs (SQLite's
/// online backup API), mode 0640, for the nightly backup or before moving to another server.
enum BackupCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond backup [--config FILE] FILE

            在服务运行时把状态库完整一致地复制到 FILE(SQLite 在线备份），权限 0640。
            恢复：停止服务，把 FILE 复制为配置中的状态库路径，再启动服务。
            """, """
            liaisond backup [--config FILE] FILE

            Copies the store to FILE while the service runs (SQLite's online backup: one
            consistent snapshot), mode 0640. To restore: stop the service, copy FILE to the
            store's path from the config, start the service.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config"], flags: ["help"], command: "backup", maxPositionals: 1)
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "backup")
        let t = Localized(language: rt.language)
        guard let file = args.positionals.first else {
            throw AppError.usage(t("backup：缺少 FILE（备份文件的路径）", "backup: give the FILE to write"))
        }
        guard let store = try StoreAccess.openIfExists(rt) else {
            throw AppError.store(path: rt.storePath, reason: t("状态库不存在，无可备份", "it does not exist; nothing to back up"))
        }
        do {
            try store.backup(to: file)
        } catch {
            throw AppError.store(path: file, reason: "\(error)")
        }
        Platform.writeLine(t("已备份 \(rt.storePath) → \(file)", "backed up \(rt.storePath) → \(file)"))
        return ExitCode.ok
    }
}
