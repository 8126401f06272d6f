/// English wording (`language = en`): the same content as `ChineseWording`, for branches whose
/// members read English.
struct EnglishWording: Wording {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// `31 December`; with the year when it is not the sending year: `5 January 2027`.
    func date(_ d: LocalDate, _ today: LocalDate) -> String {
        d.year == today.year ? "\(d.day) \(Self.monthNames[d.month - 1])" : fullDate(d)
    }

    func fullDate(_ d: LocalDate) -> String { "\(d.day) \(Self.monthNames[d.month - 1]) \(d.year)" }

    func month(_ ym: YearMonth) -> String { "\(Self.monthNames[ym.month - 1]) \(ym.year)" }

    /// `Q4 2026`, `second half of 2026`, `November 2026`; `short` drops the sending year.
    func period(_ id: String, _ today: LocalDate, short: Bool = false) -> String {
        let p = PeriodID(id)
        let y = (short && p.year == today.year) ? "" : " \(p.year ?? 0)"
        switch p {
        case .quarter(_, let q): return "Q\(q)" + y
        case .half(_, let h): return (h == 1 ? "first half" : "second half") + (y.isEmpty ? "" : " of" + y)
        case .month(let ym): return Self.monthNames[ym.month - 1] + y
        case .day(let d): return short ? date(d, today) : fullDate(d)
        case .year(let n): return "\(n)"
        case .other(let s): return s
        }
    }

    /// `June to November 2026`, `December 2025 to February 2026`, `November 2026`.
    func months(_ first: YearMonth, _ last: YearMonth) -> String {
        if first == last { return month(first) }
        return first.year == last.year ? "\(Self.monthNames[first.month - 1]) to \(month(last))" : "\(month(first)) to \(month(last))"
    }

    /// `6 months`, `90 days`, `6 months and 10 days`: `lost_after` in words.
    func duration(_ d: Duration) -> String {
        let days = Int((d.seconds / 86400).rounded(.up))
        func unit(_ n: Int, _ w: String) -> String { "\(n) \(w)\(n == 1 ? "" : "s")" }
        switch (d.months, days) {
        case (let m, 0): return unit(m, "month")
        case (0, let n): return unit(n, "day")
        case (let m, let n): return unit(m, "month") + " and " + unit(n, "day")
        }
    }

    func greeting(_ name: String) -> String { name.isEmpty ? "Hello," : "Dear \(name)," }

    func askLine(_ s: Mailbox) -> String {
        let who = s.name.isEmpty ? "the branch secretary" : "the branch secretary, \(s.name)"
        return "If you have questions, please ask \(who) (\(s.address))."
    }

    /// ` (phone 138…)`, with further notes in the same parentheses: ` (phone 138…; liaison: 李明)`.
    func phone(_ c: ReminderContext, _ more: String? = nil) -> String {
        let items = [c.phone.map { "phone \($0)" }, more].compactMap { $0 }
        return items.isEmpty ? "" : " (" + items.joined(separator: "; ") + ")"
    }

    // MARK: - Reminders

    func reminder(_ c: ReminderContext) -> ComposedText {
        var d = draft(c)
        if let from = c.openFrom {
            d.paragraphs.append("Every period since \(period(from, c.today)) is still open as well. Please see to these too.")
        } else if !c.reminder.openPeriods.isEmpty {
            let list = c.reminder.openPeriods.map { period($0, c.today) }.joined(separator: ", ")
            d.paragraphs.append("Still open from before: \(list). Please see to these as well.")
        }
        var parts = [greeting(c.recipientName)]
        parts += d.paragraphs
        if !d.reply.isEmpty { parts.append(d.reply.joined(separator: "\n")) }
        if d.askSecretary { parts.append(askLine(c.secretary)) }
        parts.append(c.branchName)
        return ComposedText(subject: d.subject, body: parts.joined(separator: "\n\n") + "\n")
    }

