import Foundation

/// Turns the ledger, the records and "now" into decisions: which reminder of which thread
/// goes out now, and which missed steps are superseded. Pure: no clock, no store.
///
/// A thread is all messages about one (rule, member), or (rule, grid) / (rule, branch). At one
/// instant a thread gets at most one message: the latest due step of its newest period that
/// has a due step. Every other due step not yet handled is superseded — earlier steps of that
/// period, and the steps of older periods (which the message names in `openPeriods`). When
/// the newest period's latest step is already handled, nothing is sent for the thread, so an
/// older period's repeats never add a second weekly mail.
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
        /// The reminders asked about as `waiting` (queued or deferred in the store) whose
        /// obligation is still open, by key, as decided now: the sender takes their current
        /// addresses from here instead of asking the rule again. A waiting key missing here was
        /// resolved meanwhile.
        public var waiting: [String: DueReminder] = [:]
    }

    public let rules: [any Rule]

    public init(rules: [any Rule] = RuleEngine.allRules) {
        self.rules = rules
    }

    /// Every rule of rules.md, in table order, then the rules of issue 13 (docs/rules.md).
    public static var allRules: [any Rule] {
        [
            ContactQuarterlyRule(),
            ReportPeriodicRule(),
            DuesMonthlyRule(),
            DuesArrearsRule(),
            CertificateCheckRule(),
            PlacementChangedRule(),
            RelationTransferRule(),
            IncomingRegisterRule(),
            ActivityDayRule(),
            SurveyPeakRule(),
            ContactLostRule(),
            MembershipReviewRule(),
            EvaluationAnnualRule(),
            DigestMonthlyRule(),
            DeparturePrepareRule(),
            TransferReceiptRule(),
            IncomingFeedbackRule(),
            ProbationEndRule(),
        ]
    }

    /// - Parameters:
    ///   - handled: keys already recorded in the store (queued, sent, failed or superseded);
    ///     they are never decided again. The caller must record every key it is given back
    ///   (sent and superseded): a period's steps older than a handled one are taken as handled.
    ///   - windowStart: first tick − `catch_up`: older periods are not opened and older steps
    ///     are not listed as superseded.
    ///   - waiting: handled keys still waiting to be sent; the ones whose obligation is still
    ///     open come back in `Decisions.waiting`.
    public func evaluate(ledger: Ledger, records: RecordBook, config: Config, calendar: BranchCalendar,
                         now: Date, windowStart: Date, waiting: Set<String> = [],
                         handled: (String) -> Bool) -> Decisions {
        evaluate(ledger: ledger, records: records, config: config, calendar: calendar, now: now,
                 windowStart: windowStart, askHandled: true, handled: handled, waiting: waiting)
    }

    /// As above, with the handled keys as a set: when it is empty (a fresh store, `due` without
    /// one) no dedup key is built at all.
    public func evaluate(ledger: Ledger, records: RecordBook, config: Config, calendar: BranchCalendar,
                         now: Date, windowStart: Date, handledKeys: Set<String>) -> Decisions {
        evaluate(ledger: ledger, records: records, config: config, calendar: calendar, now: now,
                 windowStart: windowStart, askHandled: !handledKeys.isEmpty, handled: { handledKeys.contains($0) })
    }

    /// What became of one decision handed to `forEachMemberDecision` or `forEachBranchDecision`.
    public enum Outcome: Sendable {
        case send, superseded, unreachable
    }

    /// The decisions of `evaluate(…handledKeys:)` in parts, one at a time as they are made, for
    /// a caller that shares the members among threads and writes them out (`due --json` at
    /// scale): the decisions of `ctx.ledger.members[members]`. The ranges of all members in
    /// order, then `forEachBranchDecision`, give `evaluate`'s decisions in the same order within
    /// each outcome; decisions of different outcomes interleave.
    /// - Parameter superseded: false skips building the superseded ones at all.
    public func forEachMemberDecision(in ctx: RuleContext, members: Range<Int>, handledKeys: Set<String>,
                                      superseded: Bool = true, _ body: (DueReminder, Outcome) -> Void) {
        withoutActuallyEscaping(body) { body in
            var run = Run(ctx: ctx, askHandled: !handledKeys.isEmpty, sink: body, wantsSuperseded: superseded)
            evaluateMembers(members, &run) { handledKeys.contains($0) }
        }
    }

    /// The grid- and branch-level decisions, which follow the members' (`forEachMemberDecision`).
    public func forEachBranchDecision(in ctx: RuleContext, handledKeys: Set<String>, superseded: Bool = true,
                                      _ body: (DueReminder, Outcome) -> Void) {
        withoutActuallyEscaping(body) { body in
            var run = Run(ctx: ctx, askHandled: !handledKeys.isEmpty, sink: body, wantsSuperseded: superseded)
            evaluateBranch(&run) { handledKeys.contains($0) }
        }
    }

    private func evaluate(ledger: Ledger, records: RecordBook, config: Config, calendar: BranchCalendar,
                          now: Date, windowStart: Date, askHandled: Bool, handled: (String) -> Bool,
                          waiting: Set<String> = []) -> Decisions {
        let ctx = RuleContext(ledger: ledger, records: records, config: config, calendar: calendar,
                              now: now, windowStart: windowStart)
        var run = Run(ctx: ctx, askHandled: askHandled, sink: nil, wantsSuperseded: true)
        run.waiting = waiting
        evaluateMembers(ledger.members.indices, &run, handled)
        evaluateBranch(&run, handled)
        return run.decisions
    }

    private func evaluateMembers(_ range: Range<Int>, _ run: inout Run, _ handled: (String) -> Bool) {
        let ctx = run.ctx
        var obligations: [Obligation] = []
        obligations.reserveCapacity(16)
        // The rules are asked in place: `for rule in rules` copied each rule's existential
        // container out of the array, 18 copies and destroys per member.
        rules.withUnsafeBufferPointer { rules in
            for i in range {
                let member = ctx.ledger.members[i]
                guard ctx.isActive(member) else { continue }
                obligations.removeAll(keepingCapacity: true)
                for r in rules.indices { rules[r].appendObligations(for: member, in: ctx, into: &obligations) }
                if obligations.isEmpty { continue }
                // Read in place (a buffer, indices): each copy of an obligation retains every
                // string and list in it.
                obligations.withUnsafeBufferPointer { collapseByRule($0, &run, handled) }
            }
        }
    }

    private func evaluateBranch(_ run: inout Run, _ handled: (String) -> Bool) {
        var obligations: [Obligation] = []
        for rule in rules { obligations += rule.branchObligations(in: run.ctx) }
        // Branch- and grid-level obligations may belong to different threads; group them.
        var byThread: [String: [Obligation]] = [:]
        for o in obligations { byThread["\(o.rule.rawValue)|\(o.member ?? "")|\(o.grid ?? "")", default: []].append(o) }
        for key in byThread.keys.sorted() {
            byThread[key]!.withUnsafeBufferPointer { collapse($0, $0.indices, &run, handled) }
        }
    }

    /// One member's obligations, one thread per rule id. Rules return their obligations
    /// together, so a thread is a run of one rule id; otherwise they are grouped first.
    private func collapseByRule(_ obligations: UnsafeBufferPointer<Obligation>, _ run: inout Run,
                                _ handled: (String) -> Bool) {
        var contiguous = true
        // By index, reading only `rule`: `contains(where:)` copied each obligation it passed.
        outer: for i in 1..<Swift.max(1, obligations.count) where obligations[i].rule != obligations[i - 1].rule {
            for j in 0..<i where obligations[j].rule == obligations[i].rule {
                contiguous = false
                break outer
            }
        }
        guard contiguous else {
            var groups: [RuleID: [Obligation]] = [:]
            for o in obligations { groups[o.rule, default: []].append(o) }
            for id in RuleID.allCases {
                groups[id]?.withUnsafeBufferPointer { collapse($0, $0.indices, &run, handled) }
            }
            return
        }
        var i = 0
        while i < obligations.count {
            var j = i + 1
            while j < obligations.count && obligations[j].rule == obligations[i].rule { j += 1 }
            collapse(obligations, i..<j, &run, handled)
            i = j
        }
    }

    /// One thread, `obligations[thread]`: the newest period with a due step sends its latest
    /// step (unless handled or an expired notice); everything else due and not yet handled is
    /// superseded.
    private func collapse(_ obligations: UnsafeBufferPointer<Obligation>, _ thread: Range<Int>, _ run: inout Run,
                          _ handled: (String) -> Bool) {
        if thread.count == 1 {
            // Most threads: one period. No list of due periods, no sort, no older periods to name.
            let i = thread.lowerBound
            let steps = dueSteps(obligations, i, run.ctx)
            if steps.isEmpty { return }
            guard let w = decide(obligations[i], steps, mayWin: true, &run, handled) else { return }
            return run.emit(w, w.to.isEmpty ? .unreachable : .send)
        }
        var due: [(index: Int, steps: DueSteps)] = []
        for i in thread {
            let steps = dueSteps(obligations, i, run.ctx)
            if !steps.isEmpty { due.append((i, steps)) }
        }
        guard !due.isEmpty else { return }
        if due.count > 1 {
            due.sort { a, b in
                let pa = obligations[a.index].periodStart, pb = obligations[b.index].periodStart
                return pa != pb ? pa > pb : a.index > b.index
            }
        }
        var winner: DueReminder?
        for (n, entry) in due.enumerated() {
            let r = decide(obligations[entry.index], entry.steps, mayWin: n == 0, &run, handled)
            if n == 0 { winner = r }
        }
        guard var w = winner else { return }
        w.openPeriods = due.dropFirst().reversed().map { obligations[$0.index].period }
        run.emit(w, w.to.isEmpty ? .unreachable : .send)
    }

    /// One period's due steps, latest first, down to the first handled one: the latest is the
    /// winner returned when it may win (the newest period of its thread) and is not an
    /// expired notice; every other is superseded.
    private func decide(_ o: Obligation, _ steps: DueSteps, mayWin: Bool, _ run: inout Run,
                        _ handled: (String) -> Bool) -> DueReminder? {
        var winner: DueReminder?
        var k = steps.count - 1
        while k >= 0 {
            let (step, day) = steps[k]
            // Everything before a handled step was decided together with it.
            if run.askHandled && run.isHandled(o, step, day, handled) { break }
            if mayWin && k == steps.count - 1 {
                let r = run.reminder(o, step, day)
                if !isExpiredNotice(o, r, run.ctx) { winner = r } else { run.emit(r, .superseded) }
            } else if run.wantsSuperseded {
                run.emit(run.reminder(o, step, day), .superseded)
            }
            k -= 1
        }
        return winner
    }

    /// The due steps of `obligations[i]`, none when its period is not opened at all. Read from
    /// its plain fields in place: passing an obligation to a function copies every string and
    /// list in it, and it is passed on (to `decide`) only when a step is due.
    private func dueSteps(_ obligations: UnsafeBufferPointer<Obligation>, _ i: Int, _ ctx: RuleContext) -> DueSteps {
        if let end = obligations[i].periodEnd, end < ctx.windowStart { return DueSteps() }
        return dueSteps(obligations[i].schedule, notBefore: obligations[i].notBefore,
                        firstLead: obligations[i].firstLead, ctx)
    }

    /// A notice (rules.md: "resolved by … a notice") whose moment has passed or that is older
    /// than `catch_up` is superseded, not sent. Monthly dues notices are not such notices.
    private func isExpiredNotice(_ o: Obligation, _ r: DueReminder, _ ctx: RuleContext) -> Bool {
        guard o.rule.isNotice, case .notice(_, let expires) = o.schedule else { return false }
        if let e = expires, ctx.today > e { return true }
        return r.dueAt.addingTimeInterval(ctx.schedule.catchUp.approximateSeconds) < ctx.now
    }

    /// The steps of a period whose send time has come, oldest first: the latest one, and the
    /// earlier ones from the catch-up window on (older missed steps are simply not opened).
    /// Repeats are kept as a range, not listed: a threshold crossed years ago costs nothing.
    /// Pure day arithmetic: no Foundation call.
    struct DueSteps {
        /// Lead and overdue steps before the latest, within the window and after `notBefore`.
        var early: [(Step, LocalDate)] = []
        var overdueDay = LocalDate(dayNumber: 0)
        var repeatDays = 1
        /// Earlier repeats `repeatFrom...repeatTo` (empty when from > to).
        var repeatFrom = 1
        var repeatTo = 0
        var latest: (Step, LocalDate)?

        var count: Int { latest == nil ? 0 : early.count + Swift.max(0, repeatTo - repeatFrom + 1) + 1 }
        var isEmpty: Bool { latest == nil }

        subscript(i: Int) -> (Step, LocalDate) {
            if i < early.count { return early[i] }
            let j = repeatFrom + i - early.count
            if j <= repeatTo { return (.repeat(j), overdueDay.adding(days: j * repeatDays)) }
            return latest!
        }
    }

    func dueSteps(_ schedule: Obligation.Schedule, notBefore: LocalDate?, firstLead: Int?,
                  _ ctx: RuleContext) -> DueSteps {
        var steps = DueSteps()
        let floor = notBefore ?? LocalDate(dayNumber: Int.min / 2)
        switch schedule {
        case .notice(let day, _):
            if ctx.isDue(day) && day >= floor { steps.latest = (.notice, day) }
            return steps
        case .deadline(let d), .threshold(let d):
            let isDeadline: Bool
            if case .deadline = schedule { isDeadline = true } else { isDeadline = false }
            // Lead and overdue steps that came, oldest first; built in `steps.early` (no array
            // at all for the usual period with none), the latest of them moved out below.
            if isDeadline {
                var leads = ctx.cache.leadDaysDescending
                if let f = firstLead, f >= 0, !leads.contains(f) {
                    leads.append(f)
                    leads.sort(by: >)
                }
                if !ctx.isDue(d.adding(days: -(leads.first ?? -1))) { return steps }
                for n in leads {
                    let day = d.adding(days: -n)
                    if ctx.isDue(day) && day >= floor { steps.early.append((.lead(n), day)) }
                }
            }
            let overdueDay = isDeadline ? d.adding(days: 1) : d
            var k = 0
            if ctx.isDue(overdueDay) {
                if overdueDay >= floor { steps.early.append((.overdue, overdueDay)) }
                // The latest repeat whose day has come, found by arithmetic.
                let repeatDays = ctx.cache.repeatDays
                k = Swift.max(0, overdueDay.days(until: ctx.today) / repeatDays)
                while k > 0 && !ctx.isDue(overdueDay.adding(days: k * repeatDays)) { k -= 1 }
                steps.overdueDay = overdueDay
                steps.repeatDays = repeatDays
                if k > 0 && overdueDay.adding(days: k * repeatDays) >= floor {
                    // Earlier repeats only from the window and `notBefore` on.
                    let lower = Swift.max(ctx.windowStart, floor)
                    let gap = overdueDay.days(until: lower)
                    steps.repeatFrom = Swift.max(1, gap > 0 ? (gap + repeatDays - 1) / repeatDays : 1)
                    steps.repeatTo = k - 1
                    steps.latest = (.repeat(k), overdueDay.adding(days: k * repeatDays))
                }
            }
            if steps.latest == nil {
                guard let last = steps.early.popLast() else { return steps }
                steps.latest = last
            }
            if !steps.early.isEmpty {
                let windowStart = ctx.windowStart
                steps.early.removeAll { $0.1 < windowStart }
            }
            return steps
        }
    }

    /// One evaluation's working state: the decisions so far and a memo of send times, so that
    /// Foundation is asked once per distinct day, not once per step.
    private struct Run {
        let ctx: RuleContext
        var decisions = Decisions()
        var sendTimes: [Int: Date] = [:]
        var lastDay: (number: Int, sendTime: Date) = (Int.min, Date(timeIntervalSince1970: 0))
        /// False when nothing can be handled: no key is built.
        var askHandled = true
        /// Where decisions go when they are not collected in `decisions`.
        var sink: ((DueReminder, Outcome) -> Void)?
        var wantsSuperseded = true
        /// Keys still waiting in the store, answered in `decisions.waiting`.
        var waiting: Set<String> = []

        init(ctx: RuleContext, askHandled: Bool, sink: ((DueReminder, Outcome) -> Void)?, wantsSuperseded: Bool) {
            self.ctx = ctx
            self.askHandled = askHandled
            self.sink = sink
            self.wantsSuperseded = wantsSuperseded
        }

        /// Whether a step is handled; a handled step still waiting is decided again as it
        /// stands now (`Decisions.waiting`).
        mutating func isHandled(_ o: Obligation, _ step: Step, _ day: LocalDate, _ handled: (String) -> Bool) -> Bool {
            let key = DueReminder.key(rule: o.rule, subject: DueReminder.subject(member: o.member, grid: o.grid),
                                      period: o.period, step: step)
            guard handled(key) else { return false }
            if waiting.contains(key) { decisions.waiting[key] = reminder(o, step, day) }
            return true
        }

        mutating func emit(_ r: DueReminder, _ outcome: Outcome) {
            if let sink { return sink(r, outcome) }
            switch outcome {
            case .send: decisions.send.append(r)
            case .superseded: decisions.superseded.append(r)
            case .unreachable: decisions.unreachable.append(r)
            }
        }

        mutating func reminder(_ o: Obligation, _ step: Step, _ day: LocalDate) -> DueReminder {
            let dueAt: Date
            if day.dayNumber == lastDay.number {
                dueAt = lastDay.sendTime  // most reminders of a run are due on the same day
            } else if let t = sendTimes[day.dayNumber] {
                dueAt = t
                lastDay = (day.dayNumber, t)
            } else {
                dueAt = ctx.calendar.sendTime(for: day)
                sendTimes[day.dayNumber] = dueAt
                lastDay = (day.dayNumber, dueAt)
            }
            let (to, cc) = o.addresses(for: step)
            return DueReminder(rule: o.rule, member: o.member, grid: o.grid, period: o.period, step: step,
                               deadline: o.deadline, dueAt: dueAt, to: to, cc: cc, facts: o.facts)
        }
    }
}
