import LiaisonCore
import LiaisonMail

/// `liaisond check`: validate config and roster, print every problem, exit.
enum CheckCommand {
    static let help = """
        liaisond check --config FILE

        Reads the config file and the roster it names and reports every problem as
        FILE:LINE: message (warnings as FILE:LINE: warning: message). Exit 0 when usable,
        65 when anything must be fixed first. Nothing is sent and the store is not touched.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config"], flags: ["help", "connect"], command: "check")
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
        let reach = reachWarnings(rt)
        for w in reach { Platform.writeError(w.description) }
        let count = rt.warnings.count + reach.count
        if count > 0 {
            Platform.writeLine(t("警告 \(count) 条(见标准错误输出)", "\(count) warning(s) (see stderr)"))
        }
        if args.has("connect") { return ServerCheck.run(rt) }
        return ExitCode.ok
    }

    /// Rows that lack what a rule needs to reach anyone by mail (rules.md: `check` warns,
    /// `status` lists). The roster parser already warns about an outgoing member without a
    /// liaison; these are the address gaps.
    static func reachWarnings(_ rt: Runtime) -> [Diagnostic] {
        let ledger = rt.ledger
        var out: [Diagnostic] = []
        var gridsWithMobile = Set<String>()
        for m in ledger.members where !m.paused && m.relation != .transferred {
            let liaisonAddress = ledger.liaison(of: m)?.email
            if m.kind != .local, let g = m.grid { gridsWithMobile.insert(g) }
            if m.email == nil && m.duesPaidThrough != nil && (m.kind != .outgoing || liaisonAddress == nil) {
                out.append(.warning(file: rt.membersPath, line: m.line,
                                    "\(m.id) \(m.name) has no e-mail: dues reminders (dues.monthly) cannot reach anyone"))
            }
            if m.kind == .outgoing, m.email == nil, m.liaison != nil, liaisonAddress == nil {
                out.append(.warning(file: rt.membersPath, line: m.line,
                                    "\(m.id) \(m.name): neither the member nor the liaison \(m.liaison ?? "") has an e-mail; report and contact reminders cannot be sent"))
            }
        }
        for g in gridsWithMobile.sorted() where ledger.gridLeaders[g]?.email == nil {
            out.append(.warning(file: rt.peoplePath, line: 1,
                                "grid \(g) has mobile members but no grid leader with an e-mail: survey.peak lists and overdue copies cannot reach anyone"))
        }
        return out
    }
}
