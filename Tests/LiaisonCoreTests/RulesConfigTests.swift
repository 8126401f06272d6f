import XCTest
@testable import LiaisonCore

/// `[rules]` and `[activity]`: every local number of the regulations is a key with the seed's
/// default, and every bad value is reported as `FILE:LINE`, all at once.
final class RulesConfigTests: XCTestCase {
    private func parse(_ extra: String) -> (config: Config?, messages: [String]) {
        let (config, diagnostics) = ConfigParser.parse(ConfigParserTests.minimal + extra, file: "liaisond.conf")
        return (config, diagnostics.map(\.description))
    }

    func testNoRulesSection_givesTheSeedsNumbers() throws {
        let (config, messages) = parse("")
        XCTAssertEqual(messages, [])
        let r = try XCTUnwrap(config).rules
        XCTAssertEqual(r.contactEvery, .quarter)
        XCTAssertEqual(r.reportEvery, .quarter)
        XCTAssertEqual(r.arrearsAfter, 3)
        XCTAssertEqual(r.incomingDeadline, Duration(months: 1))
        XCTAssertEqual(r.placementMonths, [3, 6])
        XCTAssertEqual(r.transferAfter, Duration(months: 6))
        XCTAssertEqual(r.evaluationOn, MonthDay(month: 12, day: 1))
        XCTAssertEqual(r.departureWindow, .days(30))
        XCTAssertEqual(r.receiptEvery, .days(14))
        XCTAssertEqual(r.feedbackEvery, Duration(months: 6))
        XCTAssertEqual(r.probationNotice, .days(30))
        XCTAssertEqual(r.duesEvery, .month)
        XCTAssertNil(r.duesAmount)
        XCTAssertEqual(try XCTUnwrap(config).activity, Config.Activity())
    }

    func testEveryKey_isRead() throws {
        let (config, messages) = parse("""
            [rules]
            contact_every = half-year
            report_every = 半年
            arrears_after = 4
            incoming_deadline = 45d
            placement_months = 6, 3, 12
            transfer_after = 1y
            evaluation_on = 12月15日
            departure_window = 14d
            receipt_every = 7d
            feedback_every = 1y
            probation_notice = 60d
            dues_every = quarter
            dues_amount = 按月收入的0.5%
            dues_method = 微信转账给组织委员

            [activity]
            time = 09:30
            place = 社区党群服务中心二楼
            topic = 学习贯彻党的二十大精神

            """)
        XCTAssertEqual(messages, [])
        let c = try XCTUnwrap(config)
        XCTAssertEqual(c.rules, Config.Rules(
            contactEvery: .halfYear, reportEvery: .halfYear, arrearsAfter: 4, incomingDeadline: .days(45),
            placementMonths: [3, 6, 12], transferAfter: Duration(months: 12),
            evaluationOn: MonthDay(month: 12, day: 15), departureWindow: .days(14), receiptEvery: .days(7),
            feedbackEvery: Duration(months: 12), probationNotice: .days(60), duesEvery: .quarter,
            duesAmount: "按月收入的0.5%", duesMethod: "微信转账给组织委员"))
        XCTAssertEqual(c.activity, Config.Activity(time: TimeOfDay(hour: 9, minute: 30), place: "社区党群服务中心二楼",
                                                    topic: "学习贯彻党的二十大精神"))
        // `check` prints the effective config; it parses back to the same values.
        XCTAssertEqual(ConfigParser.parse(c.description, file: "x").config, c)
        XCTAssertEqual(ConfigParser.parse(Config(branch: c.branch, smtp: c.smtp).description, file: "x").config?.rules,
                       Config.Rules())
    }

    /// The minimal config has 12 lines before the appended text (its last line is empty).
    func testBadValues_areAllReported_withFileAndLine() {
        let (config, messages) = parse("""
            [rules]
            contact_every = month
            arrears_after = 0
            incoming_deadline = soon
            placement_months = 3,,6
            transfer_after = 0d
            evaluation_on = 02-30
            receipt_every = 0
            dues_every = year
            colour = red

            [activity]
            time = 25:00

            """)
        XCTAssertNil(config)
        XCTAssertEqual(messages, [
            "liaisond.conf:13: invalid value \"month\" for \"contact_every\" in [rules] (expected quarter or half-year)",
            "liaisond.conf:14: invalid value \"0\" for \"arrears_after\" in [rules] (expected a whole number of months from 1 to 24)",
            "liaisond.conf:15: invalid value \"soon\" for \"incoming_deadline\" in [rules] (expected a duration of at most 1000 years, such as 30s, 5min, 2h, 7d, 6month or 1h 30min)",
            "liaisond.conf:16: invalid value \"3,,6\" for \"placement_months\" in [rules] (expected comma-separated months between 1 and 120, e.g. 3,6)",
            "liaisond.conf:17: invalid value \"0d\" for \"transfer_after\" in [rules] (expected a duration above zero of at most 1000 years, such as 30s, 5min, 2h, 7d, 6month or 1h 30min)",
            "liaisond.conf:18: invalid value \"02-30\" for \"evaluation_on\" in [rules] (expected a month and day, MM-DD, e.g. 12-01)",
            "liaisond.conf:19: invalid value \"0\" for \"receipt_every\" in [rules] (expected a duration above zero of at most 1000 years, such as 30s, 5min, 2h, 7d, 6month or 1h 30min)",
            "liaisond.conf:20: invalid value \"year\" for \"dues_every\" in [rules] (expected month or quarter)",
            "liaisond.conf:21: unknown key \"colour\" in [rules]",
            "liaisond.conf:24: invalid value \"25:00\" for \"time\" in [activity] (expected HH:MM, e.g. 09:30)",
        ])
    }

    func testMonthDay_parsesAndClampsInCommonYears() {
        XCTAssertEqual(MonthDay.parse("12-01"), MonthDay(month: 12, day: 1))
        XCTAssertEqual(MonthDay.parse("2/29")?.inYear(2027), LocalDate(year: 2027, month: 2, day: 28))
        XCTAssertEqual(MonthDay.parse("2-29")?.inYear(2028), LocalDate(year: 2028, month: 2, day: 29))
        for bad in ["13-01", "00-10", "12", "12-32", "4-31", "", "-"] { XCTAssertNil(MonthDay.parse(bad), bad) }
    }

    func testDurationArithmetic_onDates_clampsMonthEnds() {
        let d = LocalDate(year: 2026, month: 8, day: 31)!
        XCTAssertEqual(d.adding(Duration(months: 6)), LocalDate(year: 2027, month: 2, day: 28))
        XCTAssertEqual(d.adding(.days(30)), LocalDate(year: 2026, month: 9, day: 30))
        XCTAssertEqual(LocalDate(year: 2028, month: 3, day: 30)!.subtracting(.days(30)), LocalDate(year: 2028, month: 2, day: 29))
    }
}
