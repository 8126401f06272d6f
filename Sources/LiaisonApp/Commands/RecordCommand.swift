import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond record`: what happened outside e-mail — a phone call, dues paid at the office.
enum RecordCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond record [--config FILE] KIND --member ID [--date D] [--method M] [--note TEXT] [--through YYYY-MM] [--period P] [--at T]
            liaisond record [--config FILE] void --event ID [--member ID] [--note WHY]

            KIND：contact（联系）、unreachable（未联系上）、report（汇报；补交以前季度的汇报加 --period 2026Q4）、
            dues（党费，需 --through YYYY-MM）、inspection（活动证检查）、transfer（组织关系转出，转出待接收期间提醒照常）、
            received（接收方回执，提醒停止）、register（编入）。--date 默认为今天；明天以后的日期，
            或党费交至12个月以后，都不予记录（退出码 65）。不适用于该党员的类型也不予记录（退出码 65）：register
            只用于流入党员，transfer 和 received 只用于流出党员，inspection 只用于持活动证的流出党员，contact、unreachable 和
            report 只用于流动（流出或流入）党员。
            void 按 liaisond log 显示的编号（#ID）撤销一条记录；加 --member 时，只在该记录属于这名党员时撤销
            （防止编号输错）。状态库须已存在（服务运行过，或运行过 liaisond migrate）：record 不会新建状态库。
            """, """
            liaisond record [--config FILE] KIND --member ID [--date D] [--method M] [--note TEXT] [--through YYYY-MM] [--period P] [--at T]
            liaisond record [--config FILE] void --event ID [--member ID] [--note WHY]

            KIND: contact, unreachable, report (with --period 2026Q4 for a late report of an earlier
            period), dues (with --through YYYY-MM), inspection, transfer (转出待接收: reminders go on),
            received (the receipt of the transfer: reminders stop), register. --date defaults to
            today; a date more than one day ahead, or dues paid more than 12 months ahead, is
            refused (exit 65). A kind that does not apply to the member is refused
            too (exit 65): register is for incoming members, transfer for outgoing members, inspection
            for outgoing members holding a certificate, contact, unreachable and report for mobile
            (outgoing or incoming) members.
            void withdraws an earlier record by the id that `liaisond log` shows (#ID); with --member,
            only when the record is about that member (a check against a mistyped id).
            The store must exist (the service ran, or liaisond migrate): record never creates one.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "member", "date", "method", "note", "through", "at", "event",
                                                 "period"],
                                 flags: ["help"], command: "record", maxPositionals: 1)
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        guard args.positionals.count == 1, let kindText = args.positionals.first else {
            throw AppError.usage("record: give one KIND (contact, unreachable, report, dues, inspection, transfer, received, register, void)")
        }
        let rt = try CLI.loadRuntime(args, command: "record")
        let now = try CLI.now(args, rt)
        let t = Localized(language: rt.language)
        if kindText == "void" { return try void(args, rt, now: now, t) }
        guard let kind = Record.Kind(rawValue: kindText) else {
            throw AppError.usage(t("record：未知的类型“\(kindText)”（可用 contact、unreachable、report、dues、inspection、transfer、received、register、void）",
                                   "record: unknown KIND \"\(kindText)\" (contact, unreachable, report, dues, inspection, transfer, received, register, void)"))
        }
        if args["event"] != nil {
            throw AppError.usage(t("record：--event 只用于 void（撤销记录）", "record: --event is only for void"))
        }
        guard let memberID = args["member"] else {
            throw AppError.usage(t("record：缺少 --member（党员编号）", "record: --member is required"))
        }
        guard let member = rt.ledger.member(memberID) else {
            throw AppError.badData([t("record：\(rt.membersPath) 中没有编号为“\(memberID)”的党员",
                                      "record: no member \"\(memberID)\" in \(rt.membersPath)")])
        }
        if let why = refusal(kind, for: member, t) { throw AppError.badData([why]) }
        let today = rt.calendar.day(of: now)
        var date = today
        if let d = args["date"] {
            guard let parsed = LocalDate.parse(d) else {
                throw AppError.badData([t("record：--date “\(d)”不是日期（可写 2026-12-20、2026/12/20、2026年12月20日）",
                                          "record: --date \"\(d)\" is not a date (2026-12-20, 2026/12/20, 2026年12月20日)")])
            }
            date = parsed
        }
        if date > today.adding(days: 1) {
            throw AppError.badData([t("record：--date \(date) 是将来的日期（今天是 \(today)），未记录；以免笔误让提醒多年不发",
                                      "record: --date \(date) is in the future (today is \(today)); a typo must not silence reminders")])
        }
        var through: YearMonth?
        if kind == .dues {
            guard let th = args["through"] else {
                throw AppError.usage(t("record dues：缺少 --through YYYY-MM（党费交至的月份）", "record dues: --through YYYY-MM is required"))
            }
            guard let ym = YearMonth.parse(th) else {
                throw AppError.badData([t("record：--through “\(th)”不是月份（可写 2026-11、2026年11月）",
                                          "record: --through \"\(th)\" is not a month (2026-11, 2026年11月)")])
            }
            if ym > today.yearMonth.adding(months: 12) {
                throw AppError.badData([t("record：--through \(ym) 超出今后12个月，未记录；以免笔误让提醒多年不发",
                                          "record: --through \(ym) is more than 12 months ahead; a typo must not silence reminders")])
            }
            through = ym
        } else if args["through"] != nil {
            throw AppError.usage(t("record：--through 只用于 dues（党费）", "record: --through is only for dues"))
        }
        var period: String?
        if let p = args["period"] {
            guard kind == .report else {
                throw AppError.usage(t("record：--period 只用于 report（汇报）", "record: --period is only for report"))
            }
            guard ReportPeriodicRule.lastDay(ofPeriod: p) != nil else {
                throw AppError.badData([t("record：--period “\(p)”不是季度或半年（可写 2026Q4、2026H2）",
                                          "record: --period \"\(p)\" is not a quarter or half-year (2026Q4, 2026H2)")])
            }
            period = p
        }
        let store = try StoreAccess.openExisting(rt)
        var rec = Record(kind: kind, member: memberID, date: date, method: args["method"], note: args["note"], through: through)
        rec.period = period
        let id = try store.addRecord(rec, source: "cli", now: now)
        Platform.writeLine(t("已记录 #\(id)：\(LogDetail.kindName(kind.rawValue, .zh)) \(memberID) \(date)" + (through.map { " 缴至 \($0)" } ?? ""),
                             "recorded #\(id): \(kind.rawValue) \(memberID) \(date)" + (through.map { " through \($0)" } ?? "")))
        return ExitCode.ok
    }

    /// `record void --event ID [--member ID] [--note WHY]`: `--member`, when given, must be the
    /// record's member, so that a mistyped id withdraws nothing.
    private static func void(_ args: Arguments, _ rt: Runtime, now: Date, _ t: Localized) throws -> Int32 {
        for option in ["date", "method", "through"] where args[option] != nil {
            throw AppError.usage(t("record void：不接受 --\(option)（只有 --event、--member、--note)",
                                   "record void: --\(option) does not apply (only --event, --member, --note)"))
        }
        guard let idText = args["event"], let id = Int64(idText.hasPrefix("#") ? String(idText.dropFirst()) : idText) else {
            throw AppError.usage(t("record void：缺少 --event ID(liaisond log 显示的 #编号）",
                                   "record void: --event ID is required (the #ID that liaisond log shows)"))
        }
        let store = try StoreAccess.openExisting(rt)
        let missing = t("record void：没有记录 #\(id)（或已撤销）", "record void: no record #\(id) (or it is already withdrawn)")
        if let expected = args["member"] {
            guard let r = try store.records(member: nil).first(where: { $0.record.id == id }) else {
                throw AppError.badData([missing])
            }
            guard r.record.member == expected else {
                throw AppError.badData([t("record void：记录 #\(id) 是关于 \(r.record.member) 的，不是 \(expected)；未撤销，请用 liaisond log 核对编号",
                                          "record void: record #\(id) is about \(r.record.member), not \(expected); nothing withdrawn (check the id with liaisond log)")])
            }
        }
        guard let r = try store.voidRecord(id: id, note: args["note"], now: now) else {
            throw AppError.badData([missing])
        }
        Platform.writeLine(t("已撤销记录 #\(id)（\(LogDetail.kindName(r.record.kind.rawValue, .zh)) \(r.record.member) \(r.record.date)）",
                             "withdrew record #\(id) (\(r.record.kind.rawValue) \(r.record.member) \(r.record.date))"))
        return ExitCode.ok
    }

    /// Why `kind` cannot be recorded for `m` (rules.md: which rule each event resolves, and to
    /// whom that rule applies), or nil when it can.
    static func refusal(_ kind: Record.Kind, for m: Member, _ t: Localized) -> String? {
        let who = t("\(kindName(m.kind, t))\(m.name)（\(m.id)）", "\(m.name) (\(m.id)) is \(kindName(m.kind, t))")
        switch kind {
        case .register where m.kind != .incoming:
            return t("record：register（编入支部、党小组）只用于流入党员，\(who)不适用；未记录",
                     "record: register (placed in a branch and party group) is for incoming members only; \(who); nothing recorded")
        case .transfer where m.kind != .outgoing, .received where m.kind != .outgoing:
            return t("record：transfer（组织关系转出）只用于流出党员，其组织关系转到所去地方；\(who)不适用；未记录",
                     "record: transfer is for outgoing members, whose membership moves to where they went; \(who); nothing recorded")
        case .inspection where m.kind != .outgoing:
            return t("record：inspection（活动证检查）只用于持有流动党员活动证的流出党员，\(who)不适用；未记录",
                     "record: inspection (the certificate check) is for outgoing members holding a certificate; \(who); nothing recorded")
        case .inspection where m.certificate == nil:
            return t("record：\(who)在台账中没有流动党员活动证（“活动证”一栏为空），无从检查；未记录",
                     "record: \(m.name) (\(m.id)) has no certificate in the roster (the certificate column is empty), so there is nothing to inspect; nothing recorded")
        case .contact, .unreachable, .report:
            guard m.kind == .local else { return nil }
            return t("record：\(kind.rawValue)（\(LogDetail.kindName(kind.rawValue, .zh))）只用于流动党员；\(who)不适用联系、汇报的规定；未记录",
                     "record: \(kind.rawValue) is for mobile (outgoing or incoming) members; \(who), to whom the contact and report rules do not apply; nothing recorded")
        default:
            return nil
        }
    }

    static func kindName(_ k: Member.Kind, _ t: Localized) -> String {
        switch k {
        case .outgoing: return t("流出党员", "an outgoing member")
        case .incoming: return t("流入党员", "an incoming member")
        case .local: return t("直管党员", "a local member")
        }
    }
}
