extension LocalDate {
    /// The date forms the roster and replies accept, for messages that tell the user what to
    /// write instead.
    public static let acceptedForms = "2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日"

    /// Parses a day as people write it in a Chinese office: `2026-03-01`, `2026/3/1`,
    /// `2026.3.1` or `2026年3月1日` (month and day with one or two digits, the year with
    /// four; surrounding whitespace ignored; full-width digits accepted).
    ///
    /// Returns nil for anything else, including days that do not exist (`2026-02-30`,
    /// `2025-02-29`): a mistyped date must be reported, never rolled over to another day.
    public static func parse(_ text: String) -> LocalDate? {
        var c = ScalarCursor(text.whitespaceTrimmed)
        guard let y = c.number(maxDigits: 4), y.width == 4, let sep = c.next() else { return nil }
        let month: Int
        let day: Int
        switch sep {
        case "-", "/", ".":
            guard let m = c.number(maxDigits: 2), c.take(sep), let d = c.number(maxDigits: 2) else { return nil }
            month = m.value
            day = d.value
        case "年":
            guard let m = c.number(maxDigits: 2), c.take("月"), let d = c.number(maxDigits: 2) else { return nil }
            month = m.value
            day = d.value
            _ = c.take("日") || c.take("号")
        default:
            return nil
        }
        guard c.isAtEnd else { return nil }
        return LocalDate(year: y.value, month: month, day: day)
    }
}

extension LocalDate {
    /// Strict `YYYY-MM-DD` in ASCII digits, as liaisond writes dates (store, config, `--at`,
    /// JSON): the one reading of that form. Nil for anything else or a day that does not exist.
    public static func iso<S: StringProtocol>(_ s: S) -> LocalDate? {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D,
              let y = asciiDigits(u[0..<4]), let m = asciiDigits(u[5..<7]), let d = asciiDigits(u[8..<10])
        else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }
}

extension YearMonth {
    /// Strict `YYYY-MM` in ASCII digits, as liaisond writes months: the one reading of that form.
    public static func iso<S: StringProtocol>(_ s: S) -> YearMonth? {
        let u = Array(s.utf8)
        guard u.count == 7, u[4] == 0x2D, let y = asciiDigits(u[0..<4]), let m = asciiDigits(u[5..<7]) else { return nil }
        return YearMonth(year: y, month: m)
    }
}

/// The value of a run of ASCII digits; nil if any byte is not one.
func asciiDigits(_ bytes: ArraySlice<UInt8>) -> Int? {
    var v = 0
    for b in bytes {
        guard b >= 0x30, b <= 0x39 else { return nil }
        v = v * 10 + Int(b - 0x30)
    }
    return v
}
