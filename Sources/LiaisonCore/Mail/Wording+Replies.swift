/// The texts sent in answer to a reply: the acknowledgement, the list of reply commands, and a
/// record in words.
extension Wording {
    func acknowledgement(recipient: String, recorded: String, nextDeadline: LocalDate?, today: LocalDate,
                         secretary: Mailbox, branch: String) -> ComposedText {
        var parts = [say("已收到您的回复，并已记录：\(recorded)。", "Thank you. Recorded: \(recorded).")]
        if let d = nextDeadline { parts.append(say("下一次期限：\(date(d, today))。", "Next deadline: \(date(d, today)).")) }
        parts.append(say("如记录有误，请联系\(secretaryTitle(secretary))(\(secretary.address))更正。",
                         "If this is wrong, please ask \(secretaryTitle(secretary)) (\(secretary.address)) to correct it."))
        return ComposedText(subject: say("已记录：", "Recorded: ") + recorded, body: letter(to: recipient, parts, from: branch))
    }

    func help(rule: RuleID, recipient: String, problem: String?, secretary: Mailbox, branch: String) -> ComposedText {
        var parts: [String] = []
        if let p = problem, !p.isEmpty { parts.append(p) }
        parts.append(say("未能从您的回复中识别出命令。请在回复的前五行内(问候语之后)写下面的一条命令，中英文均可：",
                         "Your reply contained no command we know. Please put one of these in the first five lines "
                            + "(after a greeting is fine), in English or Chinese:"))
        parts.append(say([
            "    已联系 [日期] [备注]    记录一次联系，如：已联系 电话联系，情况正常",
            "    未联系上 [备注]         记录一次未能联系上",
            "    已交 2026-11            党费已交至2026年11月",
            "    已检查 / 已登记 / 已转出  活动证已检查 / 已编入支部 / 组织关系已转出",
            "    撤销                    撤销您在这个邮件往来中的上一条记录",
        ], [
            "    done [date] [note]    records a contact, e.g. done phoned, all well",
            "    unreachable [note]    records a failed attempt",
            "    paid 2026-11          dues paid through November 2026",
            "    checked / registered / transferred   certificate checked / placed in the branch / membership transferred",
            "    undo                  withdraws your last record in this conversation",
        ]).joined(separator: "\n"))
        if rule == .reportPeriodic {
            parts.append(say("在汇报提醒的邮件中，党员本人直接回复的正文就是汇报内容；联系人代为转交时，请以“汇报：”开头。",
                             "In a report reminder's thread, the member's reply is the report itself; a liaison passing one on starts it with \"汇报：\"."))
        }
        if rule == .relationTransfer || rule == .transferReceipt {
            parts.append(say("    已转出 [日期]           组织关系已转出，等待接收方回执\n"
                                + "    已接收 [日期]           接收方已回执，组织关系转接完成",
                             "    transferred [date]    the membership was transferred (the receipt is awaited)\n"
                                + "    received [date]       the receiving organisation confirmed it (the receipt)"))
        }
        if rule == .incomingRegister {
            parts.append(say("    已登记 [日期]           流入党员已编入支部、党小组", "    registered [date]     the incoming member was placed"))
        }
        parts.append(say("日期可写作 12-20、12月20日或2026-12-20；不写年份时指最近的那一天，不能晚于今天。不写日期即为回复当天。",
                         "A date may be 12-20, 12月20日 or 2026-12-20; without a year it is the latest such day, "
                            + "never in the future. Without a date, the day of the reply is taken."))
        parts.append(askLine(secretary))
        return ComposedText(subject: say("未能识别您的回复：可用的回复命令", "Reply not understood: the reply commands"),
                            body: letter(to: recipient, parts, from: branch))
    }

    /// A record in words: `2026年12月20日与张伟的联系(电话)` / `contact with 张伟 on 20 December 2026 (电话)`.
    func recorded(_ r: Record, memberName who: String) -> String {
        let day = fullDate(r.date)
        switch r.kind {
        case .contact:
            return say("\(day)与\(who)的联系", "contact with \(who) on \(day)") + (r.method.map { say("(\($0))", " (\($0))") } ?? "")
        case .unreachable: return say("\(day)未能联系上\(who)", "\(who) not reached on \(day)")
        case .report: return say("\(who)\(day)的汇报", "report of \(who) of \(day)")
        case .dues:
            return r.through.map { say("\(who)的党费已交至\(month($0))", "dues of \(who) paid through \(month($0))") }
                ?? say("\(who)的党费", "dues of \(who)")
        case .inspection: return say("\(day)对\(who)活动证的检查", "certificate check of \(who) on \(day)")
        case .transfer: return say("\(who)的组织关系已转出(\(day))", "membership of \(who) transferred (\(day))")
        case .register: return say("\(who)已编入支部、党小组(\(day))", "\(who) placed in a branch and party group (\(day))")
        case .received:
            return say("\(who)的组织关系已由接收方接收(回执，\(day))", "the transfer of \(who) received by the new organisation (\(day))")
        }
    }
}
