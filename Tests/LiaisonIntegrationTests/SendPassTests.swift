import Foundation
import LiaisonCore
@testable import LiaisonApp
import LiaisonMail
import LiaisonStore
import XCTest

/// The send pass in process: a real config, roster and SQLite store, a scripted transport in
/// place of the server, and "now" passed in. What the real-server tests show end to end is
/// pinned here step by step, on instants chosen for the rules, whatever today is.
final class SendPassTests: XCTestCase {
    /// 2026-12-17 09:00 in Shanghai: the 14-day lead of Q4's contact for P01.
    let leadDay = ISO8601DateFormatter().date(from: "2026-12-17T01:00:00Z")!

    /// Answers each message with the next scripted outcome (the last one repeats) and keeps
    /// what it was handed.
    final class ScriptedTransport: MailTransport, @unchecked Sendable {
        var script: [DeliveryResult]
        var delivered: [OutgoingMail] = []
        /// Stop the batch after this many messages, as SIGTERM would.
        var stopAfter: Int?
        init(_ script: [DeliveryResult]) { self.script = script }

        func send(_ batch: [OutgoingMail], each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary {
            for (i, mail) in batch.enumerated() {
                let outcome = script.count > 1 ? script.removeFirst() : script[0]
                if case .accepted = outcome { delivered.append(mail) }
                let goOn = each(i, outcome)
                if let s = stopAfter, delivered.count >= s { return SMTPBatchSummary(attempted: i + 1, connections: 1) }
                if !goOn { return SMTPBatchSummary(attempted: i + 1, connections: 1) }
            }
            return SMTPBatchSummary(attempted: batch.count, connections: 1)
        }
    }

    static let accepted = DeliveryResult.accepted(reply: "250 2.0.0 Ok: queued", refused: [])

    func makePass(_ branch: TestBranch, _ transport: ScriptedTransport) throws -> SendPass {
        let rt = try Runtime.load(configPath: branch.configPath, environment: [:])
        return SendPass(runtime: rt, store: try StoreAccess.open(rt), makeTransport: { _ in transport },
                      random: { n in (0..<n).map { _ in UInt8.random(in: 0...255) } })
    }

    func testALeadReminderIsRecordedSentAndNeverSentAgainAtTheSameInstant() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let transport = ScriptedTransport([Self.accepted])
        let pass = try makePass(branch, transport)

        let first = try pass.tick(now: leadDay)
        XCTAssertEqual(first.sent, 1)
        XCTAssertEqual(first.exitCode, 0)
        XCTAssertEqual(transport.delivered.map(\.recipients), [["l01@example.org"]])
        let sent = try pass.store.reminders(inState: .sent)
        XCTAssertEqual(sent.map(\.rule), [.contactQuarterly])

        let second = try pass.tick(now: leadDay.addingTimeInterval(60))
        XCTAssertEqual(second.sent, 0)
        XCTAssertEqual(transport.delivered.count, 1, "a second pass sends nothing twice")
    }

    func testA4xxDefersWithBackOffAndTheRetryAfterItDelivers() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let transport = ScriptedTransport([.temporary(reply: "451 4.3.0 try later"), Self.accepted])
        let pass = try makePass(branch, transport)

        let r = try pass.tick(now: leadDay)
        XCTAssertEqual(r.deferred, 1)
        XCTAssertEqual(r.exitCode, 75)
        let retry = try XCTUnwrap(try pass.store.nextRetry())
        XCTAssertEqual(retry.timeIntervalSince(leadDay), SendPass.backoff(attempt: 1), accuracy: 1)

        // Before the back-off nothing is tried; after it, the reminder goes out once.
        XCTAssertEqual(try pass.tick(now: retry.addingTimeInterval(-1)).sent, 0)
        XCTAssertEqual(transport.delivered.count, 0)
        XCTAssertEqual(try pass.tick(now: retry).sent, 1)
        XCTAssertEqual(transport.delivered.count, 1)
    }

    func testA5xxIsFailedForGoodAndNotRetried() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let transport = ScriptedTransport([.permanent(reply: "550 5.1.1 no such user")])
        let pass = try makePass(branch, transport)
        let r = try pass.tick(now: leadDay)
        XCTAssertEqual(r.failed, 1)
        XCTAssertEqual(r.exitCode, 69)
        XCTAssertNil(try pass.store.nextRetry())
        XCTAssertEqual(try pass.tick(now: leadDay.addingTimeInterval(86400 * 7)).failed, 0, "never tried again")
    }

    func testABatchStoppedMidwayLeavesTheRestQueuedAndTheNextPassSendsEachOnce() throws {
        var rows = ["id,name,kind,email,phone,since,liaison,grid,last_contact,last_report"]
        for i in 1...20 {
            rows.append(String(format: "P%02d,党员%02d,outgoing,m%02d@example.org,139000000%02d,2026-05-10,L01,G1,2026-07-15,2026-10-20", i, i, i, i))
        }
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9", members: rows.joined(separator: "\n"))
        let transport = ScriptedTransport([Self.accepted])
        transport.stopAfter = 7
        let pass = try makePass(branch, transport)

        let r = try pass.tick(now: leadDay)
        XCTAssertEqual(r.sent, 7)
        XCTAssertEqual(r.exitCode, 75, "not everything went out")
        XCTAssertEqual(try pass.store.waiting().count, 13)

        transport.stopAfter = nil
        let again = try pass.tick(now: leadDay.addingTimeInterval(120))
        XCTAssertEqual(again.sent, 13)
        XCTAssertEqual(transport.delivered.count, 20)
        let ids = transport.delivered.map { MIMEReader.parse($0.data)?.messageID }
        XCTAssertEqual(Set(ids).count, 20, "each reminder once")
    }
}
