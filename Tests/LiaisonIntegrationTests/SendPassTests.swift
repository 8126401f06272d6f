import Foundation
import LiaisonCore
@testable import LiaisonApp
@testable import LiaisonMail
import LiaisonStore
import XCTest

/// The send pass in process: a real config, roster and SQLite store, a scripted transport in
/// place of the server, and "now" passed in. What the real-server tests show end to end is
/// pinned here step by step, on instants chosen for the rules, whatever today is.
final class SendPassTests: XCTestCase {
    /// 2026-12-17 09:00 in Shanghai: the 14-day lead of Q4's contact for P01.
    let leadDay = ISO8601DateFormatter().date(from: "2026-12-17T01:00:00Z")!

    /// Answers each message with the next scripted outcome (the last one repeats), or with
    /// `answer` when set, and keeps what it was handed.
    final class ScriptedTransport: MailTransport, @unchecked Sendable {
        var script: [DeliveryResult]
        var answer: ((OutgoingMail) -> DeliveryResult)?
        /// Every message handed over, whatever the outcome.
        var handed: [OutgoingMail] = []
        var delivered: [OutgoingMail] = []
        /// Stop the batch after this many messages, as SIGTERM would.
        var stopAfter: Int?
        /// Messages (by index in a batch) that fail before any command goes out, as a message
        /// without a valid recipient or after a refused reconnect does: no wait, no end of data.
        var failBeforeSending: Set<Int> = []
        init(_ script: [DeliveryResult]) { self.script = script }

        func send(_ batch: [OutgoingMail], each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary {
            send(count: batch.count, message: { i, mail in mail = batch[i] }, whileWaiting: { false }, beforeEndOfData: { _ in true },
                 each: each)
        }

        /// As `SMTPTransport` does: each message asked for, `whileWaiting` run (until it has
        /// nothing left) as if its envelope were on the wire, `beforeEndOfData` asked before it is handed over (false: it never
        /// arrives), then its outcome.
        func send(count: Int, message: (Int, inout OutgoingMail) -> Void, whileWaiting: () -> Bool,
                  beforeEndOfData: (Int) -> Bool, each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary {
            var mail = OutgoingMail(from: "", recipients: [], data: [])
            for i in 0..<count {
                message(i, &mail)
                if failBeforeSending.contains(i) {
                    handed.append(mail)
                    if !each(i, .permanent(reply: "no valid recipient address")) {
                        return SMTPBatchSummary(attempted: i + 1, connections: 1)
                    }
                    continue
                }
                while whileWaiting() {}
                guard beforeEndOfData(i) else {
                    _ = each(i, .temporary(reply: "not sent: stopped before the end of data"))
                    return SMTPBatchSummary(attempted: i + 1, connections: 1)
                }
                handed.append(mail)
                let outcome = answer?(mail) ?? (script.count > 1 ? script.removeFirst() : script[0])
                if case .accepted = outcome { delivered.append(mail) }
                let goOn = each(i, outcome)
                if let s = stopAfter, delivered.count >= s { return SMTPBatchSummary(attempted: i + 1, connections: 1) }
                if !goOn { return SMTPBatchSummary(attempted: i + 1, connections: 1) }
            }
            return SMTPBatchSummary(attempted: count, connections: 1)
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

        let first = try pass.run(now: leadDay)
        XCTAssertEqual(first.sent, 1)
        XCTAssertEqual(first.exitCode, 0)
        XCTAssertEqual(transport.delivered.map(\.recipients), [["l01@example.org"]])
        let sent = try pass.store.reminders(inState: .sent)
        XCTAssertEqual(sent.map(\.rule), [.contactQuarterly])

        let second = try pass.run(now: leadDay.addingTimeInterval(60))
        XCTAssertEqual(second.sent, 0)
        XCTAssertEqual(transport.delivered.count, 1, "a second pass sends nothing twice")
    }

    func testA4xxDefersWithBackOffAndTheRetryAfterItDelivers() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let transport = ScriptedTransport([.temporary(reply: "451 4.3.0 try later"), Self.accepted])
        let pass = try makePass(branch, transport)

        let r = try pass.run(now: leadDay)
        XCTAssertEqual(r.deferred, 1)
        XCTAssertEqual(r.exitCode, 75)
        let retry = try XCTUnwrap(try pass.store.nextRetry())
        XCTAssertEqual(retry.timeIntervalSince(leadDay), SendPass.backoff(attempt: 1), accuracy: 1)

        // Before the back-off nothing is tried; after it, the reminder goes out once.
        XCTAssertEqual(try pass.run(now: retry.addingTimeInterval(-1)).sent, 0)
        XCTAssertEqual(transport.delivered.count, 0)
        XCTAssertEqual(try pass.run(now: retry).sent, 1)
        XCTAssertEqual(transport.delivered.count, 1)
    }

    func testA5xxIsFailedForGoodAndNotRetried() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let transport = ScriptedTransport([.permanent(reply: "550 5.1.1 no such user")])
        let pass = try makePass(branch, transport)
        let r = try pass.run(now: leadDay)
        XCTAssertEqual(r.failed, 1)
        XCTAssertEqual(r.exitCode, 69)
        XCTAssertNil(try pass.store.nextRetry())
        XCTAssertEqual(try pass.run(now: leadDay.addingTimeInterval(86400 * 7)).failed, 0, "never tried again")
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

        let r = try pass.run(now: leadDay)
        XCTAssertEqual(r.sent, 7)
        XCTAssertEqual(r.exitCode, 75, "not everything went out")
        XCTAssertEqual(try pass.store.waiting().count, 13)

        transport.stopAfter = nil
        let again = try pass.run(now: leadDay.addingTimeInterval(120))
        XCTAssertEqual(again.sent, 13)
        XCTAssertEqual(transport.delivered.count, 20)
        let ids = transport.delivered.map { MIMEReader.parse($0.data)?.messageID }
        XCTAssertEqual(Set(ids).count, 20, "each reminder once")
    }

