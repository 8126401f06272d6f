import Foundation
import LiaisonMail
import XCTest

/// `SMTPTransport.send(count:message:whileWaiting:beforeEndOfData:each:)` against aiosmtpd: one
/// reused message buffer, one handle across sends, the time while the server answers and the
/// stop before the end of data that a send loop uses to overlap a message's commit with the
/// next message's transfer.
final class SMTPTransportStreamingTests: XCTestCase {
    private func text(_ n: Int) -> [UInt8] {
        Array(("From: branch@example.org\r\nTo: member@example.org\r\nSubject: reminder \(n)\r\n"
               + "Message-ID: <\(n)@liaisond.test>\r\n\r\nLine one of \(n).\r\n").utf8)
    }

    func testMessagesFilledIntoOneBuffer_arriveInOrder_waitingAndEndOfDataComeOncePerMessageInOrder() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let transport = try SMTPTransport(settings: SMTPSettings(url: server.url, tls: .none, timeout: 10))
        var events: [String] = []
        var results: [DeliveryResult] = []
        var worked = false, calls = 0
        let summary = transport.send(count: 3, message: { i, mail in
            events.append("fill \(i)")
            worked = false
            mail.from = "branch@example.org"
            mail.recipients = ["member@example.org"]
            mail.data.removeAll(keepingCapacity: true)
            mail.data += self.text(i)
        }, whileWaiting: {
            // One piece of work per message, as a loop that commits the one before would do.
            calls += 1
            if worked { return false }
            worked = true
            events.append("waiting")
            return true
        }, beforeEndOfData: { i in
            events.append("end of data \(i)")
            return true
        }, each: { i, result in
            events.append("outcome \(i)")
            results.append(result)
            return true
        })
        // The loop's overlap rests on this order: message i's time of waiting comes after the
        // outcome of i − 1 and before the end of data of i.
        XCTAssertEqual(events, (0..<3).flatMap { ["fill \($0)", "waiting", "end of data \($0)", "outcome \($0)"] })
        XCTAssertGreaterThan(calls, 3, "asked again at each wait, not only once per message")
        XCTAssertEqual(summary, SMTPBatchSummary(attempted: 3, connections: 1))
        XCTAssertEqual(results.filter { if case .accepted = $0 { return true } else { return false } }.count, 3)
        XCTAssertEqual(try server.messages().map(\.data), (0..<3).map(text), "each message as filled, none mixed")
    }

    func testEndOfDataRefused_theMessageIsNotAccepted_andTheNextSendReconnects() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let transport = try SMTPTransport(settings: SMTPSettings(url: server.url, tls: .none, timeout: 10))
        var results: [DeliveryResult] = []
        transport.send(count: 2, message: { i, mail in
            mail = OutgoingMail(from: "branch@example.org", recipients: ["member@example.org"], data: self.text(i))
        }, whileWaiting: { false }, beforeEndOfData: { i in i == 0 }, each: { _, result in
            results.append(result)
            return true
        })
        XCTAssertEqual(results.count, 2)
        guard case .accepted = results[0], case .temporary(let reply) = results[1] else {
            return XCTFail("expected accepted, then temporary: \(results)")
        }
        XCTAssertTrue(reply.contains("before the end of data"), reply)
        XCTAssertEqual(try server.messages().map(\.data), [text(0)], "the stopped message never reached the server")

        // The same transport (and handle) sends again: a new connection, since the stop dropped one.
        let again = transport.send([OutgoingMail(from: "branch@example.org", recipients: ["member@example.org"],
                                                 data: text(7))]) { _, _ in true }
        XCTAssertEqual(again, SMTPBatchSummary(attempted: 1, connections: 1))
        XCTAssertEqual(try server.messages().map(\.data), [text(0), text(7)])
    }
}
