/// Each rule's reminder, written once: what it says and in what order; each sentence in both
/// languages.
extension Wording {
    func draft(_ c: ReminderContext) -> Draft {
        let name = c.name
        let today = c.today
        let periodName = period(c.reminder.period, today)
        let shortPeriod = period(c.reminder.period, today, short: true)
        switch c.rule {
        case .contactQuarterly:
            let (subject, sentence) = deadline(c, action: say("联系流动党员\(name)(\(shortPeriod))", "contact \(name) (\(shortPeriod))"))
            return Draft(
                subject: subject,
                paragraphs: [
                    say("您联系的流动党员\(name)同志\(phone(c))\(periodName)还没有联系记录。"
                            + "按照支部“一联一”制度，联系人每季度至少同流动党员联系一次，了解其思想和工作情况，通报支部工作。",
                        "No contact with \(name)\(phone(c)), the mobile member you look after, is recorded for "
                            + "\(periodName). The branch asks each liaison to contact their member "
                            + "at least once a quarter, to hear how they are and to pass on the branch's news."),
                    sentence,
                ],
                reply: contactReply)

        case .reportPeriodic:
            let (subject, sentence) = deadline(c, action: say("汇报\(shortPeriod)思想和工作情况", "report for \(shortPeriod)"))
            let how = say("回复的正文就是汇报内容，不必写命令。汇报只由支部留存，不会转发他人。",
                          "the text of the reply is the report; no command is needed. Reports stay with the branch and are never passed on.")
            return Draft(
                subject: subject + say("(\(name))", " (\(name))"),
                paragraphs: [
                    // To the member themself: 您, not the third person their liaison reads.
                    say((c.addressedToMember ? "您" : "流动党员\(name)同志") + "\(periodName)的思想、学习和工作情况汇报尚未收到。"
                            + "按照支部流动党员管理制度，外出流动党员每\(c.reportsHalfYearly ? "半年" : "季度")应向支部汇报一次。",
                        (c.addressedToMember ? "Your report on your" : "The report of \(name) on their")
                            + " thinking, study and work in \(periodName) has not arrived yet. "
                            + "Mobile members report to the branch once a \(c.reportsHalfYearly ? "half-year" : "quarter")."),
                    sentence,
                ],
                reply: [c.addressedToMember
                    ? say("汇报方式：直接回复本邮件，" + how, "To report, simply reply to this e-mail: " + how)
                    : say("\(name)同志没有登记邮箱，这封提醒发给您，请转告本人按时汇报。收到汇报后，可直接回复本邮件，" + how,
                          "\(name) has no e-mail address on file, so this reminder comes to you: please pass it on. "
                            + "Once you have their report, simply reply to this e-mail: " + how)])

        case .duesMonthly:
            if c.fact("paid_at") == "inflow" { return inflowDues(c) }
            let n = c.monthsOwed ?? 1
            let owed = c.owedRange.map { n > 1 ? say("\(months($0.first, $0.last))共\(n)个月的党费", "for \(months($0.first, $0.last)) (\(n) months)")
                                                 : say("\(month($0.last))的党费", "for \(month($0.last))") }
                ?? say("\(periodName)的党费", "for \(periodName)")
            let end = PeriodID(c.reminder.period).monthEnd.map { date($0, today) }
            let how = c.rules.duesMethod
            return Draft(
                subject: n > 1 ? say("请交纳党费：已欠\(n)个月(\(name))", "Please pay the dues: \(n) months owed (\(name))")
                    : say("请交纳\(shortPeriod)党费(\(name))", "Please pay the dues for \(shortPeriod) (\(name))"),
                paragraphs: [
                    say((c.addressedToMember ? "您" : "\(name)同志") + "的党费\(c.paidThrough.map { "目前交至\(month($0))，" } ?? "")\(owed)尚未交纳。"
                            + "党员应按月交纳党费，流动党员在外期间也要按时交纳。",
                        (c.addressedToMember ? "Your party dues" : "The party dues of \(name)")
                            + "\(c.paidThrough.map { " are paid through \(month($0)), and those" } ?? "") \(owed) are not paid yet. "
                            + "Dues are paid monthly, also while away."),
                    say((end.map { "请在\($0)前" } ?? "请") + (how.map { "交纳：\($0)。" } ?? "按支部的收缴方式交纳。"),
                        how.map { "Please pay them\(end.map { " by \($0)" } ?? ""): \($0)." }
                            ?? "Please pay them the usual way\(end.map { " by \($0)" } ?? "")."),
                ] + duesTerms(c),
                reply: say(["交纳后请回复本邮件，第一行写(表示党费已交至该月)："],
                           ["Once paid, reply to this e-mail with this first line (dues paid through that month):"])
                    + ["    \(say("已交", "paid")) \(c.reminder.period)"])

        case .duesArrears:
            let n = c.monthsOwed.map { say("\($0)个月", "\($0) months") } ?? say("三个月以上", "three months or more")
            return Draft(
                subject: threshold(c, say("党员\(name)已欠交党费\(n)，请提醒补交", "\(name) owes \(n) of dues: please remind them")),
                paragraphs: [
                    say("\(name)同志\(phone(c))\(c.paidThrough.map { "党费交至\(month($0))，" } ?? "")已连续\(n)未交纳党费"
                            + "\(c.owedRange.map { "(\(months($0.first, $0.last)))" } ?? "")。按照制度，党员应按时交纳党费；"
                            + "长期不交纳的，党组织要按照党章有关规定处理。",
                        "\(name)\(phone(c)) has not paid party dues for \(n) in a row"
                            + "\(c.owedRange.map { " (\(months($0.first, $0.last)))" } ?? c.paidThrough.map { " (paid through \(month($0)))" } ?? ""). "
                            + "Members pay dues on time; long arrears are dealt with under the Party Constitution."),
                    say("请尽快与其联系，了解原因，提醒其补交。", "Please contact them soon, ask why, and remind them to pay."),
                ],
                reply: [say("补交后请回复本邮件，第一行写：", "Once paid, reply to this e-mail with this first line:"),
                        "    \(say("已交", "paid")) \(c.reminder.period)"])

        case .certificateCheck:
            let (subject, sentence) = deadline(c, action: say("检查\(name)的流动党员活动证", "check the certificate of \(name)"))
            let cert = c.certificate.map { say("(编号 \($0))", " (no. \($0))") } ?? ""
            let from = c.countedFrom.map { say("，从\(fullDate($0))起算", ", counted from \(fullDate($0))") } ?? ""
            return Draft(
                subject: subject,
                paragraphs: [
                    say("流动党员\(name)同志\(phone(c))持有流动党员活动证\(cert)。按照制度，对持有活动证的流动党员，"
                            + "要定期检查、督促，了解其在外参加组织生活的情况；支部对其活动证\(c.checksYearly ? "每年" : "每半年")检查一次\(from)。",
                        "\(name)\(phone(c)) holds a mobile party member certificate\(cert). "
                            + "The branch checks it \(c.checksYearly ? "every year" : "every half-year")\(from): "
                            + "are they taking part in party life where they are?"),
                    sentence,
                ],
                reply: [say("检查后请把结果告诉支部书记，由支部登记；在本邮件中回复 已联系 [日期] [备注] 可同时记录这次联系。",
                            "Please tell the branch secretary the result, who records it. A reply to this e-mail with "
                                + "done [date] [note] records the contact as well.")])

        case .placementChanged:
            let six = (c.monthsAway ?? 3) >= 6
            let away = say("您联系的流动党员\(name)同志\(phone(c))\(sinceText(c))外出已满\(six ? "六" : "三")个月。",
                           "\(name)\(phone(c)), the mobile member you look after, has been away\(sinceText(c)) for \(six ? "six" : "three") months.")
            return Draft(
                subject: six
                    ? say("流动党员\(name)外出已满六个月：请了解组织关系转接情况",
                          "\(name) has been away six months: please ask about transferring their membership")
                    : say("流动党员\(name)外出已满三个月：请提醒其在当地参加组织生活",
                          "\(name) has been away three months: please remind them to join party life there"),
                paragraphs: six
                    ? [away + say("按照制度，有固定地点或单位、外出六个月以上的，"
                                      + "应将组织关系转到所去居住地或单位党组织；流动性大、暂时无法转移的，到所去地方参加组织生活。",
                                  " Members away six months or more with a fixed place or employer transfer their membership there; "
                                      + "those who move around take part in party life where they are."),
                       say("请与其联系，了解情况，并告诉支部书记。", "Please contact them, find out how things stand, and tell the branch secretary.")]
                    : [away + say("按照制度，外出三个月以上的党员，应持流动党员活动证到所去地方参加组织生活。",
                                  " Members away three months or more take part in party life where they are, with their certificate."),
                       say("请与其联系，提醒其主动与当地党组织取得联系，按时参加组织生活。",
                           "Please contact them and remind them to get in touch with the local party organisation.")],
                reply: contactOptional(say("联系后可回复本邮件记录这次联系：", "After the contact, you can reply to record it:")))

        case .relationTransfer:
            let since = c.since.map { say("自\(fullDate($0))外出，", " since \(fullDate($0))") } ?? ""
            let place = c.place.map { say("流向\($0)，", " in \($0)") } ?? ""
            return Draft(
                subject: threshold(c, say("请办理流动党员\(name)的组织关系转接", "Please transfer the membership of \(name)")),
                paragraphs: [
                    say("流动党员\(name)同志\(phone(c))\(since)\(place)有固定地点或单位，外出已满六个月。"
                            + "按照制度，应将其组织关系转到所去居住地或单位党组织。\(repeatNote(c))",
                        "\(name)\(phone(c)) has been away\(since), with a fixed place or employer\(place), for six months. "
                            + "Their membership should now move to the party organisation there.\(repeatNote(c))"),
                    say("\(c.liaisonName.map { "请与联系人\($0)一起" } ?? "请")办理组织关系转接。",
                        "Please arrange the transfer\(c.liaisonName.map { " with the liaison, \($0)" } ?? "")."),
                ],
                reply: oneWordReply(replyFirstLine(after: "转出", "transferred"),
                    say("已转出", "transferred"), verb: "转出",
                    say("转出待接收期间，联系、汇报、党费提醒照常，并定期提醒查看接收方回执；收到回执后回复“已接收”。",
                        "Until the receipt, contact, report and dues reminders go on and the secretary is asked to check "
                            + "the receipt; reply \"received\" once it comes.")),
                askSecretary: false)

        case .incomingRegister:
            let since = c.since.map { say("于\(fullDate($0))", " on \(fullDate($0))") } ?? ""
            let place = c.place.map { say("(来自\($0))", " from \($0)") } ?? ""
            let (subject, sentence) = deadline(c, action: say("将流入党员\(name)编入支部、党小组",
                                                              "place incoming member \(name) in a branch and party group"))
            return Draft(
                subject: subject,
                paragraphs: [
                    say("流入党员\(name)同志\(phone(c))\(since)流入本社区\(place)，尚未编入党支部、党小组。"
                            + "按照制度，社区党支部验明身份后，应及时将其编入党支部、党小组，对其入党时间、流出与流入时间、"
                            + "住址和联系方式逐一登记造册，并报上级党组织备案。",
                        "\(name)\(phone(c)) came to the community\(place)\(since) and is not yet placed "
                            + "in a branch and party group. Once their identity is checked, incoming members are placed at once, "
                            + "entered in the ledger (date of joining, arrival, address, contact) and reported to the higher "
                            + "party organisation.") + registerDetails(c),
                    sentence,
                ],
                reply: oneWordReply(replyFirstLine(after: "编入", "placed"),
                    say("已登记", "registered"), verb: "编入",
                    say("或在台账中把“已编入”改为“是”。记录后不再提醒。", "or set the roster's registered to yes; the reminders then stop.")),
                askSecretary: false)

        case .activityDay:
            let d = c.noticeDate
            let day = d.map { date($0, today) } ?? ""
            let time = c.fact("activity_time")
            let place = c.fact("activity_place")
            let topic = c.fact("activity_topic")
            return Draft(
                subject: say("主题党日\(day)：能回来的请参加，不能回来的请在所在地参加组织生活",
                             "Theme party day on \(day): please take part where you are"),
                paragraphs: say([
                    "本月支部主题党日定于\(d.map { "\(date($0, today))（\(weekdays[$0.weekday - 1])）" } ?? "")"
                        + "\(time.flatMap(ConfigParser.parseTimeOfDay).map(clock) ?? "")\(place.map { "在\($0)举行" } ?? "举行")"
                        + "\(topic.map { "，主题为“\($0)”" } ?? "")。",
                    "能回来的请按时参加；不能回来的，不必专程赶回，请在所在地党组织参加组织生活，"
                        + "或告知\(c.liaisonName.map { "联系人\($0)" } ?? "联系人")，会后由联系人向您传达。",
                ], [
                    "This month's theme party day (主题党日) is on \(d.map { "\(weekdays[$0.weekday - 1]), \(date($0, today))" } ?? "")"
                        + "\(time.map { " at \($0)" } ?? "")\(place.map { ", \($0)" } ?? "")\(topic.map { ", on \"\($0)\"" } ?? "").",
                    "You are away, so there is no need to travel back: please take part in the party organisation's "
                        + "activity where you are; if there is none, \(c.liaisonName.map { "your liaison, \($0)," } ?? "the branch") "
                        + "will brief you on this one. You are welcome to come if you are nearby.",
                ]),
                reply: noReplyNeeded)