    func testAMessageThatFailsBeforeAnyCommandLeavesTheOneBeforeItRecorded() throws {
        var rows = ["id,name,kind,email,phone,since,liaison,grid,last_contact,last_report"]
        for i in 1...4 {
            rows.append(String(format: "P%02d,党员%02d,outgoing,m%02d@example.org,139000000%02d,2026-05-10,L0%d,G1,2026-07-15,2026-10-20",
                               i, i, i, i, i))
        }
        let people = "id,name,email,role,grid\nW1,卢立新,wgz1@example.org,grid-leader,G1\n"
            + (1...4).map { "L0\($0),联系人\($0),l0\($0)@example.org,liaison,G1" }.joined(separator: "\n") + "\n"
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9", members: rows.joined(separator: "\n"), people: people)
        let transport = ScriptedTransport([Self.accepted])
        transport.failBeforeSending = [1, 2]
        let pass = try makePass(branch, transport)

        let r = try pass.run(now: leadDay)
        XCTAssertEqual(r.sent, 2, "the messages the server took are recorded sent, whatever came after them")
        XCTAssertEqual(r.failed, 2)
        XCTAssertEqual(try pass.store.reminders(inState: .sent).count, 2)
        XCTAssertEqual(try pass.store.reminders(inState: .failed).count, 2)
        XCTAssertEqual(try pass.store.waiting().count, 0, "nothing left queued to go out twice")
        XCTAssertEqual(transport.delivered.count, 2)
    }

    // MARK: acknowledgements and bundles: the same loop

    /// 2026-12-22 10:00 in Shanghai: the liaison answers the lead reminder.
    let replyTime = ISO8601DateFormatter().date(from: "2026-12-22T02:00:00Z")!

    static func subject(_ m: OutgoingMail) -> String { MIMEReader.parse(m.data)?.subject ?? "" }

