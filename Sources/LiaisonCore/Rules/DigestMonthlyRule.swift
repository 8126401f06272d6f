/// `digest.monthly`: the branch's monthly record (《党务工作记录》; 第二篇 6).
///
/// Branch-level: one `notice` on the 1st of each month to the secretary, period = that month
/// (`2026-11`); it expires at the month's end. Built only while it can still go out (up to
/// `catch_up` after the 1st). Facts, for the current quarter's `contact.quarterly` among
/// active outgoing members with a liaison and `since`:
/// - `quarter`: `2026Q4`
/// - `grids`: one line per grid, sorted, `grid contacted pending overdue` (`-` = no grid)
///   where contacted = a contact in this quarter, overdue = an earlier quarter still open,
///   pending = the rest
/// - `contacted`, `pending`, `overdue`: branch totals
/// - `no_liaison`: active outgoing members without a (known) liaison
///
/// - Important: hook for the app: delivery failures and replies live in the store, not in
///   the ledger. The app sets them in the facts (`RuleFacts.Digest.failures` and
///   `replies`) before rendering; this rule never does.
public struct DigestMonthlyRule: Rule {
    public let id = RuleID.digestMonthly
    public init() {}

    public func branchObligations(in ctx: RuleContext) -> [Obligation] {
        let month = ctx.cache.currentMonth
        let day = month.firstDay
        guard day >= ctx.windowStart, ctx.today <= day.adding(days: ctx.cache.catchUpDays) else { return [] }
        let current = ctx.currentContactPeriod
        let (grids, noLiaison) = ContactQuarterlyRule.tallies(ctx)
        let p = ctx.month(month)
        return [Obligation(
            rule: id, member: nil, grid: nil, period: p.id, periodStart: day, periodEnd: p.end,
            schedule: .notice(day, expires: p.end), recipients: [ctx.secretary],
            facts: .digestMonthly(.init(quarter: current.id, grids: grids, noLiaison: noLiaison)))]
    }
}
