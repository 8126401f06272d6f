/// `dues.monthly`: a member with `dues_paid_through` owes the current month (第三篇 二.6
/// "按时交纳党费").
///
/// Counted on `dues_day` (clamped to the month's last day) each month: n = the months from the
/// one after `dues_paid_through` (roster or `dues` event, the later wins) up to that month.
/// n ≥ 1 → one `notice` per month (period = the month, `2026-11`) to the member, and for an
/// outgoing member also to the liaison.
public struct DuesMonthlyRule: Rule {
    public let id = RuleID.duesMonthly
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        var out: [Obligation] = []
        appendObligations(for: m, in: ctx, into: &out)
        return out
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        DuesArithmetic.appendObligations(rule: id, member: m, minimumMonths: 1, ctx, into: &out) {
            m.kind == .outgoing ? [ctx.memberMailbox(m), ctx.liaisonMailbox(m)] : [ctx.memberMailbox(m)]
        }
    }
}

/// The counting shared by `dues.monthly`, `dues.arrears` and the dues variant of
/// `membership.review`.
///
/// Facts of every dues obligation (for the wording):
/// - `paid_through`: `2026-05`
/// - `owed`: the months owed as of that month, `2026-06..2026-11` (one month: `2026-11..2026-11`)
/// - `months`: how many, `6`
/// - `dues_day`: the day the month was counted, `2026-11-25`
///
/// Only the newest two months are carried as periods (older ones could never be sent).
enum DuesArithmetic {
    static func appendObligations(rule: RuleID, member m: Member, minimumMonths: Int, _ ctx: RuleContext,
                                  into out: inout [Obligation], extraFacts: [String: String] = [:],
                                  recipients: () -> [Mailbox?]) {
        guard let paid = ctx.duesPaidThrough(m) else { return }
        let duesDay = ctx.schedule.duesDay
        var last = ctx.cache.currentMonth
        if last.day(duesDay) > ctx.today { last = last.adding(months: -1) }
        var first = paid.adding(months: minimumMonths)
        let windowMonth = ctx.windowStart.yearMonth
        if first < windowMonth { first = windowMonth }
        // Only the two newest months can be sent; older ones are in `owed`.
        if first < last.adding(months: -1) { first = last.adding(months: -1) }
        guard first <= last else { return }
        let to = recipients()
        let duesDayText = ctx.cache.duesDayText
        let currentMonth = ctx.cache.currentMonth
        var ym = first
        while ym <= last {
            let p = ctx.month(ym)
            let day = ym.day(duesDay)
            let month = ym, pid = p.id
            out.append(Obligation(
                rule: rule, member: m.id, grid: m.grid, period: p.id, periodStart: p.start, periodEnd: p.end,
                schedule: .notice(day, expires: nil), recipients: to, deferredFacts: {
                    var facts = [String: String](minimumCapacity: 5)
                    for (k, v) in extraFacts { facts[k] = v }
                    facts["paid_through"] = paid.description
                    facts["owed"] = paid.adding(months: 1).description + ".." + pid
                    facts["months"] = String(paid.months(until: month))
                    facts["dues_day"] = month == currentMonth ? duesDayText : day.description
                    return facts
                }))
            ym = ym.adding(months: 1)
        }
    }
}