    /// The lead reminder sent, and the liaison's reply to it taken: its acknowledgement waits
    /// (keep `branch`: its folder goes with it).
    func queuedAck() throws -> (branch: TestBranch, transport: ScriptedTransport, pass: SendPass, key: String) {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let transport = ScriptedTransport([Self.accepted])
        let pass = try makePass(branch, transport)
        XCTAssertEqual(try pass.run(now: leadDay).sent, 1)
        let reminder = try XCTUnwrap(MIMEReader.parse(try XCTUnwrap(transport.delivered.first).data))
        let reply = IngestTests.reply(to: reminder, body: "已联系 12-20 电话，一切正常")
        let verdict = try ReplyTaker(runtime: pass.runtime, store: pass.store).take(Array(reply), now: replyTime, source: "ingest")
        XCTAssertEqual(verdict, .reply)
        let acks = try pass.store.pendingAcks(at: replyTime)
        XCTAssertEqual(acks.count, 1)
        return (branch, transport, pass, try XCTUnwrap(acks.first).key)
    }

    func testAnAcknowledgementDeferredOn4xxIsRetriedAfterTheBackOffAndLoggedAck() throws {
        let (branch, transport, pass, key) = try queuedAck()
        defer { withExtendedLifetime(branch) {} }

        transport.script = [.temporary(reply: "451 4.3.0 try later")]
        let r = try pass.run(now: replyTime)
        XCTAssertEqual([r.sent, r.deferred, r.failed], [0, 1, 0])
        XCTAssertEqual(r.exitCode, 75)
        let deferred = try pass.store.log(LogFilter(event: .deferred))
        XCTAssertEqual(deferred.map(\.key), [key])
        XCTAssertEqual(deferred.first?.attempt, 1)
        let retry = try XCTUnwrap(try pass.store.nextAckRetry())
        XCTAssertEqual(retry.timeIntervalSince(replyTime), SendPass.backoff(attempt: 1), accuracy: 1)

        transport.script = [Self.accepted]
        XCTAssertEqual(try pass.run(now: retry.addingTimeInterval(-1)).sent, 0, "not before the back-off")
        let again = try pass.run(now: retry)
        XCTAssertEqual(again.sent, 1)
        XCTAssertEqual(again.exitCode, 0)
        let acks = try pass.store.log(LogFilter(event: .ack))
        XCTAssertEqual(acks.map(\.key), [key])
        XCTAssertEqual(acks.first?.attempt, 2)
        XCTAssertEqual(acks.first?.to, ["l01@example.org"])
        XCTAssertEqual(transport.delivered.count, 2, "the reminder and the acknowledgement, once each")
        XCTAssertNil(try pass.store.nextAckRetry(), "nothing waits")
    }

    func testAnAcknowledgementRefusedWith5xxIsFailedForGood() throws {
        let (branch, transport, pass, key) = try queuedAck()
        defer { withExtendedLifetime(branch) {} }

        transport.script = [.permanent(reply: "550 5.1.1 no such user")]
        let r = try pass.run(now: replyTime)
        XCTAssertEqual(r.failed, 1)
        XCTAssertEqual(r.exitCode, 69)
        XCTAssertEqual(try pass.store.log(LogFilter(event: .failed)).map(\.key), [key])
        XCTAssertNil(try pass.store.nextAckRetry())
        XCTAssertEqual(try pass.run(now: replyTime.addingTimeInterval(86400)).failed, 0, "never tried again")
        XCTAssertEqual(transport.handed.count, 2)
    }

