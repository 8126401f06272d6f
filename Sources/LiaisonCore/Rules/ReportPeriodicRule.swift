/// `report.periodic`: an outgoing member reports to the branch every quarter or half-year
/// (`report_every`; 第三篇 二.3 "每季度或半年应向支部汇报").
///
/// Like `contact.quarterly`: a period is open while no report is recorded on or after its first
/// day (roster `last_report` or a `report` event; the later wins), so a late report also ends
/// the overdue repeats of older periods. To the member, Cc the liaison; from `overdue` on the
/// secretary too. Needs `since`; the liaison is optional. Facts: `report_every`
/// (`quarter`/`half-year`), `open_from` (the oldest open period when older than the previous
/// one, which is then not carried as a period of its own).
public struct ReportPeriodicRule: Rule {
    public let id = RuleID.reportPeriodic
    public init() {}

    static let quarterFacts = ["report_every": Member.ReportEvery.quarter.rawValue]
    static let halfYearFacts = ["report_every": Member.ReportEvery.halfYear.rawValue]

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        var out: [Obligation] = []
        appendObligations(for: m, in: ctx, into: &out)
        return out
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        guard m.kind == .outgoing, let since = m.since else { return }
        let every = m.reportEvery
        let current = every == .quarter ? ctx.cache.currentQuarter : ctx.cache.currentHalfYear
        func next(_ p: Period) -> Period { ctx.reportPeriod(every, containing: p.end.adding(days: 1)) }
        var p = ctx.reportPeriod(every, containing: since)
        if p.end == since { p = next(p) }
        if let last = ctx.lastReport(m), last >= p.start { p = next(ctx.reportPeriod(every, containing: last)) }
        if p.end < ctx.windowStart {
            let w = ctx.reportPeriod(every, containing: ctx.windowStart)
            p = w.start <= current.start ? w : current
        }
        guard p.start <= current.start else { return }
        if p.start == current.start && !ctx.isDue(ctx.firstStepDay(deadline: p.end)) { return }
        let recipients = [ctx.memberMailbox(m), ctx.liaisonMailbox(m)]
        let overdue: [Mailbox?] = [ctx.secretary]
        var facts = every == .quarter ? Self.quarterFacts : Self.halfYearFacts
        // Periods older than the previous one are never sent: named in facts, not carried.
        let previous = ctx.reportPeriod(every, containing: current.start.adding(days: -1))
        if p.start < previous.start {
            facts["open_from"] = p.id
            p = previous
        }
        while p.start <= current.start {
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: p.id, periodStart: p.start, periodEnd: p.end,
                schedule: .deadline(p.end), recipients: recipients, overdueRecipients: overdue,
                notBefore: since, facts: facts))
            p = next(p)
        }
    }
}
