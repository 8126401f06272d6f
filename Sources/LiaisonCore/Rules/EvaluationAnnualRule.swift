/// `evaluation.annual`: the year-end democratic evaluation (民主评议; 第二篇 7, 第五篇 二.2).
///
/// Branch-level: one `notice` on 1 December to the secretary (`member` and `grid` nil),
/// period = the year (`2026`). The member summary is built only while the notice can still go
/// out (up to `catch_up` after the day). Facts:
/// - `year`: `2026`
/// - `count`: number of members listed
/// - `members`: one compact line per roster member, in roster order:
///   `id name kind contacts=N reports=N dues=YYYY-MM` (`dues=unknown` without
///   `dues_paid_through`), followed by ` paused` or ` transferred` for members the rules
///   leave alone. Contacts and reports count the days recorded in that year (a roster
///   `last_contact`/`last_report` in the year counts when no event has that day).
public struct EvaluationAnnualRule: Rule {
    public let id = RuleID.evaluationAnnual
    public init() {}

    public func branchObligations(in ctx: RuleContext) -> [Obligation] {
        let year = ctx.today.year
        let day = LocalDate(unchecked: year, 12, 1)
        guard day <= ctx.today, day >= ctx.windowStart,
              ctx.today <= day.adding(days: ctx.cache.catchUpDays) else { return [] }
        var lines: [String] = []
        lines.reserveCapacity(ctx.ledger.members.count)
        for m in ctx.ledger.members {
            let r = ctx.records[m.id]
            let contacts = Self.count(r.contacts, roster: m.lastContact, year: year)
            let reports = Self.count(r.reports, roster: m.lastReport, year: year)
            let dues = ctx.duesPaidThrough(m)?.description ?? "unknown"
            var line = "\(m.id) \(m.name) \(m.kind.rawValue) contacts=\(contacts) reports=\(reports) dues=\(dues)"
            if m.paused { line += " paused" } else if ctx.effectiveRelation(m) == .transferred { line += " transferred" }
            lines.append(line)
        }
        return [Obligation(
            rule: id, member: nil, grid: nil, period: String(year), periodStart: day,
            periodEnd: LocalDate(unchecked: year, 12, 31), schedule: .notice(day, expires: LocalDate(unchecked: year, 12, 31)),
            recipients: [ctx.secretary],
            facts: ["year": String(year), "count": String(lines.count), "members": lines.joined(separator: "\n")])]
    }

    static func count(_ days: [LocalDate], roster: LocalDate?, year: Int) -> Int {
        var n = 0
        for d in days where d.year == year { n += 1 }
        if let r = roster, r.year == year, !days.contains(r) { n += 1 }
        return n
    }
}
