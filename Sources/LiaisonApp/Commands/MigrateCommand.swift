import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond migrate`: creates the store, or upgrades its schema after a new liaisond was
/// installed (the daemon does the same when it starts). Every other command only says that an
/// upgrade is pending, so the upgrade happens once, with a copy kept as `liaisond.sqlite.bak-vN`.
enum MigrateCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond migrate [--config FILE]

            创建状态库，或在安装新版本后升级其结构（服务启动时也会自动升级）。升级前先把状态库
            复制为 liaisond.sqlite.bak-vN（N 为旧版本号，权限 0640）。其他命令遇到待升级的状态库
            只提示，不升级。
            """, """
            liaisond migrate [--config FILE]

            Creates the store, or upgrades its schema after a new liaisond was installed (the
            service does the same when it starts). Before an upgrade the store is copied to
            liaisond.sqlite.bak-vN (N the old version, mode 0640). Other commands only say that
            an upgrade is pending.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config"], flags: ["help"], command: "migrate")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "migrate")
        let t = Localized(language: rt.language)
        var before = 0
        let existed = Platform.fileExists(rt.storePath)
        if existed { before = (try? Store.version(ofFileAt: rt.storePath)) ?? 0 }
        let store = try StoreAccess.open(rt, migrate: true)
        let after = try store.version
        if !existed {
            Platform.writeLine(t("已创建状态库 \(rt.storePath)（结构第 \(after) 版）", "created the store \(rt.storePath) (schema \(after))"))
        } else if before < after {
            Platform.writeLine(t("已升级状态库 \(rt.storePath)：结构第 \(before) 版 → 第 \(after) 版；升级前的副本：\(rt.storePath).bak-v\(before)",
                                 "upgraded the store \(rt.storePath): schema \(before) → \(after); the copy from before: \(rt.storePath).bak-v\(before)"))
        } else {
            Platform.writeLine(t("状态库 \(rt.storePath) 已是最新（结构第 \(after) 版）", "the store \(rt.storePath) is up to date (schema \(after))"))
        }
        return ExitCode.ok
    }
}
