import Foundation
import XCTest
@testable import LiaisonCore

final class MIMEWriterTests: XCTestCase {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!
    /// 2026-11-29 01:00:00 UTC = 09:00 in Shanghai.
    let instant = Date(timeIntervalSince1970: 1_795_914_000)

    func message(subject: String = "请在12月31日前联系流动党员张伟(第四季度) [联络#K3F9Q2M7XA4PLD8W]",
                 body: String = "李明同志:\n\n您好!\n\n请联系张伟。\n\n广场西社区党支部\n",
                 to: [Mailbox] = [Mailbox(name: "李明", address: "l01@example.org")],
                 cc: [Mailbox] = [Mailbox(name: "赵强", address: "g01@example.org")]) -> MIMEMessage {
        MIMEMessage(from: Mailbox(name: "广场西社区党支部", address: "branch@example.org"), to: to, cc: cc,
                    subject: subject, body: body, date: instant, timeZone: shanghai,
                    messageID: "20261129.K3F9Q2M7XA4PLD8W.2@example.org",
                    inReplyTo: "20261117.K3F9Q2M7XA4PLD8W.1@example.org",
                    references: ["20261001.K3F9Q2M7XA4PLD8W.0@example.org", "20261117.K3F9Q2M7XA4PLD8W.1@example.org"])
    }