        case .surveyPeak:
            let d = c.noticeDate
            let isNational = c.fact("holiday").map { $0 == "national-day" } ?? (d?.month == 10)
            let holiday = isNational ? say("国庆节", "National Day") : say("春节", "Spring Festival")
            let when = d.map { say("(\(date($0, today)))", " (\(date($0, today)))") } ?? ""
            let grid = c.reminder.grid ?? ""
            var list = c.surveyList.enumerated().map { i, m in
                var line = "  \(i + 1). \(m.name)  " + (m.kind == .incoming ? say("流入", "incoming") : say("流出", "outgoing"))
                if let p = m.phone, !p.isEmpty { line += say("  电话 \(p)", "  phone \(p)") }
                return line
            }.joined(separator: "\n")
            if list.isEmpty { list = say("  (台账中暂无)", "  (none in the roster)") }
            return Draft(
                subject: say("\(holiday)前请做好网格\(grid)流动党员调查统计", "Survey of grid \(grid)'s mobile members before \(holiday)"),
                paragraphs: [
                    say("\(holiday)\(when)是流动高峰期。按照社区“三统计”制度，请对网格\(grid)的流动党员情况进行一次全面调查统计，"
                            + "核实去向、联系方式和近况。",
                        "\(holiday)\(when) is a peak travel time. Please survey the mobile members of grid \(grid): "
                            + "where they are, how to reach them, how they are doing."),
                    say("本网格流动党员(\(c.surveyList.count)人)：\n", "Mobile members of the grid (\(c.surveyList.count)):\n") + list,
                    say("情况有变化的，请告诉支部书记更新台账。", "Please tell the branch secretary of any change, so the roster can be updated."),
                ],
                reply: noReplyNeeded)

