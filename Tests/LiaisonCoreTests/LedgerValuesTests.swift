import XCTest
@testable import LiaisonCore

/// The roster's enumerated cells are matched by bytes first; these pin down that what `==`
/// (canonical equivalence) accepted before is still accepted, and nothing more.
final class LedgerValuesTests: XCTestCase {
    func testSpellingsAsListedMatch() {
        XCTAssertEqual(LedgerValues.kind("流出"), .outgoing)
        XCTAssertEqual(LedgerValues.kind(" Incoming "), .incoming)
        XCTAssertEqual(LedgerValues.relation("已转入"), .transferredIn)
        XCTAssertEqual(LedgerValues.reportEvery("half_year"), .halfYear)
        XCTAssertEqual(LedgerValues.duesAt("外地"), .inflow)
        XCTAssertEqual(LedgerValues.role("网格长"), .gridLeader)
        XCTAssertNil(LedgerValues.kind("流"))
        XCTAssertNil(LedgerValues.kind("outgoingx"))
    }

    func testACanonicallyEquivalentSpellingStillMatches() {
        // "é" written as e + U+0301 equals the precomposed é for Swift's ==, not by bytes.
        XCTAssertEqual(Spellings(["\u{E9}": 1]).value("e\u{301}"), 1)
        // U+F98E, a CJK compatibility ideograph, is canonically 年 (U+5E74).
        XCTAssertEqual(LedgerValues.certificateCheck("一\u{F98E}"), .year)
        XCTAssertEqual(LedgerValues.expectedLength("2\u{F98E}"), Duration(months: 24))
    }

    func testExpectedLengthSuffixes() {
        XCTAssertEqual(LedgerValues.expectedLength("3个月"), Duration(months: 3))
        XCTAssertEqual(LedgerValues.expectedLength("3月"), Duration(months: 3))
        XCTAssertEqual(LedgerValues.expectedLength(" 1年 "), Duration(months: 12))
        XCTAssertEqual(LedgerValues.expectedLength("90天"), Duration.days(90))
        XCTAssertEqual(LedgerValues.expectedLength("半年"), Duration(months: 6))
        XCTAssertNil(LedgerValues.expectedLength("3个"))
        XCTAssertNil(LedgerValues.expectedLength("两年"))
    }
}