    /// Two members: P01's lead reminder went out and the liaison's reply to it waits to be
    /// acknowledged; P02's was deferred and its retry has come by `replyTime`.
    func ackAndRetryWaiting() throws
        -> (branch: TestBranch, transport: ScriptedTransport, pass: SendPass, p02: StoredReminder) {
        var rows = ["id,name,kind,email,phone,since,liaison,grid,last_contact,last_report"]
        rows.append("P01,张伟,outgoing,m01@example.org,13900000001,2026-05-10,L01,G1,2026-07-15,2026-10-20")
        rows.append("P02,李娜,outgoing,m02@example.org,13900000002,2026-05-10,L01,G1,2026-07-15,2026-10-20")
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9", members: rows.joined(separator: "\n"))
        let transport = ScriptedTransport([Self.accepted])
        transport.answer = { mail in
            Self.subject(mail).contains("李娜") ? .temporary(reply: "452 4.2.2 mailbox full") : Self.accepted
        }
        let pass = try makePass(branch, transport)
        let first = try pass.run(now: leadDay)
        XCTAssertEqual([first.sent, first.deferred], [1, 1])
        let p02 = try XCTUnwrap(try pass.store.waiting().first)
        XCTAssertEqual(p02.member, "P02")
        let reminder = try XCTUnwrap(MIMEReader.parse(try XCTUnwrap(transport.delivered.first).data))
        XCTAssertTrue(try ReplyTaker(runtime: pass.runtime, store: pass.store)
            .take(Array(IngestTests.reply(to: reminder, body: "已联系 12-20")), now: replyTime, source: "ingest") == .reply)
        transport.answer = nil
        return (branch, transport, pass, p02)
    }

    /// The pass asks for the send lock once, for the acknowledgement and the reminder alike:
    /// held by another sender, one line says both wait.
    func testThePassTakesTheSendLockOnceForAcknowledgementsAndReminders() throws {
        let (branch, transport, pass, _) = try ackAndRetryWaiting()
        defer { withExtendedLifetime(branch) {} }
        var lines: [String] = []
        pass.logLine = { _, line in lines.append(line) }
        pass.lockTimeout = 0.2
        let other = try XCTUnwrap(SendLock.acquire(path: pass.runtime.lockPath, timeout: 1))
        let handed = transport.handed.count
        let r = try pass.run(now: replyTime)
        XCTAssertEqual(r.heldBack, 2)
        XCTAssertEqual(r.exitCode, 75)
        XCTAssertEqual(transport.handed.count, handed)
        XCTAssertEqual(lines.filter { $0.contains("busy") }, ["send lock \(pass.runtime.lockPath) busy: 2 message(s) left queued"])
        withExtendedLifetime(other) {}
    }

    /// An acknowledgement that cannot reach the server stops the pass before the reminder
    /// waiting behind it: one failed connection, not two; both wait for the same retry, the
    /// reminder untried and marked so; the next message through clears the stop.
    func testAStopThePassFailureOnAnAcknowledgementHoldsTheRemindersBackUntried() throws {
        let (branch, transport, pass, p02) = try ackAndRetryWaiting()
        defer { withExtendedLifetime(branch) {} }
        transport.script = [.temporary(reply: "connect: connection refused (127.0.0.1:9)")]
        let handedBefore = transport.handed.count
        let r = try pass.run(now: replyTime)
        XCTAssertEqual(transport.handed.count - handedBefore, 1, "the acknowledgement, then nothing")
        XCTAssertTrue(Self.subject(transport.handed.last!).hasPrefix("Re:") || transport.handed.last!.recipients == ["l01@example.org"])
        XCTAssertEqual([r.sent, r.deferred, r.heldBack], [0, 1, 1])
        let retry = replyTime.addingTimeInterval(SendPass.backoff(attempt: 1))
        let held = try XCTUnwrap(try pass.store.reminder(key: p02.key))
        XCTAssertEqual(held.attempts, 1, "no attempt counted for the reminder held back")
        XCTAssertEqual(try XCTUnwrap(held.nextTry).timeIntervalSince(retry), 0, accuracy: 1)
        XCTAssertTrue(held.lastSMTP?.hasPrefix("not tried: connect: connection refused") ?? false, held.lastSMTP ?? "")
        XCTAssertEqual(try XCTUnwrap(try pass.store.nextAckRetry()).timeIntervalSince(retry), 0, accuracy: 1)
        XCTAssertEqual(try ServerStop.load(from: pass.store)?.problem, .connection)

        transport.script = [Self.accepted]
        let after = try pass.run(now: retry)
        XCTAssertEqual(after.sent, 2, "the acknowledgement and the reminder")
        XCTAssertEqual(after.exitCode, 0)
        XCTAssertNil(try ServerStop.load(from: pass.store), "the stop is over once a message went through")
    }

