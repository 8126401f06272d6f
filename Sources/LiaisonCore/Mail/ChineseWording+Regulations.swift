/// 第13号议题新增规则的中文措辞:外出登记、转接回执、流入党员反馈、预备期满,以及党费
/// 收缴方式、流入地交纳党费的确认、民主评议中征求流入地意见。
extension ChineseWording {
    static let weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    /// `上午9时`、`上午9时30分`、`下午2时30分`:主题党日的时间。
    func clock(_ t: TimeOfDay) -> String {
        let part = t.hour < 12 ? "上午" : "下午"
        let h = t.hour <= 12 ? t.hour : t.hour - 12
        return part + "\(h)时" + (t.minute == 0 ? "" : "\(t.minute)分")
    }

    /// 流入党员的登记信息(入党时间、原党组织、住址),有则列出。
    func registerDetails(_ c: ReminderContext) -> String {
        var items: [String] = []
        if let j = c.dateFact("joined") ?? c.member?.joined { items.append("入党时间 \(fullDate(j))") }
        if let o = c.fact("origin") ?? c.member?.origin { items.append("原党组织 \(o)") }
        if let a = c.fact("address") ?? c.member?.address { items.append("住址 \(a)") }
        return items.isEmpty ? "" : "台账登记：" + items.joined(separator: "，") + "。"
    }

    /// 党费标准和收缴周期(来自 [rules])。
    func duesTerms(_ c: ReminderContext) -> [String] {
        var items: [String] = []
        if let a = c.rules.duesAmount { items.append("交纳标准：\(a)") }
        if c.rules.duesEvery == .quarter { items.append("经支部同意，党费按季度收缴") }
        return items.isEmpty ? [] : [items.joined(separator: "；") + "。"]
    }

    /// 在流入地交纳党费的流动党员:请联系人每半年确认一次。
    func inflowDues(_ c: ReminderContext) -> Draft {
        let name = c.name
        let half = period(c.reminder.period, c.today)
        let paid = c.paidThrough.map { "台账记载党费交至\(month($0))。" } ?? ""
        return Draft(
            subject: "请确认\(name)在流入地交纳党费的情况（\(period(c.reminder.period, c.today, short: true))）",
            paragraphs: [
                "流动党员\(name)同志\(phone(c))持流动党员活动证在流入地党组织交纳党费，本支部不再向其发送党费提醒。\(paid)",
                "请与其联系，确认\(half)的党费已在流入地按时交纳，并告诉支部书记。",
            ],
            reply: ["确认后，可回复本邮件，第一行写（党费已交至的月份）：", "    已交 \(c.duesExample)"])
    }

    /// 民主评议:请联系人征求流入地党组织对流出党员的意见。
    func evaluationOpinion(_ c: ReminderContext) -> Draft {
        let name = c.name
        let counts = [c.intFact("contacts").map { "联系\($0)次" }, c.intFact("reports").map { "汇报\($0)次" }]
            .compactMap { $0 }.joined(separator: "、")
        return Draft(
            subject: "\(c.year)年度民主评议：请征求\(name)所在地党组织的意见",
            paragraphs: [
                "支部即将进行\(c.year)年度民主评议。您负责联系的流动党员\(name)同志\(phone(c))在外地，"
                    + "按照制度，对流动党员的评议要听取其所在地（流入地）党组织的意见。",
                "请与流入地党组织联系，征求其对该同志本年度参加组织生活、践诺和表现情况的意见，转告支部书记。"
                    + (counts.isEmpty ? "" : "本年度支部记录：\(counts)。"),
            ],
            reply: ["联系后可回复本邮件记录这次联系："] + Self.contactExample)
    }

