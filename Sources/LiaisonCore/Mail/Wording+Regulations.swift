/// The texts of the rules added by issue 13 (departure, transfer receipt, incoming feedback,
/// probation end), and of the dues terms, dues paid where the member is, and the evaluation
/// opinion of the organisation where a member is.
extension Wording {
    /// 流入党员的登记信息(入党时间、原党组织、住址),有则列出。
    func registerDetails(_ c: ReminderContext) -> String {
        var items: [String] = []
        if let j = c.dateFact("joined") ?? c.member?.joined { items.append(say("入党时间 \(fullDate(j))", "joined the Party \(fullDate(j))")) }
        if let o = c.fact("origin") ?? c.member?.origin { items.append(say("原党组织 \(o)", "original organisation \(o)")) }
        if let a = c.fact("address") ?? c.member?.address { items.append(say("住址 \(a)", "address \(a)")) }
        return items.isEmpty ? "" : say("台账登记：", " Ledger: ") + items.joined(separator: say("，", "; ")) + say("。", ".")
    }

    /// 党费标准和收缴周期(来自 [rules])。
    func duesTerms(_ c: ReminderContext) -> [String] {
        var items: [String] = []
        if let a = c.rules.duesAmount { items.append(say("交纳标准：\(a)", "Amount: \(a)")) }
        if c.rules.duesEvery == .quarter { items.append(say("经支部同意，党费按季度收缴", "with the branch's consent dues are collected quarterly")) }
        return items.isEmpty ? [] : [items.joined(separator: say("；", "; ")) + say("。", ".")]
    }

    /// dues.monthly for a member who pays where they are: the liaison confirms it each half-year.
    func inflowDues(_ c: ReminderContext) -> Draft {
        let name = c.name
        let half = period(c.reminder.period, c.today)
        let short = period(c.reminder.period, c.today, short: true)
        return Draft(
            subject: say("请确认\(name)在流入地交纳党费的情况（\(short)）", "Please confirm the dues \(name) pays where they are (\(short))"),
            paragraphs: [
                say("流动党员\(name)同志\(phone(c))持流动党员活动证在流入地党组织交纳党费，本支部不再向其发送党费提醒。"
                        + (c.paidThrough.map { "台账记载党费交至\(month($0))。" } ?? ""),
                    "\(name)\(phone(c)) pays party dues to the organisation where they are, with the mobile member certificate, "
                        + "so the branch sends them no dues reminders." + (c.paidThrough.map { " The ledger has them paid through \(month($0))." } ?? "")),
                say("请与其联系，确认\(half)的党费已在流入地按时交纳，并告诉支部书记。",
                    "Please check with them that the dues for \(half) are paid there, and tell the secretary."),
            ],
            reply: [say("确认后，可回复本邮件，第一行写（党费已交至的月份）：", "Once confirmed, you may reply with this first line (the month paid through):"),
                    "    \(say("已交", "paid")) \(c.duesExample)"])
    }

    /// evaluation.annual for one outgoing member: the liaison asks the organisation where they are.
    func evaluationOpinion(_ c: ReminderContext) -> Draft {
        let name = c.name
        let counts = [c.intFact("contacts").map { say("联系\($0)次", "\($0) contacts") },
                      c.intFact("reports").map { say("汇报\($0)次", "\($0) reports") }]
            .compactMap { $0 }.joined(separator: say("、", ", "))
        return Draft(
            subject: say("\(c.year)年度民主评议：请征求\(name)所在地党组织的意见", "Evaluation \(c.year): please ask for the opinion on \(name) where they are"),
            paragraphs: [
                say("支部即将进行\(c.year)年度民主评议。您负责联系的流动党员\(name)同志\(phone(c))在外地，"
                        + "按照制度，对流动党员的评议要听取其所在地（流入地）党组织的意见。",
                    "The branch holds the democratic evaluation for \(c.year). \(name)\(phone(c)), whom you keep in touch with, "
                        + "is away; the evaluation of a mobile member hears the party organisation where they are."),
                say("请与流入地党组织联系，征求其对该同志本年度参加组织生活、践诺和表现情况的意见，转告支部书记。"
                        + (counts.isEmpty ? "" : "本年度支部记录：\(counts)。"),
                    "Please ask that organisation about their year (organisational life, commitments, conduct) and tell the secretary."
                        + (counts.isEmpty ? "" : " The branch's record this year: \(counts).")),
            ],
            reply: contactOptional(say("联系后可回复本邮件记录这次联系：", "You may reply to record the contact:")))
    }

