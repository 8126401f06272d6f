import Foundation
@testable import LiaisonMail
import XCTest

/// SMTPTransport against real servers on loopback (aiosmtpd, smtp-sink).
final class SMTPTransportTests: XCTestCase {
    private var servers: [TestSMTPServer] = []

    override func tearDown() {
        servers.forEach { $0.stop() }
        servers.removeAll()
        super.tearDown()
    }

    private func aiosmtpd(_ behaviour: TestSMTPServer.Behaviour = .init()) throws -> TestSMTPServer {
        let server = try TestSMTPServer.aiosmtpd(behaviour: behaviour)
        servers.append(server)
        return server
    }

    private func sink(_ faults: TestSMTPServer.SinkFaults = .init()) throws -> TestSMTPServer {
        let server = try TestSMTPServer.smtpSink(faults: faults)
        servers.append(server)
        return server
    }

    private func mail(_ n: Int, to recipients: [String] = ["member@example.org"]) -> OutgoingMail {
        let text = "From: branch@example.org\r\nTo: \(recipients.joined(separator: ", "))\r\n"
            + "Subject: reminder \(n)\r\nMessage-ID: <\(n)@liaisond.test>\r\n\r\n"
            + "Line one of \(n).\r\n.A line that starts with a dot.\r\n"
        return OutgoingMail(from: "branch@example.org", recipients: recipients, data: Array(text.utf8))
    }

    /// Sends the batch with plain SMTP (tls = none) unless settings are given.
    @discardableResult
    private func send(_ batch: [OutgoingMail], to server: TestSMTPServer? = nil,
                      settings: SMTPSettings? = nil) throws -> ([DeliveryResult], SMTPBatchSummary) {
        let transport = try SMTPTransport(settings: settings ?? SMTPSettings(url: server!.url, tls: .none, timeout: 10))
        var results: [DeliveryResult] = []
        let summary = transport.send(batch) { index, result in
            XCTAssertEqual(index, results.count)
            results.append(result)
            return true
        }
        return (results, summary)
    }

    // MARK: Delivery

    func testBatchOfThree_arrivesOverOneConnection_withFinalReplies() throws {
        let server = try aiosmtpd()
        let batch = (1...3).map { mail($0) }
        let (results, summary) = try send(batch, to: server)

        XCTAssertEqual(results, [
            .accepted(reply: "250 2.0.0 Ok: queued as Q000001", refused: []),
            .accepted(reply: "250 2.0.0 Ok: queued as Q000002", refused: []),
            .accepted(reply: "250 2.0.0 Ok: queued as Q000003", refused: []),
        ])
        XCTAssertEqual(summary, SMTPBatchSummary(attempted: 3, connections: 1))
        let received = try server.messages()
        XCTAssertEqual(received.map(\.data), batch.map(\.data), "bytes arrive unchanged (dot-stuffing undone)")
        XCTAssertEqual(received.map(\.rcptTos), [["member@example.org"]] + [["member@example.org"]] * 2)
        XCTAssertEqual(Set(received.map(\.peer)).count, 1, "one client port: one connection")
    }

    func testEachReturningFalse_stopsTheBatch() throws {
        let server = try aiosmtpd()
        let transport = try SMTPTransport(settings: SMTPSettings(url: server.url, tls: .none))
        var calls = 0
        let summary = transport.send((1...3).map { mail($0) }) { _, _ in
            calls += 1
            return false
        }
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(summary.attempted, 1)
        XCTAssertEqual(try server.messages().count, 1)
    }

    func testOneRefusedRecipient_isAccepted_andNamesTheAddress() throws {
        let server = try aiosmtpd(.init(rejectRecipients: ["gone@example.org"], deferRecipients: ["full@example.org"]))
        let (results, _) = try send([mail(1, to: ["member@example.org", "gone@example.org", "full@example.org"])],
                                    to: server)

        guard case .accepted(let reply, let refused)? = results.first else {
            return XCTFail("expected accepted, got \(results)")
        }
        XCTAssertEqual(reply, "250 2.0.0 Ok: queued as Q000001")
        XCTAssertEqual(refused, [
            RefusedRecipient(address: "gone@example.org",
                             reply: "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"),
            RefusedRecipient(address: "full@example.org",
                             reply: "450 4.2.2 <full@example.org>: Mailbox full, try again later"),
        ])
        XCTAssertEqual(refused.map(\.isTemporary), [false, true])
        XCTAssertEqual(try server.messages().map(\.rcptTos), [["member@example.org"]])
    }

