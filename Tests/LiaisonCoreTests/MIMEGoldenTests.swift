import Foundation
import XCTest
@testable import LiaisonCore

/// What liaisond puts on the wire, pinned three ways: ten representative messages byte for
/// byte (golden files in `Fixtures/mime`), every generated message read back by `MIMEReader`
/// to what was written, and the invariants of RFC 5322/2045/2047 that any rendering must keep.
///
/// A deliberate change of the output: run with `LIAISOND_UPDATE_GOLDEN=1` once, read the diff
/// of `Fixtures/mime` and commit it with the change.
final class MIMEGoldenTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/mime")
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    static let branch = Mailbox(name: "广场西社区党支部", address: "branch@example.org")
    static let sent = Date(timeIntervalSince1970: 1_797_555_600)  // 2026-12-18 09:00 +08:00

    static func message(subject: String, body: String, to: [Mailbox] = [Mailbox(name: "刘洋", address: "l01@example.org")],
                        cc: [Mailbox] = [], timeZone: TimeZone = shanghai, inReplyTo: String? = nil,
                        references: [String] = [], autoSubmitted: String = "auto-generated",
                        extraHeaders: [MIMEMessage.Header] = []) -> MIMEMessage {
        MIMEMessage(from: branch, to: to, cc: cc, subject: subject, body: body, date: sent, timeZone: timeZone,
                    messageID: "K3F9Q2M7XA4PLD8W.7QX2M4K9PA3LD8RF@example.org", inReplyTo: inReplyTo,
                    references: references, autoSubmitted: autoSubmitted, extraHeaders: extraHeaders)
    }

    /// The ten: each one a kind of message liaisond sends or a kind of text it must survive.
    static let cases: [(name: String, message: MIMEMessage)] = [
        ("01-contact-lead-zh", message(
            subject: "请在12月31日前联系张伟(第四季度) [联络#K3F9Q2M7XA4PLD8W]",
            body: "刘洋同志：\n\n请在 2026年12月31日(星期四)前与流动党员张伟联系一次(电话 13900000001)。\n联系后请回复：已联系 12-20 电话联系\n",
            cc: [Mailbox(name: "王芳", address: "secretary@example.org")])),
        ("02-contact-lead-en", message(
            subject: "Please contact Zhang Wei by 31 December (Q4) [liaison#K3F9Q2M7XA4PLD8W]",
            body: "Dear Liu Yang,\n\nPlease contact Zhang Wei once before 31 December.\nReply: done 12-20 phone\n")),
        ("03-long-subject-folds", message(
            subject: String(repeating: "党", count: 40) + " [联络#K3F9Q2M7XA4PLD8W]", body: "正文\n")),
        ("04-display-name-specials", message(
            subject: "Dues", body: "x\n",
            to: [Mailbox(name: "O'Brien, \"Q\"", address: "ob@example.org"), Mailbox(name: "", address: "bare@example.org")])),
        ("05-mixed-line-ends-emoji", message(
            subject: "混合 e\u{301} 👨‍👩‍👧", body: "第一行\r\n第二行\r第三行\n" + String(repeating: "w", count: 120) + "\n👨‍👩‍👧 A\u{308}\n")),
        ("06-ack-thread", message(
            subject: "Re: 请在12月31日前联系张伟(第四季度) [联络#K3F9Q2M7XA4PLD8W]", body: "已记录：联系 2026-12-20 电话联系。\n",
            inReplyTo: "r3@example.org", references: (1...9).map { "r\($0)@example.org" }, autoSubmitted: "auto-replied")),
        ("07-injection-refused", message(
            subject: "行\r\nBcc: evil@example.org", body: "正文\n",
            to: [Mailbox(name: "张\r\nX-Evil: 1", address: "l01@example.org")],
            extraHeaders: [MIMEMessage.Header("X-Liaisond-Rule", "contact.quarterly"), MIMEMessage.Header("Bad Name", "x")])),
        ("08-empty-body", message(subject: "", body: "")),
        ("09-new-york-date", message(subject: "Zone", body: "Eastern time.\n",
                                     timeZone: TimeZone(identifier: "America/New_York")!)),
        ("10-ascii-long-words", message(
            subject: "Report", body: "http://example.org/" + String(repeating: "path/", count: 30) + "\nplain = sign and trailing space \n")),
    ]

    func testTenRepresentativeMessagesRenderExactlyAsTheirGoldenFiles() throws {
        let update = ProcessInfo.processInfo.environment["LIAISOND_UPDATE_GOLDEN"] == "1"
        for (name, m) in Self.cases {
            let url = Self.folder.appendingPathComponent(name + ".eml")
            let bytes = MIMEWriter.render(m)
            if update { try Data(bytes).write(to: url) }
            let golden = try XCTUnwrap(try? Data(contentsOf: url), "\(url.path) is missing: run with LIAISOND_UPDATE_GOLDEN=1")
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(decoding: golden, as: UTF8.self), name)
        }
    }

    func testGoldenMessagesReadBackToWhatWasWritten() throws {
        for (name, m) in Self.cases {
            let parsed = try XCTUnwrap(MIMEReader.parse(MIMEWriter.render(m)), name)
            assertReadsBack(parsed, m, name)
        }
    }

    /// 600 generated messages with every kind of header value and body: each reads back.
    func testGeneratedMessagesReadBackAndKeepTheInvariants() throws {
        var rng = SplitMix(seed: 20261203)
        let pieces = ["张伟", "同志", " ", "  ", "\t", "\r\n", "\n", "\r", "=?", "a", "Dues", "O'Brien", "\"q\"",
                      "\\", "é", "e\u{301}", "👨‍👩‍👧", "\u{3000}", "(第四季度)", "[联络#K3F9Q2M7XA4PLD8W]",
                      String(repeating: "w", count: 90), String(repeating: "党", count: 40), ",", ";", "<", ">",
                      "한", "。", "、", "“引号”", "…", "·", "2026年12月31日", "A\u{308}"]
        func text(_ n: Int) -> String { (0..<rng.next(n)).map { _ in pieces[rng.next(pieces.count)] }.joined() }
        for i in 0..<600 {
            func box() -> Mailbox {
                Mailbox(name: text(6), address: ["a@b.cn", "li.ming+x@example.org", "l01@example.org"][rng.next(3)])
            }
            let m = MIMEMessage(
                from: box(), to: (1...(1 + rng.next(3))).map { _ in box() }, cc: (0..<rng.next(3)).map { _ in box() },
                subject: text(12), body: text(40), date: Date(timeIntervalSince1970: Double(1_700_000_000 + i * 7919)),
                timeZone: Self.shanghai, messageID: "\(i).K3F9Q2M7XA4@example.org",
                inReplyTo: i % 3 == 0 ? nil : "r\(i)@example.org", references: (0..<rng.next(12)).map { "ref\($0)@example.org" },
                autoSubmitted: i % 2 == 0 ? "auto-generated" : "auto-replied")
            let bytes = MIMEWriter.render(m)
            assertInvariants(bytes, "message \(i)")
            let parsed = try XCTUnwrap(MIMEReader.parse(bytes), "message \(i)")
            assertReadsBack(parsed, m, "message \(i)")
        }
    }

    /// Subject, addresses, names, thread ids and body survive (line ends as CRLF, names and
    /// subject with controls removed: the writer never lets a CR or LF reach a header).
    ///
    /// Names and subject are compared without white space: RFC 2047 wants white space between
    /// an encoded word and the plain text beside it, so a fold there reads back as a space
    /// (`同志"q"` may come back as `同志 "q"`). No other character may be lost or added.
    func assertReadsBack(_ p: ParsedMessage, _ m: MIMEMessage, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        func oneLine(_ s: String) -> String {
            String(String.UnicodeScalarView(s.unicodeScalars.filter {
                !CharacterSet.controlCharacters.contains($0) && !CharacterSet.whitespaces.contains($0)
            }))
        }
        XCTAssertEqual(oneLine(p.subject ?? ""), oneLine(m.subject), what, file: file, line: line)
        XCTAssertEqual(p.mailboxes("To").map(\.address), m.to.map(\.address), what, file: file, line: line)
        XCTAssertEqual(p.mailboxes("Cc").map(\.address), m.cc.map(\.address), what, file: file, line: line)
        XCTAssertEqual(p.mailboxes("To").map { oneLine($0.name) }, m.to.map { oneLine($0.name) }, what, file: file, line: line)
        XCTAssertEqual(p.messageID, m.messageID, what, file: file, line: line)
        XCTAssertEqual(p.inReplyTo, m.inReplyTo.map { [$0] } ?? [], what, file: file, line: line)
        XCTAssertEqual(p.references, m.references, what, file: file, line: line)
        XCTAssertEqual(p.header("Auto-Submitted"), m.autoSubmitted, what, file: file, line: line)
        let body = m.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let read = p.body.replacingOccurrences(of: "\r\n", with: "\n")
        XCTAssertEqual(read.trimmingCharacters(in: .newlines), body.trimmingCharacters(in: .newlines), what, file: file, line: line)
    }

    /// 7-bit, CRLF only, lines within 998 octets and within 78 unless one unbreakable word
    /// (a 90-letter name) makes that impossible, every encoded word within 75, a Date, a
    /// Message-ID and MIME-Version present exactly once.
    func assertInvariants(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(bytes.allSatisfy { $0 < 0x80 && $0 != 0 }, "7-bit: \(what)", file: file, line: line)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains { $0 == "\r" || $0 == "\n" },
                       "bare CR or LF: \(what)", file: file, line: line)
        let lines = text.components(separatedBy: "\r\n")
        for l in lines {
            XCTAssertLessThanOrEqual(l.utf8.count, 998, "\(what): \(l)", file: file, line: line)
            let longestWord = l.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(\.utf8.count).max() ?? 0
            if l.utf8.count > 78 {
                XCTAssertGreaterThan(longestWord, 60, "\(what): folding could have kept \(l) within 78", file: file, line: line)
            }
        }
        let header = lines.prefix { !$0.isEmpty }
        for name in ["Date:", "Message-ID:", "MIME-Version:", "From:", "Subject:"] {
            XCTAssertEqual(header.filter { $0.hasPrefix(name) }.count, 1, "\(what): one \(name)", file: file, line: line)
        }
        for l in header {
            var rest = Substring(l)
            while let start = rest.range(of: "=?") {
                guard let end = rest[start.upperBound...].range(of: "?=") else { break }
                // =?UTF-8?B?…?= : the whole word within 75 octets (RFC 2047 §2).
                let word = rest[start.lowerBound..<end.upperBound]
                XCTAssertLessThanOrEqual(word.utf8.count, 75, "\(what): \(word)", file: file, line: line)
                rest = rest[end.upperBound...]
            }
        }
    }
}

/// A small deterministic generator (the test must not depend on the system's random source).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return bound <= 0 ? 0 : Int(z % UInt64(bound))
    }
}
