import XCTest
@testable import LiaisonCore

final class DateParsingTests: XCTestCase {
    private func date(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    func testLocalDateParsesEveryAcceptedForm() {
        for text in ["2026-03-01", "2026-3-1", "2026/3/1", "2026/03/01", "2026.3.1", "2026.03.01",
                     "2026年3月1日", "2026年03月01日", "  2026-03-01\t", "\u{3000}2026/3/1 ", "２０２６年３月１日",
                     "2026年3月1号", "2026年3月1"] {
            XCTAssertEqual(LocalDate.parse(text), date(2026, 3, 1), text)
        }
        XCTAssertEqual(LocalDate.parse("2026-12-31"), date(2026, 12, 31))
    }

    func testLocalDateRefusesDaysThatDoNotExist() {
        XCTAssertNil(LocalDate.parse("2026-02-30"))
        XCTAssertNil(LocalDate.parse("2026-13-01"))
        XCTAssertNil(LocalDate.parse("2026-00-10"))
        XCTAssertNil(LocalDate.parse("2026-04-31"))
        XCTAssertNil(LocalDate.parse("2026-01-00"))
        XCTAssertNil(LocalDate.parse("2025-02-29"), "2025 is not a leap year")
        XCTAssertEqual(LocalDate.parse("2024-02-29"), date(2024, 2, 29))
        XCTAssertNil(LocalDate.parse("1900-02-29"), "century years are leap only when divisible by 400")
        XCTAssertEqual(LocalDate.parse("2000/2/29"), date(2000, 2, 29))
    }

    func testLocalDateRefusesMalformedText() {
        for text in ["", "  ", "2026", "2026-03", "26-03-01", "2026-3/1", "2026/3-1", "2026-003-01", "2026-03-01x",
                     "2026年3月", "2026年3-1", "03/01/2026", "2026-03-01 10:00", "二〇二六年三月一日", "20260301",
                     "-2026-03-01", "2026--03-01"] {
            XCTAssertNil(LocalDate.parse(text), text)
        }
    }

    func testDayNumbersRoundTripAcrossTheCalendarAndFarBoundsStayOrdered() {
        // Every day from 1600 to 2400 and back, through the narrow stored fields.
        var d = date(1600, 1, 1)
        let end = date(2400, 12, 31).dayNumber
        var n = d.dayNumber
        while n <= end {
            XCTAssertEqual(LocalDate(dayNumber: n), d)
            XCTAssertEqual(d.dayNumber, n)
            let next = LocalDate(dayNumber: n + 1)
            XCTAssertLessThan(d, next)
            d = next
            n += 1
        }
        // "No lower bound" is a day number far beyond any year a date can hold: it must neither
        // trap nor sort after a real day.
        let floor = LocalDate(dayNumber: Int.min / 2)
        let ceiling = LocalDate(dayNumber: Int.max / 2)
        XCTAssertLessThan(floor, date(1, 1, 1))
        XCTAssertGreaterThan(ceiling, date(9999, 12, 31))
    }

    func testAnOptionalDateTakesEightBytes() {
        // A roster member holds five optional dates; at a million members each byte is a MB.
        XCTAssertLessThanOrEqual(MemoryLayout<LocalDate?>.stride, 8)
        XCTAssertLessThanOrEqual(MemoryLayout<YearMonth?>.stride, 8)
    }

    func testYearMonthParsesEveryAcceptedForm() {
        let oct = YearMonth(year: 2026, month: 10)!
        for text in ["2026-10", "2026/10", "2026.10", "2026年10月", " 2026-10 ", "２０２６年１０月"] {
            XCTAssertEqual(YearMonth.parse(text), oct, text)
        }
        XCTAssertEqual(YearMonth.parse("2026-1"), YearMonth(year: 2026, month: 1))
        XCTAssertEqual(YearMonth.parse("2026年3月"), YearMonth(year: 2026, month: 3))
    }

    func testYearMonthRefusesBadMonths() {
        for text in ["", "2026-13", "2026-0", "2026", "2026-10-01", "10/2026", "2026-10x", "2026年13月", "2026—10"] {
            XCTAssertNil(YearMonth.parse(text), text)
        }
    }

    func testYesNoAcceptsChineseEnglishLettersAndDigits() {
        for text in ["是", "yes", "YES", "Yes", "y", "Y", "1", " 是 ", "true", "TRUE", "√"] {
            XCTAssertEqual(LedgerValues.yesNo(text), true, text)
        }
        for text in ["否", "no", "NO", "n", "N", "0", "false", "FALSE"] {
            XCTAssertEqual(LedgerValues.yesNo(text, default: true), false, text)
        }
    }

    func testYesNoEmptyGivesTheDefault() {
        XCTAssertEqual(LedgerValues.yesNo(""), false)
        XCTAssertEqual(LedgerValues.yesNo("  ", default: true), true)
    }

    func testYesNoRefusesAnythingElse() {
        for text in ["maybe", "2", "是的", "yess", "有"] {
            XCTAssertNil(LedgerValues.yesNo(text), text)
        }
    }

    func testEnumeratedValuesInBothLanguages() {
        XCTAssertEqual(LedgerValues.kind("流出"), .outgoing)
        XCTAssertEqual(LedgerValues.kind(" Incoming "), .incoming)
        XCTAssertEqual(LedgerValues.kind("直管"), .local)
        XCTAssertNil(LedgerValues.kind("外出"))
        XCTAssertEqual(LedgerValues.relation("已转入"), .transferredIn)
        XCTAssertEqual(LedgerValues.relation("Transferred-In"), .transferredIn)
        XCTAssertEqual(LedgerValues.relation("已转出"), .transferred)
        XCTAssertEqual(LedgerValues.relation("保留"), .retained)
        XCTAssertEqual(LedgerValues.reportEvery("半年"), .halfYear)
        XCTAssertEqual(LedgerValues.reportEvery("half_year"), .halfYear)
        XCTAssertEqual(LedgerValues.reportEvery("季度"), .quarter)
        XCTAssertEqual(LedgerValues.certificateCheck("一年"), .year)
        XCTAssertEqual(LedgerValues.certificateCheck("HALF-YEAR"), .halfYear)
        XCTAssertEqual(LedgerValues.role("网格长"), .gridLeader)
        XCTAssertEqual(LedgerValues.role("Liaison"), .liaison)
        XCTAssertNil(LedgerValues.role("书记"))
    }
}