    func testServerOfferingPipelining_getsEachEnvelopeAtOnce_withTheSameOutcomes() throws {
        let server = try aiosmtpd(.init(rejectRecipients: ["gone@example.org"], deferRecipients: ["full@example.org"],
                                        pipelining: true))
        let transport = try SMTPTransport(settings: SMTPSettings(url: server.url, tls: .none, timeout: 10))
        let batch = [mail(1, to: ["member@example.org", "gone@example.org", "full@example.org"]), mail(2),
                     mail(3, to: ["gone@example.org", "full@example.org"]), mail(4)]
        var results: [DeliveryResult] = []
        let summary = transport.send(batch) { _, result in
            results.append(result)
            return true
        }
        XCTAssertEqual(results, [
            .accepted(reply: "250 2.0.0 Ok: queued as Q000001", refused: [
                RefusedRecipient(address: "gone@example.org",
                                 reply: "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"),
                RefusedRecipient(address: "full@example.org",
                                 reply: "450 4.2.2 <full@example.org>: Mailbox full, try again later"),
            ]),
            .accepted(reply: "250 2.0.0 Ok: queued as Q000002", refused: []),
            // Every recipient refused, one of them for now: the message waits for a retry.
            .temporary(reply: "450 4.2.2 <full@example.org>: Mailbox full, try again later"),
            .accepted(reply: "250 2.0.0 Ok: queued as Q000003", refused: []),
        ])
        XCTAssertEqual(transport.pipelinesEnvelopes, true)
        XCTAssertEqual(summary, SMTPBatchSummary(attempted: 4, connections: 2), "the refused envelope dropped its connection")
        let received = try server.messages()
        XCTAssertEqual(received.map(\.data), [batch[0], batch[1], batch[3]].map(\.data), "dot-stuffing undone")
        XCTAssertEqual(received.map(\.rcptTos), [["member@example.org"], ["member@example.org"], ["member@example.org"]])
    }

    func testConnectionTheServerClosedWhileIdle_isNotReused_theNextMessageReconnects() throws {
        let server = try aiosmtpd(.init(pipelining: true, hangUp: true))
        let transport = try SMTPTransport(settings: SMTPSettings(url: server.url, tls: .none, timeout: 10))
        var results: [DeliveryResult] = []
        for n in 1...3 {
            let summary = transport.send([mail(n)]) { _, result in
                results.append(result)
                return true
            }
            XCTAssertEqual(summary, SMTPBatchSummary(attempted: 1, connections: 1), "message \(n)")
            // The next send starts once the server has closed this connection (a real event,
            // not a timer): writing MAIL FROM into it would lose the message to "connection lost".
            let deadline = Date().addingTimeInterval(5)
            while server.hangUps().count < n && Date() < deadline { usleep(2_000) }
        }
        XCTAssertEqual(results, (1...3).map { .accepted(reply: "250 2.0.0 Ok: queued as Q00000\($0)", refused: []) })
        XCTAssertEqual(Set(try server.messages().map(\.peer)).count, 3, "three connections")
    }

    func testServerWithoutPipelining_getsOneCommandAtATime() throws {
        let server = try aiosmtpd()
        let transport = try SMTPTransport(settings: SMTPSettings(url: server.url, tls: .none, timeout: 10))
        transport.send([mail(1)]) { _, _ in true }
        XCTAssertEqual(transport.pipelinesEnvelopes, false)
    }

    // MARK: Refusals

    func testReply451AfterData_isTemporary_andTheNextMessageGoesOnAFreshConnection() throws {
        for pipelining in [false, true] {
            try reply451AfterData(pipelining: pipelining)
        }
    }

    private func reply451AfterData(pipelining: Bool) throws {
        let server = try aiosmtpd(.init(failFirst: 1, pipelining: pipelining))
        let (results, summary) = try send([mail(1), mail(2)], to: server)

        XCTAssertEqual(results, [
            .temporary(reply: "451 4.3.0 Error: queue file write error, try again later"),
            .accepted(reply: "250 2.0.0 Ok: queued as Q000001", refused: []),
        ])
        XCTAssertEqual(summary.attempted, 2)
        XCTAssertEqual(summary.connections, 2,
                       "after a failed transaction the server's state is unknown: the next message reconnects")
        XCTAssertEqual(try server.messages().count, 1)
    }

