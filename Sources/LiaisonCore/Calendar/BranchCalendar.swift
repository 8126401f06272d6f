import Foundation

/// Local days and send times in the branch's time zone — never the machine's `TZ`.
///
/// Conversions go through a Gregorian `Calendar` pinned to the configured zone, so DST zones
/// get the right instant for 09:00 on either side of a change.
public struct BranchCalendar: Sendable {
    public let timeZone: TimeZone
    public let sendAt: TimeOfDay
    /// Sorted, non-overlapping quiet ranges.
    public let quiet: [ClosedRange<LocalDate>]
    private let calendar: Calendar

    public init(timeZone: TimeZone, sendAt: TimeOfDay = Config.Defaults.sendAt, quiet: [ClosedRange<LocalDate>] = []) {
        self.timeZone = timeZone
        self.sendAt = sendAt
        self.quiet = quiet.sorted { $0.lowerBound < $1.lowerBound }
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        c.locale = Locale(identifier: "en_US_POSIX")
        self.calendar = c
    }

    /// The local day of an instant.
    public func day(of instant: Date) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(unchecked: c.year!, c.month!, c.day!)
    }

    /// The instant of a local time on a day. A time skipped by a DST jump resolves to the next
    /// valid instant.
    public func instant(_ day: LocalDate, _ time: TimeOfDay) -> Date {
        var c = DateComponents()
        c.year = day.year
        c.month = day.month
        c.day = day.day
        c.hour = time.hour
        c.minute = time.minute
        c.second = 0
        if let d = calendar.date(from: c) { return d }
        // Should not happen for valid days; fall back to UTC arithmetic.
        return Date(timeIntervalSince1970: Double(day.dayNumber) * 86400 + Double(time.hour * 3600 + time.minute * 60))
    }

    /// Midnight at the start of a local day.
    public func startOfDay(_ day: LocalDate) -> Date { instant(day, TimeOfDay(hour: 0, minute: 0)) }

    public func isQuiet(_ day: LocalDate) -> Bool {
        for r in quiet {
            if r.contains(day) { return true }
            if r.lowerBound > day { break }
        }
        return false
    }

    /// The first day on or after `day` that is not quiet.
    public func firstSendDay(onOrAfter day: LocalDate) -> LocalDate {
        var d = day
        for r in quiet where r.contains(d) { d = r.upperBound.adding(days: 1) }
        // Adjacent ranges: loop until stable.
        while isQuiet(d) { d = d.adding(days: 1) }
        return d
    }

    /// When a reminder for `day` may go out: `send_at` on that day, or on the next day that is
    /// not quiet.
    public func sendTime(for day: LocalDate) -> Date {
        instant(firstSendDay(onOrAfter: day), sendAt)
    }

    /// Whether nothing may be sent at this instant (a quiet day).
    public func isQuiet(at instant: Date) -> Bool { isQuiet(day(of: instant)) }
}

/// A calendar quarter or half-year; `id` is the period id used in dedup keys.
public struct Period: Hashable, Sendable {
    public let id: String
    public let start: LocalDate
    public let end: LocalDate

    public static func quarter(containing d: LocalDate) -> Period {
        let q = (d.month - 1) / 3
        let start = LocalDate(unchecked: d.year, q * 3 + 1, 1)
        let endMonth = YearMonth(unchecked: d.year, q * 3 + 3)
        return Period(id: "\(d.year)Q\(q + 1)", start: start, end: endMonth.lastDay)
    }

    public static func halfYear(containing d: LocalDate) -> Period {
        let h = (d.month - 1) / 6
        let start = LocalDate(unchecked: d.year, h * 6 + 1, 1)
        let endMonth = YearMonth(unchecked: d.year, h * 6 + 6)
        return Period(id: "\(d.year)H\(h + 1)", start: start, end: endMonth.lastDay)
    }

    public static func month(_ ym: YearMonth) -> Period {
        Period(id: ym.description, start: ym.firstDay, end: ym.lastDay)
    }

    /// The period before this one, of the same kind.
    public func previous(_ kind: (LocalDate) -> Period) -> Period { kind(start.adding(days: -1)) }
    public func next(_ kind: (LocalDate) -> Period) -> Period { kind(end.adding(days: 1)) }
}
