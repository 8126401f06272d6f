/// 中文措辞(默认)。用语依据《社区流动党员管理制度》:礼貌、简短,说清欠什么、何时前、
/// 怎么做、怎么回复、找谁。
struct ChineseWording: Wording {
    // MARK: - 日期与期间

    /// `12月31日`;不在发送当年的日期带年份:`2027年1月5日`。
    func date(_ d: LocalDate, _ today: LocalDate) -> String {
        d.year == today.year ? "\(d.month)月\(d.day)日" : "\(d.year)年\(d.month)月\(d.day)日"
    }

    func fullDate(_ d: LocalDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    func month(_ ym: YearMonth) -> String { "\(ym.year)年\(ym.month)月" }

    static let quarterNames = ["一", "二", "三", "四"]

    /// `2026年第四季度`、`2026年下半年`、`2026年11月`;`short` 时当年的期间省略年份。
    func period(_ id: String, _ today: LocalDate, short: Bool = false) -> String {
        let p = PeriodID(id)
        let y = (short && p.year == today.year) ? "" : "\(p.year ?? 0)年"
        switch p {
        case .quarter(_, let q): return y + "第\(Self.quarterNames[q - 1])季度"
        case .half(_, let h): return y + (h == 1 ? "上半年" : "下半年")
        case .month(let ym): return y + "\(ym.month)月"
        case .day(let d): return short ? date(d, today) : fullDate(d)
        case .year(let n): return "\(n)年"
        case .other(let s): return s
        }
    }

    /// `2026年6月至11月`、`2025年12月至2026年2月`、`2026年11月`。
    func months(_ first: YearMonth, _ last: YearMonth) -> String {
        if first == last { return month(first) }
        return first.year == last.year ? "\(month(first))至\(last.month)月" : "\(month(first))至\(month(last))"
    }

    /// `6个月`、`90天`、`6个月零10天`:`lost_after` in words.
    func duration(_ d: Duration) -> String {
        let days = Int((d.seconds / 86400).rounded(.up))
        switch (d.months, days) {
        case (let m, 0): return "\(m)个月"
        case (0, let n): return "\(n)天"
        case (let m, let n): return "\(m)个月零\(n)天"
        }
    }

    func greeting(_ name: String) -> String {
        name.isEmpty ? "您好！" : "\(name)同志：\n\n您好！"
    }

    func signOff(_ branch: String) -> String { branch }

    func askLine(_ s: Mailbox) -> String {
        let who = s.name.isEmpty ? "支部书记" : "支部书记\(s.name)"
        return "如有疑问，请联系\(who)(\(s.address))。"
    }

    /// `(电话 138…)`, with further notes in the same parentheses: `(电话 138…,联系人:李明)`.
    func phone(_ c: ReminderContext, _ more: String? = nil) -> String {
        let items = [c.phone.map { "电话 \($0)" }, more].compactMap { $0 }
        return items.isEmpty ? "" : "(" + items.joined(separator: "，") + ")"
    }

    // MARK: - 提醒

    func reminder(_ c: ReminderContext) -> ComposedText {
        var d = draft(c)
        if let from = c.openFrom {
            d.paragraphs.append("另外，自\(period(from, c.today))起的各期都尚未完成，请一并处理。")
        } else if !c.reminder.openPeriods.isEmpty {
            let list = c.reminder.openPeriods.map { period($0, c.today) }.joined(separator: "、")
            d.paragraphs.append("另外，更早的\(list)也尚未完成，请一并处理。")
        }
        var parts = [greeting(c.recipientName)]
        parts += d.paragraphs
        if !d.reply.isEmpty { parts.append(d.reply.joined(separator: "\n")) }
        if d.askSecretary { parts.append(askLine(c.secretary)) }
        parts.append(signOff(c.branchName))
        return ComposedText(subject: d.subject, body: parts.joined(separator: "\n\n") + "\n")
    }

    /// 期限类提醒(联系、汇报、活动证检查)的主题和要求句。
    func deadline(_ c: ReminderContext, action: String) -> (subject: String, sentence: String) {
        let due = c.deadline.map { date($0, c.today) }
        switch c.step {
        case .lead:
            let left = c.daysLeft.map { "还有\($0)天，" } ?? ""
            if let due { return ("请在\(due)前\(action)", "\(left)请在\(due)前\(action)。") }
            return ("请\(action)", "请尽快\(action)。")
        case .overdue:
            return ("已逾期：请尽快\(action)", "期限\(due ?? "")已过，请尽快\(action)。")
        case .repeat:
            let days = c.deadline.map { $0.days(until: c.today) } ?? 0
            let late = days > 0 ? "(已逾期\(days)天)" : ""
            // "again" only when something was sent before in this thread.
            let prefix = c.isFirstMessage ? "已逾期：" : "再次提醒："
            return ("\(prefix)请尽快\(action)", "期限\(due ?? "")已过\(late)，请尽快\(action)。")
        case .notice:
            return ("请\(action)", "请\(action)。")
        }
    }

    /// 阈值类提醒(转接、编入、失联、核查)的主题:重复提醒加前缀。
    func threshold(_ c: ReminderContext, _ subject: String) -> String {
        if case .repeat = c.step, !c.isFirstMessage { return "再次提醒：" + subject }
        return subject
    }

    func repeatNote(_ c: ReminderContext) -> String {
        // Days past the date, not a count of mails: a fresh install's first mail may be the
        // rules' "repeat-119", which would read as if 118 had gone before.
        guard case .repeat = c.step, let d = c.deadline, d < c.today else { return "" }
        return "(已逾期\(d.days(until: c.today))天。)"
    }

    /// `自2026年3月1日`, from the `since` fact.
    func sinceText(_ c: ReminderContext) -> String { c.since.map { "自\(fullDate($0))" } ?? "" }

    /// The example of `已联系`: no date, so a copy records the reply day (a date copied from the
    /// example would be taken as the latest such day, not the day of the contact).
    static let contactExample = [
        "    已联系 电话联系，情况正常",
        "如不是今天联系的，加上日期：已联系 12-20 电话联系",
    ]

    static let contactReply = ["联系后请直接回复本邮件，第一行写(备注可省略)："] + contactExample + [
        "多次联系不上，请回复：",
        "    未联系上 备注",
    ]

    func draft(_ c: ReminderContext) -> Draft {
        let name = c.name
        let today = c.today
        switch c.rule {
        case .contactQuarterly:
            let (subject, sentence) = deadline(c, action: "联系流动党员\(name)(\(period(c.reminder.period, today, short: true)))")
            return Draft(
                subject: subject,
                paragraphs: [
                    "您联系的流动党员\(name)同志\(phone(c))\(period(c.reminder.period, today))还没有联系记录。"
                        + "按照支部“一联一”制度，联系人每季度至少同流动党员联系一次，了解其思想和工作情况，通报支部工作。",
                    sentence,
                ],
                reply: Self.contactReply)

        case .reportPeriodic:
            let every = c.reportsHalfYearly ? "半年" : "季度"
            let (subject, sentence) = deadline(c, action: "汇报\(period(c.reminder.period, today, short: true))思想和工作情况")
            return Draft(
                subject: subject + "(\(name))",
                paragraphs: [
                    // To the member themself: 您, not the third person their liaison reads.
                    (c.addressedToMember ? "您" : "流动党员\(name)同志")
                        + "\(period(c.reminder.period, today))的思想、学习和工作情况汇报尚未收到。"
                        + "按照支部流动党员管理制度，外出流动党员每\(every)应向支部汇报一次。",
                    sentence,
                ],
                reply: c.addressedToMember
                    ? ["汇报方式：直接回复本邮件，回复的正文就是汇报内容，不必写命令。汇报只由支部留存，不会转发他人。"]
                    : ["\(name)同志没有登记邮箱，这封提醒发给您，请转告本人按时汇报。收到汇报后，可直接回复本邮件，"
                        + "回复的正文就是汇报内容，不必写命令。汇报只由支部留存，不会转发他人。"])

        case .duesMonthly:
            if c.fact("paid_at") == "inflow" { return inflowDues(c) }
            let n = c.monthsOwed ?? 1
            let paid = c.paidThrough.map { "目前交至\(month($0))，" } ?? ""
            let owed = c.owedRange.map { n > 1 ? "\(months($0.first, $0.last))共\(n)个月的党费" : "\(month($0.last))的党费" }
                ?? "\(period(c.reminder.period, today))的党费"
            let end = PeriodID(c.reminder.period).monthEnd.map { "请在\(date($0, today))前" } ?? "请"
            return Draft(
                subject: n > 1 ? "请交纳党费：已欠\(n)个月(\(name))" : "请交纳\(period(c.reminder.period, today, short: true))党费(\(name))",
                paragraphs: [
                    (c.addressedToMember ? "您" : "\(name)同志") + "的党费\(paid)\(owed)尚未交纳。"
                        + "党员应按月交纳党费，流动党员在外期间也要按时交纳。",
                    c.rules.duesMethod.map { "\(end)交纳：\($0)。" } ?? "\(end)按支部的收缴方式交纳。",
                ] + duesTerms(c),
                reply: ["交纳后请回复本邮件，第一行写(表示党费已交至该月)：", "    已交 \(c.reminder.period)"])

        case .duesArrears:
            let n = c.monthsOwed.map { "\($0)个月" } ?? "三个月以上"
            let paid = c.paidThrough.map { "党费交至\(month($0))，" } ?? ""
            let owed = c.owedRange.map { "(\(months($0.first, $0.last)))" } ?? ""
            return Draft(
                subject: threshold(c, "党员\(name)已欠交党费\(n)，请提醒补交"),
                paragraphs: [
                    "\(name)同志\(phone(c))\(paid)已连续\(n)未交纳党费\(owed)。按照制度，党员应按时交纳党费；"
                        + "长期不交纳的，党组织要按照党章有关规定处理。",
                    "请尽快与其联系，了解原因，提醒其补交。",
                ],
                reply: ["补交后请回复本邮件，第一行写：", "    已交 \(c.reminder.period)"])

        case .certificateCheck:
            let (subject, sentence) = deadline(c, action: "检查\(name)的流动党员活动证")
            let cert = c.certificate.map { "(编号 \($0))" } ?? ""
            let every = c.checksYearly ? "每年" : "每半年"
            let from = c.countedFrom.map { "，从\(fullDate($0))起算" } ?? ""
            return Draft(
                subject: subject,
                paragraphs: [
                    "流动党员\(name)同志\(phone(c))持有流动党员活动证\(cert)。按照制度，对持有活动证的流动党员，"
                        + "要定期检查、督促，了解其在外参加组织生活的情况；支部对其活动证\(every)检查一次\(from)。",
                    sentence,
                ],
                reply: ["检查后请把结果告诉支部书记，由支部登记；在本邮件中回复 已联系 [日期] [备注] 可同时记录这次联系。"])

        case .placementChanged:
            let months = c.monthsAway ?? 3
            if months >= 6 {
                return Draft(
                    subject: "流动党员\(name)外出已满六个月：请了解组织关系转接情况",
                    paragraphs: [
                        "您联系的流动党员\(name)同志\(phone(c))\(sinceText(c))外出已满六个月。按照制度，有固定地点或单位、外出六个月以上的，"
                            + "应将组织关系转到所去居住地或单位党组织；流动性大、暂时无法转移的，到所去地方参加组织生活。",
                        "请与其联系，了解情况，并告诉支部书记。",
                    ],
                    reply: ["联系后可回复本邮件记录这次联系："] + Self.contactExample)
            }
            return Draft(
                subject: "流动党员\(name)外出已满三个月：请提醒其在当地参加组织生活",
                paragraphs: [
                    "您联系的流动党员\(name)同志\(phone(c))\(sinceText(c))外出已满三个月。按照制度，外出三个月以上的党员，"
                        + "应持流动党员活动证到所去地方参加组织生活。",
                    "请与其联系，提醒其主动与当地党组织取得联系，按时参加组织生活。",
                ],
                reply: ["联系后可回复本邮件记录这次联系："] + Self.contactExample)

        case .relationTransfer:
            let since = c.since.map { "自\(fullDate($0))外出，" } ?? ""
            let place = c.place.map { "流向\($0)，" } ?? ""
            let liaison = c.liaisonName.map { "请与联系人\($0)一起" } ?? "请"
            return Draft(
                subject: threshold(c, "请办理流动党员\(name)的组织关系转接"),
                paragraphs: [
                    "流动党员\(name)同志\(phone(c))\(since)\(place)有固定地点或单位，外出已满六个月。"
                        + "按照制度，应将其组织关系转到所去居住地或单位党组织。\(repeatNote(c))",
                    "\(liaison)办理组织关系转接。",
                ],
                reply: [
                    "转出后，请回复本邮件，第一行写：",
                    "    已转出",
                    "如不是今天转出的，加上日期：已转出 12-20",
                    "转出待接收期间，联系、汇报、党费提醒照常，并定期提醒查看接收方回执；收到回执后回复“已接收”。",
                ],
                askSecretary: false)

        case .incomingRegister:
            let since = c.since.map { "于\(fullDate($0))" } ?? ""
            let place = c.place.map { "(来自\($0))" } ?? ""
            let (subject, sentence) = deadline(c, action: "将流入党员\(name)编入支部、党小组")
            return Draft(
                subject: subject,
                paragraphs: [
                    "流入党员\(name)同志\(phone(c))\(since)流入本社区\(place)，尚未编入党支部、党小组。"
                        + "按照制度，社区党支部验明身份后，应及时将其编入党支部、党小组，对其入党时间、流出与流入时间、"
                        + "住址和联系方式逐一登记造册，并报上级党组织备案。" + registerDetails(c),
                    sentence,
                ],
                reply: [
                    "编入后，请回复本邮件，第一行写：",
                    "    已登记",
                    "如不是今天编入的，加上日期：已登记 12-20",
                    "或在台账中把“已编入”改为“是”。记录后不再提醒。",
                ],
                askSecretary: false)

        case .activityDay:
            let d = c.noticeDate
            let day = d.map { date($0, today) } ?? ""
            let when = d.map { "\(date($0, today))（\(Self.weekdays[$0.weekday - 1])）" } ?? ""
            let time = c.fact("activity_time").flatMap(ConfigParser.parseTimeOfDay).map(clock) ?? ""
            let place = c.fact("activity_place").map { "在\($0)举行" } ?? "举行"
            let topic = c.fact("activity_topic").map { "，主题为“\($0)”" } ?? ""
            let liaison = c.liaisonName.map { "联系人\($0)" } ?? "联系人"
            return Draft(
                subject: "主题党日\(day)：能回来的请参加，不能回来的请在所在地参加组织生活",
                paragraphs: [
                    "本月支部主题党日定于\(when)\(time)\(place)\(topic)。",
                    "能回来的请按时参加；不能回来的，不必专程赶回，请在所在地党组织参加组织生活，"
                        + "或告知\(liaison)，会后由联系人向您传达。",
                ],
                reply: ["本邮件是通知，无需回复。"])

        case .surveyPeak:
            let d = c.noticeDate
            let isNational = c.fact("holiday").map { $0 == "national-day" } ?? (d?.month == 10)
            let holiday = isNational ? "国庆节" : "春节"
            let when = d.map { "(\(date($0, today)))" } ?? ""
            let grid = c.reminder.grid ?? ""
            var list = c.surveyList.enumerated().map { i, m in
                var line = "  \(i + 1). \(m.name)  \(m.kind == .incoming ? "流入" : "流出")"
                if let p = m.phone, !p.isEmpty { line += "  电话 \(p)" }
                return line
            }.joined(separator: "\n")
            if list.isEmpty { list = "  (台账中暂无)" }
            return Draft(
                subject: "\(holiday)前请做好网格\(grid)流动党员调查统计",
                paragraphs: [
                    "\(holiday)\(when)是流动高峰期。按照社区“三统计”制度，请对网格\(grid)的流动党员情况进行一次全面调查统计，"
                        + "核实去向、联系方式和近况。",
                    "本网格流动党员(\(c.surveyList.count)人)：\n" + list,
                    "情况有变化的，请告诉支部书记更新台账。",
                ],
                reply: ["本邮件是通知，无需回复。"])

        case .contactLost:
            let liaison = c.liaisonName.map { "联系人：\($0)" }
            let situation: String
            let last = c.lastContact.map { "上次联系是\(fullDate($0))。" } ?? "外出以来还没有联系记录。"
            if c.fact("reason") == "unreachable" {
                let tries = c.intFact("unreachable").map { $0 > 2 ? "(上次联系以来共\($0)次)" : "" } ?? ""
                situation = "联系人最近连续两次未能联系上流动党员\(name)同志\(phone(c, liaison))\(tries)；" + last
            } else if let l = c.lastContact {
                situation = "流动党员\(name)同志\(phone(c, liaison))自\(fullDate(l))以来已超过\(duration(c.lostAfter))没有联系记录。"
            } else {
                let since = (c.countedFrom ?? c.since).map { "自\(fullDate($0))外出以来" } ?? ""
                situation = "流动党员\(name)同志\(phone(c, liaison))\(since)一直没有联系记录，已超过\(duration(c.lostAfter))。"
            }
            return Draft(
                subject: threshold(c, "流动党员\(name)可能已失去联系，请组织查找"),
                paragraphs: [
                    situation + repeatNote(c),
                    "按照《中国共产党党员教育管理工作条例》，对失去联系的党员，党组织应及时查找。"
                        + "是否有正当理由，由支部了解情况后研究；本提醒只提供情况，不作任何决定。",
                ],
                reply: ["联系上后，请回复本邮件，第一行写："] + Self.contactExample + [
                    "记录后不再提醒。",
                ],
                askSecretary: false)

        case .membershipReview:
            let byDues = c.fact("reason").map { $0 == "dues" } ?? ((c.monthsOwed ?? 0) >= 6 || c.member?.kind != .outgoing)
            let situation: String
            let what: String
            if byDues {
                let months = c.monthsOwed ?? 6
                let paid = c.paidThrough.map { "党费交至\(month($0))，" } ?? ""
                let owed = c.owedRange.map { "(\(self.months($0.first, $0.last)))" } ?? ""
                situation = "\(name)同志\(phone(c))\(paid)已连续\(months)个月未交纳党费\(owed)。"
                what = "连续\(months)个月未交党费"
            } else {
                let from = c.countedFrom.map { "自\(fullDate($0))以来" } ?? ""
                situation = "流动党员\(name)同志\(phone(c))\(from)已连续六个月没有联系记录，也没有汇报。"
                what = "连续六个月无联系、无汇报"
            }
            return Draft(
                subject: threshold(c, "请核实党员\(name)的情况(\(what))"),
                paragraphs: [
                    situation + repeatNote(c),
                    "按照党章第九条，党员连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，"
                        + "又没有正当理由的，就被认为是自行脱党。是否有正当理由，由支部了解情况后研究决定；本提醒只提供情况，不作任何决定。",
                ],
                reply: [
                    "已收到党费的，请回复 已交 \(c.duesExample)(交至的月份)；已联系上的，请回复 已联系 [日期] [备注]。",
                ],
                askSecretary: false)

        case .evaluationAnnual:
            let year = c.year
            if c.member != nil { return evaluationOpinion(c) }
            return Draft(
                subject: "请组织\(year)年度民主评议",
                paragraphs: [
                    "按照制度，年终社区党组织根据党员践诺情况进行民主评议。请组织\(year)年度民主评议。",
                    evaluationList(c),
                    "完整的年度记录(联系日期和方式、汇报、党费、检查、提醒)见每月月报所附的台账表格；需要全年表格的，请联系管理员导出。",
                ],
                reply: ["本邮件是通知，无需回复。"],
                askSecretary: false)

        case .departurePrepare, .transferReceipt, .incomingFeedback, .probationEnd:
            return regulationsDraft(c)

        case .digestMonthly:
            return Draft(
                subject: "\(period(c.reminder.period, today))流动党员管理月报",
                paragraphs: digest(c),
                reply: ["本邮件是通知，无需回复。"],
                askSecretary: false)
        }
    }

    /// Evaluation list: one line per member, at most `EvaluationList.limit`.
    func evaluationList(_ c: ReminderContext) -> String {
        let all = c.evaluationList
        guard !all.isEmpty else { return "本年度每名党员的情况见导出表格。" }
        var lines = ["本年度每名党员的情况(联系、汇报为次数)："]
        for e in all.prefix(EvaluationList.limit) {
            let kind = e.kind == .outgoing ? "流出" : e.kind == .incoming ? "流入" : "直管"
            let dues = e.duesThrough.map { "党费交至\(month($0))" } ?? "党费情况不详"
            let flag = e.flag == "paused" ? "(暂停)" : e.flag == "transferred" ? "(组织关系已转出)" : ""
            switch e.kind {
            case .local:
                // A local member is neither contacted nor reporting: no "联系0次 汇报0次".
                lines.append("  \(e.name)(\(kind))\(flag)  \(dues)")
            case .outgoing:
                let asked = c.opinionAsked.contains(e.id) ? "  流入地党组织意见：已请联系人征求" : ""
                lines.append("  \(e.name)(\(kind))\(flag)  联系\(e.contacts)次  汇报\(e.reports)次  \(dues)\(asked)")
            case .incoming:
                let origin = c.origins[e.id].map { "(\($0))" } ?? ""
                lines.append("  \(e.name)(\(kind))\(flag)  \(dues)  评议结果请反馈原党组织\(origin)")
            }
        }
        if all.count > EvaluationList.limit { lines.append("  ……另有\(all.count - EvaluationList.limit)人，见导出表格。") }
        return lines.joined(separator: "\n")
    }

    /// Digest paragraphs: the quarter's counts per grid and in total, members without a
    /// liaison, and (merged in by the app) last month's failures and replies.
    func digest(_ c: ReminderContext) -> [String] {
        let quarter = c.fact("quarter").map { period($0, c.today) } ?? "本季度"
        var lines = ["\(quarter)联系情况(截至今天)："]
        for g in c.digestGrids {
            let name = g.grid.map { "网格\($0)" } ?? "未分网格"
            lines.append("  \(name)：已联系 \(g.contacted)，待联系 \(g.pending)，逾期 \(g.overdue)")
        }
        if c.digestGrids.isEmpty { lines.append("  (没有需要联系的流动党员)") }
        if let a = c.intFact("contacted"), let b = c.intFact("pending"), let o = c.intFact("overdue") {
            lines.append("  合计：已联系 \(a)，待联系 \(b)，逾期 \(o)")
        }
        var out = [lines.joined(separator: "\n")]
        if let n = c.intFact("no_liaison"), n > 0 {
            out.append("还有\(n)名流出党员没有联系人，请在台账中指定。")
        }
        var store: [String] = []
        if let f = c.intFact("failures") { store.append("投递失败的提醒 \(f) 封") }
        if let r = c.intFact("replies") { store.append("收到回复 \(r) 封") }
        if !store.isEmpty { out.append("上月" + store.joined(separator: "，") + "。") }
        return out
    }

    // MARK: - 回执与帮助

    func acknowledgement(recipient: String, recorded: String, nextDeadline: LocalDate?, today: LocalDate,
                         secretary: Mailbox, branch: String) -> ComposedText {
        var parts = [greeting(recipient), "已收到您的回复，并已记录：\(recorded)。"]
        if let d = nextDeadline { parts.append("下一次期限：\(date(d, today))。") }
        parts.append("如记录有误，请联系支部书记\(secretary.name)(\(secretary.address))更正。")
        parts.append(signOff(branch))
        return ComposedText(subject: "已记录：\(recorded)", body: parts.joined(separator: "\n\n") + "\n")
    }

    func help(rule: RuleID, recipient: String, problem: String?, secretary: Mailbox, branch: String) -> ComposedText {
        var parts = [greeting(recipient)]
        if let p = problem, !p.isEmpty { parts.append(p) }
        parts.append("未能从您的回复中识别出命令。请在回复的前五行内(问候语之后)写下面的一条命令，中英文均可：")
        parts.append([
            "    已联系 [日期] [备注]    记录一次联系，如：已联系 电话联系，情况正常",
            "    未联系上 [备注]         记录一次未能联系上",
            "    已交 2026-11            党费已交至2026年11月",
            "    已检查 / 已登记 / 已转出  活动证已检查 / 已编入支部 / 组织关系已转出",
            "    撤销                    撤销您在这个邮件往来中的上一条记录",
        ].joined(separator: "\n"))
        if rule == .reportPeriodic {
            parts.append("在汇报提醒的邮件中，党员本人直接回复的正文就是汇报内容；联系人代为转交时，请以“汇报：”开头。")
        }
        if rule == .relationTransfer || rule == .transferReceipt {
            parts.append("    已转出 [日期]           组织关系已转出，等待接收方回执\n"
                         + "    已接收 [日期]           接收方已回执，组织关系转接完成")
        }
        if rule == .incomingRegister { parts.append("    已登记 [日期]           流入党员已编入支部、党小组") }
        parts.append("日期可写作 12-20、12月20日或2026-12-20；不写年份时指最近的那一天，不能晚于今天。不写日期即为回复当天。")
        parts.append(askLine(secretary))
        parts.append(signOff(branch))
        return ComposedText(subject: "未能识别您的回复：可用的回复命令", body: parts.joined(separator: "\n\n") + "\n")
    }

    func recorded(_ r: Record, memberName: String) -> String {
        let note = r.method.map { "(\($0))" } ?? ""
        switch r.kind {
        case .contact: return "\(fullDate(r.date))与\(memberName)的联系\(note)"
        case .unreachable: return "\(fullDate(r.date))未能联系上\(memberName)"
        case .report: return "\(memberName)\(fullDate(r.date))的汇报"
        case .dues: return r.through.map { "\(memberName)的党费已交至\(month($0))" } ?? "\(memberName)的党费"
        case .inspection: return "\(fullDate(r.date))对\(memberName)活动证的检查"
        case .transfer: return "\(memberName)的组织关系已转出(\(fullDate(r.date)))"
        case .register: return "\(memberName)已编入支部、党小组(\(fullDate(r.date)))"
        case .received: return "\(memberName)的组织关系已由接收方接收(回执，\(fullDate(r.date)))"
        }
    }
}

extension PeriodID {
    var isHalfYear: Bool {
        if case .half = self { return true }
        return false
    }
}
