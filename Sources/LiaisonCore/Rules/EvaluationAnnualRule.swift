/// `evaluation.annual`: the year-end democratic evaluation (民主评议; 第二篇 7, 第五篇 二.2), on
/// `[rules] evaluation_on` (default 12-01; 02-29 falls on 02-28 in common years).
///
/// Two kinds of `notice`, period = the year (`2026`), each only while it can still go out (up to
/// `catch_up` after the day; it expires at the year's end):
/// - branch-level, to the secretary (`member` and `grid` nil), with the member summary. Facts:
///   - `year`: `2026`
///   - `count`: number of members listed
///   - `members`: one compact line per roster member, in roster order:
///     `id name kind contacts=N reports=N dues=YYYY-MM` (`dues=unknown` without
///     `dues_paid_through`), followed by ` paused` or ` transferred` for members the rules
///     leave alone. Contacts and reports count the days recorded in that year (a roster
///     `last_contact`/`last_report` in the year counts when no event has that day). The wording
///     shows the counts for mobile members only (a local member is not "联系0次"), and for each
///     incoming member asks for the result to be sent to the 原党组织 (第一篇 四).
///   - `opinion_asked`: ids (comma-separated) of the outgoing members whose liaison is asked
///     for the 流入地 opinion (the per-member notices below).
/// - per outgoing member with a liaison, to the liaison: obtain the opinion of the party
///   organisation where the member is (流入地) for the evaluation. Facts: `year`, `contacts`,
///   `reports`.
public struct EvaluationAnnualRule: AppendingRule {
    public let id = RuleID.evaluationAnnual
    public init() {}

    /// The evaluation day of the current year, when its notices may go out now.
    static func day(_ ctx: RuleContext) -> LocalDate? {
        let day = ctx.regulations.evaluationOn.inYear(ctx.today.year)
        guard day <= ctx.today, day >= ctx.windowStart,
              ctx.today <= day.adding(days: ctx.cache.catchUpDays) else { return nil }
        return day
    }

    /// Whether the liaison of `m` is asked for the 流入地 opinion this year.
    static func asksOpinion(_ m: Member, day: LocalDate, _ ctx: RuleContext) -> Bool {
        m.kind == .outgoing && ctx.isActive(m) && ctx.liaisonMailbox(m) != nil && (m.since.map { $0 < day } ?? true)
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        guard m.kind == .outgoing, let day = Self.day(ctx), Self.asksOpinion(m, day: day, ctx),
              let liaison = ctx.liaisonMailbox(m) else { return }
        let year = day.year
        let r = ctx.records(of: m)
        out.append(Obligation(
            rule: id, member: m.id, grid: m.grid, period: String(year), periodStart: day,
            periodEnd: LocalDate(unchecked: year, 12, 31), schedule: .notice(day, expires: LocalDate(unchecked: year, 12, 31)),
            recipients: [liaison],
            facts: .evaluationAnnual(.init(year: year, contacts: Self.count(r.contacts, roster: m.lastContact, year: year),
                                           reports: Self.count(r.reports, roster: m.lastReport, year: year)))))
    }

    public func branchObligations(in ctx: RuleContext) -> [Obligation] {
        guard let day = Self.day(ctx) else { return [] }
        let year = day.year
        var lines: [RuleFacts.EvaluationEntry] = []
        var asked: [String] = []
        lines.reserveCapacity(ctx.ledger.members.count)
        for m in ctx.ledger.members {
            if Self.asksOpinion(m, day: day, ctx) { asked.append(m.id) }
            let r = ctx.records(of: m)
            let contacts = Self.count(r.contacts, roster: m.lastContact, year: year)
            let reports = Self.count(r.reports, roster: m.lastReport, year: year)
            let flag = m.paused ? "paused" : ctx.effectiveRelation(m) == .transferred ? "transferred" : nil
            lines.append(.init(id: m.id, name: m.name, kind: m.kind, contacts: contacts, reports: reports,
                               duesThrough: ctx.duesPaidThrough(m), flag: flag))
        }
        return [Obligation(
            rule: id, member: nil, grid: nil, period: String(year), periodStart: day,
            periodEnd: LocalDate(unchecked: year, 12, 31), schedule: .notice(day, expires: LocalDate(unchecked: year, 12, 31)),
            recipients: [ctx.secretary],
            facts: .evaluationAnnual(.init(year: year, members: lines, opinionAsked: asked)))]
    }

    static func count(_ days: [LocalDate], roster: LocalDate?, year: Int) -> Int {
        var n = 0
        for d in days where d.year == year { n += 1 }
        if let r = roster, r.year == year, !days.contains(r) { n += 1 }
        return n
    }
}
