import Foundation

/// Everything the wording of one reminder may use, looked up once from the facts the rule
/// gave (`RuleFacts`, the source of truth), then the ledger and config, so the language files
/// only choose words. Each accessor names the fact it reads; see `MessageComposer` for the
/// list per rule.
///
/// - Important: it holds only what the recipients may see: the member's name and phone (the
///   liaison, grid leader and secretary look after them), never reports or other members' data
///   (the survey list is the one the rule built for the reminder's grid).
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
    /// The facts as flat fields under their keys (`RuleFacts.fields`), for `fact(_:)`.
    var facts: [String: String]
    /// `survey.peak`: the grid's mobile members as the rule listed them.
    var surveyList: [SurveyEntry]
    /// `lost_after` of the config, for `contact.lost`.
    var lostAfter: Duration
    /// `[rules]` (dues amount and method, periods) and `[activity]` of the config.
    var rules = Config.Rules()
    var activity = Config.Activity()
    /// `evaluation.annual` (branch): member id → 原党组织 of incoming members, from the ledger.
    var origins: [String: String] = [:]

    typealias SurveyEntry = RuleFacts.SurveyEntry
    typealias EvaluationEntry = RuleFacts.EvaluationEntry
    typealias DigestGrid = ContactTally

    /// Whether the member is the one the message is addressed to (To). For `report.periodic`
    /// a member without an e-mail address is reached through their liaison, who is asked to
    /// pass the reminder on rather than to report themselves.
    var addressedToMember: Bool {
        guard let m = member else { return true }
        guard let email = m.email, let first = reminder.to.first else { return false }
        return first.address.lowercased() == email.lowercased()
    }

    /// Days left until the deadline, counted from the sending day (the step's N when it goes
    /// out on time).
    var daysLeft: Int? {
        guard case .lead(let n) = step else { return nil }
        guard let d = deadline else { return n }
        let left = today.days(until: d)
        return left > 0 ? left : n
    }

    /// Nothing was sent before in this message's thread (`DueReminder.opensThread`, set by
    /// the sender from the thread's history): a first message never says "again", whatever step
    /// of the rules it is (a fresh install's first mail may be a rule's late repeat).
    var isFirstMessage: Bool { reminder.opensThread }

    /// A fact, trimmed; nil when absent or empty.
    func fact(_ key: String) -> String? {
        guard let v = facts[key]?.trimmingWhitespace(), !v.isEmpty else { return nil }
        return v
    }

    func intFact(_ key: String) -> Int? { fact(key).flatMap { Int($0) } }
    func dateFact(_ key: String) -> LocalDate? { fact(key).flatMap(LocalDate.iso) }

    // MARK: dues (dues.monthly, dues.arrears, membership.review with reason dues)

    /// `paid_through`, else the roster's value.
    var paidThrough: YearMonth? {
        reminder.facts.dues?.paidThrough ?? member?.duesPaidThrough
    }

    /// The months owed, first and last: `owed` (`2026-06..2026-11`), else from `paid_through`
    /// to the reminder's month.
    var owedRange: (first: YearMonth, last: YearMonth)? {
        if let d = reminder.facts.dues, let a = d.owedFrom, let b = d.owedThrough, a <= b { return (a, b) }
        guard let p = paidThrough, let ym = YearMonth.iso(reminder.period), p < ym else { return nil }
        return (p.adding(months: 1), ym)
    }

    /// How many months are owed: `months`, else the length of `owedRange`.
    var monthsOwed: Int? {
        if let n = reminder.facts.dues?.months { return n }
        return owedRange.map { $0.first.months(until: $0.last) + 1 }
    }

    // MARK: dates and places

    /// The day a notice is about: `activity_day` (activity.day), `holiday_date` (survey.peak),
    /// else the deadline, else the period when it is a date.
    var noticeDate: LocalDate? {
        dateFact("activity_day") ?? dateFact("holiday_date") ?? deadline ?? LocalDate.iso(reminder.period)
    }

    /// `since` (placement.changed, relation.transfer, incoming.register), else the roster's.
    var since: LocalDate? { dateFact("since") ?? member?.since }

    /// `place` (relation.transfer, incoming.register), else the roster's.
    var place: String? {
        fact("place") ?? member?.place.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() }
    }

    /// Months away for `placement.changed`: `months`, else from `since` to the notice's day.
    var monthsAway: Int? {
        if let n = intFact("months") { return n }
        guard let s = since, let d = LocalDate.iso(reminder.period) ?? deadline else { return nil }
        var n = (d.year - s.year) * 12 + d.month - s.month
        if d.day < s.day { n -= 1 }
        return n > 0 ? n : nil
    }

    /// `last_contact` (contact.lost), else the roster's.
    var lastContact: LocalDate? { dateFact("last_contact") ?? member?.lastContact }

    /// `counted_from` (contact.lost, membership.review, certificate.check).
    var countedFrom: LocalDate? { dateFact("counted_from") }

    /// `certificate` (certificate.check), else the roster's.
    var certificate: String? {
        fact("certificate") ?? member?.certificate.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
    }

    /// `interval` (certificate.check): yearly checks, else half-yearly.
    var checksYearly: Bool {
        (fact("interval") ?? member?.certificateCheck.rawValue) == Member.CheckEvery.year.rawValue
    }

    /// `report_every` (report.periodic), else the period's shape or the roster's.
    var reportsHalfYearly: Bool {
        if let f = fact("report_every") { return f == Member.ReportEvery.halfYear.rawValue }
        return PeriodID(reminder.period).isHalfYear || member?.reportEvery == .halfYear
    }

    /// `open_from` (contact.quarterly, report.periodic): the oldest period still open when it
    /// is older than those named in `openPeriods`.
    var openFrom: String? { fact("open_from") }

    /// A month for the `已交 YYYY-MM` example: the reminder's month, else the sending month.
    var duesExample: String {
        if case .month(let ym) = PeriodID(reminder.period) { return ym.description }
        return today.yearMonth.description
    }

    /// `opinion_asked` (evaluation.annual): members whose liaison asks the 流入地 for its opinion.
    var opinionAsked: Set<String> {
        guard case .evaluationAnnual(let e) = reminder.facts else { return [] }
        return Set(e.opinionAsked)
    }

    /// `year` (evaluation.annual), else the period's year.
    var year: Int {
        intFact("year") ?? Int(reminder.period.prefix(4)) ?? today.year
    }

    // MARK: lists

    /// `members` of `evaluation.annual`: the roster as the rule listed it.
    var evaluationList: [EvaluationEntry] {
        guard case .evaluationAnnual(let e) = reminder.facts else { return [] }
        return e.members ?? []
    }

    /// `grids` of `digest.monthly`.
    var digestGrids: [DigestGrid] {
        guard case .digestMonthly(let d) = reminder.facts else { return [] }
        return d.grids
    }
}