    func deadline(_ c: ReminderContext, action: String) -> (subject: String, sentence: String) {
        let due = c.deadline.map { date($0, c.today) }
        let Action = action.prefix(1).uppercased() + action.dropFirst()
        switch c.step {
        case .lead:
            let left = c.daysLeft.map { ": \($0) day\($0 == 1 ? "" : "s") left" } ?? ""
            if let due { return ("Please \(action) by \(due)", "Please \(action) by \(due)\(left).") }
            return ("Please \(action)", "Please \(action) soon.")
        case .overdue:
            return ("Overdue: please \(action)", "The deadline, \(due ?? ""), has passed. \(Action) as soon as you can, please.")
        case .repeat:
            let n = c.deadline.map { $0.days(until: c.today) } ?? 0
            let late = n > 0 ? " (\(n) day\(n == 1 ? "" : "s") ago)" : ""
            return (c.isFirstMessage ? "Overdue: please \(action)" : "Reminder: please \(action)",
                    "The deadline, \(due ?? ""), has passed\(late). \(Action) as soon as you can, please.")
        case .notice:
            return ("Please \(action)", "Please \(action).")
        }
    }

    func threshold(_ c: ReminderContext, _ subject: String) -> String {
        if case .repeat = c.step, !c.isFirstMessage { return "Reminder: " + subject }
        return subject
    }

    func repeatNote(_ c: ReminderContext) -> String {
        guard case .repeat = c.step, let d = c.deadline, d < c.today else { return "" }
        let days = d.days(until: c.today)
        return " (\(days) day\(days == 1 ? "" : "s") past the date.)"
    }

    /// ` since 1 March 2026`, from the `since` fact.
    func sinceText(_ c: ReminderContext) -> String { c.since.map { " (since \(fullDate($0)))" } ?? "" }

    /// The example of `done`: no date, so a copy records the reply day (a date copied from the
    /// example would be taken as the latest such day, not the day of the contact).
    static let contactExample = [
        "    done phoned, all well",
        "If the contact was not today, add its date: done 12-20 phoned",
    ]

    static let contactReply = ["After the contact, reply to this e-mail with this as the first line (the note is optional):"]
        + contactExample + [
        "If you cannot reach them after several tries, reply:",
        "    unreachable note",
    ]

