import XCTest
@testable import LiaisonCore

final class ThreadTagTests: XCTestCase {
    let bytes: [UInt8] = [0x9B, 0x3D, 0x27, 0x45, 0x1F, 0x00, 0xFF, 0x80, 0x12, 0xC4]

    func testToken_has16CharsFromCrockfordAlphabet() {
        let t = ThreadTag.token(from: bytes)
        XCTAssertEqual(t.count, 16)
        XCTAssertTrue(t.allSatisfy { ThreadTag.alphabet.contains($0) })
        XCTAssertFalse(t.contains { "ILOU".contains($0) })
    }

    func testToken_encodesAll80Bits() {
        XCTAssertEqual(ThreadTag.token(from: Array(repeating: 0, count: 10)), "0000000000000000")
        XCTAssertEqual(ThreadTag.token(from: Array(repeating: 0xFF, count: 10)), "ZZZZZZZZZZZZZZZZ")
        // 0x08 0x42 0x10 0x84 0x21 = 00001 00001 ... : five bits of 1 each.
        XCTAssertEqual(ThreadTag.token(from: [0x08, 0x42, 0x10, 0x84, 0x21, 0x08, 0x42, 0x10, 0x84, 0x21]),
                       "1111111111111111")
        XCTAssertNotEqual(ThreadTag.token(from: bytes), ThreadTag.token(from: bytes.reversed()))
    }

    func testToken_roundTripsThroughFind_forEveryRuleAndLanguage() {
        let t = ThreadTag.token(from: bytes)
        for rule in RuleID.allCases {
            for lang in [Config.Language.zh, .en] {
                let tag = ThreadTag.tag(rule: rule, token: t, language: lang)
                XCTAssertEqual(ThreadTag.find(in: "请联系张伟 " + tag), t, tag)
            }
        }
    }

    func testContactTag_isChineseByDefault() {
        XCTAssertEqual(ThreadTag.tag(rule: .contactQuarterly, token: "K3F9Q2M7XA4PLD8W", language: .zh),
                       "[联络#K3F9Q2M7XA4PLD8W]")
        XCTAssertEqual(ThreadTag.tag(rule: .contactQuarterly, token: "K3F9Q2M7XA4PLD8W", language: .en),
                       "[contact#K3F9Q2M7XA4PLD8W]")
    }

    func testFind_ignoresReplyPrefixes_andNormalisesCase() {
        let t = "K3F9Q2M7XA4PMD8W"
        XCTAssertEqual(ThreadTag.find(in: "Re: 回复: 答复:请在12月31日前联系流动党员张伟(第四季度) [联络#\(t)]"), t)
        XCTAssertEqual(ThreadTag.find(in: "AW: Fwd: [contact#\(t.lowercased())]"), t)
        XCTAssertEqual(ThreadTag.find(in: "回复:【联络＃\(t)】"), t)
        XCTAssertEqual(ThreadTag.find(in: "re: [联络#K3F9Q2M7XA4PLD8W]"), "K3F9Q2M7XA4PLD8W", "the spec's example")
    }

    func testFind_returnsNilWithoutAWellFormedTag() {
        XCTAssertNil(ThreadTag.find(in: "请联系张伟"))
        XCTAssertNil(ThreadTag.find(in: "[联络#K3F9Q2M7XA4PMD8]"), "15 characters")
        XCTAssertNil(ThreadTag.find(in: "[联络#K3F9Q2M7XA4PMD8WX]"), "17 characters")
        XCTAssertNil(ThreadTag.find(in: "联络#K3F9Q2M7XA4PMD8W]"), "no opening bracket")
        XCTAssertNil(ThreadTag.find(in: "[联络#K3F9Q2M7XA4PM-8W]"), "not a token character")
        XCTAssertNil(ThreadTag.find(in: "[联络#K3F9Q2M7XA4PMD8W"), "unclosed")
    }

    func testFind_takesTheLastTag() {
        XCTAssertEqual(ThreadTag.find(in: "Fw: [汇报#0000000000000000] 转 [联络#ZZZZZZZZZZZZZZZZ]"), "ZZZZZZZZZZZZZZZZ")
    }
}
