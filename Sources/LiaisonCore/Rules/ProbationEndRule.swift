/// `probation.end`: a probationary member's probation ends (预备期满, column `probation_end`);
/// the branch must discuss 转正 in time (党章第七条), and for a member away it needs the opinion
/// of the party organisation where they are first.
///
/// One `notice` `[rules] probation_notice` (default 30 days) before the day: to the secretary;
/// for an outgoing member the liaison is To and the secretary Cc, and the liaison is asked to
/// obtain the 流入地 organisation's opinion before the branch meeting. Period = the end day
/// (`2027-03-15`); it expires on that day. Clear the column after 转正. Facts: `probation_end`.
public struct ProbationEndRule: Rule {
    public let id = RuleID.probationEnd
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard let end = m.probationEnd else { return [] }
        let opens = end.subtracting(ctx.regulations.probationNotice)
        guard opens <= ctx.today, ctx.today <= end else { return [] }
        let day = ctx.announceDay(opens)
        let to: [Mailbox?] = m.kind == .outgoing ? [ctx.liaisonMailbox(m), ctx.secretary] : [ctx.secretary]
        return [Obligation(
            rule: id, member: m.id, grid: m.grid, period: end.description, periodStart: day, periodEnd: end,
            schedule: .notice(day, expires: end), recipients: to, facts: .probationEnd(.init(end: end)))]
    }
}