    func draft(_ c: ReminderContext) -> Draft {
        let name = c.name
        let today = c.today
        switch c.rule {
        case .contactQuarterly:
            let (subject, sentence) = deadline(c, action: "contact \(name) (\(period(c.reminder.period, today, short: true)))")
            return Draft(
                subject: subject,
                paragraphs: [
                    "No contact with \(name)\(phone(c)), the mobile member you look after, is recorded for "
                        + "\(period(c.reminder.period, today)). The branch asks each liaison to contact their member "
                        + "at least once a quarter, to hear how they are and to pass on the branch's news.",
                    sentence,
                ],
                reply: Self.contactReply)

        case .reportPeriodic:
            let every = c.reportsHalfYearly ? "half-year" : "quarter"
            let (subject, sentence) = deadline(c, action: "report for \(period(c.reminder.period, today, short: true))")
            return Draft(
                subject: subject + " (\(name))",
                paragraphs: [
                    (c.addressedToMember ? "Your report on your" : "The report of \(name) on their")
                        + " thinking, study and work in \(period(c.reminder.period, today)) "
                        + "has not arrived yet. Mobile members report to the branch once a \(every).",
                    sentence,
                ],
                reply: c.addressedToMember
                    ? ["To report, simply reply to this e-mail: the text of the reply is the report; no command is needed. "
                        + "Reports stay with the branch and are never passed on."]
                    : ["\(name) has no e-mail address on file, so this reminder comes to you: please pass it on. "
                        + "Once you have their report, simply reply to this e-mail: the text of the reply is the report; "
                        + "no command is needed. Reports stay with the branch and are never passed on."])

        case .duesMonthly:
            if c.fact("paid_at") == "inflow" { return inflowDues(c) }
            let n = c.monthsOwed ?? 1
            let paid = c.paidThrough.map { " are paid through \(month($0)), and those" } ?? ""
            let owed = c.owedRange.map { n > 1 ? "for \(months($0.first, $0.last)) (\(n) months)" : "for \(month($0.last))" }
                ?? "for \(period(c.reminder.period, today))"
            let end = PeriodID(c.reminder.period).monthEnd.map { " by \(date($0, today))" } ?? ""
            return Draft(
                subject: n > 1 ? "Please pay the dues: \(n) months owed (\(name))"
                    : "Please pay the dues for \(period(c.reminder.period, today, short: true)) (\(name))",
                paragraphs: [
                    (c.addressedToMember ? "Your party dues" : "The party dues of \(name)") + "\(paid) \(owed) are not paid yet. "
                        + "Dues are paid monthly, also while away.",
                    c.rules.duesMethod.map { "Please pay them\(end): \($0)." } ?? "Please pay them the usual way\(end).",
                ] + duesTerms(c),
                reply: ["Once paid, reply to this e-mail with this first line (dues paid through that month):",
                        "    paid \(c.reminder.period)"])

        case .duesArrears:
            let n = c.monthsOwed.map { "\($0) months" } ?? "three months or more"
            let paid = c.owedRange.map { " (\(months($0.first, $0.last)))" } ?? c.paidThrough.map { " (paid through \(month($0)))" } ?? ""
            return Draft(
                subject: threshold(c, "\(name) owes \(n) of dues: please remind them"),
                paragraphs: [
                    "\(name)\(phone(c)) has not paid party dues for \(n) in a row\(paid). Members pay dues on time; "
                        + "long arrears are dealt with under the Party Constitution.",
                    "Please contact them soon, ask why, and remind them to pay.",
                ],
                reply: ["Once paid, reply to this e-mail with this first line:", "    paid \(c.reminder.period)"])

        case .certificateCheck:
            let (subject, sentence) = deadline(c, action: "check the certificate of \(name)")
            let cert = c.certificate.map { " (no. \($0))" } ?? ""
            let every = c.checksYearly ? "every year" : "every half-year"
            let from = c.countedFrom.map { ", counted from \(fullDate($0))" } ?? ""
            return Draft(
                subject: subject,
                paragraphs: [
                    "\(name)\(phone(c)) holds a mobile party member certificate\(cert). The branch checks it \(every)\(from): "
                        + "are they taking part in party life where they are?",
                    sentence,
                ],
                reply: ["Please tell the branch secretary the result, who records it. A reply to this e-mail with "
                        + "done [date] [note] records the contact as well."])

        case .placementChanged:
            let months = c.monthsAway ?? 3
            if months >= 6 {
                return Draft(
                    subject: "\(name) has been away six months: please ask about transferring their membership",
                    paragraphs: [
                        "\(name)\(phone(c)), the mobile member you look after, has been away\(sinceText(c)) for six months. Members away "
                            + "six months or more with a fixed place or employer transfer their membership there; those who "
                            + "move around take part in party life where they are.",
                        "Please contact them, find out how things stand, and tell the branch secretary.",
                    ],
                    reply: ["After the contact, you can reply to record it:"] + Self.contactExample)
            }
            return Draft(
                subject: "\(name) has been away three months: please remind them to join party life there",
                paragraphs: [
                    "\(name)\(phone(c)), the mobile member you look after, has been away\(sinceText(c)) for three months. Members away "
                        + "three months or more take part in party life where they are, with their certificate.",
                    "Please contact them and remind them to get in touch with the local party organisation.",
                ],
                reply: ["After the contact, you can reply to record it:"] + Self.contactExample)

        case .relationTransfer:
            let since = c.since.map { " since \(fullDate($0))" } ?? ""
            let place = c.place.map { " in \($0)" } ?? ""
            let liaison = c.liaisonName.map { " with the liaison, \($0)" } ?? ""
            return Draft(
                subject: threshold(c, "Please transfer the membership of \(name)"),
                paragraphs: [
                    "\(name)\(phone(c)) has been away\(since), with a fixed place or employer\(place), for six months. "
                        + "Their membership should now move to the party organisation there.\(repeatNote(c))",
                    "Please arrange the transfer\(liaison).",
                ],
                reply: ["Once transferred, reply to this e-mail with this first line:",
                        "    transferred",
                        "If it was not today, add the date: transferred 12-20",
                        "Until the receipt, contact, report and dues reminders go on and the secretary is asked to check "
                            + "the receipt; reply \"received\" once it comes."],
                askSecretary: false)

        case .incomingRegister:
            let since = c.since.map { " on \(fullDate($0))" } ?? ""
            let place = c.place.map { " from \($0)" } ?? ""
            let (subject, sentence) = deadline(c, action: "place incoming member \(name) in a branch and party group")
            return Draft(
                subject: subject,
                paragraphs: [
                    "\(name)\(phone(c)) came to the community\(place)\(since) and is not yet placed "
                        + "in a branch and party group. Once their identity is checked, incoming members are placed at once, "
                        + "entered in the ledger (date of joining, arrival, address, contact) and reported to the higher "
                        + "party organisation." + registerDetails(c),
                    sentence,
                ],
                reply: ["Once placed, reply to this e-mail with this first line:",
                        "    registered",
                        "If it was not today, add the date: registered 12-20",
                        "or set the roster's registered to yes; the reminders then stop."],
                askSecretary: false)

        case .activityDay:
            let d = c.noticeDate
            let day = d.map { date($0, today) } ?? ""
            let when = d.map { "\(Self.weekdays[$0.weekday - 1]), \(date($0, today))" } ?? ""
            let time = c.fact("activity_time").map { " at \($0)" } ?? ""
            let place = c.fact("activity_place").map { ", \($0)" } ?? ""
            let topic = c.fact("activity_topic").map { ", on \"\($0)\"" } ?? ""
            let liaison = c.liaisonName.map { "your liaison, \($0)," } ?? "the branch"
            return Draft(
                subject: "Theme party day on \(day): please take part where you are",
                paragraphs: [
                    "This month's theme party day (主题党日) is on \(when)\(time)\(place)\(topic).",
                    "You are away, so there is no need to travel back: please take part in the party organisation's "
                        + "activity where you are; if there is none, \(liaison) will brief you on this one. "
                        + "You are welcome to come if you are nearby.",
                ],
                reply: ["This is a notice; no reply is needed."])

        case .surveyPeak:
            let d = c.noticeDate
            let isNational = c.fact("holiday").map { $0 == "national-day" } ?? (d?.month == 10)
            let holiday = isNational ? "National Day" : "Spring Festival"
            let when = d.map { " (\(date($0, today)))" } ?? ""
            let grid = c.reminder.grid ?? ""
            var list = c.surveyList.enumerated().map { i, m in
                var line = "  \(i + 1). \(m.name)  \(m.kind == .incoming ? "incoming" : "outgoing")"
                if let p = m.phone, !p.isEmpty { line += "  phone \(p)" }
                return line
            }.joined(separator: "\n")
            if list.isEmpty { list = "  (none in the roster)" }
            return Draft(
                subject: "Survey of grid \(grid)'s mobile members before \(holiday)",
                paragraphs: [
                    "\(holiday)\(when) is a peak travel time. Please survey the mobile members of grid \(grid): "
                        + "where they are, how to reach them, how they are doing.",
                    "Mobile members of the grid (\(c.surveyList.count)):\n" + list,
                    "Please tell the branch secretary of any change, so the roster can be updated.",
                ],
                reply: ["This is a notice; no reply is needed."])

        case .contactLost:
            let liaison = c.liaisonName.map { "liaison: \($0)" }
            let situation: String
            let last = c.lastContact.map { " The last contact was on \(fullDate($0))." } ?? " No contact is recorded since they left."
            if c.fact("reason") == "unreachable" {
                let tries = c.intFact("unreachable").map { $0 > 2 ? " (\($0) attempts since the last contact)" : "" } ?? ""
                situation = "The liaison has twice in a row failed to reach \(name)\(phone(c, liaison))\(tries)." + last
            } else if let l = c.lastContact {
                situation = "No contact with \(name)\(phone(c, liaison)) is recorded since \(fullDate(l)): "
                    + "more than \(duration(c.lostAfter))."
            } else {
                let since = (c.countedFrom ?? c.since).map { " since they left on \(fullDate($0))" } ?? ""
                situation = "No contact with \(name)\(phone(c, liaison)) is recorded\(since): more than \(duration(c.lostAfter))."
            }
            return Draft(
                subject: threshold(c, "\(name) may have lost touch: please search"),
                paragraphs: [
                    situation + repeatNote(c),
                    "Under the Regulations on the Education and Management of Party Members, the branch searches for "
                        + "members who lost touch. Whether there is a proper reason is for the branch to judge; "
                        + "this reminder only reports the facts and decides nothing.",
                ],
                reply: ["Once in touch, reply to this e-mail with this first line:"] + Self.contactExample + [
                        "The reminders then stop."],
                askSecretary: false)

        case .membershipReview:
            let byDues = c.fact("reason").map { $0 == "dues" } ?? ((c.monthsOwed ?? 0) >= 6 || c.member?.kind != .outgoing)
            let situation: String
            let what: String
            if byDues {
                let months = c.monthsOwed ?? 6
                let owed = c.owedRange.map { ": \(self.months($0.first, $0.last))" } ?? ""
                let paid = c.paidThrough.map { " (paid through \(month($0))\(owed))" } ?? ""
                situation = "\(name)\(phone(c)) has paid no dues for \(months) months in a row\(paid)."
                what = "no dues for \(months) months"
            } else {
                let from = c.countedFrom.map { " since \(fullDate($0))" } ?? ""
                situation = "No contact with \(name)\(phone(c)) and no report from them\(from): six months in a row."
                what = "no contact or report for six months"
            }
            return Draft(
                subject: threshold(c, "Please look into the case of \(name) (\(what))"),
                paragraphs: [
                    situation + repeatNote(c),
                    "Under Article 9 of the Party Constitution, a member who for six months in a row takes no part in "
                        + "party life, pays no dues or does no assigned work without a proper reason is regarded as having "
                        + "left the Party. Whether there is a proper reason is for the branch to find out and decide; "
                        + "this reminder only reports the facts and decides nothing.",
                ],
                reply: ["If dues were paid, reply paid \(c.duesExample) (the month paid through); "
                        + "if contact was made, reply done [date] [note]."],
                askSecretary: false)

        case .evaluationAnnual:
            let year = c.year
            if c.member != nil { return evaluationOpinion(c) }
            return Draft(
                subject: "Please hold the democratic evaluation for \(year)",
                paragraphs: [
                    "At the year's end the branch holds the democratic evaluation of its members. "
                        + "Please arrange the evaluation for \(year).",
                    evaluationList(c),
                    "The full record of the year (contact dates and methods, reports, dues, checks, reminders) "
                        + "is in the ledger table attached to each monthly report; for the whole year's table, "
                        + "please ask the administrator.",
                ],
                reply: ["This is a notice; no reply is needed."],
                askSecretary: false)

        case .departurePrepare, .transferReceipt, .incomingFeedback, .probationEnd:
            return regulationsDraft(c)

        case .digestMonthly:
            return Draft(
                subject: "Mobile members: digest for \(period(c.reminder.period, today))",
                paragraphs: digest(c),
                reply: ["This is a notice; no reply is needed."],
                askSecretary: false)
        }
    }

