/// The texts of messages that carry several reminders (`DailyDigestGrouping`): the secretary's
/// daily list and one item standing for several rules.
/// One item of the daily list: the reminders it stands for (the first gives its words), and
/// which of them went out in their own thread to others (the secretary's copies).
public struct DailyListItem: Sendable {
    public var reminders: [DueReminder]
    public var isCopy: [Bool]

    public init(reminders: [DueReminder], isCopy: [Bool]) {
        self.reminders = reminders
        self.isCopy = isCopy
    }

    var isCopyOnly: Bool { isCopy.first ?? false }
}

extension MessageComposer {
    /// The secretary's list (每日待办): items grouped by kind, each with the member, what is
    /// owed, since when, the deadline and the exact line to reply with (member id first).
    ///
    /// - Parameter items: each item's reminders, the first one giving the item's words.
    /// - Parameter day: the sending day (items caught up after a pause were due earlier).
    public func composeDaily(_ items: [DailyListItem], token: String, day: LocalDate,
                             language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let zh = lang == .zh
        let today = day
        let w = wording(lang)
        var sections: [String] = []
        var kind: RuleID?
        var lines: [String] = []
        var n = 0
        var copies: [String] = []
        func flush() {
            guard let k = kind, !lines.isEmpty else { return }
            sections.append("【\(Self.kindTitle(k, zh: zh))】\n" + lines.joined(separator: "\n"))
            lines = []
        }
        func names(_ r: DueReminder) -> String {
            (r.to + r.cc).filter { $0.address.lowercased() != config.branch.secretary.address.lowercased() }
                .map { $0.name.isEmpty ? $0.address : $0.name }.joined(separator: zh ? "、" : ", ")
        }
        for entry in items {
            let item = entry.reminders
            guard let r = item.first else { continue }
            if entry.isCopyOnly {
                var c = context(for: r)
                c.reminder.opensThread = true
                c.today = today
                let who = names(r)
                copies.append("- " + (r.member.map { "\($0) " } ?? "") + w.draft(c).subject
                              + (who.isEmpty ? "" : (zh ? "(已发给\(who))" : " (sent to \(who))")) + " [\(r.rule.rawValue)]")
                continue
            }
            if r.rule != kind { flush(); kind = r.rule }
            n += 1
            var c = context(for: r)
            // The list names each matter once; "again" belongs to a thread, not to a list item.
            c.reminder.opensThread = true
            c.today = today
            let what = w.draft(c).subject
            var line = "\(n). " + (r.member.map { "\($0) " } ?? "") + what
            var details: [String] = []
            if let m = c.member {
                var who = zh ? "党员：\(m.name)" : "member: \(m.name)"
                if let g = m.grid { who += zh ? "(网格\(g))" : " (grid \(g))" }
                if let l = c.liaisonName { who += zh ? "，联系人：\(l)" : ", liaison: \(l)" }
                details.append(who)
            }
            if let since = Self.since(r, c) {
                details.append(zh ? "起始：\(w.date(since, today))" : "since: \(w.date(since, today))")
            }
            if let due = Self.deadline(of: r, c) {
                let late = due < today ? due.days(until: today) : 0
                var d = zh ? "期限：\(w.date(due, today))" : "deadline: \(w.date(due, today))"
                if late > 0 { d += zh ? "(已逾期\(late)天)" : " (\(late) day\(late == 1 ? "" : "s") overdue)" }
                details.append(d)
            }
            let ids = item.map(\.rule.rawValue).joined(separator: " + ")
            details.append((zh ? "规则：" : "rule: ") + ids)
            line += "\n   " + details.joined(separator: zh ? "；" : "; ")
            for (k, other) in item.enumerated() where k > 0 && entry.isCopy[k] {
                let who = names(other)
                line += "\n   " + (zh ? "同一件事的\(other.rule.rawValue)已另发给\(who.isEmpty ? "有关人员" : who)。"
                                      : "The same fact's \(other.rule.rawValue) went to \(who.isEmpty ? "the others" : who).")
            }
            if let reply = Self.replyLine(for: item, c, zh: zh) {
                line += "\n   " + (zh ? "办理后回复：" : "when done, reply: ") + reply
            }
            lines.append(line)
        }
        flush()
        if !copies.isEmpty {
            sections.append((zh ? "【今天发给联系人、党员的提醒(抄送给您，供了解，无需回复)】\n"
                                : "【Sent today to liaisons and members (your copy, for information)】\n")
                            + copies.joined(separator: "\n"))
        }
        let dayText = w.date(today, today)
        let subject: String
        if n == 0 {
            subject = zh ? "每日待办：\(dayText)抄送\(copies.count)条，无需您办理"
                         : "Daily to-do: nothing for you on \(dayText); \(copies.count) cop\(copies.count == 1 ? "y" : "ies")"
        } else {
            subject = zh ? "每日待办：\(dayText)共\(n)项" : "Daily to-do: \(n) item\(n == 1 ? "" : "s") for \(dayText)"
        }
        var parts = [zh ? "\(config.branch.secretary.name)同志：\n\n您好！今天需要您处理的事项如下(按类别)："
                        : "Dear \(config.branch.secretary.name),\n\nToday's items for you, by kind:"]
        parts += sections
        parts.append(zh
            ? "回复方法：直接回复本邮件，每行一条，先写党员编号，再写办理情况，可以一次写多行，例如：\n"
                + "    P10 已登记\n    P04 已转出 12-20\n    P03 已联系 电话\n"
                + "每一行都会回信告知已记录或未能记录的原因。"
            : "To reply: answer this e-mail, one line per member, the member's id first, several lines at once, e.g.:\n"
                + "    P10 registered\n    P04 transferred 12-20\n    P03 done phoned\n"
                + "Each line is answered: recorded, or why not.")
        parts.append(config.branch.name)
        return ComposedText(subject: subject + " " + Self.dailyTag(token: token, language: lang),
                            body: parts.joined(separator: "\n\n") + "\n")
    }

