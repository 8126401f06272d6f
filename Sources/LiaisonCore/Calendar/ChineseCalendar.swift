import Foundation
import Synchronization

/// Holidays of the Chinese calendar that the rules need (正月初一 for `survey.peak`).
///
/// - Important: ICU work costs microseconds per call: compute once per year and evaluation
///   (see `RuleCache`), never per member.
public enum ChineseCalendar {
    /// Spring Festival (正月初一) of the Chinese year that contains 1 July of `year`, as a civil
    /// day in China (UTC+8). Nil if ICU cannot answer (years far outside its tables).
    public static func springFestival(_ year: Int) -> LocalDate? {
        if let known = cache.withLock({ $0[year] }) { return known }
        let day = computeSpringFestival(year)
        cache.withLock { $0[year] = day }
        return day
    }

    /// Years already asked, for the process's life: a reply taken by IMAP built three of them
    /// per rule context (up to 31 per reply), a quarter of one poll's time in ICU.
    private static let cache = Mutex<[Int: LocalDate?]>([:])

    private static func computeSpringFestival(_ year: Int) -> LocalDate? {
        guard let zone = TimeZone(identifier: "Asia/Shanghai") else { return nil }
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = zone
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = zone
        guard let midYear = gregorian.date(from: DateComponents(year: year, month: 7, day: 1, hour: 12)) else {
            return nil
        }
        let c = chinese.dateComponents([.era, .year], from: midYear)
        var first = DateComponents()
        first.era = c.era
        first.year = c.year
        first.month = 1
        first.day = 1
        first.hour = 12
        guard let instant = chinese.date(from: first) else { return nil }
        let g = gregorian.dateComponents([.year, .month, .day], from: instant)
        guard let y = g.year, let m = g.month, let d = g.day else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}
