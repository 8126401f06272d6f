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
///   the ledger. The app merges them into `facts` before rendering, under the keys
///   `failures` and `replies` (this rule never sets them).
public struct DigestMonthlyRule: Rule {
    public let id = RuleID.digestMonthly
    public init() {}

    /// Keys the app adds from the store (see the type's documentation).
    public static let storeFactKeys = ["failures", "replies"]

    public func branchObligations(in ctx: RuleContext) -> [Obligation] {
        let month = ctx.cache.currentMonth
        let day = month.firstDay
        guard day >= ctx.windowStart, ctx.today <= day.adding(days: ctx.cache.catchUpDays) else { return [] }
        let current = ctx.currentContactPeriod
        var counts: [String: (contacted: Int, pending: Int, overdue: Int)] = [:]
        var noLiaison = 0
        for m in ctx.ledger.members where m.kind == .outgoing && ctx.isActive(m) {
            guard let since = m.since else { continue }
            guard ctx.ledger.liaison(of: m) != nil else { noLiaison += 1; continue }
            let g = m.grid ?? "-"
            var c = counts[g] ?? (0, 0, 0)
            if let q = ContactQuarterlyRule.firstOpenQuarter(m, since: since, ctx) {
                if q.start < current.start { c.overdue += 1 } else { c.pending += 1 }
            } else {
                c.contacted += 1
            }
            counts[g] = c
        }
        var lines: [String] = []
        var total = (contacted: 0, pending: 0, overdue: 0)
        for g in counts.keys.sorted() {
            let c = counts[g]!
            lines.append("\(g) \(c.contacted) \(c.pending) \(c.overdue)")
            total.contacted += c.contacted
            total.pending += c.pending
            total.overdue += c.overdue
        }
        let p = ctx.month(month)
        return [Obligation(
            rule: id, member: nil, grid: nil, period: p.id, periodStart: day, periodEnd: p.end,
            schedule: .notice(day, expires: p.end), recipients: [ctx.secretary],
            facts: ["quarter": current.id, "grids": lines.joined(separator: "\n"),
                    "contacted": String(total.contacted), "pending": String(total.pending),
                    "overdue": String(total.overdue), "no_liaison": String(noLiaison)])]
    }
}
