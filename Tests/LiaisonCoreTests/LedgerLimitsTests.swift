import XCTest
@testable import LiaisonCore

/// `LedgerLimits.firstForbidden` looks at bytes; it must find exactly the scalars
/// `isForbidden` names, wherever they stand and whatever surrounds them.
final class LedgerLimitsTests: XCTestCase {
    func testTheByteScanFindsExactlyTheForbiddenScalars() {
        // Every scalar up to U+3000 (C0, DEL, C1, Latin-1 such as the · of 阿卜杜·热合曼, the
        // quotes “ ” and the separators around U+2028), a few far ones, in three positions.
        var scalars = (0...0x3000).compactMap(Unicode.Scalar.init)
        scalars += [0xFEFF, 0xFFFD, 0x1F600, 0x10FFFF].compactMap(Unicode.Scalar.init)
        for s in scalars {
            for text in ["\(s)", "张三\(s)", "ab\(s)cd", "\u{201C}\(s)\u{2029}"] {
                XCTAssertEqual(LedgerLimits.firstForbidden(text), text.unicodeScalars.first(where: LedgerLimits.isForbidden),
                               "U+\(String(s.value, radix: 16)) in \(text.debugDescription)")
            }
        }
    }

    func testPlainCellsHaveNoForbiddenScalar() {
        for text in ["", "广场西社区", "阿卜杜·热合曼", "tab\there", "“引号”—破折号", "a@example.org"] {
            XCTAssertNil(LedgerLimits.firstForbidden(text), text)
        }
    }
}
