/// `incoming.register`: an incoming member in the community for a month or more should be
/// placed in a branch or party group (第二篇 1, 3; 第一篇 四).
///
/// Threshold rule: `overdue` on `since` + 1 month (month ends clamped; period = that day), then
/// `repeat-N` until `registered` (roster or `register` event). To the secretary.
/// Facts: `since`, `place` (where they came from, when known).
public struct IncomingRegisterRule: Rule {
    public let id = RuleID.incomingRegister
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .incoming, let since = m.since, !ctx.effectiveRegistered(m) else { return [] }
        let day = since.adding(months: 1)
        guard ctx.isDue(day) else { return [] }
        let place = m.place
        return [Obligation(
            rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: day, periodEnd: nil,
            schedule: .threshold(day), recipients: [ctx.secretary], deferredFacts: {
                var facts = ["since": since.description]
                if let p = place { facts["place"] = p }
                return facts
            })]
    }
}
