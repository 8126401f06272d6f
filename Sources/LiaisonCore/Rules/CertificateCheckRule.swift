/// `certificate.check`: the branch inspects the 流动党员活动证 of an outgoing member every
/// half-year or year (`certificate_check`; 第三篇 二.3 "半年或一年要对其进行检查").
///
/// Counted from the last `inspection` event, else from `since`: the k-th check is due on
/// base + k × interval months (month ends clamped, always from the base, so no drift). Each
/// check is a deadline period whose id is its deadline day (`2026-09-30`), from the day after
/// the previous check on; an inspection starts a new count. To the liaison, Cc the secretary.
/// Facts: `interval` (`half-year`/`year`), `certificate` (the number), `counted_from` (day).
public struct CertificateCheckRule: Rule {
    public let id = RuleID.certificateCheck
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .outgoing, let since = m.since, let cert = m.certificate, !cert.isEmpty else { return [] }
        let base = Swift.max(since, ctx.records(of: m).inspections.last ?? since)
        let months = m.certificateCheck == .year ? 12 : 6
        // The first check whose deadline is not before the window (and not before the base).
        var k = 1
        let startFrom = Swift.max(ctx.windowStart, base)
        let elapsed = base.yearMonth.months(until: startFrom.yearMonth) / months
        if elapsed > 1 { k = elapsed }
        while base.adding(months: k * months) < startFrom { k += 1 }
        // Only the newest two checks whose steps have started are carried.
        while ctx.isDue(ctx.firstStepDay(deadline: base.adding(months: (k + 2) * months))) { k += 1 }
        var deadline = base.adding(months: k * months)
        guard ctx.isDue(ctx.firstStepDay(deadline: deadline)) else { return [] }
        let recipients = [ctx.liaisonMailbox(m), ctx.secretary]
        let facts = RuleFacts.certificateCheck(.init(interval: m.certificateCheck, certificate: cert, countedFrom: base))
        var out: [Obligation] = []
        while ctx.isDue(ctx.firstStepDay(deadline: deadline)) {
            let start = k == 1 ? base : base.adding(months: (k - 1) * months).adding(days: 1)
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: deadline.description, periodStart: start,
                periodEnd: deadline, schedule: .deadline(deadline), recipients: recipients, facts: facts))
            k += 1
            deadline = base.adding(months: k * months)
        }
        return out
    }

    /// The first check (base + k × interval months) on or after `day`.
    public func nextDeadline(for m: Member, onOrAfter day: LocalDate, in ctx: RuleContext) -> LocalDate? {
        guard m.kind == .outgoing, let since = m.since, let cert = m.certificate, !cert.isEmpty else { return nil }
        let base = Swift.max(since, ctx.records(of: m).inspections.last ?? since)
        let months = m.certificateCheck == .year ? 12 : 6
        var k = Swift.max(1, base.yearMonth.months(until: day.yearMonth) / months)
        while k > 1 && base.adding(months: (k - 1) * months) >= day { k -= 1 }
        while base.adding(months: k * months) < day { k += 1 }
        return base.adding(months: k * months)
    }
}