    func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
    }

    func headerLines(_ bytes: [UInt8]) -> [String] {
        Array(lines(bytes).prefix { !$0.isEmpty })
    }

    func testRenderedMessage_parsesBackToSameSubjectNamesBodyAndThreading() throws {
        let m = message()
        let p = try XCTUnwrap(MIMEReader.parse(m.rendered()))
        XCTAssertEqual(p.subject, m.subject)
        XCTAssertEqual(p.body, m.body)
        XCTAssertEqual(p.mailboxes("From"), [m.from])
        XCTAssertEqual(p.mailboxes("To"), m.to)
        XCTAssertEqual(p.mailboxes("Cc"), m.cc)
        XCTAssertEqual(p.messageID, m.messageID)
        XCTAssertEqual(p.inReplyTo, [m.inReplyTo!])
        XCTAssertEqual(p.references, m.references)
        XCTAssertEqual(p.header("Auto-Submitted"), "auto-generated")
        XCTAssertEqual(p.header("MIME-Version"), "1.0")
        XCTAssertEqual(p.contentType.mimeType, "text/plain")
        XCTAssertEqual(p.contentType.charset, "UTF-8")
        XCTAssertEqual(p.header("Content-Transfer-Encoding"), "base64")
        XCTAssertEqual(p.header("Date"), "Sun, 29 Nov 2026 09:00:00 +0800")
    }

    func testDateHeader_isPinnedForFixedInstantAndZone() {
        XCTAssertEqual(MIMEWriter.dateHeader(instant, timeZone: shanghai), "Sun, 29 Nov 2026 09:00:00 +0800")
        XCTAssertEqual(MIMEWriter.dateHeader(instant, timeZone: TimeZone(identifier: "UTC")!),
                       "Sun, 29 Nov 2026 01:00:00 +0000")
        XCTAssertEqual(MIMEWriter.dateHeader(instant, timeZone: TimeZone(identifier: "America/New_York")!),
                       "Sat, 28 Nov 2026 20:00:00 -0500")
        XCTAssertEqual(MIMEWriter.dateHeader(instant, timeZone: TimeZone(identifier: "Asia/Kolkata")!),
                       "Sun, 29 Nov 2026 06:30:00 +0530")
        XCTAssertEqual(MIMEWriter.dateHeader(Date(timeIntervalSince1970: 0), timeZone: shanghai),
                       "Thu, 1 Jan 1970 08:00:00 +0800")
    }

    func testLongChineseSubject_foldsWithinLineLimitAndRoundTrips() throws {
        let subject = "再次提醒:请尽快联系流动党员欧阳娜娜(2026年第四季度),期限已过,网格长已抄送,请务必在本周内完成联系并回复本邮件说明情况 [联络#K3F9Q2M7XA4PLD8W]"
        let bytes = message(subject: subject).rendered()
        let header = headerLines(bytes)
        let subjectLines = header.drop { !$0.hasPrefix("Subject:") }.prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        XCTAssertGreaterThan(subjectLines.count, 1, "a long subject is folded")
        for line in header {
            XCTAssertLessThanOrEqual(line.utf8.count, 78, line)
        }
        for word in subjectLines.joined().split(separator: " ") where word.hasPrefix("=?") {
            XCTAssertLessThanOrEqual(word.count, 75, String(word))
        }
        XCTAssertEqual(MIMEReader.parse(bytes)?.subject, subject)
    }

    func testLongEnglishSubject_foldsAtSpaces() throws {
        let subject = "Reminder: please contact Zhang Wei (Q4 2026) as soon as you can, the deadline has passed and the grid leader was told [contact#K3F9Q2M7XA4PLD8W]"
        let bytes = message(subject: subject).rendered()
        for line in headerLines(bytes) { XCTAssertLessThanOrEqual(line.utf8.count, 78, line) }
        XCTAssertEqual(MIMEReader.parse(bytes)?.subject, subject)
        XCTAssertTrue(String(decoding: bytes, as: UTF8.self).contains("Subject: Reminder: please contact"))
    }

    func testEveryLine_endsWithCRLF_isAscii_andAtMost998Bytes() {
        let body = String(repeating: "很长的一行没有换行", count: 300) + "\nshort\r\nlast"
        let bytes = message(body: body).rendered()
        XCTAssertTrue(bytes.allSatisfy { $0 < 0x80 }, "the message is 7-bit")
        XCTAssertEqual(Array(bytes.suffix(2)), [0x0D, 0x0A])
        for (i, b) in bytes.enumerated() {
            if b == 0x0A { XCTAssertEqual(bytes[i - 1], 0x0D, "LF at \(i) without CR") }
            if b == 0x0D { XCTAssertEqual(bytes[i + 1], 0x0A, "CR at \(i) without LF") }
        }
        let all = lines(bytes)
        for line in all { XCTAssertLessThanOrEqual(line.utf8.count, 998) }
        let bodyLines = all.drop { !$0.isEmpty }.dropFirst().filter { !$0.isEmpty }
        XCTAssertTrue(bodyLines.dropLast().allSatisfy { $0.count == 76 }, "base64 in lines of 76")
        XCTAssertEqual(MIMEReader.parse(bytes)?.body, body.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    func testNameOrSubjectWithCRLF_cannotInjectHeader() throws {
        let evil = Mailbox(name: "李明\r\nBcc: victim@example.net", address: "l01@example.org")
        let evil2 = Mailbox(name: "Li Ming\nX-Injected: 1", address: "l02@example.org\r\nX-Addr: 1")
        var m = message(subject: "你好\r\nX-Evil: yes", to: [evil, evil2])
        m.messageID = "id@example.org>\r\nX-Id: 1"
        m.extraHeaders = [.init("X-Liaisond-Rule", "contact.quarterly\r\nX-Extra: 1"), .init("Bad Name", "x")]
        let bytes = m.rendered()
        let names = Set(try XCTUnwrap(MIMEReader.parse(bytes)).headers.map { $0.name.lowercased() })
        for bad in ["bcc", "x-evil", "x-injected", "x-addr", "x-id", "x-extra", "bad name"] {
            XCTAssertFalse(names.contains(bad), bad)
        }
        XCTAssertTrue(names.contains("x-liaisond-rule"))
        for line in headerLines(bytes) {
            XCTAssertTrue(line.hasPrefix(" ") || line.contains(":"), line)
        }
    }

    func testExtraHeaders_cannotOverrideStandardOnes() throws {
        var m = message()
        m.extraHeaders = [.init("Subject", "other"), .init("From", "x@y.z"), .init("X-Liaisond-Key", "k")]
        let p = try XCTUnwrap(MIMEReader.parse(m.rendered()))
        XCTAssertEqual(p.headers(named: "Subject").count, 1)
        XCTAssertEqual(p.headers(named: "From").count, 1)
        XCTAssertEqual(p.header("X-Liaisond-Key"), "k")
    }

    func testDisplayNameWithSpecials_isQuotedAndRoundTrips() throws {
        let to = [Mailbox(name: "Wang, Fang \"Sec.\"", address: "s@example.org"),
                  Mailbox(name: "Li Ming", address: "l@example.org"),
                  Mailbox(name: "", address: "bare@example.org")]
        let bytes = message(to: to).rendered()
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("\"Wang, Fang \\\"Sec.\\\"\" <s@example.org>"), text)
        XCTAssertTrue(text.contains("Li Ming <l@example.org>"))
        XCTAssertEqual(MIMEReader.parse(bytes)?.mailboxes("To"), to)
    }

    func testEncodedWords_areAtMost75Chars_andNeverSplitAUTF8Sequence() {
        let text = String(repeating: "党员👨‍👩‍👧‍👦a", count: 20) + "é"
        let words = MIMEWriter.encodedWords(text)
        XCTAssertGreaterThan(words.count, 1)
        var joined = ""
        for w in words {
            XCTAssertLessThanOrEqual(w.count, 75)
            XCTAssertTrue(w.hasPrefix("=?UTF-8?B?") && w.hasSuffix("?="))
            let payload = w.dropFirst(10).dropLast(2)
            let decoded = MIMEReader.decodeBase64(Array(payload.utf8))
            let piece = String(validating: decoded, as: UTF8.self)
            XCTAssertNotNil(piece, "each word is valid UTF-8 on its own")
            joined += piece ?? ""
        }
        XCTAssertEqual(joined, text)
    }

    func testAsciiWordThatLooksLikeEncodedWord_isEncoded() throws {
        let subject = "literal =?UTF-8?B?5L2g?= text"
        let p = try XCTUnwrap(MIMEReader.parse(message(subject: subject).rendered()))
        XCTAssertEqual(p.subject, subject)
    }

    func testAutoReplied_isWrittenForAcknowledgements() throws {
        var m = message()
        m.autoSubmitted = "auto-replied"
        XCTAssertEqual(MIMEReader.parse(m.rendered())?.header("Auto-Submitted"), "auto-replied")
    }

    func testRendering_isDeterministic() {
        XCTAssertEqual(message().rendered(), message().rendered())
    }
}
