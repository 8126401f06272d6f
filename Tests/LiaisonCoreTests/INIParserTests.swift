import XCTest
@testable import LiaisonCore

final class INIParserTests: XCTestCase {
    private func parse(_ text: String) -> (document: INIParser.Document, messages: [String]) {
        let (document, diagnostics) = INIParser.parse(text, file: "t.conf")
        return (document, diagnostics.map(\.description))
    }

    func testSectionsAndEntries_keepTheirLineNumbers() {
        let (doc, messages) = parse("# comment\n; also a comment\n\n[a]\nx = 1\n  y=two words  \n[b]\nz = 3\n")
        XCTAssertEqual(messages, [])
        XCTAssertEqual(doc.sections.map(\.name), ["a", "b"])
        XCTAssertEqual(doc.section("a")?.line, 4)
        XCTAssertEqual(doc.section("a")?.entries, [
            INIParser.Entry(key: "x", value: "1", line: 5),
            INIParser.Entry(key: "y", value: "two words", line: 6),
        ])
        XCTAssertEqual(doc.section("b")?.entry("z"), INIParser.Entry(key: "z", value: "3", line: 8))
    }

    func testInlineHashAndSemicolon_arePartOfTheValue() {
        let (doc, messages) = parse("[a]\nx = abc # not a comment\ny = p;q\n")
        XCTAssertEqual(messages, [])
        XCTAssertEqual(doc.section("a")?.entry("x")?.value, "abc # not a comment")
        XCTAssertEqual(doc.section("a")?.entry("y")?.value, "p;q")
    }

    func testValue_isTakenLiterally_withoutExpansionOrUnquoting() {
        let (doc, _) = parse("[a]\nx = $HOME/%h \"q\"\ny = a = b\nz =\n")
        XCTAssertEqual(doc.section("a")?.entry("x")?.value, "$HOME/%h \"q\"")
        XCTAssertEqual(doc.section("a")?.entry("y")?.value, "a = b")
        XCTAssertEqual(doc.section("a")?.entry("z")?.value, "")
    }

    func testLineWithoutEquals_isAnErrorOnItsLine() {
        let (_, messages) = parse("[a]\nx = 1\njust words\n")
        XCTAssertEqual(messages, ["t.conf:3: missing \"=\" after key \"just words\" (expected key = value)"])
    }

    func testEmptyKey_isAnError() {
        let (_, messages) = parse("[a]\n= 1\n")
        XCTAssertEqual(messages, ["t.conf:2: missing key before \"=\""])
    }

    func testDuplicateKey_isAnErrorNamingTheFirstLine() {
        let (doc, messages) = parse("[a]\nx = 1\nx = 2\n")
        XCTAssertEqual(messages, ["t.conf:3: duplicate key \"x\" in [a] (first set on line 2)"])
        XCTAssertEqual(doc.section("a")?.entry("x")?.value, "1")
    }

    func testDuplicateSection_isMerged_butAKeyRepeatedAcrossItIsStillAnError() {
        let (doc, messages) = parse("[a]\nx = 1\n[b]\n[a]\ny = 2\nx = 3\n")
        XCTAssertEqual(messages, ["t.conf:6: duplicate key \"x\" in [a] (first set on line 2)"])
        XCTAssertEqual(doc.sections.map(\.name), ["a", "b"])
        XCTAssertEqual(doc.section("a")?.line, 1)
        XCTAssertEqual(doc.section("a")?.entries.map(\.key), ["x", "y"])
    }

    func testKeyBeforeAnySection_isAnError() {
        let (_, messages) = parse("x = 1\n[a]\n")
        XCTAssertEqual(messages, ["t.conf:1: key \"x\" outside any section (expected a [section] header first)"])
    }

    func testBrokenSectionHeaders_areErrors_andTheirKeysAddNoNoise() {
        let (doc, messages) = parse("[a\nx = 1\n[b] # note\ny = 2\n[]\n[c]\nz = 3\n")
        XCTAssertEqual(messages, [
            "t.conf:1: missing \"]\" after section name",
            "t.conf:3: unexpected text after section header (comments must be on a line of their own)",
            "t.conf:5: invalid section header []",
        ])
        XCTAssertEqual(doc.sections.map(\.name), ["c"])
    }

    func testCRLFAndBOM_areAccepted() {
        let (doc, messages) = parse("\u{FEFF}[branch]\r\nname = 广场西社区党支部\r\n\r\n# c\r\nlanguage = zh\r\n")
        XCTAssertEqual(messages, [])
        XCTAssertEqual(doc.section("branch")?.line, 1)
        XCTAssertEqual(doc.section("branch")?.entry("name"), INIParser.Entry(key: "name", value: "广场西社区党支部", line: 2))
        XCTAssertEqual(doc.section("branch")?.entry("language")?.line, 5)
    }

    func testLoneCR_endsALine() {
        let (doc, _) = parse("[a]\rx = 1\ry = 2")
        XCTAssertEqual(doc.section("a")?.entry("y")?.line, 3)
    }

    func testSeveralErrors_areAllReported() {
        let (_, messages) = parse("oops\n[a]\nbad\nx = 1\nx = 2\n")
        XCTAssertEqual(messages.count, 3)
    }
}
