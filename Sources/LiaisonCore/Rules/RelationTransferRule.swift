/// `relation.transfer`: an outgoing member with a fixed place or employer who has been away
/// six months or more should move their organisational relation there (第一篇 二
/// "六个月以上的,应将组织关系转到所去居住地或单位党组织").
///
/// Threshold rule: `overdue` on `since` + `[rules] transfer_after` (default 6 months, month ends
/// clamped; period = that day), then `repeat-N` until the transfer is recorded (roster 已转出, or
/// a `transfer` event: then `transfer.receipt` follows the receipt). To the secretary, Cc the liaison.
/// Facts: `since`, `place` (when known).
public struct RelationTransferRule: AppendingRule {
    public let id = RuleID.relationTransfer
    public init() {}

    /// The threshold day, while the transfer is owed.
    func threshold(_ m: Member, _ ctx: RuleContext) -> (since: LocalDate, day: LocalDate)? {
        guard m.kind == .outgoing, m.fixedPlace, let since = m.since,
              ctx.effectiveRelation(m) != .transferred, ctx.records(of: m).transferred == nil else { return nil }
        return (since, since.adding(ctx.regulations.transferAfter))
    }

    public func nextDeadline(for m: Member, onOrAfter day: LocalDate, in ctx: RuleContext) -> LocalDate? {
        threshold(m, ctx).map(\.day).flatMap { $0 >= day ? $0 : nil }
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        guard let (since, day) = threshold(m, ctx), ctx.isDue(day) else { return }
        out.append(Obligation(
            rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: day, periodEnd: nil,
            schedule: .threshold(day), recipients: [ctx.secretary, ctx.liaisonMailbox(m)],
            facts: .relationTransfer(.init(since: since, place: m.place))))
    }
}
