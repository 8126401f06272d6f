/// English wording of the rules added by issue 13 (departure, transfer receipt, incoming
/// feedback, probation end) and of the dues terms, dues paid where the member is, and the
/// evaluation opinion of the organisation where a member is.
extension EnglishWording {
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    func registerDetails(_ c: ReminderContext) -> String {
        var items: [String] = []
        if let j = c.dateFact("joined") ?? c.member?.joined { items.append("joined the Party \(fullDate(j))") }
        if let o = c.fact("origin") ?? c.member?.origin { items.append("original organisation \(o)") }
        if let a = c.fact("address") ?? c.member?.address { items.append("address \(a)") }
        return items.isEmpty ? "" : " Ledger: " + items.joined(separator: "; ") + "."
    }

    func duesTerms(_ c: ReminderContext) -> [String] {
        var items: [String] = []
        if let a = c.rules.duesAmount { items.append("Amount: \(a)") }
        if c.rules.duesEvery == .quarter { items.append("with the branch's consent dues are collected quarterly") }
        return items.isEmpty ? [] : [items.joined(separator: "; ") + "."]
    }

    func inflowDues(_ c: ReminderContext) -> Draft {
        let name = c.name
        let paid = c.paidThrough.map { " The ledger has them paid through \(month($0))." } ?? ""
        return Draft(
            subject: "Please confirm the dues \(name) pays where they are (\(period(c.reminder.period, c.today, short: true)))",
            paragraphs: [
                "\(name)\(phone(c)) pays party dues to the organisation where they are, with the mobile member certificate, "
                    + "so the branch sends them no dues reminders.\(paid)",
                "Please check with them that the dues for \(period(c.reminder.period, c.today)) are paid there, and tell the secretary.",
            ],
            reply: ["Once confirmed, you may reply with this first line (the month paid through):", "    paid \(c.duesExample)"])
    }

    func evaluationOpinion(_ c: ReminderContext) -> Draft {
        let name = c.name
        let counts = [c.intFact("contacts").map { "\($0) contacts" }, c.intFact("reports").map { "\($0) reports" }]
            .compactMap { $0 }.joined(separator: ", ")
        return Draft(
            subject: "Evaluation \(c.year): please ask for the opinion on \(name) where they are",
            paragraphs: [
                "The branch holds the democratic evaluation for \(c.year). \(name)\(phone(c)), whom you keep in touch with, "
                    + "is away; the evaluation of a mobile member hears the party organisation where they are.",
                "Please ask that organisation about their year (organisational life, commitments, conduct) and tell the secretary."
                    + (counts.isEmpty ? "" : " The branch's record this year: \(counts)."),
            ],
            reply: ["You may reply to record the contact:"] + Self.contactExample)
    }

    func regulationsDraft(_ c: ReminderContext) -> Draft {
        let name = c.name
        let today = c.today
        switch c.rule {
        case .departurePrepare:
            let left = c.since.map { $0 > today ? "leaves on \(date($0, today))" : "left on \(date($0, today))" } ?? "is leaving"
            let dest = c.fact("destination").map { " for \($0)" } ?? ""
            let length = c.fact("expected_length").map { ", expected to stay \($0)" } ?? ""
            var paragraphs = [
                "\(name)\(phone(c)) \(left)\(dest)\(length). Before leaving, a member tells the branch why, where, how long, "
                    + "what work and how to stay in touch; the branch registers the trip, gives the basic education and "
                    + "manages the member by the length of the trip and whether the place is fixed.",
                "Please:\n  1. record the destination, expected length and work (roster columns destination, expected_length);\n"
                    + "  2. give the pre-departure education;\n  3. issue the mobile member certificate;\n"
                    + "  4. name a liaison;\n  5. report to the street party working committee.",
            ]
            if c.fact("advise_transfer") == "yes" {
                paragraphs.append("The trip is expected to last six months or more with a fixed place: the membership should "
                                  + "move there now, at departure, not after six months.")
            }
            if c.fact("liaison") == "none" { paragraphs.append("No liaison is named in the roster yet.") }
            return Draft(subject: "\(name) \(left): please register the trip", paragraphs: paragraphs,
                         reply: ["This is a notice; no reply is needed."], askSecretary: false)

        case .transferReceipt:
            let t = c.dateFact("transferred").map { " on \(fullDate($0))" } ?? ""
            let place = c.place.map { " (to \($0))" } ?? ""
            return Draft(
                subject: "Please check the receipt of \(name)'s transfer",
                paragraphs: [
                    "The membership of \(name) was transferred\(t)\(place); no receipt is recorded yet. Until it is received "
                        + "the branch stays responsible: contact, report and dues reminders go on.",
                    "Please check the receipt in the national party member information system, or ask the receiving organisation.",
                ],
                reply: ["Once received, run:", "    liaisond record received --member \(c.member?.id ?? name)",
                        "or reply with the first line: received", "and the branch sends no more reminders about them."],
                askSecretary: false)

        case .incomingFeedback:
            let since = c.since.map { " on \(fullDate($0))" } ?? ""
            let origin = c.fact("origin") ?? c.member?.origin
            return Draft(
                subject: "Please report on incoming member \(name) to their original organisation",
                paragraphs: [
                    "\(name)\(phone(c)) came to the community\(since). The branch tells a member's original organisation "
                        + "how they are doing." + registerDetails(c),
                    "Please send their recent organisational life, dues, volunteering and commitments to "
                        + (origin ?? "their original organisation (the roster's origin column is empty)") + ".",
                ],
                reply: ["This is a notice; no reply is needed."],
                askSecretary: false)

        case .probationEnd:
            let end = (c.dateFact("probation_end") ?? LocalDate.iso(c.reminder.period)).map { date($0, today) } ?? ""
            let away = c.member?.kind == .outgoing
            var paragraphs = ["The probation of \(name)\(phone(c)) ends on \(end); the branch must discuss full membership in time."]
            paragraphs.append(away
                ? "They are away: the liaison first asks the party organisation where they are for its opinion and tells the secretary."
                : "Please prepare the branch meeting.")
            paragraphs.append("After the decision, clear the roster's probation_end column.")
            return Draft(subject: "Probation of \(name) ends on \(end)", paragraphs: paragraphs,
                         reply: ["This is a notice; no reply is needed."], askSecretary: false)

        default:
            return Draft(subject: name, paragraphs: [], reply: [])
        }
    }
}
