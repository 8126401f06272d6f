/// `departure.prepare`: before a member leaves, the branch registers the trip and prepares
/// them (第一篇 一: report the reason, place, time, work and how to stay in touch; 教育 before
/// leaving; 分类管理 by length and place. 第三篇 二.1: 请假, 登记, 报上级党组织备案).
///
/// One `notice` to the secretary (Cc the liaison when named) for an outgoing member whose
/// `since` is at most `[rules] departure_window` (default 30 days) away, before or after today:
/// it goes out `departure_window` before `since`, or on the first day the member is seen inside
/// that window (a row added a week after they left) — never for a member who left long ago.
/// Period = `since` (`2027-01-10`); it expires `departure_window` after `since`.
///
/// The mail asks to record the trip (外出地点 `destination`, 预计外出时长 `expected_length`,
/// work), give the pre-departure education, issue the 流动党员活动证, name the liaison and
/// report to the 街道党工委. A trip expected to last `transfer_after` (default 6 months) or more
/// with a fixed place gets the transfer advice now (第一篇 二), not after six months.
/// Facts: `since`, `destination` (or `place`), `expected_length` (months/days as written by
/// `ConfigParser.format`), `advise_transfer` = `yes` when it applies, `liaison` = `none` when
/// no liaison is named.
public struct DeparturePrepareRule: Rule {
    public let id = RuleID.departurePrepare
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .outgoing, let since = m.since else { return [] }
        let window = ctx.regulations.departureWindow
        let opens = since.subtracting(window)
        let closes = since.adding(window)
        guard ctx.today >= opens, ctx.today <= closes else { return [] }
        let day = ctx.announceDay(opens)
        let liaison = ctx.liaisonMailbox(m)
        var facts = RuleFacts.Departure(since: since, destination: m.destination ?? m.place)
        if let l = m.expectedLength {
            facts.expectedLength = ConfigParser.format(l)
            let transferDay = since.adding(ctx.regulations.transferAfter)
            facts.adviseTransfer = m.fixedPlace && since.adding(l) >= transferDay
        }
        facts.noLiaison = ctx.ledger.liaison(of: m) == nil
        return [Obligation(
            rule: id, member: m.id, grid: m.grid, period: since.description, periodStart: day, periodEnd: closes,
            schedule: .notice(day, expires: closes), recipients: [ctx.secretary, liaison], facts: .departurePrepare(facts))]
    }
}