    /// `[待办#TOKEN]`: the daily list's tag (its own thread).
    public static func dailyTag(token: String, language: Config.Language) -> String {
        "[\(language == .zh ? "待办" : "todo")#\(token)]"
    }

    /// One item standing for several rules, in the first reminder's thread: its words, and a
    /// note naming every rule it stands for.
    public func composeMerged(_ item: [DueReminder], token: String, language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        guard let first = item.first else { return ComposedText(subject: "", body: "") }
        var text = compose(first, token: token, language: lang)
        let ids = item.map(\.rule.rawValue).joined(separator: " + ")
        let note = lang == .zh
            ? "(本邮件同时代替以下提醒，同一件事只发一次：\(ids)。)"
            : "(This e-mail stands for these reminders at once, one fact, one message: \(ids).)"
        if let r = text.body.range(of: "\n\n", options: .backwards) {
            text.body.insert(contentsOf: "\n\n" + note, at: r.lowerBound)
        } else {
            text.body += note + "\n"
        }
        return text
    }

    /// The answer to a reply to the daily list: each line with what was recorded, or why not.
    /// No line with a member id first: how to write them.
    public func dailyAnswer(_ lines: [DailyReplyLines.Line], token: String, recipient: Mailbox?,
                            language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let zh = lang == .zh
        var parts = [zh ? (recipient.map { $0.name.isEmpty ? "您好！" : "\($0.name)同志：\n\n您好！" } ?? "您好！")
                        : "Dear \(recipient?.name ?? "colleague"),"]
        var recorded = 0
        var list: [String] = []
        for l in lines {
            let outcome: String
            switch l.verdict {
            case .command(let c):
                recorded += 1
                outcome = (zh ? "已记录：" : "recorded: ") + recordedText(c.record(member: l.member), language: lang)
            case .refused(let p):
                outcome = (zh ? "未记录：" : "not recorded: ") + p.text(lang)
            case .unknownMember:
                outcome = zh ? "未记录：台账中没有编号为 \(l.member) 的党员，请核对编号。"
                             : "not recorded: no member has the id \(l.member); please check it."
            case .unrecognised:
                outcome = zh ? "未记录：编号后没有识别出办理情况。"
                             : "not recorded: no command after the member id."
            }
            list.append("  \(l.text)\n    → \(outcome)")
        }
        if list.isEmpty {
            parts.append(zh ? "未能从您的回复中找到以党员编号开头的行，没有记录任何内容。"
                            : "No line of your reply starts with a member id, so nothing was recorded.")
        } else {
            parts.append((zh ? "您的回复共\(list.count)行，已记录\(recorded)行：" : "Your reply has \(list.count) line(s); \(recorded) recorded:")
                         + "\n" + list.joined(separator: "\n"))
        }
        if recorded < list.count || list.isEmpty {
            parts.append(zh
                ? "每行先写党员编号，再写办理情况：已联系 [日期] [备注]、未联系上 [备注]、已交 2026-11、已转出 [日期]、已接收 [日期]、已登记 [日期]。"
                    + "日期可写作 12-20，不写即为今天。"
                : "Each line: the member id, then done [date] [note], unreachable [note], paid 2026-11, "
                    + "transferred [date], received [date] or registered [date]. A date such as 12-20; none means today.")
        }
        parts.append(config.branch.name)
        let subject = zh ? (list.isEmpty ? "未能识别您的回复" : "已处理您的回复：记录\(recorded)项，共\(list.count)行")
                         : (list.isEmpty ? "Your reply was not understood" : "Your reply: \(recorded) of \(list.count) line(s) recorded")
        return ComposedText(subject: subject + " " + Self.dailyTag(token: token, language: lang),
                            body: parts.joined(separator: "\n\n") + "\n")
    }

