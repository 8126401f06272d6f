/// `membership.review`: six consecutive months without dues, or (outgoing) without contact and
/// report, put the member's case before the secretary (Party Constitution art. 9; 第一篇 三).
/// liaisond decides nothing: it only reminds.
///
/// Two variants in one thread (rule, member):
/// - dues: six whole months unpaid, counting only months that have ended (never before the
///   sixth month is over): one `notice` on `dues_day` per month while it holds, period = the
///   month (`2026-12` for dues paid through 2026-05). Facts: those of `DuesArithmetic` plus
///   `reason` = `dues`.
/// - contact: an outgoing member with no contact and no report for six months, counted from
///   the later of the last contact and the last report (roster or events), or from `since` when
///   that is later or there is none: threshold rule, `overdue` on that day + 6 months (period =
///   that day, `2026-05-01`), `repeat-N` while it holds. Facts: `reason` = `no-contact`,
///   `counted_from` (day).
/// The six months are the Party Constitution's, not a local number: no config key.
/// When both hold, the newest period is sent and names the other in `openPeriods`.
public struct MembershipReviewRule: AppendingRule {
    public let id = RuleID.membershipReview
    public init() {}

    static let months = 6

    /// The contact variant's threshold: six months after the later of the last contact and
    /// report (or `since`).
    func contactThreshold(_ m: Member, _ ctx: RuleContext) -> (base: LocalDate, day: LocalDate)? {
        guard m.kind == .outgoing, let since = m.since else { return nil }
        let base = Swift.max(since, ctx.lastContactOrReport(m) ?? since)
        return (base, base.adding(months: Self.months))
    }

    /// The contact variant's threshold day (the dues variant is a notice).
    public func nextDeadline(for m: Member, onOrAfter day: LocalDate, in ctx: RuleContext) -> LocalDate? {
        contactThreshold(m, ctx).map(\.day).flatMap { $0 >= day ? $0 : nil }
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        DuesArithmetic.appendObligations(rule: id, member: m, minimumMonths: Self.months, endedOnly: true, ctx, into: &out,
                                         recipients: { [ctx.secretary] },
                                         facts: { .membershipReview(.init(reason: .dues, dues: $0)) })
        if let (base, day) = contactThreshold(m, ctx) {
            if ctx.isDue(day) {
                out.append(Obligation(
                    rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: day, periodEnd: nil,
                    schedule: .threshold(day), recipients: [ctx.secretary],
                    facts: .membershipReview(.init(reason: .noContact, countedFrom: base))))
            }
        }
    }
}
