import LiaisonCore

/// `liaisond check`: validate config and roster, print every problem, exit.
enum CheckCommand {
    static let help = """
        liaisond check --config FILE

        Reads the config file and the roster it names and reports every problem as
        FILE:LINE: message (warnings as FILE:LINE: warning: message). Exit 0 when usable,
        65 when anything must be fixed first. Nothing is sent and the store is not touched.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config"], flags: ["help"], command: "check")
        if args.has("help") { return CLI.help(help) }
        let rt = try CLI.loadRuntime(args, command: "check")
        let t = Localized(language: rt.language)
        let ms = rt.ledger.members
        let out = ms.filter { $0.kind == .outgoing }.count
        let inc = ms.filter { $0.kind == .incoming }.count
        let loc = ms.filter { $0.kind == .local }.count
        let grids = Set(ms.compactMap(\.grid)).count
        Platform.writeLine(t("配置有效:\(rt.configPath)", "Config OK: \(rt.configPath)"))
        Platform.writeLine(t("党员 \(ms.count) 名(流出 \(out),流入 \(inc),直管 \(loc));联系人/网格长 \(rt.ledger.people.count) 名;网格 \(grids) 个",
                             "\(ms.count) members (\(out) outgoing, \(inc) incoming, \(loc) local); \(rt.ledger.people.count) liaisons/grid leaders; \(grids) grids"))
        Platform.writeLine(t("状态库:\(rt.storePath)", "Store: \(rt.storePath)"))
        if !rt.warnings.isEmpty {
            Platform.writeLine(t("警告 \(rt.warnings.count) 条(见上方标准错误输出)", "\(rt.warnings.count) warning(s) (see stderr)"))
        }
        return ExitCode.ok
    }
}
