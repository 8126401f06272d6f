import Foundation

/// Everything the rules would otherwise compute per member, computed once per evaluation:
/// period boundaries and ids, holidays, the schedule in the shape the engine needs, and
/// whether today's send time has come. Built by `RuleContext.init`; pure values only.
///
/// - Important: with a million members, a `Calendar`, a `DateFormatter` or an ICU call per
///   member costs seconds. Rules ask the context (`quarter(containing:)`, `isDue(_:)`, …),
///   which answers from here by arithmetic.
public struct RuleCache: Sendable {
    /// `lead_days`, largest first, without negatives or duplicates.
    public let leadDaysDescending: [Int]
    /// `repeat_days`, at least 1.
    public let repeatDays: Int
    /// Whether `now` is at or after `send_at` today (today is not quiet).
    public let sendTimeOfTodayPassed: Bool
    /// `lost_after` as calendar months plus whole days.
    public let lostAfterMonths: Int
    public let lostAfterDays: Int
    /// `catch_up` in whole days (rounded up), for cheap "is this notice still worth building".
    public let catchUpDays: Int

    public let currentQuarter: Period
    public let currentHalfYear: Period
    public let currentMonth: YearMonth

    /// This month's dues day, as text (`2026-11-25`).
    public let duesDayText: String

    /// 正月初一 per Gregorian year, for the years around today.
    public let springFestivals: [Int: LocalDate]

    /// `activity.day` notices that may concern this evaluation (last, this and next month's
    /// activity day), with their facts: built once, shared by every member.
    public let activityNotices: [ActivityNotice]

    public struct ActivityNotice: Sendable {
        public let period: Period
        public let noticeDay: LocalDate
        public let activityDay: LocalDate
        public let facts: RuleFacts
    }

    let quarterBase: Int
    let quarters: [Period]
    let halfYearBase: Int
    let halfYears: [Period]
    let monthBase: Int
    let months: [Period]

    init(config: Config, calendar: BranchCalendar, now: Date, today: LocalDate, windowStart: LocalDate) {
        let s = config.schedule
        leadDaysDescending = Array(Set(s.leadDays.filter { $0 >= 0 })).sorted(by: >)
        repeatDays = Swift.max(1, s.repeatDays)
        sendTimeOfTodayPassed = !calendar.isQuiet(today) && calendar.instant(today, calendar.sendAt) <= now
        lostAfterMonths = s.lostAfter.months
        lostAfterDays = Int((s.lostAfter.seconds / 86400).rounded(.up))
        catchUpDays = Int((s.catchUp.approximateSeconds / 86400).rounded(.up))
        currentQuarter = Period.quarter(containing: today)
        currentHalfYear = Period.halfYear(containing: today)
        currentMonth = today.yearMonth
        duesDayText = today.yearMonth.day(s.duesDay).description

        // Periods from a little before the window (capped at 30 years back) to a year ahead.
        let from = Swift.max(Swift.min(windowStart, today), LocalDate(unchecked: today.year - 30, 1, 1))
        let first = LocalDate(unchecked: from.year - 1, 1, 1)
        let last = LocalDate(unchecked: today.year + 1, 12, 31)
        var q: [Period] = []
        var h: [Period] = []
        var m: [Period] = []
        var d = first
        while d <= last {
            let ym = d.yearMonth
            m.append(Period.month(ym))
            if (d.month - 1) % 3 == 0 { q.append(Period.quarter(containing: d)) }
            if (d.month - 1) % 6 == 0 { h.append(Period.halfYear(containing: d)) }
            d = ym.adding(months: 1).firstDay
        }
        quarters = q
        halfYears = h
        months = m
        quarterBase = first.year * 4
        halfYearBase = first.year * 2
        monthBase = first.yearMonth.index

        var sf: [Int: LocalDate] = [:]
        for y in (today.year - 1)...(today.year + 1) { sf[y] = ChineseCalendar.springFestival(y) }
        springFestivals = sf

        let catchUpStart = today.adding(days: -catchUpDays)
        var notices: [ActivityNotice] = []
        let activity = config.activity
        for k in -1...1 {
            let ym = today.yearMonth.adding(months: k)
            let day = ym.day(config.branch.activityDay)
            let notice = day.adding(days: -config.schedule.activityNoticeDays)
            guard notice <= today, day >= windowStart, day >= catchUpStart else { continue }
            notices.append(ActivityNotice(period: Period.month(ym), noticeDay: notice, activityDay: day,
                                          facts: .activityDay(.init(day: day, time: activity.time?.description,
                                                                    place: activity.place, topic: activity.topic))))
        }
        activityNotices = notices
    }
}

extension RuleContext {
    /// The quarter containing a day (from the cache when it can).
    public func quarter(containing d: LocalDate) -> Period {
        let i = d.year * 4 + (d.month - 1) / 3 - cache.quarterBase
        return i >= 0 && i < cache.quarters.count ? cache.quarters[i] : Period.quarter(containing: d)
    }

    public func halfYear(containing d: LocalDate) -> Period {
        let i = d.year * 2 + (d.month - 1) / 6 - cache.halfYearBase
        return i >= 0 && i < cache.halfYears.count ? cache.halfYears[i] : Period.halfYear(containing: d)
    }

    public func month(_ ym: YearMonth) -> Period {
        let i = ym.index - cache.monthBase
        return i >= 0 && i < cache.months.count ? cache.months[i] : Period.month(ym)
    }

    /// The period of a member's `report_every` containing a day.
    public func reportPeriod(_ every: Member.ReportEvery, containing d: LocalDate) -> Period {
        every == .quarter ? quarter(containing: d) : halfYear(containing: d)
    }

    /// Whether the send time of a step on `day` has come (after quiet days), by arithmetic:
    /// no Foundation call.
    public func isDue(_ day: LocalDate) -> Bool {
        if day > today { return false }
        let send = calendar.quiet.isEmpty ? day : calendar.firstSendDay(onOrAfter: day)
        return send < today || (send == today && cache.sendTimeOfTodayPassed)
    }

    /// The first day on which a deadline's steps start (its largest lead day, or the day after).
    public func firstStepDay(deadline d: LocalDate) -> LocalDate {
        d.adding(days: -(cache.leadDaysDescending.first ?? -1))
    }

    /// `lost_after` after a day.
    public func addingLostAfter(_ d: LocalDate) -> LocalDate {
        d.adding(months: cache.lostAfterMonths).adding(days: cache.lostAfterDays)
    }
}