    func evaluationList(_ c: ReminderContext) -> String {
        let all = c.evaluationList
        guard !all.isEmpty else { return "Each member's year is in the exported table." }
        var lines = ["Each member's year (contacts and reports counted):"]
        for e in all.prefix(EvaluationList.limit) {
            let dues = e.duesThrough.map { "dues paid through \(month($0))" } ?? "dues unknown"
            let flag = e.flag == "paused" ? " (paused)" : e.flag == "transferred" ? " (transferred)" : ""
            switch e.kind {
            case .local:
                lines.append("  \(e.name) (local)\(flag)  \(dues)")
            case .outgoing:
                let asked = c.opinionAsked.contains(e.id) ? "  opinion of the organisation where they are: asked of the liaison" : ""
                lines.append("  \(e.name) (outgoing)\(flag)  contacts \(e.contacts)  reports \(e.reports)  \(dues)\(asked)")
            case .incoming:
                let origin = c.origins[e.id].map { " (\($0))" } ?? ""
                lines.append("  \(e.name) (incoming)\(flag)  \(dues)  send the result to their original organisation\(origin)")
            }
        }
        if all.count > EvaluationList.limit { lines.append("  … and \(all.count - EvaluationList.limit) more: see the exported table.") }
        return lines.joined(separator: "\n")
    }

