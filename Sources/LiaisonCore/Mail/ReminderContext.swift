import Foundation

/// Everything the wording of one reminder may use, looked up once from the ledger and config,
/// so the language files only choose words.
///
/// - Important: it holds only what the recipients may see: the member's name and phone (the
///   liaison, grid leader and secretary look after them), never reports or other members' data
///   (the survey list is restricted to the reminder's grid).
struct ReminderContext {
    var reminder: DueReminder
    var rule: RuleID { reminder.rule }
    var step: Step { reminder.step }
    var member: Member?
    /// The member's name, or their id when they left the roster.
    var name: String
    var phone: String?
    var liaisonName: String?
    var gridLeaderName: String?
    /// Display name of the first To recipient (empty when unknown).
    var recipientName: String
    var secretary: Mailbox
    var branchName: String
    /// The branch-local day the reminder is sent on; dates in its year are written without one.
    var today: LocalDate
    var deadline: LocalDate?
    var facts: [String: String]
    /// Survey list: the grid's mobile members.
    var gridMembers: [Member]

    /// Days left until the deadline, counted from the sending day (the step's N when it goes
    /// out on time).
    var daysLeft: Int? {
        guard case .lead(let n) = step else { return nil }
        guard let d = deadline else { return n }
        let left = today.days(until: d)
        return left > 0 ? left : n
    }

    var fact: (String) -> String? { { k in self.facts[k].map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 } } }

    func intFact(_ key: String) -> Int? { fact(key).flatMap { Int($0) } }

    /// Dues paid through: `facts["paid_through"]`, else the roster's value.
    var paidThrough: YearMonth? {
        fact("paid_through").flatMap(MessageComposer.parseYearMonth) ?? member?.duesPaidThrough
    }

    /// Months owed: `facts["owed"]`, else from `paidThrough` to the reminder's month.
    var owed: Int? {
        if let n = intFact("owed") { return n }
        guard let p = paidThrough, let ym = MessageComposer.parseYearMonth(reminder.period) else { return nil }
        let n = p.months(until: ym)
        return n > 0 ? n : nil
    }

    /// The day a notice is about: `facts["date"]`, else the deadline, else the period if it is
    /// a date.
    var noticeDate: LocalDate? {
        fact("date").flatMap(MessageComposer.parseDate) ?? deadline ?? MessageComposer.parseDate(reminder.period)
    }

    /// Months away for `placement.changed`: `facts["months"]`, else from `since` to the
    /// notice's day.
    var monthsAway: Int? {
        if let n = intFact("months") { return n }
        guard let s = member?.since, let d = noticeDate else { return nil }
        var n = (d.year - s.year) * 12 + d.month - s.month
        if d.day < s.day { n -= 1 }
        return n > 0 ? n : nil
    }

    var lastContact: LocalDate? {
        fact("last_contact").flatMap(MessageComposer.parseDate) ?? member?.lastContact
    }

    /// A month for the `已交 YYYY-MM` example: the reminder's month, else the sending month.
    var duesExample: String {
        if case .month(let ym) = PeriodID(reminder.period) { return ym.description }
        return today.yearMonth.description
    }

    var year: Int {
        intFact("year") ?? Int(reminder.period.prefix(4)) ?? today.year
    }
}

extension MessageComposer {
    func context(for r: DueReminder) -> ReminderContext {
        let m = r.member.flatMap { ledger.member($0) }
        let zone = TimeZone(identifier: config.branch.timezone) ?? TimeZone(identifier: "UTC")!
        let today = MIMEWriter.localDayAndSecond(of: r.dueAt, offset: zone.secondsFromGMT(for: r.dueAt)).0
        var gridMembers: [Member] = []
        if r.rule == .surveyPeak, let g = r.grid {
            let mobile = ledger.members.filter { $0.grid == g && $0.kind != .local }
            if let ids = r.facts["members"] {
                let wanted = ids.split(separator: ",").map { String($0).trimmingWhitespace() }
                let byID = Dictionary(mobile.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                gridMembers = wanted.compactMap { byID[$0] }
            } else {
                gridMembers = mobile.filter { !$0.paused && $0.relation != .transferred }
            }
        }
        return ReminderContext(
            reminder: r, member: m, name: m?.name ?? r.member ?? "",
            phone: m?.phone.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() },
            liaisonName: m.flatMap { ledger.liaison(of: $0)?.name },
            gridLeaderName: m.flatMap { ledger.gridLeader(of: $0)?.name } ?? r.grid.flatMap { ledger.gridLeaders[$0]?.name },
            recipientName: (r.to.first ?? r.cc.first)?.name.trimmingWhitespace() ?? "",
            secretary: config.branch.secretary, branchName: config.branch.name, today: today,
            deadline: r.deadline, facts: r.facts, gridMembers: gridMembers)
    }
}
