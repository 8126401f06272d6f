/// `transfer.receipt`: a transfer is not finished when the letter leaves; the branch stays
/// responsible until the receiving organisation confirms it (回执; 第一篇 二; 《中国共产党党员
/// 教育管理工作条例》第二十五条).
///
/// From a recorded `transfer` (`record transfer`, reply `已转出`) the member is 转出待接收: the
/// contact, report and dues reminders go on, and every `[rules] receipt_every` (default 14 days)
/// after the transfer the secretary gets one `notice` to check the receipt in
/// 全国党员管理信息系统, until `received` is recorded (`record received`, reply `已接收`) — then
/// the member gets no reminders at all — or the roster says 已转出. Period = the day of the
/// notice (`2027-01-14`); only the newest two are carried. Facts: `transferred` (day),
/// `place` (when known), `count` (which check this is: 1, 2, …).
public struct TransferReceiptRule: Rule {
    public let id = RuleID.transferReceipt
    public init() {}

    public func obligations(for m: Member, in ctx: RuleContext) -> [Obligation] {
        guard m.kind == .outgoing, let t = ctx.transferPending(m) else { return [] }
        var out: [Obligation] = []
        for (k, day) in ctx.cadence(from: t, every: ctx.regulations.receiptEvery) where day >= ctx.windowStart {
            let facts = RuleFacts.transferReceipt(.init(transferred: t, count: k, place: m.destination ?? m.place))
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: day.description, periodStart: day, periodEnd: nil,
                schedule: .notice(day, expires: nil), recipients: [ctx.secretary], facts: facts))
        }
        return out
    }
}
