import XCTest
@testable import LiaisonCore

final class CharsetTests: XCTestCase {
    func testEncodeThenConvertRoundTripsChineseThroughGB18030() throws {
        let text = "编号,姓名\nM001,张三丰\n"
        let bytes = try XCTUnwrap(Charset.encode(text, to: "GB18030"))
        XCTAssertNotEqual(bytes, Array(text.utf8))
        XCTAssertEqual(bytes.prefix(2), [0xB1, 0xE0])  // 编 in GB2312/GBK/GB18030
        XCTAssertEqual(Charset.convert(bytes, from: "GB18030"), text)
    }

    func testGB2312AndGBKLabelsDecodeAsGB18030() throws {
        // 镕 is in GBK but not in GB2312: mail labelled gb2312 often carries it.
        let bytes = try XCTUnwrap(Charset.encode("朱镕基", to: "GBK"))
        XCTAssertEqual(Charset.convert(bytes, from: "gb2312"), "朱镕基")
        XCTAssertEqual(Charset.convert(bytes, from: "GBK"), "朱镕基")
        XCTAssertEqual(Charset.convert(bytes, from: " x-gbk "), "朱镕基")
    }

    func testBig5AndLatin1Decode() throws {
        XCTAssertEqual(Charset.convert([0xA4, 0xA4, 0xA4, 0xE5], from: "Big5"), "中文")
        XCTAssertEqual(Charset.convert([0x63, 0x61, 0x66, 0xE9], from: "ISO-8859-1"), "café")
    }

    func testConvertReturnsNilOnInvalidOrTruncatedInput() {
        XCTAssertNil(Charset.convert([0xFF, 0xFF], from: "GB18030"))
        XCTAssertNil(Charset.convert([0xB1], from: "GB18030"), "a lead byte with no trail byte")
        XCTAssertNil(Charset.convert([0xC3], from: "UTF-8"))
    }

    func testUnknownCharsetGivesNil() {
        XCTAssertNil(Charset.convert([0x41], from: "NO-SUCH-CHARSET"))
        XCTAssertNil(Charset.encode("A", to: "NO-SUCH-CHARSET"))
    }

    func testEncodeReturnsNilForUnrepresentableCharacter() {
        XCTAssertNil(Charset.encode("中", to: "ISO-8859-1"))
        XCTAssertEqual(Charset.encode("abc", to: "utf8"), Array("abc".utf8))
    }

    func testConvertHandlesOutputLargerThanOneBuffer() throws {
        // 200k Chinese characters: 400 kB of GB18030 become 600 kB of UTF-8 (E2BIG loops).
        let text = String(repeating: "党员联系", count: 50_000)
        let bytes = try XCTUnwrap(Charset.encode(text, to: "GB18030"))
        XCTAssertEqual(Charset.convert(bytes, from: "GB18030"), text)
    }

    func testEmptyInputConvertsToEmptyString() {
        XCTAssertEqual(Charset.convert([], from: "GB18030"), "")
        XCTAssertEqual(Charset.encode("", to: "GB18030"), [])
    }

    func testDecodeTextStripsUTF8BOM() {
        let (text, encoding) = Charset.decodeText([0xEF, 0xBB, 0xBF] + Array("id,姓名".utf8))
        XCTAssertEqual(text, "id,姓名")
        XCTAssertEqual(encoding, "UTF-8")
    }

    func testDecodeTextPrefersValidUTF8() {
        let (text, encoding) = Charset.decodeText(Array("编号,姓名".utf8))
        XCTAssertEqual(text, "编号,姓名")
        XCTAssertEqual(encoding, "UTF-8")
    }

    func testDecodeTextFallsBackToGB18030() throws {
        let bytes = try XCTUnwrap(Charset.encode("编号,姓名\r\nM1,李四\r\n", to: "GB18030"))
        let (text, encoding) = Charset.decodeText(bytes)
        XCTAssertEqual(text, "编号,姓名\r\nM1,李四\r\n")
        XCTAssertEqual(encoding, "GB18030")
    }

    func testDecodeTextReadsUTF16WithBOM() throws {
        let bytes = try XCTUnwrap(Charset.encode("\u{FEFF}编号", to: "UTF-16LE"))
        XCTAssertEqual(Charset.decodeText(bytes).text, "编号")
    }

    func testDecodeTextReportsLossyWhenNeitherUTF8NorGB18030() {
        let (text, encoding) = Charset.decodeText(Array("id\n".utf8) + [0xFF, 0x41])
        XCTAssertEqual(encoding, Charset.lossyUTF8)
        XCTAssertTrue(text.hasPrefix("id\n"))
    }

    func testFirstInvalidOffsets() {
        XCTAssertNil(Charset.firstInvalidUTF8Offset(Array("中文 ok".utf8)))
        XCTAssertEqual(Charset.firstInvalidUTF8Offset([0x41, 0xE4, 0xB8]), 1)
        XCTAssertEqual(Charset.firstInvalidUTF8Offset([0x41, 0xC0, 0x80]), 1, "overlong")
        XCTAssertEqual(Charset.firstInvalidUTF8Offset([0xED, 0xA0, 0x80]), 0, "surrogate")
        // Runs of ASCII are skipped eight bytes at a time: a bad byte anywhere in or after such a
        // run, and a sequence cut off at the very end, are still found at their own offset.
        for ascii in 0...20 {
            let text = Array(repeating: UInt8(ascii: "a"), count: ascii)
            XCTAssertEqual(Charset.firstInvalidUTF8Offset(text + [0xFF] + Array("abcdefghij".utf8)), ascii)
            XCTAssertEqual(Charset.firstInvalidUTF8Offset(text + Array("中".utf8) + [0xE4, 0xB8]), ascii + 3)
            XCTAssertNil(Charset.firstInvalidUTF8Offset(text + Array("中文,2026-12-01".utf8) + text))
        }
        XCTAssertEqual(Charset.firstUndecodableOffset([0x41, 0x42, 0xFF, 0x41], charset: "GB18030"), 2)
        XCTAssertNil(Charset.firstUndecodableOffset([0xB1, 0xE0], charset: "GBK"))
    }

    /// Checked in two halves at once, the first invalid byte is the one a single pass finds:
    /// wherever it is, and whatever sequence the cut falls in.
    func testFirstInvalidOffsetInHalvesIsTheOnePassOne() {
        let text = Array("中文,2026-12-01,张伟\n".utf8)
        var rng = SplitMix(seed: 0x7F8)
        for _ in 0..<400 {
            var bytes = Array((0..<(1 + rng.next(6))).map { _ in text }.joined())
            for _ in 0..<rng.next(3) {
                bytes[rng.next(bytes.count)] = [0xFF, 0x80, 0xE4, 0xC0, 0xB8, 0x41][rng.next(6)]
            }
            let halves = Charset.firstInvalidUTF8Offset(bytes, perform: concurrently)
            XCTAssertEqual(halves, Charset.firstInvalidUTF8Offset(bytes), "\(bytes)")
        }
    }
}
