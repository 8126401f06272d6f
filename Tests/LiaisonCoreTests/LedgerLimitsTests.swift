import XCTest
@testable import LiaisonCore

final class LedgerLimitsTests: XCTestCase {
    /// The byte check lets no forbidden character through to be missed: every string with one
    /// is read scalar by scalar, whatever else it holds (names with `·`, notes with `—`).
    func testTheByteCheckNeverMissesAForbiddenCharacter() {
        let pieces = ["张伟", "a", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "·", "—", "…",
                      "\u{2028}", "\u{2029}", "\u{2027}", "é", "😀", " ", "\n", "\r"]
        var rng = SplitMix(seed: 0x11)
        for _ in 0..<2000 {
            let value = (0..<(1 + rng.next(6))).map { _ in pieces[rng.next(pieces.count)] }.joined()
            let forbidden = value.unicodeScalars.contains(where: LedgerLimits.isForbidden)
            if forbidden { XCTAssertTrue(LedgerLimits.mayHoldForbidden(value), value.debugDescription) }
        }
        XCTAssertFalse(LedgerLimits.mayHoldForbidden("张伟 zhang.wei@example.org 深圳市南山区"))
        XCTAssertTrue(LedgerLimits.mayHoldForbidden("a\u{2028}b"))
        XCTAssertTrue(LedgerLimits.mayHoldForbidden("a\u{85}b"))
    }
}
