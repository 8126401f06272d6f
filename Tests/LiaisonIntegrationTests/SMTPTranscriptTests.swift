@testable import LiaisonMail
import XCTest

/// The transcript pairs each reply with its command: one at a time while libcurl opens the
/// connection, several at once when the envelope is pipelined.
final class SMTPTranscriptTests: XCTestCase {
    func testPipelinedReplies_answerTheOldestCommandWithoutOne() {
        var t = SMTPTranscript()
        for command in ["MAIL FROM:<branch@example.org>", "RCPT TO:<a@example.org>", "RCPT TO:<gone@example.org>",
                        "RCPT TO:<full@example.org>", "DATA"] {
            t.sent(command)
        }
        // All five answers in one read, one of them on two lines.
        for line in ["250 2.1.0 Ok", "250 2.1.5 Ok", "550-5.1.1 <gone@example.org>:", "550 5.1.1 User unknown",
                     "450 4.2.2 <full@example.org>: Mailbox full", "354 End data with <CR><LF>.<CR><LF>"] {
            t.received(line)
        }
        t.sent(".")
        t.received("250 2.0.0 Ok: queued as Q1")

        XCTAssertEqual(t.exchanges.map(\.verb), ["MAIL", "RCPT", "RCPT", "RCPT", "DATA", "."])
        XCTAssertEqual(t.recipientReplies.map(\.address), ["a@example.org", "gone@example.org", "full@example.org"])
        XCTAssertEqual(t.recipientReplies.map(\.code), [250, 550, 450])
        XCTAssertEqual(t.recipientReplies[1].reply, "550-5.1.1 <gone@example.org>: 550 5.1.1 User unknown")
        XCTAssertEqual(t.exchange(verb: "DATA")?.code, 354)
        XCTAssertEqual(t.finalReply?.reply, "250 2.0.0 Ok: queued as Q1")
    }

    func testRepliesStillOwed_leaveTheirCommandsOpen() {
        var t = SMTPTranscript()
        t.sent("MAIL FROM:<branch@example.org>")
        t.sent("RCPT TO:<a@example.org>")
        t.sent("DATA")
        t.received("250 2.1.0 Ok")
        XCTAssertEqual(t.exchanges.map(\.isComplete), [true, false, false])
        XCTAssertEqual(t.lastReply?.verb, "MAIL")
        XCTAssertNil(t.lastFailure)
    }

    func testALineNobodyAskedFor_isAnExchangeOfItsOwn() {
        var t = SMTPTranscript()
        t.received("220 mail.example.org ESMTP")
        t.sent("EHLO host")
        t.received("250 mail.example.org")
        t.received("421 4.4.2 Timeout exceeded")
        XCTAssertEqual(t.exchanges.map(\.verb), [nil, "EHLO", nil])
        XCTAssertEqual(t.lastFailure?.code, 421)
    }

    func testExtensions_areTheKeywordsOfTheLastEHLOReply() {
        var t = SMTPTranscript()
        t.received("220 mail.example.org ESMTP")
        t.sent("EHLO host")
        for line in ["250-mail.example.org", "250-PIPELINING", "250-SIZE 10240000", "250-STARTTLS", "250 8BITMIME"] {
            t.received(line)
        }
        XCTAssertEqual(t.extensions, ["PIPELINING", "SIZE", "STARTTLS", "8BITMIME"])
        // After STARTTLS the client asks again; the second answer is the one that counts.
        t.sent("STARTTLS")
        t.received("220 2.0.0 Ready to start TLS")
        t.sent("EHLO host")
        t.received("250-mail.example.org")
        t.received("250 size 10240000")
        XCTAssertEqual(t.extensions, ["SIZE"])
    }
}
