import Foundation

extension ConfigParser {
    /// Parses a systemd-style duration: `30s`, `5min`, `2h`, `7d`, `2w`, `6month`, `1y`,
    /// combinations such as `1h 30min` or `1d12h`, or a bare number of seconds (`90`).
    ///
    /// Units (case matters: `M` is a month, `m` a minute): `s` `sec` `second(s)`, `m` `min`
    /// `minute(s)`, `h` `hr` `hour(s)`, `d` `day(s)`, `w` `week(s)`, `M` `month(s)`,
    /// `y` `year(s)` (a year is 12 calendar months). Fractions are allowed except for months
    /// and years. Returns nil for anything else, including an empty or negative value and one
    /// whose months or seconds exceed `maximumDurationYears` (the rules add durations to dates:
    /// 1e30 days would trap).
    public static func parseDuration(_ text: String) -> Duration? {
        let scalars = Array(text.trimmingWhitespace().unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

        var months = 0
        var seconds = 0.0
        var components = 0
        var i = 0
        while i < scalars.count {
            while i < scalars.count, isSpace(scalars[i]) { i += 1 }
            guard i < scalars.count else { break }
            var number = ""
            while i < scalars.count, isDigit(scalars[i]) || scalars[i] == "." {
                number.unicodeScalars.append(scalars[i])
                i += 1
            }
            guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != ".",
                  let value = Double(number)
            else { return nil }
            while i < scalars.count, isSpace(scalars[i]) { i += 1 }
            var unit = ""
            while i < scalars.count, ("a"..."z").contains(scalars[i]) || ("A"..."Z").contains(scalars[i]) {
                unit.unicodeScalars.append(scalars[i])
                i += 1
            }
            components += 1
            switch unit {
            case "":
                // A bare number is seconds, and only as the whole value.
                guard components == 1, i == scalars.count else { return nil }
                seconds += value
            case "s", "sec", "second", "seconds": seconds += value
            case "m", "min", "minute", "minutes": seconds += value * 60
            case "h", "hr", "hour", "hours": seconds += value * 3600
            case "d", "day", "days": seconds += value * 86400
            case "w", "week", "weeks": seconds += value * 7 * 86400
            case "M", "month", "months", "y", "year", "years":
                guard !number.contains("."), let n = Int(number), n <= maximumDurationYears * 12 else { return nil }
                months += unit.hasPrefix("y") ? n * 12 : n
            default:
                return nil
            }
        }
        guard components > 0, seconds.isFinite, months <= maximumDurationYears * 12,
              seconds <= Double(maximumDurationYears) * 366 * 86400 else { return nil }
        return Duration(months: months, seconds: seconds)
    }

    /// The longest duration the config accepts, in years.
    public static let maximumDurationYears = 1000

    /// Writes a duration back in the form `parseDuration` reads: `6month`, `1d 12h`, `90s`, `0`.
    public static func format(_ duration: Duration) -> String {
        var parts: [String] = []
        if duration.months != 0 {
            parts.append(duration.months % 12 == 0 ? "\(duration.months / 12)y" : "\(duration.months)month")
        }
        let seconds = duration.seconds
        if seconds.rounded(.towardZero) == seconds, seconds >= 0, seconds < 1e15 {
            var s = Int(seconds)
            for (size, unit) in [(86400, "d"), (3600, "h"), (60, "min")] where s >= size {
                parts.append("\(s / size)\(unit)")
                s %= size
            }
            if s > 0 { parts.append("\(s)s") }
        } else {
            parts.append("\(plainDecimal(seconds))s")
        }
        return parts.isEmpty ? "0" : parts.joined(separator: " ")
    }

    /// Swift's shortest form of `x` without an exponent (`1e-07` → `0.0000001`), which
    /// `parseDuration` reads back to the same value. For the values it accepts (below 2^53).
    static func plainDecimal(_ x: Double) -> String {
        let s = "\(x)"
        guard let e = s.firstIndex(of: "e"), let exponent = Int(s[s.index(after: e)...]), exponent < 0 else { return s }
        return "0." + String(repeating: "0", count: -exponent - 1) + s[..<e].filter { $0 != "." }
    }

    /// Parses `HH:MM` (24-hour; `9:00` is accepted too).
    public static func parseTimeOfDay(_ text: String) -> TimeOfDay? {
        let parts = text.trimmingWhitespace().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let h = asciiInt(parts[0]), let m = asciiInt(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return TimeOfDay(hour: h, minute: m)
    }

    /// Parses a comma-separated list of days and inclusive ranges:
    /// `2027-02-05, 2027-02-10..2027-02-12`. A range's start must not be after its end.
    /// An empty value is an empty list. The message in `.failure` names the bad item.
    public static func parseQuietDays(_ text: String) -> Result<[ClosedRange<LocalDate>], QuietDaysProblem> {
        var ranges: [ClosedRange<LocalDate>] = []
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return .success([]) }
        for rawItem in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let item = String(rawItem).trimmingWhitespace()
            guard !item.isEmpty else { return .failure(.emptyItem) }
            if let dots = item.range(of: "..") {
                let a = String(item[..<dots.lowerBound]).trimmingWhitespace()
                let b = String(item[dots.upperBound...]).trimmingWhitespace()
                guard let start = LocalDate.iso(a), let end = LocalDate.iso(b) else { return .failure(.badItem(item)) }
                guard start <= end else { return .failure(.backwards(item)) }
                ranges.append(start...end)
            } else {
                guard let day = LocalDate.iso(item) else { return .failure(.badItem(item)) }
                ranges.append(day...day)
            }
        }
        return .success(ranges)
    }

    /// Why `parseQuietDays` refused a value.
    public enum QuietDaysProblem: Error, Sendable, Equatable, CustomStringConvertible {
        case emptyItem
        case badItem(String)
        case backwards(String)

        public var description: String {
            switch self {
            case .emptyItem: return "empty item in the list"
            case .badItem(let s): return "\"\(s)\" is not a day (YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)"
            case .backwards(let s): return "range \"\(s)\" ends before it starts"
            }
        }
    }

    /// A non-negative decimal integer of ASCII digits only (no sign, no spaces, no 全角 digits).
    static func asciiInt<S: StringProtocol>(_ s: S) -> Int? {
        guard !s.isEmpty, s.count <= 9, s.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(String(s))
    }

    /// systemd's booleans: `yes`/`no`, `true`/`false`, `on`/`off`, `1`/`0` (any case).
    static func parseBool(_ s: String) -> Bool? {
        switch s.trimmingWhitespace().lowercased() {
        case "yes", "y", "true", "t", "on", "1": return true
        case "no", "n", "false", "f", "off", "0": return false
        default: return nil
        }
    }

    /// Levenshtein distance, for "did you mean" hints.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        let normalised = word.replacingOccurrences(of: "-", with: "_")
        let scored = candidates.map { ($0, editDistance(normalised, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(1, min(3, best.0.count / 3))
        return best.1 <= limit ? best.0 : nil
    }
}