    static func kindTitle(_ rule: RuleID, zh: Bool) -> String {
        switch rule {
        case .contactLost: return zh ? "失去联系" : "Out of touch"
        case .membershipReview: return zh ? "需核实情况" : "Cases to look into"
        case .relationTransfer: return zh ? "组织关系转接" : "Membership transfers"
        case .incomingRegister: return zh ? "流入党员编入" : "Incoming members to place"
        case .duesArrears, .duesMonthly: return zh ? "党费" : "Dues"
        case .contactQuarterly: return zh ? "季度联系" : "Quarterly contact"
        case .reportPeriodic: return zh ? "思想汇报" : "Reports"
        case .certificateCheck: return zh ? "活动证检查" : "Certificate checks"
        case .placementChanged: return zh ? "外出满三个月/六个月" : "Away three/six months"
        case .activityDay: return zh ? "主题党日" : "Theme Party Day"
        case .surveyPeak: return zh ? "流动高峰调查" : "Peak-season survey"
        case .evaluationAnnual: return zh ? "民主评议" : "Evaluation"
        case .digestMonthly: return zh ? "月报" : "Monthly report"
        case .departurePrepare: return zh ? "外出前准备" : "Before departure"
        case .transferReceipt: return zh ? "转出待接收(查看回执)" : "Transfers awaiting the receipt"
        case .incomingFeedback: return zh ? "流入党员表现反馈" : "Feedback to the home branch"
        case .probationEnd: return zh ? "预备期满" : "Probation ending"
        }
    }

    /// Since when the matter holds: the day the member left or came, the last contact, the
    /// first month owed.
    static func since(_ r: DueReminder, _ c: ReminderContext) -> LocalDate? {
        func owed() -> LocalDate? { c.owedRange.map { $0.first.day(1) } }
        switch r.rule {
        case .contactLost: return c.lastContact ?? c.countedFrom ?? c.since
        case .membershipReview: return r.facts.isDuesReview ? owed() : (c.countedFrom ?? c.since)
        case .duesArrears, .duesMonthly: return owed()
        case .relationTransfer, .incomingRegister, .placementChanged: return c.since
        default: return nil
        }
    }

    /// The deadline of a list item: the period's deadline, else the threshold day it came due.
    static func deadline(of r: DueReminder, _ c: ReminderContext) -> LocalDate? {
        if let d = r.deadline { return d }
        if case .day(let d) = PeriodID(r.period) { return d }
        return nil
    }

    /// The exact line to reply with for an item, member id first; nil when nothing can be
    /// recorded by reply (a notice).
    static func replyLine(for item: [DueReminder], _ c: ReminderContext, zh: Bool) -> String? {
        guard let first = item.first, let id = first.member else { return nil }
        let rules = Set(item.map(\.rule))
        let dues = zh ? "\(id) 已交 \(c.duesExample)" : "\(id) paid \(c.duesExample)"
        let contact = zh ? "\(id) 已联系 电话" : "\(id) done phoned"
        if rules.contains(.relationTransfer) { return zh ? "\(id) 已转出" : "\(id) transferred" }
        if rules.contains(.incomingRegister) { return zh ? "\(id) 已登记" : "\(id) registered" }
        if rules.contains(.duesArrears) || rules.contains(.duesMonthly) { return dues }
        if rules.contains(.membershipReview) { return first.facts.isDuesReview ? dues : contact }
        if rules.contains(.contactLost) || rules.contains(.contactQuarterly) || rules.contains(.certificateCheck)
            || rules.contains(.placementChanged) {
            return contact
        }
        return nil
    }
}
