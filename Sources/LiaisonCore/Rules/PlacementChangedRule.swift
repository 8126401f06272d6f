/// `placement.changed`: once an outgoing member has been away 3 months they must join
/// organisational life where they are (with the certificate), and again at 6 months
/// (第一篇 二). One `notice` to the liaison at `since` + 3 months (period `3m`) and at
/// `since` + 6 months (period `6m`), month ends clamped; `[rules] placement_months` changes the
/// months (the wording speaks of the 6-month advice from the largest of them up). Needs `since` and a liaison.
/// Facts: `months` (`3`/`6`), `since` (day).
public struct PlacementChangedRule: Rule {
    public let id = RuleID.placementChanged
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .outgoing, let since = m.since, let liaison = ctx.ledger.liaison(of: m) else { return [] }
        let months = ctx.regulations.placementMonths
        guard let firstMonths = months.first, let lastMonths = months.last else { return [] }
        // Nothing before the first notice, nothing once all are older than the window.
        guard since.adding(months: firstMonths) <= ctx.today else { return [] }
        guard since.adding(months: lastMonths) >= ctx.windowStart else { return [] }
        var out: [Obligation] = []
        for months in months {
            let day = since.adding(months: months)
            guard day <= ctx.today && day >= ctx.windowStart else { continue }
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: "\(months)m", periodStart: day, periodEnd: day,
                schedule: .notice(day, expires: nil), recipients: [liaison.mailbox],
                facts: .placementChanged(.init(months: months, since: since))))
        }
        return out
    }
}
