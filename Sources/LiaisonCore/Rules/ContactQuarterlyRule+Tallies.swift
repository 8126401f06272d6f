extension ContactQuarterlyRule {
    /// Each grid's standing in the current contact period, counted once here for
    /// `digest.monthly` and `status`: among active outgoing members with `since` and a liaison,
    /// contacted (nothing open), pending (only the current period open) and overdue (an earlier
    /// period still open). Sorted by grid, members without a grid (`-`) in their place.
    /// - Returns: the grids, and how many active outgoing members have no (known) liaison.
    public static func tallies(_ ctx: RuleContext) -> (grids: [ContactTally], noLiaison: Int) {
        let current = ctx.currentContactPeriod
        var counts: [String: ContactTally] = [:]
        var noLiaison = 0
        for m in ctx.ledger.members where m.kind == .outgoing && ctx.isActive(m) {
            guard let since = m.since else { continue }
            guard ctx.ledger.liaison(of: m) != nil else { noLiaison += 1; continue }
            let g = m.grid ?? "-"
            var c = counts[g] ?? ContactTally(grid: m.grid)
            if let q = firstOpenQuarter(m, since: since, ctx) {
                if q.start < current.start { c.overdue += 1 } else { c.pending += 1 }
            } else {
                c.contacted += 1
            }
            counts[g] = c
        }
        return (counts.keys.sorted().map { counts[$0]! }, noLiaison)
    }
}
