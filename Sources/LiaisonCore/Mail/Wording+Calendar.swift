/// Days, months, periods and lengths of time as the mails write them.
extension Wording {
    static var monthNames: [String] {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"]
    }

    static var quarterNames: [String] { ["一", "二", "三", "四"] }

    var weekdays: [String] {
        say(["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
            ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    }

    /// `12月31日` / `31 December`; a day outside the sending year carries its year.
    func date(_ d: LocalDate, _ today: LocalDate) -> String {
        guard d.year == today.year else { return fullDate(d) }
        return say("\(d.month)月\(d.day)日", "\(d.day) \(Self.monthNames[d.month - 1])")
    }

    func fullDate(_ d: LocalDate) -> String {
        say("\(d.year)年\(d.month)月\(d.day)日", "\(d.day) \(Self.monthNames[d.month - 1]) \(d.year)")
    }

    func month(_ ym: YearMonth) -> String {
        say("\(ym.year)年\(ym.month)月", "\(Self.monthNames[ym.month - 1]) \(ym.year)")
    }

    /// `2026年第四季度` / `Q4 2026`, `2026年下半年` / `second half of 2026`, `2026年11月` /
    /// `November 2026`; `short` drops the sending year.
    func period(_ id: String, _ today: LocalDate, short: Bool = false) -> String {
        let p = PeriodID(id)
        let year: Int? = (short && p.year == today.year) ? nil : (p.year ?? 0)
        let y = say(year.map { "\($0)年" } ?? "", year.map { " \($0)" } ?? "")
        switch p {
        case .quarter(_, let q): return say(y + "第\(Self.quarterNames[q - 1])季度", "Q\(q)" + y)
        case .half(_, let h):
            return say(y + (h == 1 ? "上半年" : "下半年"), (h == 1 ? "first half" : "second half") + (year.map { " of \($0)" } ?? ""))
        case .month(let ym): return say(y + "\(ym.month)月", Self.monthNames[ym.month - 1] + y)
        case .day(let d): return short ? date(d, today) : fullDate(d)
        case .year(let n): return say("\(n)年", "\(n)")
        case .other(let s): return s
        }
    }

    /// `2026年6月至11月` / `June to November 2026`, `2025年12月至2026年2月`, `2026年11月`.
    func months(_ first: YearMonth, _ last: YearMonth) -> String {
        if first == last { return month(first) }
        if first.year != last.year { return say("\(month(first))至\(month(last))", "\(month(first)) to \(month(last))") }
        return say("\(month(first))至\(last.month)月", "\(Self.monthNames[first.month - 1]) to \(month(last))")
    }

    /// `3 days`, `1 day`: an English count with its noun.
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// `6个月` / `6 months`, `90天`, `6个月零10天` / `6 months and 10 days`: `lost_after` in words.
    func duration(_ d: Duration) -> String {
        let days = Int((d.seconds / 86400).rounded(.up))
        let months = say("\(d.months)个月", count(d.months, "month"))
        let rest = say("\(days)天", count(days, "day"))
        switch (d.months, days) {
        case (_, 0): return months
        case (0, _): return rest
        default: return months + say("零", " and ") + rest
        }
    }

    /// `上午9时`、`上午9时30分`、`下午2时30分`:主题党日的时间(Chinese only; English keeps the
    /// time as written).
    func clock(_ t: TimeOfDay) -> String {
        let part = t.hour < 12 ? "上午" : "下午"
        let h = t.hour <= 12 ? t.hour : t.hour - 12
        return part + "\(h)时" + (t.minute == 0 ? "" : "\(t.minute)分")
    }
}