    /// Three members lost for months: their `contact.lost` reminders are one daily list for the
    /// secretary (每日待办), sent and recorded as one message of the outbox.
    func lostBranch(_ n: Int = 3) throws -> TestBranch {
        try TestBranch(smtpURL: "smtp://127.0.0.1:9", members: DaemonTests.lostMembers(n))
    }

    let lostDay = ISO8601DateFormatter().date(from: "2026-11-18T01:30:00Z")!

    static func isList(_ m: OutgoingMail) -> Bool { subject(m).hasPrefix("每日待办") }

    func listReminders(_ pass: SendPass) throws -> [StoredReminder] {
        try pass.store.waiting().filter { $0.bundle != nil } + pass.store.reminders(inState: .sent).filter { $0.bundle != nil }
            + pass.store.reminders(inState: .failed).filter { $0.bundle != nil }
    }

    /// The first pass of `lostBranch`, the daily list answered with `listOutcome`, anything
    /// else accepted.
    func listPass(_ listOutcome: DeliveryResult) throws
        -> (branch: TestBranch, transport: ScriptedTransport, pass: SendPass, result: SendPass.PassResult, carried: [StoredReminder]) {
        let transport = ScriptedTransport([Self.accepted])
        transport.answer = { Self.isList($0) ? listOutcome : Self.accepted }
        let branch = try lostBranch()
        let pass = try makePass(branch, transport)
        let r = try pass.run(now: lostDay)
        let carried = try listReminders(pass)
        XCTAssertGreaterThanOrEqual(carried.count, 3, "the list carries every contact.lost")
        return (branch, transport, pass, r, carried)
    }

    func testADailyListDeferredOn4xxIsRetriedWhole_andARefusedRecipientIsLogged() throws {
        let (branch, transport, pass, r, carried) = try listPass(.temporary(reply: "451 4.7.1 greylisted"))
        defer { withExtendedLifetime(branch) {} }
        XCTAssertTrue(carried.allSatisfy { $0.state == .deferred && $0.attempts == 1 })
        XCTAssertEqual(r.deferred, carried.count, "counted per reminder it carries")
        let bundle = try XCTUnwrap(carried.first?.bundle)
        let deferred = try pass.store.log(LogFilter(event: .deferred))
        XCTAssertEqual(Set(deferred.compactMap(\.key)), Set(carried.map(\.key)))
        XCTAssertTrue(deferred.allSatisfy { $0.detail == .bundled(items: carried.count, bundle: bundle, gaveUp: false) }, "\(deferred)")
        let list = try XCTUnwrap(transport.handed.first(where: Self.isList))

        // The retry: the same message (same Message-ID), taken for all but one recipient.
        let retry = lostDay.addingTimeInterval(SendPass.backoff(attempt: 1))
        let refused = try XCTUnwrap(list.recipients.last)
        transport.answer = { _ in .accepted(reply: "250 2.0.0 Ok", refused: [RefusedRecipient(address: refused, reply: "550 5.1.1 unknown")]) }
        let again = try pass.run(now: retry)
        XCTAssertEqual(again.sent, carried.count)
        let resent = try XCTUnwrap(transport.handed.last(where: Self.isList))
        XCTAssertEqual(MIMEReader.parse(resent.data)?.messageID, MIMEReader.parse(list.data)?.messageID)
        XCTAssertTrue(try listReminders(pass).allSatisfy { $0.state == .sent && $0.attempts == 2 })
        let sent = try pass.store.log(LogFilter(event: .sent)).filter { $0.detail == .bundled(items: carried.count, bundle: bundle, gaveUp: false) }
        XCTAssertEqual(sent.count, carried.count)
        let refusedLines = try pass.store.log(LogFilter(event: .failed))
        XCTAssertEqual(refusedLines.count, 1, "\(refusedLines)")
        XCTAssertEqual(refusedLines.first?.key, bundle)
        XCTAssertEqual(refusedLines.first?.to, [refused])
        XCTAssertEqual(refusedLines.first?.smtp, "550 5.1.1 unknown")
        XCTAssertEqual(refusedLines.first?.detail, .recipientRefused)
        XCTAssertEqual(try pass.store.bundle(key: bundle)?.state, "sent")
    }

