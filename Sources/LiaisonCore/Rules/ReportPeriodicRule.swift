/// `report.periodic`: an outgoing member reports to the branch every quarter or half-year
/// (`report_every`; 第三篇 二.3 "每季度或半年应向支部汇报").
///
/// A period is open while no report counts for it: the roster's `last_report` closes every
/// period up to its own; a recorded report closes only the period it was for (`Record.period`,
/// the period of the reminder it answered) or, without one, the period containing its day — so
/// a Q4 report sent on 31 January closes Q4, and Q1 stays open (`[rules] report_every` is the
/// period of members whose row leaves it empty). To the member, Cc the liaison; from `overdue` on the
/// secretary too. Needs `since`; the liaison is optional. Facts: `report_every`
/// (`quarter`/`half-year`), `open_from` (the oldest open period when older than the previous
/// one, which is then not carried as a period of its own).
public struct ReportPeriodicRule: AppendingRule {
    public let id = RuleID.reportPeriodic
    public init() {}

    /// The first period owed: the one after the roster's `last_report` (which sums up the
    /// past), or the first ending after `since`.
    func firstOwedPeriod(_ m: Member, since: LocalDate, _ every: Member.ReportEvery, _ ctx: RuleContext) -> Period {
        var p = ctx.reportPeriod(every, containing: since)
        if p.end == since { p = next(p, every, ctx) }
        if let last = m.lastReport, last >= p.start { p = next(ctx.reportPeriod(every, containing: last), every, ctx) }
        return p
    }

    func next(_ p: Period, _ every: Member.ReportEvery, _ ctx: RuleContext) -> Period {
        ctx.reportPeriod(every, containing: p.end.adding(days: 1))
    }

    /// Periods from `p` on that a recorded report closed. A report counts for its own period
    /// only: the period of the reminder it answered, else the one containing its day. An
    /// overdue report never closes the next.
    func reported(_ m: Member, from p: Period, _ every: Member.ReportEvery, _ ctx: RuleContext) -> Set<String> {
        let r = ctx.records(of: m)
        var done = Set<String>()
        if !r.reports.isEmpty {
            for d in r.reportsWithoutPeriod where d >= p.start { done.insert(ctx.reportPeriod(every, containing: d).id) }
            for id in r.reportPeriods {
                if let end = Self.lastDay(ofPeriod: id), end >= p.start { done.insert(ctx.reportPeriod(every, containing: end).id) }
            }
        }
        return done
    }

    /// The end of the first period not reported that ends on or after `day`.
    public func nextDeadline(for m: Member, onOrAfter day: LocalDate, in ctx: RuleContext) -> LocalDate? {
        guard m.kind == .outgoing, let since = m.since else { return nil }
        let every = ctx.reportEvery(m)
        let first = firstOwedPeriod(m, since: since, every, ctx)
        let done = reported(m, from: first, every, ctx)
        var q = first.end >= day ? first : ctx.reportPeriod(every, containing: day)
        while done.contains(q.id) { q = next(q, every, ctx) }
        return q.end
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        guard m.kind == .outgoing, let since = m.since else { return }
        let every = ctx.reportEvery(m)
        let current = every == .quarter ? ctx.cache.currentQuarter : ctx.cache.currentHalfYear
        var p = firstOwedPeriod(m, since: since, every, ctx)
        if p.end < ctx.windowStart {
            let w = ctx.reportPeriod(every, containing: ctx.windowStart)
            p = w.start <= current.start ? w : current
        }
        guard p.start <= current.start else { return }
        let done = reported(m, from: p, every, ctx)
        let previous = ctx.reportPeriod(every, containing: current.start.adding(days: -1))
        var oldestOpen: Period?
        var carried: [Period] = []
        var q = p
        if done.isEmpty {
            oldestOpen = p
            if q.start < previous.start { q = previous }
        }
        while q.start <= current.start {
            if !done.contains(q.id) {
                if oldestOpen == nil { oldestOpen = q }
                if q.start >= previous.start { carried.append(q) }
            }
            q = next(q, every, ctx)
        }
        guard let oldest = oldestOpen, !carried.isEmpty else { return }
        if carried.count == 1, carried[0].start == current.start, !ctx.isDue(ctx.firstStepDay(deadline: current.end)) { return }
        let recipients = [ctx.memberMailbox(m), ctx.liaisonMailbox(m)]
        let overdue: [Mailbox?] = [ctx.secretary]
        // Periods older than the previous one are never sent: named in facts, not carried.
        let facts = RuleFacts.reportPeriodic(.init(every: every, openFrom: oldest.start < previous.start ? oldest.id : nil))
        for c in carried {
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: c.id, periodStart: c.start, periodEnd: c.end,
                schedule: .deadline(c.end), recipients: recipients, overdueRecipients: overdue,
                notBefore: since, facts: facts))
        }
    }

    /// The last day of a quarter or half-year id (`2026Q4` → 2026-12-31, `2026H1` → 2026-06-30).
    public static func lastDay(ofPeriod id: String) -> LocalDate? {
        let u = Array(id.utf8)
        guard u.count == 6, let year = Int(String(decoding: u[0..<4], as: UTF8.self)),
              let n = Int(String(decoding: u[5...], as: UTF8.self)) else { return nil }
        switch u[4] {
        case UInt8(ascii: "Q") where (1...4).contains(n): return YearMonth(unchecked: year, n * 3).lastDay
        case UInt8(ascii: "H") where (1...2).contains(n): return YearMonth(unchecked: year, n * 6).lastDay
        default: return nil
        }
    }
}
