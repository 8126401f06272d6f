import Foundation
import LiaisonCore

/// `liaisond config`: the effective configuration — every key with its default filled in, the
/// resolved paths, and the store — as the service would use it. Passwords are never printed
/// (`<secret>` says one was read).
enum ConfigCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond config [--config FILE]

            显示实际生效的配置：每个键（未写的显示默认值）、解析后的路径和状态库。密码只显示为 <secret>。
            """, """
            liaisond config [--config FILE]

            Prints the effective configuration: every key (defaults filled in), the resolved
            paths and the store. Passwords show as <secret>.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config"], flags: ["help"], command: "config")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "config")
        Platform.write(text(rt))
        return ExitCode.ok
    }

    static func text(_ rt: Runtime) -> String {
        let t = Localized(language: rt.language)
        var out = t("# 生效的配置：\(rt.configPath)\n", "# effective configuration: \(rt.configPath)\n")
        out += t("# 台账：\(rt.membersPath)、\(rt.peoplePath)\n", "# roster: \(rt.membersPath), \(rt.peoplePath)\n")
        out += t("# 状态库：\(rt.storePath)\n", "# store: \(rt.storePath)\n")
        func secret(_ section: String, _ value: String?) -> String {
            value == nil ? t("# [\(section)] 密码：无\n", "# [\(section)] password: none\n")
                : t("# [\(section)] 密码：<secret>\n", "# [\(section)] password: <secret>\n")
        }
        out += secret("smtp", rt.smtpPassword)
        if rt.config.imap != nil { out += secret("imap", rt.imapPassword) }
        return out + "\n" + rt.config.description
    }
}