    func testADailyListRefusedWith5xxFailsEveryReminderItCarries() throws {
        let (branch, transport, pass, r, carried) = try listPass(.permanent(reply: "554 5.7.1 rejected"))
        defer { withExtendedLifetime(branch) {} }
        XCTAssertTrue(carried.allSatisfy { $0.state == .failed })
        XCTAssertEqual(r.failed, carried.count)
        XCTAssertEqual(r.exitCode, 69)
        let lists = transport.handed.filter(Self.isList).count
        XCTAssertEqual(try pass.run(now: lostDay.addingTimeInterval(3600)).failed, 0)
        XCTAssertEqual(transport.handed.filter(Self.isList).count, lists, "never tried again")
    }

    /// The first message of the pass (an acknowledgement: they go first) meets a server that
    /// stalls: nothing else is handed over; the daily list waiting behind it waits for the same
    /// retry untried, and goes out then as the same message.
    func testAStallStopsThePassBeforeADailyListWaitingBehindIt() throws {
        let members = TestBranch.defaultMembers + "\n" + DaemonTests.lostMembers(3).split(separator: "\n").dropFirst().joined(separator: "\n")
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9", members: members)
        let transport = ScriptedTransport([Self.accepted])
        transport.answer = { Self.isList($0) ? .temporary(reply: "451 4.7.1 greylisted") : Self.accepted }
        let pass = try makePass(branch, transport)
        // The lead reminders to the liaison go out; the list is greylisted.
        XCTAssertEqual(try pass.run(now: leadDay).sent, 4)
        let carried = try listReminders(pass)
        XCTAssertEqual(carried.count, 3)
        let list = try XCTUnwrap(transport.handed.first(where: Self.isList))
        let reminder = try XCTUnwrap(transport.delivered.first { Self.subject($0).contains("张伟") })
        XCTAssertEqual(try ReplyTaker(runtime: pass.runtime, store: pass.store)
            .take(Array(IngestTests.reply(to: try XCTUnwrap(MIMEReader.parse(reminder.data)), body: "已联系 12-20")),
                  now: replyTime, source: "ingest"), .reply)

        transport.answer = nil
        transport.script = [.temporary(reply: "timeout after 60 s (no answer to DATA)")]
        let handed = transport.handed.count
        let r = try pass.run(now: replyTime)
        XCTAssertEqual(transport.handed.count - handed, 1, "the acknowledgement, then nothing")
        XCTAssertEqual(transport.handed.last?.recipients, ["l01@example.org"])
        XCTAssertEqual([r.deferred, r.heldBack], [1, 3])
        let retry = replyTime.addingTimeInterval(SendPass.backoff(attempt: 1))
        for h in try listReminders(pass) {
            XCTAssertEqual(h.state, .deferred)
            XCTAssertEqual(h.attempts, 1, "no attempt counted for being held back")
            XCTAssertEqual(try XCTUnwrap(h.nextTry).timeIntervalSince(retry), 0, accuracy: 1)
            XCTAssertTrue(h.lastSMTP?.hasPrefix("not tried: timeout after 60 s") ?? false, h.lastSMTP ?? "")
        }
        XCTAssertEqual(try ServerStop.load(from: pass.store)?.problem, .stall)
        let stalled = try pass.store.log(LogFilter(event: .deferred)).last
        XCTAssertEqual(stalled?.key, try pass.store.log(LogFilter(event: .ack)).first?.key ?? stalled?.key)
        XCTAssertEqual(stalled?.detail, .serverStopped(failure: .stall))

        transport.script = [Self.accepted]
        let after = try pass.run(now: retry)
        XCTAssertEqual(after.sent, 4, "the acknowledgement, and the list for three")
        let resent = try XCTUnwrap(transport.handed.last(where: Self.isList))
        XCTAssertEqual(MIMEReader.parse(resent.data)?.messageID, MIMEReader.parse(list.data)?.messageID)
        XCTAssertNil(try ServerStop.load(from: pass.store))
    }
}
