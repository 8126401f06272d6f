extension YearMonth {
    /// The month forms the roster and replies accept, for messages that tell the user what to
    /// write instead.
    public static let acceptedForms = "2026-10, 2026/10, 2026.10 or 2026年10月"

    /// Parses a month such as `2026-10`, `2026/10`, `2026.10` or `2026年10月` (month with one
    /// or two digits; surrounding whitespace ignored; full-width digits accepted). Nil for
    /// anything else, including month 0 or 13.
    public static func parse(_ text: String) -> YearMonth? {
        var c = ScalarCursor(text.whitespaceTrimmed)
        guard let y = c.number(maxDigits: 4), y.width == 4, let sep = c.next() else { return nil }
        guard let m = c.number(maxDigits: 2) else { return nil }
        switch sep {
        case "-", "/", ".": break
        case "年": _ = c.take("月")
        default: return nil
        }
        guard c.isAtEnd else { return nil }
        return YearMonth(year: y.value, month: m.value)
    }
}
