/// `dues.monthly`: a member with `dues_paid_through` owes the current month (第三篇 二.6
/// "按时交纳党费").
///
/// Counted on `dues_day` (clamped to the month's last day) each month: n = the months from the
/// one after `dues_paid_through` (roster or `dues` event, the later wins) up to that month.
/// n ≥ 1 → one `notice` per month (period = the month, `2026-11`) to the member, and for an
/// outgoing member also to the liaison. With `[rules] dues_every = quarter` only the last month
/// of each quarter is a collection month (党费收缴使用管理规定: quarterly with the branch's consent).
///
/// A member who pays where they are (`党费交纳地` = 流入地) gets no dues reminder from this
/// branch: instead, on `dues_day` of June and December, the liaison (the secretary when there is
/// none) is asked to confirm the payment there (period = the half-year, `2026H2`; fact
/// `paid_at` = `inflow`).
public struct DuesMonthlyRule: Rule {
    public let id = RuleID.duesMonthly
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        var out: [Obligation] = []
        appendObligations(for: m, in: ctx, into: &out)
        return out
    }

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        if ctx.paysDuesAtInflow(m) { return appendConfirmations(for: m, in: ctx, into: &out) }
        DuesArithmetic.appendObligations(rule: id, member: m, minimumMonths: 1, endedOnly: false,
                                         quarterly: ctx.regulations.duesEvery == .quarter, ctx, into: &out) {
            m.kind == .outgoing ? [ctx.memberMailbox(m), ctx.liaisonMailbox(m)] : [ctx.memberMailbox(m)]
        } facts: { .duesMonthly($0) }
    }

    /// The half-yearly confirmation for a member paying at the 流入地.
    private func appendConfirmations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        let to: [Mailbox?] = ctx.liaisonMailbox(m).map { [$0] } ?? [ctx.secretary]
        let current = ctx.cache.currentHalfYear
        let previous = ctx.halfYear(containing: current.start.adding(days: -1))
        for h in [previous, current] {
            let day = h.end.yearMonth.day(ctx.schedule.duesDay)
            guard day <= ctx.today, h.end >= ctx.windowStart, m.since.map({ $0 < day }) ?? true else { continue }
            let facts = RuleFacts.Dues(paidThrough: ctx.duesPaidThrough(m), paidAtInflow: true)
            out.append(Obligation(rule: id, member: m.id, grid: m.grid, period: h.id, periodStart: h.start,
                                  periodEnd: h.end, schedule: .notice(day, expires: nil), recipients: to,
                                  facts: .duesMonthly(facts)))
        }
    }
}

/// The counting shared by `dues.monthly`, `dues.arrears` and the dues variant of
/// `membership.review`.
///
/// Facts of every dues obligation (for the wording):
/// - `paid_through`: `2026-05`
/// - `owed`: the months owed as of that month, `2026-06..2026-11` (one month: `2026-11..2026-11`);
///   for the rules that count ended months only (`endedOnly`), up to the month before
/// - `months`: how many, `6`
/// - `dues_day`: the day the month was counted, `2026-11-25`
///
/// Only the newest two months are carried as periods (older ones could never be sent).
/// Members paying at the 流入地 are never counted here.
enum DuesArithmetic {
    /// - Parameters:
    ///   - endedOnly: count only months that have ended (arrears, review: "six months" means
    ///     six whole months, so the review never fires before the sixth is over).
    ///   - quarterly: only the last month of each quarter is a collection month.
    static func appendObligations(rule: RuleID, member m: Member, minimumMonths: Int, endedOnly: Bool,
                                  quarterly: Bool = false, _ ctx: RuleContext,
                                  into out: inout [Obligation], recipients: () -> [Mailbox?],
                                  facts: (RuleFacts.Dues) -> RuleFacts) {
        guard let paid = ctx.duesPaidThrough(m), !ctx.paysDuesAtInflow(m) else { return }
        let duesDay = ctx.schedule.duesDay
        var last = ctx.cache.currentMonth
        if last.day(duesDay) > ctx.today { last = last.adding(months: -1) }
        if quarterly { last = last.adding(months: -((last.month) % 3)) }
        let shift = endedOnly ? 1 : 0
        var first = paid.adding(months: minimumMonths + shift)
        let windowMonth = ctx.windowStart.yearMonth
        if first < windowMonth { first = windowMonth }
        // Only the two newest months can be sent; older ones are in `owed`.
        let step = quarterly ? 3 : 1
        if first < last.adding(months: -step) { first = last.adding(months: -step) }
        guard first <= last else { return }
        let to = recipients()
        var ym = first
        while ym <= last {
            defer { ym = ym.adding(months: 1) }
            if quarterly && ym.month % 3 != 0 { continue }
            let p = ctx.month(ym)
            let day = ym.day(duesDay)
            let through = ym.adding(months: -shift)
            let dues = RuleFacts.Dues(paidThrough: paid, owedFrom: paid.adding(months: 1), owedThrough: through,
                                      months: paid.months(until: through), duesDay: day)
            out.append(Obligation(
                rule: rule, member: m.id, grid: m.grid, period: p.id, periodStart: p.start, periodEnd: p.end,
                schedule: .notice(day, expires: nil), recipients: to, facts: facts(dues)))
        }
    }
}
