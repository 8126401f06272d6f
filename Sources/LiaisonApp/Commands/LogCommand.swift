import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond log`: the reminder log the secretary reads — every attempt, reply and record.
enum LogCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond log [--config FILE] [--member ID] [--liaison ID] [--rule RULE] [--since DATE] [--event E] [--json]
            liaisond log [--config FILE] --event N [--full]

            按时间先后显示日志：sent（已发送）、deferred（延后）、failed（失败）、superseded（略过）、reply（回复）、
            rejected（拒收）、ignored（忽略）、ack（确认）、record（记录）、void（撤销）。
            --liaison 显示该联系人负责联系的党员。--since 接受日期（支部时区的零点）或 ISO 8601 时间。
            --json 每行输出一个 JSON 对象；说明以 code 和 args 给出（供脚本匹配），detail 为英文，text 为显示的文字。
            状态库不存在时只作说明，不会新建。
            --event N（数字，与 record void --event N 相同）显示这条记录：类型、党员、日期、来源和内容；
            --full 显示完整的长篇汇报（包括记录中保留的 20000 字以外的部分）。
            """, """
            liaisond log [--config FILE] [--member ID] [--liaison ID] [--rule RULE] [--since DATE] [--event E] [--json]
            liaisond log [--config FILE] --event N [--full]

            Shows the log, oldest first: sent, deferred, failed, superseded, reply, rejected,
            ignored, ack, record, void. --liaison shows the members that person looks after.
            --since takes a date (midnight in the branch's time zone) or an ISO 8601 time.
            --json prints one JSON object per line; its detail comes as code and args (for
            scripts to match), detail (English) and text (as shown).
            A missing store is reported, never created.
            --event N (a number, as `record void --event N` takes it) shows that record: kind,
            member, date, where it came from, and its text; --full shows a long report whole
            (also the part beyond the 20,000 characters kept in the record).
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "member", "liaison", "rule", "since", "event"],
                                 flags: ["json", "help", "full"], command: "log")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "log")
        if let e = args["event"], let id = Int64(e) {
            return try LogRecordView.show(id: id, full: args.has("full"), json: args.has("json"), rt)
        }
        let say = Localized(language: rt.language)
        var filter = LogFilter(member: args["member"], rule: args["rule"])
        if let r = args["rule"], RuleID(rawValue: r) == nil {
            let known = RuleID.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError.usage(say("log：未知的规则“\(r)”（可用 \(known))", "log: unknown rule \"\(r)\" (one of \(known))"))
        }
        if let e = args["event"] {
            guard let ev = LogEvent(rawValue: e) else {
                let known = LogEvent.allCases.map(\.rawValue).joined(separator: ", ")
                throw AppError.usage(say("log：未知的事件“\(e)”（可用 \(known))", "log: unknown event \"\(e)\" (one of \(known))"))
            }
            filter.event = ev
        }
        if let s = args["since"] {
            if let d = LocalDate.parse(s) { filter.since = rt.calendar.startOfDay(d) }
            else if let t = TimeArgument.parse(s, calendar: rt.calendar) { filter.since = t }
            else {
                throw AppError.usage(say("log：--since “\(s)”不是日期（如 2026-12-01）或时间",
                                         "log: --since \"\(s)\" is not a date (2026-12-01) or a time"))
            }
        }
        if let l = args["liaison"] {
            guard rt.ledger.person(l) != nil else {
                throw AppError.usage(say("log：\(rt.peoplePath) 中没有编号为“\(l)”的人员", "log: no person \"\(l)\" in \(rt.peoplePath)"))
            }
            filter.members = Set(rt.ledger.members.filter { $0.liaison == l }.map(\.id))
        }
        guard let store = try StoreAccess.openForReading(rt) else {
            if !args.has("json") {
                Platform.writeLine(Localized(language: rt.language)(
                    "日志为空：状态库 \(rt.storePath) 不存在（服务尚未运行过，或此配置指向的不是服务的状态库）。",
                    "The log is empty: the store \(rt.storePath) does not exist (the service has not run yet, or this config names another store)."))
            }
            return ExitCode.ok
        }
        let rows = try store.log(filter)
        if args.has("json") {
            for e in rows { Platform.writeLine(json(e, rt)) }
            return ExitCode.ok
        }
        let t = Localized(language: rt.language)
        if rows.isEmpty {
            Platform.writeLine(t("没有符合条件的日志。", "No log entries match."))
            return ExitCode.ok
        }
        var table = TextTable()
        table.add([t("时间", "time"), t("事件", "event"), t("规则", "rule"), t("党员", "member"), t("步骤", "step"),
                   t("收件人", "to"), t("说明", "detail")])
        for e in rows {
            let when = ISOTime.format(e.time, rt.calendar.timeZone)
            let short = String(when.prefix(16)).replacingOccurrences(of: "T", with: " ")
            var detail = e.smtp ?? ""
            if let d = e.detail?.text(rt.language) {
                detail = detail.isEmpty ? d : "\(detail); \(d)"
            }
            table.add([short, eventName(e.event, t), e.rule ?? "-", DueCommand.memberLabel(e.member, rt), e.step ?? "-",
                       (e.to + e.cc).joined(separator: ","), String(detail.prefix(100))])
        }
        Platform.write(table.render())
        return ExitCode.ok
    }

    static func eventName(_ e: LogEvent, _ t: Localized) -> String {
        switch e {
        case .sent: return t("已发送", "sent")
        case .deferred: return t("延后", "deferred")
        case .failed: return t("失败", "failed")
        case .superseded: return t("略过", "superseded")
        case .reply: return t("回复", "reply")
        case .rejected: return t("拒收", "rejected")
        case .ignored: return t("忽略", "ignored")
        case .ack: return t("确认", "ack")
        case .record: return t("记录", "record")
        case .void: return t("撤销", "void")
        }
    }

    static func json(_ e: LogEntry, _ rt: Runtime) -> String {
        var j = JSONLine()
        j.add("id", .int(Int(e.id)))
        j.add("time", .string(ISOTime.format(e.time, rt.calendar.timeZone)))
        j.add("event", .string(e.event.rawValue))
        j.add("rule", .string(e.rule))
        j.add("member", .string(e.member))
        // Records and withdrawals are logged without a grid: the member's grid from the roster.
        j.add("grid", .string(e.grid ?? e.member.flatMap { rt.ledger.member($0)?.grid }))
        j.add("step", .string(e.step))
        j.add("key", .string(e.key))
        j.add("to", .strings(e.to))
        j.add("cc", .strings(e.cc))
        j.add("subject", .string(e.subject))
        j.add("smtp", .string(e.smtp))
        j.add("attempt", .int(e.attempt))
        // The detail three ways: its code and arguments (what scripts should match), the English
        // sentence older versions gave as `detail`, and the words `log` shows in the branch's language.
        let stored = e.detail?.stored
        j.add("code", .string(stored?.code ?? (e.detail == nil ? nil : "legacy")))
        j.add("args", .raw(stored?.arguments ?? "null"))
        j.add("detail", .string(e.detail?.description))
        j.add("text", .string(e.detail?.text(rt.language)))
        return j.text
    }
}