    func testEveryRecipientRefused_isPermanent() throws {
        for pipelining in [false, true] {
            let server = try aiosmtpd(.init(rejectAllRecipients: true, pipelining: pipelining))
            let (results, _) = try send([mail(1, to: ["a@example.org", "b@example.org"]), mail(2)], to: server)

            XCTAssertEqual(results, [
                .permanent(reply: "550 5.1.1 <b@example.org>: Recipient address rejected: User unknown"),
                .permanent(reply: "550 5.1.1 <member@example.org>: Recipient address rejected: User unknown"),
            ], "pipelining \(pipelining)")
        }
    }

    func testRefusedTransaction_leavesTheHandleUsable_forTheNextMessage() throws {
        let server = try aiosmtpd(.init(rejectRecipients: ["gone@example.org"]))
        let (results, summary) = try send([mail(1, to: ["gone@example.org"]), mail(2)], to: server)

        XCTAssertEqual(results, [
            .permanent(reply: "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"),
            .accepted(reply: "250 2.0.0 Ok: queued as Q000001", refused: []),
        ])
        XCTAssertEqual(summary.connections, 2, "an error inside the transaction closes the connection; libcurl reconnects")
        XCTAssertEqual(try server.messages().map(\.rcptTos), [["member@example.org"]])
    }

    func testMessageRejectedAfterData_isPermanent() throws {
        for pipelining in [false, true] {
            let server = try aiosmtpd(.init(rejectData: true, pipelining: pipelining))
            let (results, _) = try send([mail(1)], to: server)
            XCTAssertEqual(results, [.permanent(reply: "554 5.7.1 Error: message content rejected")])
        }
    }

    func testSmtpSinkFaults_mapToTemporaryOrPermanent() throws {
        let soft = "450 4.3.0 Error: command failed"
        let hard = "500 5.3.0 Error: command failed"
        let cases: [(TestSMTPServer.SinkFaults, DeliveryResult)] = [
            (.init(softReject: ["MAIL"]), .temporary(reply: soft)),
            (.init(hardReject: ["MAIL"]), .permanent(reply: hard)),
            (.init(softReject: ["RCPT"]), .temporary(reply: soft)),
            (.init(hardReject: ["RCPT"]), .permanent(reply: hard)),
            (.init(softReject: ["DATA"]), .temporary(reply: soft)),
            (.init(hardReject: ["DATA"]), .permanent(reply: hard)),
            (.init(softReject: ["."]), .temporary(reply: soft)),
            (.init(hardReject: ["."]), .permanent(reply: hard)),
            (.init(hardReject: ["EHLO", "HELO"]), .temporary(reply: hard)),
        ]
        for (faults, expected) in cases {
            let server = try sink(faults)
            let (results, _) = try send([mail(1)], to: server)
            XCTAssertEqual(results, [expected], "faults \(faults)")
            server.stop()
        }
    }

    func testSmtpSinkAccepts_aBatchOverOneConnection() throws {
        let server = try sink()
        let (results, summary) = try send((1...5).map { mail($0) }, to: server)
        XCTAssertEqual(results.count, 5)
        for result in results {
            guard case .accepted(let reply, []) = result else { return XCTFail("\(result)") }
            XCTAssertTrue(reply.hasPrefix("250 "), reply)
        }
        XCTAssertEqual(summary.connections, 1)
    }

    // MARK: No server line

    func testServerDown_isTemporary_withConnectDescription() throws {
        let port = try TestSMTPServer.freePort()
        let (results, _) = try send([mail(1), mail(2)],
                                    settings: SMTPSettings(url: "smtp://127.0.0.1:\(port)", tls: .none))
        let expected = DeliveryResult.temporary(reply: "connect: connection refused (127.0.0.1:\(port))")
        XCTAssertEqual(results, [expected, expected])
    }

    func testDisconnectAfterData_isTemporary() throws {
        let server = try sink(.init(disconnect: ["."]))
        let (results, _) = try send([mail(1)], to: server)
        guard case .temporary(let reply)? = results.first else { return XCTFail("\(results)") }
        XCTAssertTrue(reply.hasPrefix("connection lost: "), reply)
        // What happened, not libcurl's stale errno ("response reading failed (errno: 115)").
        XCTAssertEqual(reply, "connection lost: the server closed the connection without a reply "
                       + "(after the message was sent, before accepting it)")
    }

