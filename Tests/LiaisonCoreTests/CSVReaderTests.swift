import XCTest
@testable import LiaisonCore

final class CSVReaderTests: XCTestCase {
    private func fields(_ text: String) -> [[String]] { CSVReader.parse(text).rows.map(\.fields) }
    private func lines(_ text: String) -> [Int] { CSVReader.parse(text).rows.map(\.line) }

    func testPlainRowsWithLF() {
        let r = CSVReader.parse("a,b,c\n1,2,3\n")
        XCTAssertEqual(r.rows.map(\.fields), [["a", "b", "c"], ["1", "2", "3"]])
        XCTAssertEqual(r.rows.map(\.line), [1, 2])
        XCTAssertTrue(r.problems.isEmpty)
    }

    func testCRLFAndLFRowEndsGiveTheSameRows() {
        XCTAssertEqual(fields("a,b\r\n1,2\r\n"), fields("a,b\n1,2\n"))
        XCTAssertEqual(fields("a,b\r\n1,2\n3,4\r\n"), [["a", "b"], ["1", "2"], ["3", "4"]])
        XCTAssertEqual(lines("a,b\r\n1,2\r\n3,4"), [1, 2, 3])
    }

    func testTrailingNewlineIsOptional() {
        XCTAssertEqual(fields("a,b\n1,2"), [["a", "b"], ["1", "2"]])
    }

    func testEmptyFieldsAndTrailingComma() {
        XCTAssertEqual(fields(",\na,,b,\n"), [["", ""], ["a", "", "b", ""]])
        XCTAssertEqual(fields("a,"), [["a", ""]])
    }

    func testQuotedFieldsKeepCommasAndDoubledQuotes() {
        XCTAssertEqual(fields("\"a,b\",\"say \"\"hi\"\"\",\"\"\n"), [["a,b", "say \"hi\"", ""]])
        XCTAssertEqual(fields("\"\"\"\"\n"), [["\""]])
        XCTAssertEqual(fields("\"张三,李四\",中文"), [["张三,李四", "中文"]])
    }

    func testQuotedFieldsKeepEmbeddedLineBreaksAndCountLines() {
        let r = CSVReader.parse("id,note\n1,\"line one\r\nline two\nline three\rline four\"\n2,x\n")
        XCTAssertEqual(r.rows.map(\.fields), [["id", "note"], ["1", "line one\r\nline two\nline three\rline four"], ["2", "x"]])
        XCTAssertEqual(r.rows.map(\.line), [1, 2, 6], "CRLF, LF and CR inside quotes each count as one line")
        XCTAssertTrue(r.problems.isEmpty)
    }

    func testBlankLinesAreSkippedButCounted() {
        let r = CSVReader.parse("\n\na,b\n\r\n\n1,2\r\n\r\n")
        XCTAssertEqual(r.rows.map(\.fields), [["a", "b"], ["1", "2"]])
        XCTAssertEqual(r.rows.map(\.line), [3, 6])
    }

    func testLeadingBOMIsIgnored() {
        XCTAssertEqual(fields("\u{FEFF}id,name\n1,a\n"), [["id", "name"], ["1", "a"]])
    }

    func testSpacesAreKeptAsWritten() {
        XCTAssertEqual(fields(" a , b \n"), [[" a ", " b "]])
    }

    func testUnterminatedQuoteIsReportedAtItsRow() {
        let r = CSVReader.parse("a,b\n1,2\n3,\"oops\n4,5\n")
        XCTAssertEqual(r.problems.count, 1)
        XCTAssertEqual(r.problems.first?.line, 3)
        XCTAssertTrue(r.problems.first?.message.contains("never closed") ?? false, r.problems.first?.message ?? "")
        XCTAssertEqual(r.rows.map(\.line), [1, 2, 3])
    }

    func testStrayQuoteInUnquotedFieldIsReported() {
        let r = CSVReader.parse("a,b\n1,x\"y\n2,ok\n")
        XCTAssertEqual(r.problems.map(\.line), [2])
        XCTAssertEqual(r.rows[1].fields, ["1", "x\"y"])
        XCTAssertEqual(r.rows[2].fields, ["2", "ok"])
    }