extension MessageComposer {
    func context(for r: DueReminder) -> ReminderContext {
        let m = r.member.flatMap { ledger.member($0) }
        let zone = TimeZone(identifier: config.branch.timezone) ?? TimeZone(identifier: "UTC")!
        let today = MIMEWriter.localDayAndSecond(of: r.dueAt, offset: zone.secondsFromGMT(for: r.dueAt)).0
        var survey: [ReminderContext.SurveyEntry] = []
        if r.rule == .surveyPeak, let g = r.grid {
            if case .surveyPeak(let s) = r.facts {
                survey = s.members
            } else {
                // Only for a reminder stored without the rule's list: the grid's mobile members now.
                survey = ledger.members.filter { $0.grid == g && $0.kind != .local && !$0.paused && $0.relation != .transferred }
                    .map { ReminderContext.SurveyEntry(name: $0.name, phone: $0.phone, kind: $0.kind) }
            }
        }
        var c = ReminderContext(
            reminder: r, member: m, name: m?.name ?? r.member ?? "",
            phone: m?.phone.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0.trimmingWhitespace() },
            liaisonName: m.flatMap { ledger.liaison(of: $0)?.name },
            gridLeaderName: m.flatMap { ledger.gridLeader(of: $0)?.name } ?? r.grid.flatMap { ledger.gridLeaders[$0]?.name },
            recipientName: (r.to.first ?? r.cc.first)?.name.trimmingWhitespace() ?? "",
            secretary: config.branch.secretary, branchName: config.branch.name, today: today,
            deadline: r.deadline, facts: r.facts.fields, surveyList: survey, lostAfter: config.schedule.lostAfter)
        c.rules = config.rules
        c.activity = config.activity
        if r.rule == .evaluationAnnual && r.member == nil {
            for x in ledger.members where x.kind == .incoming { if let o = x.origin { c.origins[x.id] = o } }
        }
        return c
    }
}
