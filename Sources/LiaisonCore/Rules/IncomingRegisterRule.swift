/// `incoming.register`: an incoming member is placed in a branch and party group as soon as
/// they are known (第一篇 四 "及时将其编入"; 第二篇 1, 3: within a month).
///
/// Deadline rule: deadline D = `since` + `[rules] incoming_deadline` (default 1 month, month
/// ends clamped; period = D). The first message goes out on the day of arrival (`lead-N`, N =
/// the days from `since` to D), then the usual `lead_days`, `overdue` on D + 1 and `repeat-N`
/// until `registered` (roster or `register` event). To the secretary.
/// Facts: `since`, `place` (where they came from), `origin` (原党组织), `joined` (入党时间),
/// `address` (住址), when known: the register of 第二篇 3.
public struct IncomingRegisterRule: Rule {
    public let id = RuleID.incomingRegister
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .incoming, let since = m.since, !ctx.effectiveRegistered(m) else { return [] }
        let day = since.adding(ctx.regulations.incomingDeadline)
        guard ctx.isDue(since) else { return [] }
        var o = Obligation(
            rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: since, periodEnd: nil,
            schedule: .deadline(day), recipients: [ctx.secretary],
            facts: .incomingRegister(.init(since: since, place: m.place, origin: m.origin, joined: m.joined,
                                           address: m.address)))
        o.firstLead = since.days(until: day)
        return [o]
    }
}