    func testTextAfterClosingQuoteIsReported() {
        let r = CSVReader.parse("\"ab\"cd,e\n")
        XCTAssertEqual(r.problems.map(\.line), [1])
        XCTAssertEqual(r.rows.first?.fields, ["abcd", "e"])
    }

    func testForEachRowFlagsOnlyRowsWithProblems() {
        var flags: [Int: Bool] = [:]
        let problems = CSVReader.forEachRow(in: "a\nb\"\nc\n") { row, bad in flags[row.line] = bad }
        XCTAssertEqual(flags, [1: false, 2: true, 3: false])
        XCTAssertEqual(problems.count, 1)
    }

    func testEmptyInputHasNoRows() {
        XCTAssertTrue(CSVReader.parse("").rows.isEmpty)
        XCTAssertTrue(CSVReader.parse("\r\n\n").rows.isEmpty)
    }

    func testLargeInputParsesInOnePass() {
        var text = "id,name,note\n"
        for i in 0..<20_000 { text += "M\(i),张三\(i),\"note, with comma\"\n" }
        let r = CSVReader.parse(text)
        XCTAssertEqual(r.rows.count, 20_001)
        XCTAssertEqual(r.rows.last?.line, 20_001)
        XCTAssertEqual(r.rows.last?.fields, ["M19999", "张三19999", "note, with comma"])
    }

    /// A scan started at a row's offset, with the line `line(at:in:)` counts there, reads the
    /// rest of the file as one scan from the start does (the roster's two halves rely on it).
    func testAScanFromARowsOffsetReadsTheRestAsOneScan() {
        let text = "h1,h2\r\na,\"x\ny\"\r\rb,\"\"\"q\"\n\n\nc,\"unclosed\r\n"
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { b in
            let buf = UnsafeBufferPointer(b)
            var whole: [CSVRow] = []
            let wholeProblems = CSVReader.forEachRawRow(inUTF8: buf) { r, _ in whole.append(r.row) }
            // Every offset where a row (or a blank line) starts, found by reading one row at a time.
            var offset = 0, line = 1, k = 0
            while offset < buf.count {
                XCTAssertEqual(CSVReader.line(at: offset, in: buf), line, "offset \(offset)")
                var rest: [CSVRow] = []
                let stop = CSVReader.forEachRawRow(inUTF8: buf, from: offset, line: CSVReader.line(at: offset, in: buf)) { r, _ in
                    rest.append(r.row)
                }
                XCTAssertEqual(rest, Array(whole[k...]), "from offset \(offset)")
                XCTAssertEqual(stop.problems.map(\.line), wholeProblems.filter { $0.line >= line }.map(\.line))
                let one = CSVReader.forEachRawRow(inUTF8: buf, from: offset, line: line, maxRows: 1) { _, _ in k += 1 }
                (offset, line) = (one.offset, one.line)
            }
            XCTAssertEqual(k, whole.count)
        }
    }

    /// Lines are counted eight bytes at a time where a word holds no CR: at every offset of
    /// texts mixing LF, CR and CRLF the count is the byte-by-byte one.
    func testLineAtCountsWordsAsBytes() {
        var rng = SplitMix(seed: 0xC0FFEE)
        for _ in 0..<200 {
            let bytes: [UInt8] = (0..<rng.next(80)).map { _ in [0x0A, 0x0D, 0x41, 0x2C, 0xE4][rng.next(5)] }
            bytes.withUnsafeBufferPointer { buf in
                var expected = 1
                for end in 0...buf.count {
                    XCTAssertEqual(CSVReader.line(at: end, in: buf), expected, "\(bytes) at \(end)")
                    if end < buf.count {
                        let c = buf[end]
                        if c == 0x0A || (c == 0x0D && (end + 1 == buf.count || buf[end + 1] != 0x0A)) { expected += 1 }
                    }
                }
            }
        }
    }
}