    func digest(_ c: ReminderContext) -> [String] {
        let quarter = c.fact("quarter").map { period($0, c.today) } ?? "this quarter"
        var lines = ["Contacts in \(quarter), as of today:"]
        for g in c.digestGrids {
            let name = g.grid.map { "grid \($0)" } ?? "no grid"
            lines.append("  \(name): contacted \(g.contacted), pending \(g.pending), overdue \(g.overdue)")
        }
        if c.digestGrids.isEmpty { lines.append("  (no mobile members to contact)") }
        if let a = c.intFact("contacted"), let b = c.intFact("pending"), let o = c.intFact("overdue") {
            lines.append("  total: contacted \(a), pending \(b), overdue \(o)")
        }
        var out = [lines.joined(separator: "\n")]
        if let n = c.intFact("no_liaison"), n > 0 {
            out.append("\(n) outgoing member\(n == 1 ? " has" : "s have") no liaison: please name one in the roster.")
        }
        var store: [String] = []
        if let f = c.intFact("failures") { store.append("\(f) reminder\(f == 1 ? "" : "s") could not be delivered") }
        if let r = c.intFact("replies") { store.append("\(r) repl\(r == 1 ? "y" : "ies") came in") }
        if !store.isEmpty { out.append("Last month " + store.joined(separator: "; ") + ".") }
        return out
    }

