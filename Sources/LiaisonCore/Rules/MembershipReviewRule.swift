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
public struct MembershipReviewRule: Rule {
    public let id = RuleID.membershipReview
    public init() {}

    static let months = 6

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        var out: [Obligation] = []
        appendObligations(for: m, in: ctx, into: &out)
        return out
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        DuesArithmetic.appendObligations(rule: id, member: m, minimumMonths: Self.months, endedOnly: true, ctx, into: &out,
                                         recipients: { [ctx.secretary] },
                                         facts: { .membershipReview(.init(reason: .dues, dues: $0)) })
        if m.kind == .outgoing, let since = m.since {
            let base = Swift.max(since, ctx.lastContactOrReport(m) ?? since)
            let day = base.adding(months: Self.months)
            if ctx.isDue(day) {
                out.append(Obligation(
                    rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: day, periodEnd: nil,
                    schedule: .threshold(day), recipients: [ctx.secretary],
                    facts: .membershipReview(.init(reason: .noContact, countedFrom: base))))
            }
        }
    }
}
