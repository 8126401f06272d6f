import Foundation
import LiaisonCore
import LiaisonMail

/// `liaisond check`: validate config and roster, print every problem, exit.
enum CheckCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond check [--config FILE] [--connect] [--at T]

            读取配置文件及其指定的台账，把每个问题报告为 FILE:LINE: …（警告为 FILE:LINE: warning: …）。
            可以使用时退出码为 0；有须先修正的问题时为 65。不发送邮件，不改动状态库；输出中注明状态库的路径。
            --connect 另外登录 SMTP 服务器（设置了 [imap] 时也登录 IMAP 服务器），每个服务器用一行说明能否使用，
            不发送任何邮件；登录失败时退出码为 69。
            """, """
            liaisond check [--config FILE] [--connect]

            Reads the config file and the roster it names and reports every problem as
            FILE:LINE: message (warnings as FILE:LINE: warning: message). Exit 0 when usable,
            65 when anything must be fixed first. Nothing is sent and the store is not touched.
            The store's path is printed. --connect also logs in to the SMTP server (and the IMAP server when
            [imap] is set) and says in one line each whether it works, sending nothing; exit 69 when a login fails.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["help", "connect"], command: "check")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "check")
        _ = try CLI.now(args, rt)
        let t = Localized(language: rt.language)
        let ms = rt.ledger.members
        // Counted by index and field: `filter(…).count` built three arrays of copied members
        // (a tenth of `check` at a million members, most of it the kernel clearing their pages).
        var out = 0, inc = 0, loc = 0
        var gridSet = Set<String>()
        for i in ms.indices {
            switch ms[i].kind {
            case .outgoing: out += 1
            case .incoming: inc += 1
            case .local: loc += 1
            }
            if let g = ms[i].grid { gridSet.insert(g) }
        }
        let grids = gridSet.count
        Platform.writeLine(t("配置有效：\(rt.configPath)", "Config OK: \(rt.configPath)"))
        Platform.writeLine(t("党员 \(ms.count) 名（流出 \(out) 名，流入 \(inc) 名，直管 \(loc) 名）；联系人、网格长 \(rt.ledger.people.count) 名；网格 \(grids) 个",
                             "\(ms.count) members (\(out) outgoing, \(inc) incoming, \(loc) local); \(rt.ledger.people.count) liaisons/grid leaders; \(grids) grids"))
        Platform.writeLine(t("状态库：\(rt.storePath)", "Store: \(rt.storePath)"))
        let reach = reachWarnings(rt)
        for w in reach { Platform.writeError(w.description) }
        let count = rt.warnings.count + reach.count
        if count > 0 {
            Platform.writeLine(t("警告 \(count) 条（见标准错误输出）", "\(count) warning(s) (see stderr)"))
        }
        if args.has("connect") { return ServerCheck.run(rt) }
        return ExitCode.ok
    }

    /// Rows that lack what a rule needs to reach anyone by mail (rules.md: `check` warns,
    /// `status` lists). The roster parser already warns about an outgoing member without a
    /// liaison; these are the address gaps.
    static func reachWarnings(_ rt: Runtime) -> [Diagnostic] {
        let t = Localized(language: rt.language)
        let ledger = rt.ledger
        var out: [Diagnostic] = []
        var gridsWithMobile = Set<String>()
        for m in ledger.members where !m.paused && m.relation != .transferred {
            let liaisonAddress = ledger.liaison(of: m)?.email
            if m.kind != .local, let g = m.grid { gridsWithMobile.insert(g) }
            if m.email == nil && m.duesPaidThrough != nil && (m.kind != .outgoing || liaisonAddress == nil) {
                out.append(.warning(file: rt.membersPath, line: m.line,
                                    t("\(m.id) \(m.name) 没有邮箱地址：党费提醒（dues.monthly）发不出去",
                                      "\(m.id) \(m.name) has no e-mail: dues reminders (dues.monthly) cannot reach anyone")))
            }
            if m.kind == .outgoing, m.email == nil, m.liaison != nil, liaisonAddress == nil {
                out.append(.warning(file: rt.membersPath, line: m.line,
                                    t("\(m.id) \(m.name)：本人和联系人 \(m.liaison ?? "") 都没有邮箱地址，汇报和联系提醒发不出去",
                                      "\(m.id) \(m.name): neither the member nor the liaison \(m.liaison ?? "") has an e-mail; report and contact reminders cannot be sent")))
            }
        }
        for g in gridsWithMobile.sorted() where ledger.gridLeaders[g]?.email == nil {
            out.append(.warning(file: rt.peoplePath, line: 1,
                                t("网格 \(g) 有流动党员，但没有留邮箱的网格长：摸排名单（survey.peak）和逾期抄送发不出去",
                                  "grid \(g) has mobile members but no grid leader with an e-mail: survey.peak lists and overdue copies cannot reach anyone")))
        }
        return out
    }
}
