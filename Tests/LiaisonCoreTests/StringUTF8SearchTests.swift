@testable import LiaisonCore
import XCTest

final class StringUTF8SearchTests: XCTestCase {
    func testFindsWordsAnywhere_andOnlyWholeByteSequences() {
        XCTAssertTrue("re: 自动回复：休假中".containsUTF8("自动回复"))
        XCTAssertTrue("自动回复".containsUTF8("自动回复"), "the whole string")
        XCTAssertTrue("休假 out of office".containsUTF8("out of office"), "at the end")
        XCTAssertTrue("anything".containsUTF8(""))
        XCTAssertFalse("自动".containsUTF8("自动回复"), "longer than the text")
        XCTAssertFalse("自动回".containsUTF8("回复"), "a prefix of the last character's bytes is not a match")
        XCTAssertFalse("out of offic".containsUTF8("out of office"))
        XCTAssertFalse("Out Of Office".containsUTF8("out of office"), "no case folding: callers lower-case first")
        XCTAssertFalse("".containsUTF8("a"))
    }
}
