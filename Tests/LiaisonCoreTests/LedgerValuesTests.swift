import XCTest
@testable import LiaisonCore

/// The roster's enumerated cells are matched by bytes first (the spellings themselves are
/// tested in `DateParsingTests` and `LedgerColumnsTests`); this pins down that what `==`
/// (canonical equivalence) accepted before is still accepted.
final class LedgerValuesTests: XCTestCase {
    func testACanonicallyEquivalentSpellingStillMatches() {
        // "é" written as e + U+0301 equals the precomposed é for Swift's ==, not by bytes.
        XCTAssertEqual(Spellings(["\u{E9}": 1]).value("e\u{301}"), 1)
        // U+F98E, a CJK compatibility ideograph, is canonically 年 (U+5E74).
        XCTAssertEqual(LedgerValues.certificateCheck("一\u{F98E}"), .year)
        XCTAssertEqual(LedgerValues.expectedLength("2\u{F98E}"), Duration(months: 24))
    }
}