    func regulationsDraft(_ c: ReminderContext) -> Draft {
        let name = c.name
        let today = c.today
        switch c.rule {
        case .departurePrepare:
            return departureDraft(c)

        case .transferReceipt:
            let t = c.dateFact("transferred").map { say("于\(fullDate($0))", " on \(fullDate($0))") } ?? ""
            let place = c.place.map { say("（转往\($0)）", " (to \($0))") } ?? ""
            return Draft(
                subject: say("请查看党员\(name)组织关系转接的回执", "Please check the receipt of \(name)'s transfer"),
                paragraphs: [
                    say("党员\(name)同志的组织关系已\(t)转出\(place)，尚未记录接收方的回执。转出待接收期间，"
                            + "该同志仍由本支部管理，联系、汇报和党费提醒照常发送。",
                        "The membership of \(name) was transferred\(t)\(place); no receipt is recorded yet. Until it is received "
                            + "the branch stays responsible: contact, report and dues reminders go on."),
                    say("请在全国党员管理信息系统中查看回执；尚未接收的，请与接收方党组织联系。",
                        "Please check the receipt in the national party member information system, or ask the receiving organisation."),
                ],
                reply: oneWordReply(replyFirstLine(after: "接收方回执", "received"),
                    say("已接收", "received"), verb: "收到",
                    say("记录后本支部不再对其发送提醒。", "The branch then sends no more reminders about them.")),
                askSecretary: false)

        case .incomingFeedback:
            let since = c.since.map { say("于\(fullDate($0))", " on \(fullDate($0))") } ?? ""
            let origin = c.fact("origin") ?? c.member?.origin
            return Draft(
                subject: say("请向流入党员\(name)的原党组织反馈现实表现", "Please report on incoming member \(name) to their original organisation"),
                paragraphs: [
                    say("流入党员\(name)同志\(phone(c))\(since)流入本社区。按照制度，党组织应如实负责地向外来党员原所在地党组织"
                            + "及时提供其现实表现情况。",
                        "\(name)\(phone(c)) came to the community\(since). The branch tells a member's original organisation "
                            + "how they are doing.") + registerDetails(c),
                    say("请将其近期参加组织生活、交纳党费、志愿服务和践诺等情况，反馈给"
                            + (origin.map { "原党组织\($0)" } ?? "其原党组织（台账“原党组织”一栏为空，请补充）") + "。",
                        "Please send their recent organisational life, dues, volunteering and commitments to "
                            + (origin ?? "their original organisation (the roster's origin column is empty)") + "."),
                ],
                reply: noReplyNeeded,
                askSecretary: false)

        case .probationEnd:
            let end = (c.dateFact("probation_end") ?? LocalDate.iso(c.reminder.period)).map { date($0, today) } ?? ""
            let away = c.member?.kind == .outgoing
            return Draft(
                subject: say("预备党员\(name)预备期将于\(end)期满" + (away ? "：请先征求流入地党组织意见" : "：请准备讨论转正"),
                             "Probation of \(name) ends on \(end)"),
                paragraphs: [
                    say("预备党员\(name)同志\(phone(c))的预备期将于\(end)期满。按照党章，预备期满，党支部应及时讨论其能否转为正式党员。",
                        "The probation of \(name)\(phone(c)) ends on \(end); the branch must discuss full membership in time."),
                    away ? say("该同志在外地。请联系人先征求其所在地（流入地）党组织对其预备期表现的意见，转告支部书记；"
                                   + "支部书记据此准备支部大会讨论。",
                               "They are away: the liaison first asks the party organisation where they are for its opinion and tells the secretary.")
                         : say("请及时准备支部大会讨论其转正事宜。", "Please prepare the branch meeting."),
                    say("转正后，请清空台账中的“预备期满”一栏。", "After the decision, clear the roster's probation_end column."),
                ],
                reply: away ? say(contactOptional("征求意见后可回复本邮件记录这次联系："), noReplyNeeded) : noReplyNeeded,
                askSecretary: false)

        default:
            return Draft(subject: name, paragraphs: [], reply: [])
        }
    }

    /// departure.prepare: what the branch does before a member leaves.
    func departureDraft(_ c: ReminderContext) -> Draft {
        let name = c.name
        let today = c.today
        let left = c.since.map { $0 > today ? say("将于\(date($0, today))外出", "leaves on \(date($0, today))")
                                            : say("已于\(date($0, today))外出", "left on \(date($0, today))") }
            ?? say("外出", "is leaving")
        let dest = c.fact("destination").map { say("，去往\($0)", " for \($0)") } ?? ""
        let length = say(c.fact("expected_length").flatMap(ConfigParser.parseDuration).map { "，预计外出\(duration($0))" },
                         c.fact("expected_length").map { ", expected to stay \($0)" }) ?? ""
        var paragraphs = [
            say("党员\(name)同志\(phone(c))\(left)\(dest)\(length)。按照制度，党员外出前应向支部报告外出原因、地点、时间、"
                    + "从事的工作和外出后的联系方式；支部要登记造册，进行党员管理基本要求的教育，"
                    + "并根据外出时间长短、地点是否固定进行分类管理。",
                "\(name)\(phone(c)) \(left)\(dest)\(length). Before leaving, a member tells the branch why, where, how long, "
                    + "what work and how to stay in touch; the branch registers the trip, gives the basic education and "
                    + "manages the member by the length of the trip and whether the place is fixed."),
            say("请做好以下几件事：\n"
                    + "  1. 登记外出地点、预计外出时长和从事的工作（台账“外出地点”“预计外出时长”两栏）；\n"
                    + "  2. 进行行前教育；\n"
                    + "  3. 发放《流动党员活动证》；\n"
                    + "  4. 指定一名联系人，实行“一联一”；\n"
                    + "  5. 报街道党工委备案。",
                "Please:\n  1. record the destination, expected length and work (roster columns destination, expected_length);\n"
                    + "  2. give the pre-departure education;\n  3. issue the mobile member certificate;\n"
                    + "  4. name a liaison;\n  5. report to the street party working committee."),
        ]
        if c.fact("advise_transfer") == "yes" {
            paragraphs.append(say("该同志有固定地点或单位，预计外出六个月以上。按照制度，应将组织关系转到所去居住地或单位党组织："
                                      + "请在其外出时即办理组织关系转接，不必等满六个月。",
                                  "The trip is expected to last six months or more with a fixed place: the membership should "
                                      + "move there now, at departure, not after six months."))
        }
        if c.fact("liaison") == "none" {
            paragraphs.append(say("台账中还没有为其指定联系人，请在“联系人”一栏填写。", "No liaison is named in the roster yet."))
        }
        return Draft(subject: say("党员\(name)\(left)：请做好外出登记和行前教育", "\(name) \(left): please register the trip"),
                     paragraphs: paragraphs, reply: noReplyNeeded, askSecretary: false)
    }
}
