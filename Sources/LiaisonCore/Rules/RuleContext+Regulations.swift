/// The `[rules]` keys as the rules ask for them.
extension RuleContext {
    /// `[rules]`.
    public var regulations: Config.Rules { config.rules }

    /// The contact period (`contact_every`: quarter or half-year) containing a day.
    public func contactPeriod(containing d: LocalDate) -> Period {
        regulations.contactEvery == .quarter ? quarter(containing: d) : halfYear(containing: d)
    }

    /// The contact period containing today.
    public var currentContactPeriod: Period {
        regulations.contactEvery == .quarter ? cache.currentQuarter : cache.currentHalfYear
    }

    /// A member's report period: the roster's, else `[rules] report_every`.
    public func reportEvery(_ m: Member) -> Member.ReportEvery {
        m.reportEveryGiven ? m.reportEvery : regulations.reportEvery
    }

    /// An outgoing member who pays dues where they are (`党费交纳地` = 流入地): this branch sends
    /// them no dues reminders; the liaison confirms the payment every half year instead.
    public func paysDuesAtInflow(_ m: Member) -> Bool {
        m.kind == .outgoing && m.duesAt == .inflow
    }

    /// The day a notice that must not be missed is due: its own day while that is within
    /// `catch_up`, else today — a row entered late (a departure noticed a week after it, a
    /// probation end typed in ten days before it) is announced on the first day it is seen,
    /// instead of being superseded as too old. Once sent its key is handled, so it goes once.
    public func announceDay(_ day: LocalDate) -> LocalDate {
        day >= today.adding(days: -cache.catchUpDays) ? day : today
    }

    /// The days `start + k × every` (k ≥ 1) up to today, newest last, at most `limit` of the
    /// newest: the notices of a rule that repeats on its own cadence (`receipt_every`,
    /// `feedback_every`).
    public func cadence(from start: LocalDate, every: Duration, limit: Int = 2) -> [(k: Int, day: LocalDate)] {
        let months = every.months
        let days = Int((every.seconds / 86400).rounded(.up))
        guard months > 0 || days > 0 else { return [] }
        var k = 1
        if months == 0 {
            // Pure days: jump close to today by arithmetic.
            let n = start.days(until: today) / days
            k = Swift.max(1, n - limit)
        }
        var out: [(Int, LocalDate)] = []
        while true {
            let day = start.adding(months: k * months).adding(days: k * days)
            if day > today { break }
            out.append((k, day))
            if out.count > limit { out.removeFirst() }
            k += 1
        }
        return out
    }
}
