import Foundation

/// Turns the ledger, the records and "now" into decisions: which reminder of which thread
/// goes out now, and which missed steps are superseded. Pure: no clock, no store.
public struct RuleEngine: Sendable {
    /// What the engine decided at one instant.
    public struct Decisions: Sendable {
        /// At most one per thread.
        public var send: [DueReminder] = []
        /// Steps that came due while nothing ran but are not sent: a later step of the same
        /// period, or a newer period of the same thread, went out instead.
        public var superseded: [DueReminder] = []
        /// Reminders that would be due but reach nobody (no address for anyone named).
        public var unreachable: [DueReminder] = []
    }

    public let rules: [any Rule]

    public init(rules: [any Rule] = RuleEngine.allRules) {
        self.rules = rules
    }

    /// Every rule of rules.md that is implemented, in table order.
    public static var allRules: [any Rule] {
        [ContactQuarterlyRule()]
    }

    /// - Parameters:
    ///   - handled: keys already recorded in the store (queued, sent, failed or superseded);
    ///     they are never decided again.
    ///   - windowStart: first tick − `catch_up`: older periods are not opened and older steps
    ///     are not listed as superseded.
    public func evaluate(ledger: Ledger, records: RecordBook, config: Config, calendar: BranchCalendar,
                         now: Date, windowStart: Date, handled: (String) -> Bool) -> Decisions {
        let ctx = RuleContext(ledger: ledger, records: records, config: config, calendar: calendar,
                              now: now, windowStart: windowStart)
        var decisions = Decisions()
        var obligations: [Obligation] = []
        for member in ledger.members where ctx.isActive(member) {
            obligations.removeAll(keepingCapacity: true)
            for rule in rules { obligations += rule.obligations(for: member, in: ctx) }
            collapse(obligations, ctx, handled, into: &decisions)
        }
        obligations.removeAll()
        for rule in rules { obligations += rule.branchObligations(in: ctx) }
        // Branch-level obligations may belong to different threads; group them.
        var byThread: [String: [Obligation]] = [:]
        for o in obligations { byThread["\(o.rule.rawValue)|\(o.grid ?? "")", default: []].append(o) }
        for key in byThread.keys.sorted() { collapse(byThread[key]!, ctx, handled, into: &decisions) }
        return decisions
    }

    /// Picks, per thread, the newest period's due step; everything else due is superseded.
    private func collapse(_ obligations: [Obligation], _ ctx: RuleContext, _ handled: (String) -> Bool,
                          into decisions: inout Decisions) {
        guard !obligations.isEmpty else { return }
        // Group by rule (a member's obligations of one rule form one thread).
        var threads: [RuleID: [(Obligation, [DueReminder])]] = [:]
        for o in obligations {
            guard isOpened(o, ctx) else { continue }
            let steps = dueSteps(o, ctx)
            guard !steps.isEmpty else { continue }
            threads[o.rule, default: []].append((o, steps))
        }
        for rule in RuleID.allCases {
            guard let periods = threads[rule] else { continue }
            let sorted = periods.sorted { $0.0.periodStart < $1.0.periodStart }
            // The newest period with a step not yet handled is the one sent; the rest of the
            // due steps are superseded (if not yet handled).
            var winner: DueReminder?
            var openIDs: [String] = []
            for (o, steps) in sorted.reversed() {
                let latest = steps[steps.count - 1]
                openIDs.append(o.period)
                if winner == nil && !handled(latest.key) {
                    if isExpiredNotice(o, latest, ctx) {
                        decisions.superseded.append(latest)
                    } else {
                        winner = latest
                    }
                } else if !handled(latest.key) {
                    decisions.superseded.append(latest)
                }
                for s in steps.dropLast() where !handled(s.key) { decisions.superseded.append(s) }
            }
            guard var w = winner else { continue }
            w.openPeriods = openIDs.filter { $0 != w.period }.reversed()
            if w.to.isEmpty {
                decisions.unreachable.append(w)
            } else {
                decisions.send.append(w)
            }
        }
    }

    private func isOpened(_ o: Obligation, _ ctx: RuleContext) -> Bool {
        guard let end = o.periodEnd else { return true }
        return end >= ctx.windowStart
    }

    /// A notice whose moment has passed or that is older than `catch_up` is not sent.
    private func isExpiredNotice(_ o: Obligation, _ r: DueReminder, _ ctx: RuleContext) -> Bool {
        guard case .notice(_, let expires) = o.schedule else { return false }
        if let e = expires, ctx.today > e { return true }
        return r.dueAt.addingTimeInterval(ctx.schedule.catchUp.approximateSeconds) < ctx.now
    }

    /// The steps of a period whose send time has come, oldest first, limited to the latest
    /// one and those after the catch-up window (older missed steps are simply not opened).
    func dueSteps(_ o: Obligation, _ ctx: RuleContext) -> [DueReminder] {
        let cal = ctx.calendar
        let repeatDays = Swift.max(1, ctx.schedule.repeatDays)
        var days: [(Step, LocalDate)] = []
        func dueDay(_ d: LocalDate) -> Bool { cal.sendTime(for: d) <= ctx.now }

        switch o.schedule {
        case .notice(let day, _):
            if dueDay(day) { days.append((.notice, day)) }
        case .deadline(let d), .threshold(let d):
            let isDeadline: Bool
            if case .deadline = o.schedule { isDeadline = true } else { isDeadline = false }
            if isDeadline {
                for n in ctx.schedule.leadDays.sorted(by: >) {
                    let day = d.adding(days: -n)
                    if dueDay(day) { days.append((.lead(n), day)) }
                }
            }
            let overdueDay = isDeadline ? d.adding(days: 1) : d
            if dueDay(overdueDay) {
                days.append((.overdue, overdueDay))
                // The latest repeat whose day has come, found by arithmetic; earlier repeats
                // only from the catch-up window on (older ones were never opened).
                var k = Swift.max(0, overdueDay.days(until: ctx.today) / repeatDays)
                while k > 0 && !dueDay(overdueDay.adding(days: k * repeatDays)) { k -= 1 }
                if k > 0 {
                    let gap = overdueDay.days(until: ctx.windowStart)
                    let firstInWindow = gap > 0 ? (gap + repeatDays - 1) / repeatDays : 1
                    let j0 = Swift.max(1, Swift.min(k, firstInWindow))
                    for j in j0...k { days.append((.repeat(j), overdueDay.adding(days: j * repeatDays))) }
                }
            }
        }
        if let nb = o.notBefore { days.removeAll { $0.1 < nb } }
        // Steps before the window are not listed, except the latest (which may still be sent).
        if days.count > 1 {
            let last = days[days.count - 1]
            days = days.dropLast().filter { $0.1 >= ctx.windowStart } + [last]
        }
        return days.map { step, day in
            let (to, cc) = o.addresses(for: step)
            return DueReminder(rule: o.rule, member: o.member, grid: o.grid, period: o.period, step: step,
                               deadline: o.deadline, dueAt: cal.sendTime(for: day), to: to, cc: cc,
                               facts: o.facts)
        }
    }
}
