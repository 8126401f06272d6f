/// Dates and months as people type them in a reply, read from normalised characters (see
/// `ReplyLine.normalise`): ASCII digits, lower case, spaces kept.
///
/// Never guesses: a date that is there but cannot be read is reported as such (`unreadable`),
/// so that nothing is recorded for it; a date without a year is resolved by the caller.
enum ReplyDates {
    /// A date found in a text: where it stands, and what it is.
    struct Found: Equatable {
        enum Value: Equatable {
            /// A full date.
            case date(LocalDate)
            /// Month and day without a year.
            case monthDay(month: Int, day: Int)
            /// A day of the month without month and year (`20号`).
            case day(Int)
            /// Days before the reply (`今天` 0, `昨天` 1); negative for `明天`.
            case relative(Int)
            /// Something meant as a date that is not one (`2-30`, `上周三`, `13月5日`).
            case unreadable
        }
        var range: Range<Int>
        var value: Value
    }

    static let relativeWords: [(String, Int)] = [
        ("今天", 0), ("今日", 0), ("刚才", 0), ("刚刚", 0), ("today", 0), ("昨天", 1), ("昨日", 1), ("yesterday", 1),
        ("前天", 2), ("明天", -1), ("明日", -1), ("后天", -2), ("tomorrow", -1),
    ]
    /// Words meant as a day that are not read: said back as not understood.
    static let vagueWords = ["上周", "上星期", "上礼拜", "星期", "礼拜", "周一", "周二", "周三", "周四", "周五", "周六", "周日",
                             "周天", "月初", "月底", "月中", "上个月", "上月", "前几天", "大前天", "last week", "monday",
                             "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// The first date in `s` (with its place), or nil when there is none.
    static func first(in s: [Character]) -> Found? {
        var i = 0
        while i < s.count {
            if let f = date(in: s, at: i) { return f }
            i += 1
        }
        return nil
    }

    static func starts(_ s: [Character], _ i: Int, _ word: String) -> Bool {
        // Walks the word without making an array of it: called at every position of a line for
        // every word the reader knows, and nearly always answered by the first character.
        var k = i
        for c in word {
            guard k < s.count, s[k] == c else { return false }
            k += 1
        }
        return true
    }

    /// A date starting exactly at `i`.
    static func date(in s: [Character], at i: Int) -> Found? {
        for (w, back) in relativeWords where starts(s, i, w) {
            return Found(range: i..<(i + w.count), value: .relative(back))
        }
        for w in vagueWords where starts(s, i, w) {
            var e = i + w.count
            if e < s.count, "一二三四五六日天1234567".contains(s[e]) { e += 1 }
            return Found(range: i..<e, value: .unreadable)
        }
        // Digits must not continue a number (a phone number's tail is no date).
        if i > 0, isDigit(s[i - 1]) || ChineseNumber.isNumeral(s[i - 1]) { return nil }
        guard let a = number(s, at: i) else { return nil }
        var c = skipSpaces(s, a.end)
        func sep(_ j: Int) -> Character? {
            guard j < s.count else { return nil }
            return ["-", "/", "."].contains(s[j]) ? s[j] : nil
        }
        // Year first.
        if a.digits == 4 {
            let chinese = c < s.count && s[c] == "年"
            guard chinese || sep(c) != nil else { return nil }
            c = skipSpaces(s, c + 1)
            guard let m = number(s, at: c) else { return Found(range: i..<c, value: .unreadable) }
            c = skipSpaces(s, m.end)
            if chinese {
                guard c < s.count, s[c] == "月" else {
                    return nil  // 2026年11 … not a day: maybe a month (dues), not ours.
                }
                c = skipSpaces(s, c + 1)
            } else {
                guard sep(c) != nil else { return nil }  // 2026-11: a month.
                c = skipSpaces(s, c + 1)
            }
            guard let d = number(s, at: c) else {
                return chinese ? nil : Found(range: i..<c, value: .unreadable)
            }
            c = d.end
            if c < s.count, s[c] == "日" || s[c] == "号" { c += 1 }
            guard let date = LocalDate(year: a.value, month: m.value, day: d.value) else {
                return Found(range: i..<c, value: .unreadable)
            }
            return Found(range: i..<c, value: .date(date))
        }
        guard a.digits <= 2 || a.chinese else {
            return nil
        }
        // Month and day: 12-20, 12/20, 12.20, 12月20日, 12月20号, 12月20, 十二月二十日.
        if c < s.count, s[c] == "月" {
            c = skipSpaces(s, c + 1)
            guard let d = number(s, at: c), d.digits <= 2 || d.chinese else {
                return nil  // 11月: a month.
            }
            c = d.end
            var end = c
            let after = skipSpaces(s, c)
            if after < s.count, s[after] == "日" || s[after] == "号" { end = after + 1 }
            guard LocalDate(year: 2024, month: a.value, day: d.value) != nil else {
                return Found(range: i..<end, value: .unreadable)
            }
            return Found(range: i..<end, value: .monthDay(month: a.value, day: d.value))
        }
        if !a.chinese, sep(a.end) != nil {
            let d0 = a.end + 1
            guard let d = number(s, at: d0), !d.chinese, d.digits <= 2 else { return nil }
            // 12-20-…: part of something longer (a range of months, a phone number).
            if d.end < s.count, sep(d.end) != nil, d.end + 1 < s.count, isDigit(s[d.end + 1]) { return nil }
            guard LocalDate(year: 2024, month: a.value, day: d.value) != nil else {
                return Found(range: i..<d.end, value: .unreadable)
            }
            return Found(range: i..<d.end, value: .monthDay(month: a.value, day: d.value))
        }
        // A day alone: 20号, 20日.
        if c < s.count, s[c] == "号" || s[c] == "日" {
            guard (1...31).contains(a.value) else { return Found(range: i..<(c + 1), value: .unreadable) }
            return Found(range: i..<(c + 1), value: .day(a.value))
        }
        return nil
    }

    static func isDigit(_ c: Character) -> Bool { c >= "0" && c <= "9" }

    static func skipSpaces(_ s: [Character], _ i: Int) -> Int {
        var j = i
        while j < s.count, s[j] == " " { j += 1 }
        return j
    }

    /// ASCII digits (up to 4) or Chinese numerals (up to 三十一) at `i`.
    static func number(_ s: [Character], at i: Int) -> (value: Int, digits: Int, end: Int, chinese: Bool)? {
        var j = i, v = 0
        while j < s.count, isDigit(s[j]), j - i < 5 {
            v = v * 10 + Int(String(s[j]))!
            j += 1
        }
        if j > i { return (v, j - i, j, false) }
        if let (value, end) = ChineseNumber.read(s, at: i) { return (value, end - i, end, true) }
        return nil
    }

    // MARK: months

    /// A month, or a range of months, at the start of `s` from `i` (spaces skipped):
    /// `2026-11`, `2026/11`, `2026.11`, `2026年11月`, `2026 年 11 月`, `11月`, `十一月`, and
    /// ranges `2026-11至2026-12`, `2026年11月-12月`, `11-12月`, `2026-11到12`.
    enum MonthRead: Equatable {
        case none
        case unreadable(String)
        /// The last month of the range; `yearless` when no year was written.
        case month(last: Int, year: Int?, end: Int)
    }

    static func months(in s: [Character], from i0: Int) -> MonthRead {
        let i = skipSpaces(s, i0)
        guard i < s.count, let a = number(s, at: i) else { return .none }
        func text(_ end: Int) -> String { String(s[i..<min(end, s.count)]).trimmingWhitespace() }
        var c = skipSpaces(s, a.end)
        var year: Int? = nil
        var month: Int
        if a.digits == 4 && !a.chinese {
            guard c < s.count, ["-", "/", ".", "年"].contains(s[c]) else { return .unreadable(text(c)) }
            c = skipSpaces(s, c + 1)
            guard let m = number(s, at: c), m.digits <= 2 || m.chinese else { return .unreadable(text(c + 1)) }
            c = skipSpaces(s, m.end)
            if c < s.count, s[c] == "月" { c = skipSpaces(s, c + 1) }
            year = a.value
            month = m.value
        } else if a.digits <= 2 || a.chinese {
            month = a.value
            // 11-12月: a range without a year.
            if c < s.count, ["-", "~", "至", "到"].contains(s[c]), let b = number(s, at: skipSpaces(s, c + 1)),
               b.digits <= 2 || b.chinese {
                let e = skipSpaces(s, b.end)
                guard e < s.count, s[e] == "月" else { return .unreadable(text(e + 1)) }
                guard (1...12).contains(a.value), (1...12).contains(b.value) else { return .unreadable(text(e + 1)) }
                return .month(last: b.value, year: nil, end: e + 1)
            }
            guard c < s.count, s[c] == "月" else { return .unreadable(text(c + 1)) }
            c = skipSpaces(s, c + 1)
        } else {
            return .unreadable(text(c))
        }
        guard (1...12).contains(month) else { return .unreadable(text(c)) }
        if c < s.count, s[c] == "份" { c = skipSpaces(s, c + 1) }
        // A list: 11月、12月 / 11月和12月: the last one counts.
        if c < s.count, ["、", "和", "及", "与"].contains(s[c]) {
            let save = c
            switch months(in: s, from: c + 1) {
            case .month(let last, let y2, let end):
                return .month(last: last, year: y2 ?? year.map { last < month ? $0 + 1 : $0 }, end: end)
            case .unreadable(let t):
                return .unreadable(text(save + 1) + t)
            case .none:
                break
            }
        }
        // A range: 至/到/~/-/— and a second month.
        if c < s.count, ["至", "到", "~", "-", "—", "–"].contains(s[c]) {
            let save = c
            c = skipSpaces(s, c + 1)
            if c < s.count, s[c] == "至" || s[c] == "到" { c = skipSpaces(s, c + 1) }
            switch months(in: s, from: c) {
            case .month(let last, let y2, let end):
                let y = y2 ?? year.map { last < month ? $0 + 1 : $0 }
                return .month(last: last, year: y, end: end)
            case .unreadable(let t):
                return .unreadable(text(save) + String(s[save..<c]) + t)
            case .none:
                // 2026-11到12: a bare month number after a range word.
                if let b = number(s, at: c), b.digits <= 2, (1...12).contains(b.value) {
                    let y = year.map { b.value < month ? $0 + 1 : $0 }
                    return .month(last: b.value, year: y, end: b.end)
                }
                return .unreadable(text(c))
            }
        }
        return .month(last: month, year: year, end: c)
    }
}
