@testable import LiaisonApp
@testable import LiaisonMail
import XCTest

/// The IMAP answer reader, without a server: lines and literals come out whole however the
/// bytes are cut, and a literal is taken by its length, whatever it holds.
final class IMAPResponseReaderTests: XCTestCase {
    /// A FETCH answer whose body holds what would end the command if it were read as lines.
    static let body = "L3 OK done\r\n* 2 FETCH (UID 8 BODY[] {3}\r\nX\r\n{12}\r\nend\r\n"
    let answer = Array(("* 1 FETCH (UID 7 BODY[] {\(IMAPResponseReaderTests.body.utf8.count)}\r\n"
        + IMAPResponseReaderTests.body
        + " FLAGS (\\Seen))\r\n"
        + "* 2 FETCH (UID 8 RFC822.SIZE 0 BODY[] {0}\r\n)\r\n"
        + "L3 OK Fetch completed.\r\n").utf8)

    func lines(_ bytes: [UInt8], cutEvery step: Int) throws -> [IMAPLine] {
        var reader = IMAPResponseReader()
        var out: [IMAPLine] = []
        var i = 0
        while i < bytes.count {
            reader.append(Array(bytes[i..<min(bytes.count, i + step)]))
            while let line = try reader.nextLine() { out.append(line) }
            i += step
        }
        return out
    }

    func testALiteralIsReadByItsLength_notByTheLinesItHolds() throws {
        let whole = try lines(answer, cutEvery: answer.count)
        XCTAssertEqual(whole.count, 3)
        XCTAssertEqual(whole[0].literals, [Array(Self.body.utf8)])
        XCTAssertEqual(whole[0].string, "* 1 FETCH (UID 7 BODY[] {55} FLAGS (\\Seen))")
        XCTAssertEqual(whole[1].literals, [[]])
        XCTAssertEqual(whole[2].string, "L3 OK Fetch completed.")
    }

    func testEveryWayOfCuttingTheBytes_givesTheSameLines() throws {
        let whole = try lines(answer, cutEvery: answer.count)
        for step in 1...40 {
            XCTAssertEqual(try lines(answer, cutEvery: step), whole, "cut every \(step) bytes")
        }
    }

    func testFetchItems_readUIDSizeAndBody_andSkipLists() throws {
        let parsed = try lines(answer, cutEvery: 7)
        let first = try XCTUnwrap(IMAPSession.fetchItems(parsed[0]))
        XCTAssertEqual(first.uid, 7)
        XCTAssertNil(first.size)
        XCTAssertEqual(first.body, parsed[0].literals[0])
        let second = try XCTUnwrap(IMAPSession.fetchItems(parsed[1]))
        XCTAssertEqual(second.uid, 8)
        XCTAssertEqual(second.size, 0)
        XCTAssertEqual(second.body, [])
        XCTAssertNil(IMAPSession.fetchItems(parsed[2]), "a tagged line is no FETCH")

        var reader = IMAPResponseReader()
        reader.append(Array("* 3 FETCH (FLAGS (\\Seen \\Answered) UID 12 RFC822.SIZE 3456 BODY[] \"a\\\"b\")\r\n".utf8))
        let quoted = try XCTUnwrap(IMAPSession.fetchItems(try XCTUnwrap(try reader.nextLine())))
        XCTAssertEqual(quoted.uid, 12)
        XCTAssertEqual(quoted.size, 3456)
        XCTAssertEqual(quoted.body, Array("a\"b".utf8))
    }

    func testLiteralMarkers_onlyAtTheEndOfALine() {
        XCTAssertEqual(IMAPResponseReader.literalSize(endOf: Array("* 1 FETCH (BODY[] {123}".utf8)), 123)
        XCTAssertEqual(IMAPResponseReader.literalSize(endOf: Array("x {0}".utf8)), 0)
        XCTAssertEqual(IMAPResponseReader.literalSize(endOf: Array("x {5+}".utf8)), 5)
        XCTAssertNil(IMAPResponseReader.literalSize(endOf: Array("x {}".utf8)))
        XCTAssertNil(IMAPResponseReader.literalSize(endOf: Array("x {12} y".utf8)))
        XCTAssertNil(IMAPResponseReader.literalSize(endOf: Array("x 12}".utf8)))
        XCTAssertNil(IMAPResponseReader.literalSize(endOf: Array("{1234567890123}".utf8)), "no absurd sizes")
    }

    func testAServerThatSendsTooMuch_isRefused_notBuffered() {
        var small = IMAPResponseReader(limits: .init(lineBytes: 100, literalBytes: 1000))
        small.append(Array(repeating: UInt8(ascii: "a"), count: 200))
        XCTAssertThrowsError(try small.nextLine()) { XCTAssertEqual($0 as? IMAPResponseReader.Problem, .lineTooLong(100)) }

        var literal = IMAPResponseReader(limits: .init(lineBytes: 100, literalBytes: 1000))
        literal.append(Array("* 1 FETCH (BODY[] {5000}\r\n".utf8))
        XCTAssertThrowsError(try literal.nextLine()) { XCTAssertEqual($0 as? IMAPResponseReader.Problem, .literalTooLong(5000)) }
    }
}

/// How a poll's list is cut into `UID FETCH` commands.
final class IMAPFetchGroupTests: XCTestCase {
    func testGroups_holdAtMostNMessagesAndBBytes_andABigMessageAlone() {
        typealias Listed = (uid: Int64, size: Int)
        let list: [Listed] = (1...7).map { (Int64($0), 10) } + [(8, 500)] + (9...10).map { (Int64($0), 10) }
        let groups = IMAPPrefetch.groups(list, messages: 3, bytes: 100)
        XCTAssertEqual(groups.map { $0.map(\.uid) }, [[1, 2, 3], [4, 5, 6], [7], [8], [9, 10]])
        XCTAssertEqual(groups.flatMap { $0 }.map(\.uid), list.map(\.uid), "every message once, in order")
        XCTAssertTrue(IMAPPrefetch.groups([], messages: 3, bytes: 100).isEmpty)
        XCTAssertEqual(IMAPPrefetch.groups([(1, 0), (2, 0)], messages: 0, bytes: 0).map(\.count), [1, 1],
                       "limits below one still make progress")
    }
}