    // MARK: - Acknowledgement and help

    func acknowledgement(recipient: String, recorded: String, nextDeadline: LocalDate?, today: LocalDate,
                         secretary: Mailbox, branch: String) -> ComposedText {
        var parts = [greeting(recipient), "Thank you. Recorded: \(recorded)."]
        if let d = nextDeadline { parts.append("Next deadline: \(date(d, today)).") }
        let who = secretary.name.isEmpty ? "the branch secretary" : "the branch secretary, \(secretary.name)"
        parts.append("If this is wrong, please ask \(who) (\(secretary.address)) to correct it.")
        parts.append(branch)
        return ComposedText(subject: "Recorded: \(recorded)", body: parts.joined(separator: "\n\n") + "\n")
    }

    func help(rule: RuleID, recipient: String, problem: String?, secretary: Mailbox, branch: String) -> ComposedText {
        var parts = [greeting(recipient)]
        if let p = problem, !p.isEmpty { parts.append(p) }
        parts.append("Your reply contained no command we know. Please put one of these in the first five lines "
                     + "(after a greeting is fine), in English or Chinese:")
        parts.append([
            "    done [date] [note]    records a contact, e.g. done phoned, all well",
            "    unreachable [note]    records a failed attempt",
            "    paid 2026-11          dues paid through November 2026",
            "    checked / registered / transferred   certificate checked / placed in the branch / membership transferred",
            "    undo                  withdraws your last record in this conversation",
        ].joined(separator: "\n"))
        if rule == .reportPeriodic {
            parts.append("In a report reminder's thread, the member's reply is the report itself; a liaison passing one on starts it with \"汇报：\".")
        }
        if rule == .relationTransfer || rule == .transferReceipt {
            parts.append("    transferred [date]    the membership was transferred (the receipt is awaited)\n"
                         + "    received [date]       the receiving organisation confirmed it (the receipt)")
        }
        if rule == .incomingRegister { parts.append("    registered [date]     the incoming member was placed") }
        parts.append("A date may be 12-20, 12月20日 or 2026-12-20; without a year it is the latest such day, "
                     + "never in the future. Without a date, the day of the reply is taken.")
        parts.append(askLine(secretary))
        parts.append(branch)
        return ComposedText(subject: "Reply not understood: the reply commands", body: parts.joined(separator: "\n\n") + "\n")
    }

    func recorded(_ r: Record, memberName: String) -> String {
        let how = r.method.map { " (\($0))" } ?? ""
        switch r.kind {
        case .contact: return "contact with \(memberName) on \(fullDate(r.date))\(how)"
        case .unreachable: return "\(memberName) not reached on \(fullDate(r.date))"
        case .report: return "report of \(memberName) of \(fullDate(r.date))"
        case .dues: return r.through.map { "dues of \(memberName) paid through \(month($0))" } ?? "dues of \(memberName)"
        case .inspection: return "certificate check of \(memberName) on \(fullDate(r.date))"
        case .transfer: return "membership of \(memberName) transferred (\(fullDate(r.date)))"
        case .register: return "\(memberName) placed in a branch and party group (\(fullDate(r.date)))"
        case .received: return "the transfer of \(memberName) received by the new organisation (\(fullDate(r.date)))"
        }
    }
}
