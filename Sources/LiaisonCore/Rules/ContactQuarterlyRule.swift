/// `contact.quarterly`: the liaison contacts their outgoing member at least once a quarter
/// (第五篇 1 "每季度至少同流动党员联系一次").
///
/// A quarter is open while no contact is recorded on or after its first day; a late contact
/// (dated in the next quarter) therefore also ends the overdue repeats. The member owes every
/// quarter that ends after `since`; quarters that ended before the catch-up window are not
/// opened. Steps: `lead-N` before the quarter's last day, `overdue` on the first day of the
/// next quarter (the grid leader in Cc from then on), then `repeat-N`. Only the previous and
/// the current quarter are carried as periods; when an older quarter is still open, facts
/// name it: `open_from` = the oldest open quarter (`2025Q3`), absent otherwise.
/// `[rules] contact_every = half-year` makes the period a calendar half-year (`2026H2`).
public struct ContactQuarterlyRule: Rule {
    public let id = RuleID.contactQuarterly
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        var out: [Obligation] = []
        appendObligations(for: m, in: ctx, into: &out)
        return out
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        guard m.kind == .outgoing, let since = m.since, let liaison = ctx.ledger.liaison(of: m) else { return }
        guard var q = Self.firstOpenQuarter(m, since: since, ctx) else { return }
        let current = ctx.currentContactPeriod
        // Only the current quarter is open and its first step has not come: nothing to say.
        if q.start == current.start && !ctx.isDue(ctx.firstStepDay(deadline: q.end)) { return }
        let recipients = [liaison.mailbox]
        let overdue = [ctx.gridLeaderMailbox(m)]
        // Quarters older than the previous one can never be sent (a newer one always has a due
        // step); they are named in facts instead of being carried along.
        var facts = RuleFacts.OpenFrom()
        let previous = ctx.contactPeriod(containing: current.start.adding(days: -1))
        if q.start < previous.start {
            facts.openFrom = q.id
            q = previous
        }
        while q.start <= current.start {
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: q.id, periodStart: q.start, periodEnd: q.end,
                schedule: .deadline(q.end), recipients: recipients, overdueRecipients: overdue,
                notBefore: since, facts: .contactQuarterly(facts)))
            q = ctx.contactPeriod(containing: q.end.adding(days: 1))
        }
    }

    /// The oldest quarter this member still owes a contact for, or nil when none up to the
    /// current quarter is open. Also used by `digest.monthly`.
    public static func firstOpenQuarter(_ m: Member, since: LocalDate, _ ctx: RuleContext) -> Period? {
        let current = ctx.currentContactPeriod
        var q = ctx.contactPeriod(containing: since)
        // A member owes every quarter that ends after `since`.
        if q.end == since { q = ctx.contactPeriod(containing: q.end.adding(days: 1)) }
        if let last = ctx.lastContact(m), last >= q.start {
            q = ctx.contactPeriod(containing: ctx.contactPeriod(containing: last).end.adding(days: 1))
        }
        // Quarters that ended before the window are never opened; skip them arithmetically.
        if q.end < ctx.windowStart {
            let w = ctx.contactPeriod(containing: ctx.windowStart)
            q = w.start <= current.start ? w : current
        }
        return q.start <= current.start ? q : nil
    }
}
