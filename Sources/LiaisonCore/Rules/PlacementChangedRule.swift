/// `placement.changed`: once an outgoing member has been away 3 months they must join
/// organisational life where they are (with the certificate), and again at 6 months
/// (第一篇 二). One `notice` to the liaison at `since` + 3 months (period `3m`) and at
/// `since` + 6 months (period `6m`), month ends clamped. Needs `since` and a liaison.
/// Facts: `months` (`3`/`6`), `since` (day).
public struct PlacementChangedRule: Rule {
    public let id = RuleID.placementChanged
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .outgoing, let since = m.since, let liaison = ctx.ledger.liaison(of: m) else { return [] }
        let three = since.adding(months: 3)
        // Nothing before the first notice, nothing once both are older than the window.
        guard three <= ctx.today else { return [] }
        let six = since.adding(months: 6)
        guard six >= ctx.windowStart else { return [] }
        var out: [Obligation] = []
        for (months, day) in [(3, three), (6, six)] where day <= ctx.today && day >= ctx.windowStart {
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: "\(months)m", periodStart: day, periodEnd: day,
                schedule: .notice(day, expires: nil), recipients: [liaison.mailbox],
                facts: ["months": String(months), "since": since.description]))
        }
        return out
    }
}