        case .contactLost:
            return Draft(
                subject: threshold(c, say("流动党员\(name)可能已失去联系，请组织查找", "\(name) may have lost touch: please search")),
                paragraphs: [
                    lostSituation(c) + repeatNote(c),
                    say("按照《中国共产党党员教育管理工作条例》，对失去联系的党员，党组织应及时查找。"
                            + "是否有正当理由，由支部了解情况后研究；本提醒只提供情况，不作任何决定。",
                        "Under the Regulations on the Education and Management of Party Members, the branch searches for "
                            + "members who lost touch. Whether there is a proper reason is for the branch to judge; "
                            + "this reminder only reports the facts and decides nothing."),
                ],
                reply: [replyFirstLine(after: "联系上", "in touch")]
                    + contactExample + [say("记录后不再提醒。", "The reminders then stop.")],
                askSecretary: false)

        case .membershipReview:
            let (situation, what) = reviewSituation(c)
            return Draft(
                subject: threshold(c, say("请核实党员\(name)的情况(\(what))", "Please look into the case of \(name) (\(what))")),
                paragraphs: [
                    situation + repeatNote(c),
                    say("按照党章第九条，党员连续六个月不参加党的组织生活，或不交纳党费，或不做党所分配的工作，"
                            + "又没有正当理由的，就被认为是自行脱党。是否有正当理由，由支部了解情况后研究决定；本提醒只提供情况，不作任何决定。",
                        "Under Article 9 of the Party Constitution, a member who for six months in a row takes no part in "
                            + "party life, pays no dues or does no assigned work without a proper reason is regarded as having "
                            + "left the Party. Whether there is a proper reason is for the branch to find out and decide; "
                            + "this reminder only reports the facts and decides nothing."),
                ],
                reply: [say("已收到党费的，请回复 已交 \(c.duesExample)(交至的月份)；已联系上的，请回复 已联系 [日期] [备注]。",
                            "If dues were paid, reply paid \(c.duesExample) (the month paid through); "
                                + "if contact was made, reply done [date] [note].")],
                askSecretary: false)