    func testReply421AndDisconnect_isTemporary() throws {
        let server = try sink(.init(disconnect421: ["RCPT"]))
        let (results, _) = try send([mail(1)], to: server)
        guard case .temporary(let reply)? = results.first else { return XCTFail("\(results)") }
        XCTAssertTrue(reply.hasPrefix("421 "), reply)
    }

    func testSlowServer_timesOut_asTemporary() throws {
        let server = try sink(.init(delay: [(command: "RCPT", seconds: 5)]))
        let start = Date()
        let (results, _) = try send([mail(1)], settings: SMTPSettings(url: server.url, tls: .none, timeout: 1))
        XCTAssertEqual(results, [.temporary(reply: "timeout after 1 s")])
        XCTAssertLessThan(Date().timeIntervalSince(start), 4)
    }

    func testSilentServer_timesOutWhileConnecting() throws {
        let server = try sink(.init(delay: [(command: "CONNECT", seconds: 5)]))
        let (results, _) = try send([mail(1)], settings: SMTPSettings(url: server.url, tls: .none,
                                                                       connectTimeout: 1, timeout: 10))
        XCTAssertEqual(results, [.temporary(reply: "connect: timeout after 1 s (127.0.0.1:\(server.port))")])
    }

    // MARK: TLS

    func testStartTLSRequired_againstServerWithoutIt_isTemporary() throws {
        let server = try sink()
        let (results, _) = try send([mail(1)], settings: SMTPSettings(url: server.url, tls: .required))
        XCTAssertEqual(results, [.temporary(reply: "TLS: server does not offer STARTTLS")])
    }

    func testStartTLS_withUnknownCA_isTemporary_andTrustedThroughCAFile() throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let server = try aiosmtpd(.init(tls: (certificates.serverCertificate, certificates.serverKey)))
        let url = "smtp://localhost:\(server.port)"

        let (untrusted, _) = try send([mail(1)], settings: SMTPSettings(url: url, tls: .required))
        XCTAssertEqual(untrusted, [.temporary(reply: "TLS: certificate not trusted (unknown CA)")])

        let (trusted, summary) = try send([mail(2), mail(3)],
                                          settings: SMTPSettings(url: url, tls: .required, caFile: certificates.caCertificate))
        // TLS records that carry no data (TLS 1.3 session tickets) do not make the connection
        // look closed: both messages go over one.
        XCTAssertEqual(summary.connections, 1)
        XCTAssertEqual(trusted, [
            .accepted(reply: "250 2.0.0 Ok: queued as Q000001", refused: []),
            .accepted(reply: "250 2.0.0 Ok: queued as Q000002", refused: []),
        ])

        let (wrongName, _) = try send([mail(4)], settings: SMTPSettings(url: server.url, tls: .required,
                                                                         caFile: certificates.caCertificate))
        XCTAssertEqual(wrongName, [.temporary(reply: "TLS: host name does not match certificate")])
        XCTAssertEqual(try server.messages().count, 2)
    }

    func testCAFileMissing_failsAtSetUp() {
        XCTAssertThrowsError(try SMTPTransport(settings: SMTPSettings(url: "smtp://127.0.0.1:25",
                                                                      caFile: "/nonexistent/ca.pem"))) {
            XCTAssertEqual($0 as? SMTPTransportError,
                           .caFileUnreadable(path: "/nonexistent/ca.pem", reason: "no such file"))
        }
    }

    // MARK: AUTH

    func testAuth_withGoodPassword_isAccepted_andWrongPassword_isTemporary() throws {
        let server = try aiosmtpd(.init(auth: ("branch", "s3cret")))
        let good = SMTPSettings(url: server.url, user: "branch", password: "s3cret", tls: .none)
        let (accepted, _) = try send([mail(1, to: ["member@example.org", "x@example.org"])], settings: good)
        XCTAssertEqual(accepted, [.accepted(reply: "250 2.0.0 Ok: queued as Q000001", refused: [])])

        let bad = SMTPSettings(url: server.url, user: "branch", password: "wrong", tls: .none)
        let (refused, _) = try send([mail(2)], settings: bad)
        guard case .temporary(let reply)? = refused.first else { return XCTFail("\(refused)") }
        XCTAssertTrue(reply.hasPrefix("authentication failed: 535 "), reply)
        XCTAssertEqual(refused.first?.serverProblem, .authentication)
        XCTAssertEqual(refused.first?.stopsPass, true)
        XCTAssertFalse(reply.contains("wrong"))
    }
}

private func * <T>(array: [T], count: Int) -> [T] {
    Array((0..<count).map { _ in array }.joined())
}
