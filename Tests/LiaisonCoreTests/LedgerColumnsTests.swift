import XCTest
@testable import LiaisonCore

/// The roster columns added by issue 13: 外出地点, 预计外出时长, 入党时间, 原党组织, 住址, 预备期满,
/// 党费交纳地 — read in either language, bad values reported as `FILE:LINE`.
final class LedgerColumnsTests: XCTestCase {
    private let people = "id,name,email,role,grid\nL01,王芳,l01@example.org,liaison,G1\n"

    private func parse(_ members: String) -> (ledger: Ledger, messages: [String]) {
        let (ledger, d) = LedgerParser.parse(members: Array(members.utf8), membersFile: "members.csv",
                                             people: Array(people.utf8), peopleFile: "people.csv")
        return (ledger, d.map(\.description))
    }

    func testChineseColumns_areRead() throws {
        let (ledger, messages) = parse("""
            编号,姓名,类别,流动时间,联系人,活动证,外出地点,预计外出时长,入党时间,原党组织,住址,预备期满,党费交纳地,汇报周期
            M1,甲,流出,2027-01-05,L01,LD1,天津市滨海新区,8个月,2010-07-01,,,2027-03-01,流入地,
            M2,乙,流入,2026-09-01,,,,,2009年6月20日,泽州县某村党支部,广场西小区5号楼,,,半年

            """)
        XCTAssertEqual(messages, [])
        let m1 = try XCTUnwrap(ledger.member("M1"))
        XCTAssertEqual(m1.destination, "天津市滨海新区")
        XCTAssertEqual(m1.expectedLength, Duration(months: 8))
        XCTAssertEqual(m1.probationEnd, LocalDate(year: 2027, month: 3, day: 1))
        XCTAssertEqual(m1.duesAt, .inflow)
        XCTAssertFalse(m1.reportEveryGiven, "an empty 汇报周期 leaves [rules] report_every to decide")
        let m2 = try XCTUnwrap(ledger.member("M2"))
        XCTAssertEqual(m2.joined, LocalDate(year: 2009, month: 6, day: 20))
        XCTAssertEqual(m2.origin, "泽州县某村党支部")
        XCTAssertEqual(m2.address, "广场西小区5号楼")
        XCTAssertEqual(m2.duesAt, .branch)
        XCTAssertTrue(m2.reportEveryGiven)
    }

    func testExpectedLength_forms() {
        let table: [(String, Duration?)] = [
            ("3个月", Duration(months: 3)), ("3月", Duration(months: 3)), ("半年", Duration(months: 6)),
            ("1年", Duration(months: 12)), ("2 年", Duration(months: 24)), ("90天", .days(90)), ("6month", Duration(months: 6)),
            ("1y", Duration(months: 12)), ("长期", Duration(months: 120)),
            ("", nil), ("三个月", nil), ("0个月", nil), ("soon", nil), ("个月", nil),
        ]
        for (text, expected) in table { XCTAssertEqual(LedgerValues.expectedLength(text), expected, text) }
    }

    func testBadValues_areErrorsWithFileAndLine_andInflowWithoutCertificateIsAWarning() {
        let (ledger, messages) = parse("""
            id,name,kind,since,liaison,certificate,expected_length,probation_end,dues_at
            M1,甲,outgoing,2026-01-05,L01,,三个月,2027-02-30,流入地
            M2,乙,outgoing,2026-01-05,L01,,,,abroad
            M3,丙,outgoing,2026-01-05,L01,,,,inflow
            M4,丁,local,,,,,,inflow

            """)
        XCTAssertEqual(messages, [
            "members.csv:2: expected_length \"三个月\" is not a length of time (use a number of months or years, e.g. 3个月, 半年, 1年, 6month, 1y)",
            "members.csv:2: probation_end \"2027-02-30\" is not a date (use \(LocalDate.acceptedForms))",
            "members.csv:2: warning: dues_at is 流入地 but certificate is empty: paying dues where one is needs the 流动党员活动证",
            "members.csv:3: dues_at \"abroad\" is not a place of payment (use branch/本支部 or inflow/流入地)",
            "members.csv:4: warning: dues_at is 流入地 but certificate is empty: paying dues where one is needs the 流动党员活动证",
            "members.csv:5: warning: dues_at is 流入地 for a member who is not outgoing; it applies only to outgoing members, who get no dues reminders from this branch",
        ])
        XCTAssertNil(ledger.member("M1"))
        XCTAssertNotNil(ledger.member("M3"))
    }
}
