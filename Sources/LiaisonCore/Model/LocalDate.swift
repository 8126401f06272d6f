/// A civil date with no time zone: what a ledger cell or a reply says ("2026-03-01").
///
/// Dates in the ledger are days in the branch's time zone; keeping them apart from `Date`
/// (an instant) stops the machine's `TZ` from creeping into the rules.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Stored narrow: a roster member holds five optional dates, and a million members each
    // holding five 3×Int dates (32 bytes an optional) spent 160 MB on them; 8 bytes do.
    private let storedYear: Int32
    private let storedMonth: Int8
    private let storedDay: Int8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }
    public var day: Int { Int(storedDay) }

    /// Returns nil for days that do not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(year: year, month: month) else { return nil }
        self.init(unchecked: year, month, day)
    }

    /// For values already known to be valid (computed ones). A year beyond ±2 billion (a
    /// day number used as "no lower bound") is clamped: it stays before or after every real day.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        storedYear = Int32(clamping: year)
        storedMonth = Int8(truncatingIfNeeded: month)
        storedDay = Int8(truncatingIfNeeded: day)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic without Foundation.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: m <= 2 ? y + 1 : y, m, d)
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Calendar months, clamped at month ends: 2026-01-31 + 3 months = 2026-04-30.
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return LocalDate(unchecked: y, m, Swift.min(day, LocalDate.daysIn(year: y, month: m)))
    }

    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    public var yearMonth: YearMonth { YearMonth(unchecked: year, month) }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601: `2026-03-01`.
    public var description: String {
        // The usual day: ten ASCII bytes written in place (a small string, no allocation);
        // period ids of threshold rules are days, made once per decision.
        if year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99 {
            let (y, m, d) = (year, month, day)
            return String(unsafeUninitializedCapacity: 10) { b in
                b[0] = UInt8(0x30 + y / 1000); b[1] = UInt8(0x30 + y / 100 % 10)
                b[2] = UInt8(0x30 + y / 10 % 10); b[3] = UInt8(0x30 + y % 10)
                b[4] = 0x2D; b[5] = UInt8(0x30 + m / 10); b[6] = UInt8(0x30 + m % 10)
                b[7] = 0x2D; b[8] = UInt8(0x30 + d / 10); b[9] = UInt8(0x30 + d % 10)
                return 10
            }
        }
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// A calendar month (`2026-11`), the period of the dues rules.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Narrow for the same reason as `LocalDate`'s fields.
    private let storedYear: Int32
    private let storedMonth: Int8

    public var year: Int { Int(storedYear) }
    public var month: Int { Int(storedMonth) }

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.init(unchecked: year, month)
    }

    init(unchecked year: Int, _ month: Int) {
        storedYear = Int32(clamping: year)
        storedMonth = Int8(truncatingIfNeeded: month)
    }

    public var index: Int { year * 12 + month - 1 }
    public init(index: Int) { self.init(unchecked: index / 12, index % 12 + 1) }

    public func adding(months: Int) -> YearMonth { YearMonth(index: index + months) }
    public func months(until other: YearMonth) -> Int { other.index - index }

    public var firstDay: LocalDate { LocalDate(unchecked: year, month, 1) }
    public var lastDay: LocalDate { LocalDate(unchecked: year, month, LocalDate.daysIn(year: year, month: month)) }

    /// The given day of this month, clamped to its last day (dues_day = 31 in February).
    public func day(_ d: Int) -> LocalDate {
        LocalDate(unchecked: year, month, Swift.max(1, Swift.min(d, LocalDate.daysIn(year: year, month: month))))
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }

    public var description: String {
        if year >= 1000 && year <= 9999 && month >= 0 && month <= 99 {
            let (y, mo) = (year, month)
            return String(unsafeUninitializedCapacity: 7) { b in
                b[0] = UInt8(0x30 + y / 1000); b[1] = UInt8(0x30 + y / 100 % 10)
                b[2] = UInt8(0x30 + y / 10 % 10); b[3] = UInt8(0x30 + y % 10)
                b[4] = 0x2D; b[5] = UInt8(0x30 + mo / 10); b[6] = UInt8(0x30 + mo % 10)
                return 7
            }
        }
        let m = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(m)"
    }
}