        case .evaluationAnnual:
            if c.member != nil { return evaluationOpinion(c) }
            let year = c.year
            return Draft(
                subject: say("请组织\(year)年度民主评议", "Please hold the democratic evaluation for \(year)"),
                paragraphs: [
                    say("按照制度，年终社区党组织根据党员践诺情况进行民主评议。请组织\(year)年度民主评议。",
                        "At the year's end the branch holds the democratic evaluation of its members. "
                            + "Please arrange the evaluation for \(year)."),
                    evaluationList(c),
                    say("完整的年度记录(联系日期和方式、汇报、党费、检查、提醒)见每月月报所附的台账表格；需要全年表格的，请联系管理员导出。",
                        "The full record of the year (contact dates and methods, reports, dues, checks, reminders) "
                            + "is in the ledger table attached to each monthly report; for the whole year's table, "
                            + "please ask the administrator."),
                ],
                reply: noReplyNeeded,
                askSecretary: false)

        case .departurePrepare, .transferReceipt, .incomingFeedback, .probationEnd:
            return regulationsDraft(c)

        case .digestMonthly:
            return Draft(subject: say("\(periodName)流动党员管理月报", "Mobile members: digest for \(periodName)"),
                         paragraphs: digest(c), reply: noReplyNeeded, askSecretary: false)
        }
    }

    /// contact.lost: why the member counts as lost (two failed attempts, or no contact for longer
    /// than `lost_after`).
    func lostSituation(_ c: ReminderContext) -> String {
        let name = c.name
        let liaison = c.liaisonName.map { say("联系人：\($0)", "liaison: \($0)") }
        if c.fact("reason") == "unreachable" {
            let tries = c.intFact("unreachable").map { $0 > 2 ? say("(上次联系以来共\($0)次)", " (\($0) attempts since the last contact)") : "" } ?? ""
            let last = c.lastContact.map { say("上次联系是\(fullDate($0))。", " The last contact was on \(fullDate($0)).") }
                ?? say("外出以来还没有联系记录。", " No contact is recorded since they left.")
            return say("联系人最近连续两次未能联系上流动党员\(name)同志\(phone(c, liaison))\(tries)；",
                       "The liaison has twice in a row failed to reach \(name)\(phone(c, liaison))\(tries).") + last
        }
        if let l = c.lastContact {
            return say("流动党员\(name)同志\(phone(c, liaison))自\(fullDate(l))以来已超过\(duration(c.lostAfter))没有联系记录。",
                       "No contact with \(name)\(phone(c, liaison)) is recorded since \(fullDate(l)): more than \(duration(c.lostAfter)).")
        }
        let since = (c.countedFrom ?? c.since).map { say("自\(fullDate($0))外出以来", " since they left on \(fullDate($0))") } ?? ""
        return say("流动党员\(name)同志\(phone(c, liaison))\(since)一直没有联系记录，已超过\(duration(c.lostAfter))。",
                   "No contact with \(name)\(phone(c, liaison)) is recorded\(since): more than \(duration(c.lostAfter)).")
    }

    /// membership.review: the situation and, for the subject, what it is about (unpaid dues, or
    /// no contact and no report).
    func reviewSituation(_ c: ReminderContext) -> (situation: String, what: String) {
        let name = c.name
        let byDues = c.fact("reason").map { $0 == "dues" } ?? ((c.monthsOwed ?? 0) >= 6 || c.member?.kind != .outgoing)
        guard byDues else {
            let from = c.countedFrom.map { say("自\(fullDate($0))以来", " since \(fullDate($0))") } ?? ""
            return (say("流动党员\(name)同志\(phone(c))\(from)已连续六个月没有联系记录，也没有汇报。",
                        "No contact with \(name)\(phone(c)) and no report from them\(from): six months in a row."),
                    say("连续六个月无联系、无汇报", "no contact or report for six months"))
        }
        let n = c.monthsOwed ?? 6
        let owed = c.owedRange.map { ($0.first, $0.last) }
        return (say("\(name)同志\(phone(c))\(c.paidThrough.map { "党费交至\(month($0))，" } ?? "")已连续\(n)个月未交纳党费"
                        + "\(owed.map { "(\(months($0.0, $0.1)))" } ?? "")。",
                    "\(name)\(phone(c)) has paid no dues for \(n) months in a row"
                        + "\(c.paidThrough.map { " (paid through \(month($0))\(owed.map { ": \(months($0.0, $0.1))" } ?? ""))" } ?? "")."),
                say("连续\(n)个月未交党费", "no dues for \(n) months"))
    }
}
