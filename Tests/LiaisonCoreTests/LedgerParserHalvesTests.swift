import Dispatch
import XCTest
@testable import LiaisonCore

/// A large members file is read in two halves at once (`LedgerParser.parse(perform:splitBytes:)`).
/// These pin down that the ledger and every diagnostic, with its line, are those of one pass,
/// whatever falls at the cut: a repeated id across the halves, a quoted value with line breaks,
/// CRLF, blank lines, a broken row.
final class LedgerParserHalvesTests: XCTestCase {
    private let people = Array("id,name,email,role,grid\nL01,王芳,l01@example.org,liaison,G1\n".utf8)
    private let header = "id,name,kind,email,since,liaison,grid,last_contact,note"

    /// Parses `members` in one pass and in halves; returns how many halves ran (two for the
    /// UTF-8 check, two for the rows).
    @discardableResult
    private func assertHalvesReadAsOnePass(_ members: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        let bytes = Array(members.utf8)
        let one = LedgerParser.parse(members: bytes, membersFile: "members.csv", people: people,
                                     peopleFile: "people.csv", splitBytes: Int.max)
        let calls = Counter()
        let two = LedgerParser.parse(members: bytes, membersFile: "members.csv", people: people, peopleFile: "people.csv",
                                     perform: { n, body in
                                         calls.add(n)
                                         concurrently(n, body)
                                     }, splitBytes: 0)
        XCTAssertEqual(two.diagnostics.map(\.description), one.diagnostics.map(\.description), file: file, line: line)
        XCTAssertEqual(two.ledger.members, one.ledger.members, file: file, line: line)
        XCTAssertEqual(two.ledger.memberIndex, one.ledger.memberIndex, file: file, line: line)
        return calls.value
    }

    private func row(_ id: String, kind: String = "outgoing", since: String = "2026-03-01", note: String = "") -> String {
        "\(id),张伟,\(kind),,\(since),L01,G1,2026-10-01,\(note)"
    }

    func testRepeatedIdAcrossTheCutNamesTheFirstHalfsLine() {
        var rows = [header]
        for i in 0..<40 { rows.append(row("M\(i)")) }
        rows.append(row("M3"))            // repeats a kept row of the first half
        rows.append(row("B1", since: "2026-13-01"))
        for i in 40..<60 { rows.append(row("M\(i)")) }
        rows[5] = row("B7", since: "not a date")  // a first row with an error…
        rows.append(row("B7"))            // …repeated in the second half
        rows.append(row("M45"))           // repeated within the second half
        let calls = assertHalvesReadAsOnePass(rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(calls, 4, "the file was not read in halves")
    }

    func testCutInsideAQuotedValueIsReadAgainInOnePass() {
        // The middle of the file falls inside a long note with line breaks and commas.
        let note = "\"" + String(repeating: "去向：深圳, 工厂\n第二行 \"\"引号\"\"\n", count: 40) + "\""
        let members = [header, row("M1"), row("M2", note: note), row("M3"), row("M3"), ""].joined(separator: "\n")
        XCTAssertEqual(assertHalvesReadAsOnePass(members), 4)
    }

    func testCRLFBlankLinesAndABrokenRowAtTheEnd() {
        var rows = [header]
        for i in 0..<30 { rows.append(row("M\(i)", note: i % 7 == 0 ? "\"a,\r\nb\"" : "x")) }
        rows.append("")
        rows.append("")
        for i in 30..<60 { rows.append(row("M\(i)", note: i % 5 == 0 ? "bad\"quote" : "")) }
        rows.append(row("M10"))
        rows.append("M99,张伟,outgoing,,2026-03-01,L01,G1,2026-10-01,\"never closed")
        assertHalvesReadAsOnePass(rows.joined(separator: "\r\n"))
    }

    /// The second half's members go after the first half's in one buffer sized from the first
    /// half's lines per byte; a second half of many short rows after a first half of long ones
    /// overflows that estimate, and is read alike (repeated ids in the overflow too).
    func testASecondHalfWithFarMoreRowsThanItsShareOfBytesIsReadAlike() {
        var rows = [header]
        let note = String(repeating: "长期在深圳务工", count: 120)
        for i in 0..<60 { rows.append(row("L\(i)", note: note)) }
        for i in 0..<3000 { rows.append("S\(i),张伟,local,,,,G1,,") }
        rows.append("S2999,张伟,local,,,,G1,,")   // repeats a row of the overflow
        rows.append("L5,张伟,local,,,,G1,,")      // repeats a row of the first half
        XCTAssertEqual(assertHalvesReadAsOnePass(rows.joined(separator: "\n") + "\n"), 4)
    }

    func testAnUnusableHeaderIsNotCut() {
        let members = "name,kind\n" + (0..<50).map { _ in "张伟,local" }.joined(separator: "\n") + "\n"
        XCTAssertEqual(assertHalvesReadAsOnePass(members), 2, "only the UTF-8 check runs in halves")
    }

    func testRandomRostersReadAlike() {
        var rng = SplitMix(seed: 0x51ED)
        // One row of a random shape: most good, the rest each kind of problem a roster has.
        func randomRow(_ i: Int, _ rng: inout SplitMix) -> String {
            switch rng.next(9) {
            case 0: return row("M\(rng.next(200))")                              // repeats
            case 1: return row("M\(i)", since: "2026-02-30")                     // bad date
            case 2: return row("M\(i)", kind: "local", note: "\"多行\n备注, 含逗号\"")
            case 3: return row("M\(i)", kind: "")                                // missing kind
            case 4: return ""                                                    // blank line
            case 5: return row("M\(i)") + ",extra,fields"                         // too many fields
            case 6: return "M\(i),张伟,outgoing,,2026-03-01,,G1,,"                 // no liaison: warning
            case 7: return row("M\(i)", note: "\"x\"y")                           // text after a quote
            default: return row("M\(i)")
            }
        }
        for _ in 0..<60 {
            var rows = [header]
            let n = 20 + rng.next(200)
            for i in 0..<n { rows.append(randomRow(i, &rng)) }
            let separator = rng.next(3) == 0 ? "\r\n" : "\n"
            assertHalvesReadAsOnePass(rows.joined(separator: separator) + (rng.next(2) == 0 ? separator : ""))
        }
    }
}

private final class Counter: @unchecked Sendable {
    private(set) var value = 0
    func add(_ n: Int) { value += n }
}

/// A `Halves.Perform` that runs its halves at once, as the app's does (`Runtime.perform`).
func concurrently(_ n: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
        let box = UncheckedBody(body)
        DispatchQueue.concurrentPerform(iterations: n) { box.body($0) }
    }
}

private struct UncheckedBody: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}
