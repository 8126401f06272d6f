/// `activity.day`: outgoing members are reminded to come back for the branch's activity day
/// (`activity_day` of each month, clamped to the month's last day) `activity_notice_days`
/// before it (第三篇 二.5 "按时让他们回来参加党支部活动").
///
/// One `notice` per month (period = the activity day's month, `2026-11`) to the member; only
/// members with an e-mail (relation not transferred). It expires on the activity day: after
/// that day it is superseded, not sent. Facts: `activity_day` (day).
public struct ActivityDayRule: AppendingRule {
    public let id = RuleID.activityDay
    public init() {}

    public func appendObligations(for m: Member, in ctx: RuleContext, into out: inout [Obligation]) {
        let notices = ctx.cache.activityNotices
        guard m.kind == .outgoing, !notices.isEmpty, let mailbox = ctx.memberMailbox(m) else { return }
        for n in notices {
            out.append(Obligation(
                rule: id, member: m.id, grid: m.grid, period: n.period.id, periodStart: n.noticeDay,
                periodEnd: n.activityDay, schedule: .notice(n.noticeDay, expires: n.activityDay),
                recipients: [mailbox], notBefore: m.since, facts: n.facts))
        }
    }
}
