/// `contact.quarterly`: the liaison contacts their outgoing member at least once a quarter
/// (第五篇 1 "每季度至少同流动党员联系一次").
///
/// A quarter is open while no contact is recorded on or after its first day; a late contact
/// (dated in the next quarter) therefore also ends the overdue repeats.
public struct ContactQuarterlyRule: Rule {
    public let id = RuleID.contactQuarterly
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .outgoing, let since = m.since, m.liaison != nil,
              ctx.ledger.liaison(of: m) != nil else { return [] }
        let current = Period.quarter(containing: ctx.today)
        var q = Period.quarter(containing: since)
        if q.end == since { q = q.next(Period.quarter(containing:)) }
        if let last = ctx.lastContact(m) {
            let after = Period.quarter(containing: last).next(Period.quarter(containing:))
            if after.start > q.start { q = after }
        }
        // Quarters that ended before the window are never opened; skip them arithmetically.
        while q.end < ctx.windowStart && q.start < current.start { q = q.next(Period.quarter(containing:)) }
        var out: [Obligation] = []
        while q.start <= current.start {
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: q.id, periodStart: q.start, periodEnd: q.end,
                schedule: .deadline(q.end),
                recipients: [ctx.liaisonMailbox(m)],
                overdueRecipients: [ctx.gridLeaderMailbox(m)],
                notBefore: since))
            q = q.next(Period.quarter(containing:))
        }
        return out
    }
}
