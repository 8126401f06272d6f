/// `contact.lost`: an outgoing member the branch has lost touch with (第四篇 "四无"党员;
/// 党员教育管理工作条例 art. 24).
///
/// Threshold rule, to the secretary. The threshold day is the earlier of
/// - the last contact (roster `last_contact` or `contact` event, the later; or `since` if none
///   or if that is later) + `lost_after` (calendar months clamped at month ends, plus days), and
/// - the day of the second `unreachable` record after the last contact (two in a row).
/// `overdue` on that day, `repeat-N` while it holds; the period is that day, so a new contact
/// opens a new period. Facts: `reason` (`no-contact`/`unreachable`), `counted_from` (day),
/// `last_contact` (day, absent when none), `unreachable` (attempts since the last contact).
public struct ContactLostRule: AppendingRule {
    public let id = RuleID.contactLost
    public init() {}

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        guard let (day, facts) = threshold(m, ctx), ctx.isDue(day) else { return }
        out.append(Obligation(
            rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: day, periodEnd: nil,
            schedule: .threshold(day), recipients: [ctx.secretary], facts: .contactLost(facts)))
    }

    public func nextDeadline(for m: Member, onOrAfter day: LocalDate, in ctx: RuleContext) -> LocalDate? {
        threshold(m, ctx).map(\.day).flatMap { $0 >= day ? $0 : nil }
    }

    /// The threshold day as the records stand, and why.
    func threshold(_ m: Member, _ ctx: RuleContext) -> (day: LocalDate, facts: RuleFacts.ContactLost)? {
        guard m.kind == .outgoing, let since = m.since else { return nil }
        let last = ctx.lastContact(m)
        let base = Swift.max(since, last ?? since)
        var day = ctx.addingLostAfter(base)
        var reason = RuleFacts.ContactLost.Reason.noContact
        let attempts = ctx.records(of: m).unreachable
        var firstAfter = attempts.count
        while firstAfter > 0, last.map({ attempts[firstAfter - 1] > $0 }) ?? true { firstAfter -= 1 }
        let unreachable = attempts.count - firstAfter
        if unreachable >= 2, attempts[firstAfter + 1] < day {
            day = attempts[firstAfter + 1]
            reason = .unreachable
        }
        return (day, .init(reason: reason, countedFrom: base, lastContact: last, unreachable: unreachable))
    }
}
