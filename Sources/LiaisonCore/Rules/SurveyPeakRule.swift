/// `survey.peak`: before the peak seasons of migration — Spring Festival (正月初一, from the
/// Chinese calendar) and National Day (10-01) — each grid leader surveys the grid's mobile
/// members (第五篇 "三统计": 利用春节、十一等流动高峰期...全面调查统计).
///
/// Grid-level: one `notice` per grid that has mobile (outgoing or incoming, active) members,
/// `survey_lead_days` before the holiday, to the grid's leader; `member` is nil, `grid` is set.
/// It expires on the holiday. Periods: `2027-spring-festival`, `2026-national-day`.
/// Members without a grid are in no grid's list.
///
/// Facts: `holiday` (`spring-festival`/`national-day`), `holiday_date` (day), `count`, and
/// `members`: one line per mobile member of that grid only, `name phone kind` (phone `-` when
/// unknown, kind `outgoing`/`incoming`), in roster order.
public struct SurveyPeakRule: Rule {
    public let id = RuleID.surveyPeak
    public init() {}

    struct Holiday {
        let name: String
        let day: LocalDate
    }

    /// The holidays whose survey notice has come and whose day has not long passed.
    static func holidays(_ ctx: RuleContext) -> [(holiday: Holiday, notice: LocalDate)] {
        var out: [(holiday: Holiday, notice: LocalDate)] = []
        let earliest = Swift.max(ctx.windowStart, ctx.today.adding(days: -ctx.cache.catchUpDays))
        for y in (ctx.today.year - 1)...(ctx.today.year + 1) {
            var list: [Holiday] = []
            if let sf = ctx.cache.springFestivals[y] { list.append(Holiday(name: "spring-festival", day: sf)) }
            list.append(Holiday(name: "national-day", day: LocalDate(unchecked: y, 10, 1)))
            for h in list {
                let notice = h.day.adding(days: -ctx.schedule.surveyLeadDays)
                if notice <= ctx.today && h.day >= earliest { out.append((h, notice)) }
            }
        }
        return out
    }

    public func branchObligations(in ctx: RuleContext) -> [Obligation] {
        let due = Self.holidays(ctx)
        guard !due.isEmpty else { return [] }
        var grids: [String: [RuleFacts.SurveyEntry]] = [:]
        var order: [String] = []
        for m in ctx.ledger.members where m.kind != .local && ctx.isActive(m) {
            guard let g = m.grid else { continue }
            let line = RuleFacts.SurveyEntry(name: m.name, phone: m.phone, kind: m.kind)
            if grids[g] == nil { order.append(g) }
            grids[g, default: []].append(line)
        }
        var out: [Obligation] = []
        for (h, notice) in due {
            for g in order.sorted() {
                let lines = grids[g]!
                out.append(Obligation(
                    rule: id, member: nil, grid: g, period: "\(h.day.year)-\(h.name)", periodStart: notice,
                    periodEnd: h.day, schedule: .notice(notice, expires: h.day),
                    recipients: [ctx.ledger.gridLeaders[g]?.mailbox],
                    facts: .surveyPeak(.init(holiday: h.name, holidayDate: h.day, members: lines))))
            }
        }
        return out
    }
}
