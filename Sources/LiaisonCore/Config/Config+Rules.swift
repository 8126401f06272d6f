extension Config {
    /// `[rules]`: the local numbers of the regulations. The seed's numbers (quarterly contact,
    /// 3 and 6 months, one month for incoming members, the half-yearly feedback) are one
    /// community's choices, not national rules, so each is a key with the seed's value as its
    /// default; `docs/rules.md` says which rule each key changes.
    public struct Rules: Sendable, Equatable {
        /// How dues are collected (党费收缴使用管理规定: monthly; quarterly with the branch's consent).
        public enum DuesEvery: String, Sendable, Equatable { case month, quarter }

        /// `contact_every`: the liaison's contact period (第五篇 "每季度至少…联系一次").
        public var contactEvery: Member.ReportEvery = Defaults.contactEvery
        /// `report_every`: the report period of members whose row leaves it empty.
        public var reportEvery: Member.ReportEvery = Defaults.reportEvery
        /// `arrears_after`: whole months unpaid (counted after they end) before `dues.arrears`.
        public var arrearsAfter: Int = Defaults.arrearsAfter
        /// `incoming_deadline`: from arrival to the `incoming.register` deadline (第二篇 1 "1个月以上").
        public var incomingDeadline: Duration = Defaults.incomingDeadline
        /// `placement_months`: months away at which `placement.changed` notices go out (第一篇 二).
        public var placementMonths: [Int] = Defaults.placementMonths
        /// `transfer_after`: away this long with a fixed place, the relation should move (第一篇 二).
        public var transferAfter: Duration = Defaults.transferAfter
        /// `evaluation_on`: month and day of the year-end evaluation (民主评议).
        public var evaluationOn: MonthDay = Defaults.evaluationOn
        /// `departure_window`: a member leaving within this long (or who just appeared) is prepared for.
        public var departureWindow: Duration = Defaults.departureWindow
        /// `receipt_every`: how often the secretary is asked about the receipt (回执) of a transfer.
        public var receiptEvery: Duration = Defaults.receiptEvery
        /// `feedback_every`: how often an incoming member's 现实表现 goes back to the 原党组织.
        public var feedbackEvery: Duration = Defaults.feedbackEvery
        /// `probation_notice`: how long before the end of the probation the secretary is reminded.
        public var probationNotice: Duration = Defaults.probationNotice
        /// `dues_every`: month or quarter.
        public var duesEvery: DuesEvery = Defaults.duesEvery
        /// `dues_amount`, `dues_method`: text quoted in the dues reminders.
        public var duesAmount: String?
        public var duesMethod: String?

        /// The seed's numbers.
        public enum Defaults {
            public static let contactEvery = Member.ReportEvery.quarter
            public static let reportEvery = Member.ReportEvery.quarter
            public static let arrearsAfter = 3
            public static let incomingDeadline = Duration(months: 1)
            public static let placementMonths = [3, 6]
            public static let transferAfter = Duration(months: 6)
            public static let evaluationOn = MonthDay(month: 12, day: 1)
            public static let departureWindow = Duration.days(30)
            public static let receiptEvery = Duration.days(14)
            public static let feedbackEvery = Duration(months: 6)
            public static let probationNotice = Duration.days(30)
            public static let duesEvery = DuesEvery.month
        }
    }

    /// `[activity]`: the branch's 主题党日 (the day itself stays `[branch] activity_day`).
    public struct Activity: Sendable, Equatable {
        /// `time`: when it starts, e.g. 09:30.
        public var time: TimeOfDay?
        /// `place`: where, e.g. 社区党群服务中心二楼会议室.
        public var place: String?
        /// `topic`: this year's theme, quoted in the notice.
        public var topic: String?
    }
}

/// A day of the year without a year (`12-01`); 02-29 falls on 02-28 in common years.
public struct MonthDay: Sendable, Hashable, CustomStringConvertible {
    public var month: Int
    public var day: Int

    /// `12-01`, `12-1`, `12月1日`; nil for a day that no year has.
    public static func parse(_ text: String) -> MonthDay? {
        var t = text
        if t.hasSuffix("日") { t.removeLast() }
        let parts = t.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "月" || $0 == "/" }
        guard parts.count == 2, let m = ConfigParser.asciiInt(parts[0]), let d = ConfigParser.asciiInt(parts[1]),
              (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(year: 2024, month: m) else { return nil }
        return MonthDay(month: m, day: d)
    }

    /// The day in a year (clamped to the month's last day: 02-29 in a common year is 02-28).
    public func inYear(_ year: Int) -> LocalDate { YearMonth(unchecked: year, month).day(day) }

    public var description: String { (month < 10 ? "0" : "") + "\(month)-" + (day < 10 ? "0" : "") + "\(day)" }
}

extension LocalDate {
    /// A config duration after this day: calendar months first (month ends clamped), then whole
    /// days (a part of a day counts as a day).
    public func adding(_ d: Duration) -> LocalDate {
        adding(months: d.months).adding(days: Int((d.seconds / 86400).rounded(.up)))
    }

    /// A config duration before this day (months first, then days).
    public func subtracting(_ d: Duration) -> LocalDate {
        adding(months: -d.months).adding(days: -Int((d.seconds / 86400).rounded(.up)))
    }
}