    func regulationsDraft(_ c: ReminderContext) -> Draft {
        let name = c.name
        let today = c.today
        switch c.rule {
        case .departurePrepare:
            let since = c.since
            let left = since.map { $0 > today ? "将于\(date($0, today))外出" : "已于\(date($0, today))外出" } ?? "外出"
            let dest = c.fact("destination").map { "，去往\($0)" } ?? ""
            let length = c.fact("expected_length").flatMap(ConfigParser.parseDuration).map { "，预计外出\(duration($0))" } ?? ""
            var paragraphs = [
                "党员\(name)同志\(phone(c))\(left)\(dest)\(length)。按照制度，党员外出前应向支部报告外出原因、地点、时间、"
                    + "从事的工作和外出后的联系方式；支部要登记造册，进行党员管理基本要求的教育，"
                    + "并根据外出时间长短、地点是否固定进行分类管理。",
                "请做好以下几件事：\n"
                    + "  1. 登记外出地点、预计外出时长和从事的工作（台账“外出地点”“预计外出时长”两栏）；\n"
                    + "  2. 进行行前教育；\n"
                    + "  3. 发放《流动党员活动证》；\n"
                    + "  4. 指定一名联系人，实行“一联一”；\n"
                    + "  5. 报街道党工委备案。",
            ]
            if c.fact("advise_transfer") == "yes" {
                paragraphs.append("该同志有固定地点或单位，预计外出六个月以上。按照制度，应将组织关系转到所去居住地或单位党组织："
                                  + "请在其外出时即办理组织关系转接，不必等满六个月。")
            }
            if c.fact("liaison") == "none" { paragraphs.append("台账中还没有为其指定联系人，请在“联系人”一栏填写。") }
            return Draft(subject: "党员\(name)\(left)：请做好外出登记和行前教育", paragraphs: paragraphs,
                         reply: ["本邮件是通知，无需回复。"], askSecretary: false)

        case .transferReceipt:
            let t = c.dateFact("transferred").map { "于\(fullDate($0))" } ?? ""
            let place = c.place.map { "（转往\($0)）" } ?? ""
            return Draft(
                subject: "请查看党员\(name)组织关系转接的回执",
                paragraphs: [
                    "党员\(name)同志的组织关系已\(t)转出\(place)，尚未记录接收方的回执。转出待接收期间，"
                        + "该同志仍由本支部管理，联系、汇报和党费提醒照常发送。",
                    "请在全国党员管理信息系统中查看回执；尚未接收的，请与接收方党组织联系。",
                ],
                reply: [
                    "接收方回执后，请运行：",
                    "    liaisond record received --member \(c.member?.id ?? name)",
                    "或回复本邮件，第一行写：已接收",
                    "记录后本支部不再对其发送提醒。",
                ],
                askSecretary: false)

        case .incomingFeedback:
            let since = c.since.map { "于\(fullDate($0))" } ?? ""
            let origin = c.fact("origin") ?? c.member?.origin
            return Draft(
                subject: "请向流入党员\(name)的原党组织反馈现实表现",
                paragraphs: [
                    "流入党员\(name)同志\(phone(c))\(since)流入本社区。按照制度，党组织应如实负责地向外来党员原所在地党组织"
                        + "及时提供其现实表现情况。" + registerDetails(c),
                    "请将其近期参加组织生活、交纳党费、志愿服务和践诺等情况，反馈给"
                        + (origin.map { "原党组织\($0)" } ?? "其原党组织（台账“原党组织”一栏为空，请补充）") + "。",
                ],
                reply: ["本邮件是通知，无需回复。"],
                askSecretary: false)

        case .probationEnd:
            let end = (c.dateFact("probation_end") ?? LocalDate.iso(c.reminder.period)).map { date($0, today) } ?? ""
            let away = c.member?.kind == .outgoing
            var paragraphs = ["预备党员\(name)同志\(phone(c))的预备期将于\(end)期满。按照党章，预备期满，"
                + "党支部应及时讨论其能否转为正式党员。"]
            if away {
                paragraphs.append("该同志在外地。请联系人先征求其所在地（流入地）党组织对其预备期表现的意见，转告支部书记；"
                                  + "支部书记据此准备支部大会讨论。")
            } else {
                paragraphs.append("请及时准备支部大会讨论其转正事宜。")
            }
            paragraphs.append("转正后，请清空台账中的“预备期满”一栏。")
            return Draft(subject: "预备党员\(name)预备期将于\(end)期满" + (away ? "：请先征求流入地党组织意见" : "：请准备讨论转正"),
                         paragraphs: paragraphs,
                         reply: away ? ["征求意见后可回复本邮件记录这次联系："] + Self.contactExample : ["本邮件是通知，无需回复。"],
                         askSecretary: false)

        default:
            return Draft(subject: name, paragraphs: [], reply: [])
        }
    }
}
