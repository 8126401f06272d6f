/// `incoming.feedback`: the branch tells an incoming member's original organisation how they are
/// doing (第一篇 四 "应如实负责地向外来党员原所在地党组织及时提供其现实表现情况").
///
/// Every `[rules] feedback_every` (default 6 months) after `since`, one `notice` to the
/// secretary to send the member's 现实表现 to their 原党组织, for incoming members whose relation
/// has not moved here (`relation` ≠ transferred-in: then this branch is their own). Period = the
/// day (`2027-03-01`); only the newest two are carried. Facts: `since`, `origin` (原党组织),
/// `joined` (入党时间), `address` (住址), when known; `count` (1, 2, …).
public struct IncomingFeedbackRule: Rule {
    public let id = RuleID.incomingFeedback
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .incoming, m.relation != .transferredIn, let since = m.since else { return [] }
        var out: [Obligation] = []
        for (k, day) in ctx.cadence(from: since, every: ctx.regulations.feedbackEvery) where day >= ctx.windowStart {
            let facts = RuleFacts.incomingFeedback(.init(since: since, origin: m.origin, joined: m.joined,
                                                         address: m.address, count: k))
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: day, periodEnd: nil,
                schedule: .notice(day, expires: nil), recipients: [ctx.secretary], facts: facts))
        }
        return out
    }
}
