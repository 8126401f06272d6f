import Foundation
import LiaisonCore
@testable import LiaisonStore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `liaisond run` end to end: the real binary, a test-owned notify socket standing in for
/// systemd, a real SMTP server (aiosmtpd) on loopback and a real store. The daemon's clock
/// starts at a fixed instant (`run --at`): members who left in 2024 and were last contacted in
/// February 2024 have `contact.lost` repeats due then, to the secretary. Whatever the machine's
/// date, the same reminders are due.
final class DaemonTests: XCTestCase {
    /// Bursts here test the per-message send path (one `contact.lost` each, to the secretary):
    /// grouped, they would be one daily list (that path: DailyListTests).
    static let perMessage = "[mail]\ngroup = no\n"

    /// `n` members, each with a `contact.lost` repeat due now.
    static func lostMembers(_ n: Int) -> String {
        var rows = ["id,name,kind,email,phone,since,liaison,grid,last_contact,last_report"]
        for i in 1...n {
            let id = String(format: "%04d", i)
            rows.append("P\(id),党员\(id),outgoing,m\(id)@example.org,1390000\(id),2024-01-10,L01,G1,2024-02-15,2026-10-20")
        }
        return rows.joined(separator: "\n")
    }

    /// Instants that once made these tests depend on the day they ran: the last weeks of a
    /// quarter, the 1st (digest.monthly), the 8th–15th (activity.day), early December
    /// (evaluation.annual), and after 2027-04-20 (membership.review for good).
    static let awkwardInstants = ["2026-12-24T09:30:00+08:00", "2027-01-01T10:00:00+08:00",
                                  "2026-12-10T09:30:00+08:00", "2027-05-03T09:30:00+08:00"]

    /// What `due` says is due at `at`: the keys the daemon started at `at` must deliver.
    func dueKeys(_ branch: TestBranch, at: String = DaemonProcess.defaultStart) throws -> Set<String> {
        let r = try branch.run("due", "--json", "--at", at)
        XCTAssertEqual(r.status, 0, r.stderr)
        return Set(r.stdout.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["key"] as? String
        })
    }

    /// Message-IDs of what the server received, with repeats.
    func receivedIDs(_ server: TestSMTPServer) throws -> [String] {
        try server.messages().compactMap { MIMEReader.parse($0.data)?.messageID }
    }

    func stopCleanly(_ daemon: DaemonProcess, file: StaticString = #filePath, line: UInt = #line) {
        let asked = Date()
        daemon.signal(SIGTERM)
        let status = daemon.waitForExit(timeout: 10)
        XCTAssertEqual(status, 0, "SIGTERM: exit 0 within 10 s\n\(daemon.stderr)", file: file, line: line)
        XCTAssertLessThan(Date().timeIntervalSince(asked), 10, file: file, line: line)
        XCTAssertNotNil(daemon.notify.wait(timeout: 1, for: "STOPPING=1"), "\(daemon.notify.messages)", file: file, line: line)
    }

    // MARK: Start, notify, deliver

    func testStartSaysReadyAndDeliversWhatIsOverdueWithinSeconds() throws {
        try startAndDeliver(at: DaemonProcess.defaultStart)
    }

    func testStartDeliversExactlyWhatDueListsAtInstantsThatUsedToBreakTheTests() throws {
        for at in Self.awkwardInstants { try startAndDeliver(at: at) }
    }

    /// Starts the daemon at `at`: READY=1, everything `due --at` lists arrives within seconds,
    /// once, and STATUS tells the next wake.
    func startAndDeliver(at: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.lostMembers(2), extraConfig: Self.perMessage)
        let expected = try dueKeys(branch, at: at)
        XCTAssertTrue(expected.contains { $0.hasPrefix("contact.lost|P0001|") }, "\(at): \(expected)", file: file, line: line)

        let started = Date()
        let daemon = try DaemonProcess(branch: branch, at: at)
        XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), "\(daemon.notify.messages)\n\(daemon.stderr)", file: file, line: line)
        // One fact may stand for several rules (one message, one log line per rule id).
        func sent() throws -> Set<String> { Set(try branch.log("--event", "sent").compactMap { $0["key"] as? String }) }
        XCTAssertTrue(try eventually(timeout: 10) { try sent() == expected },
                      "\(at): sent \((try? sent()) ?? []) of \(expected)\n\(daemon.stderr)", file: file, line: line)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, file: file, line: line)
        XCTAssertTrue(daemon.waitForLog("<6>sent "), daemon.stderr, file: file, line: line)
        // STATUS tells what is next, in Chinese by default, with an empty queue once all is sent.
        XCTAssertNotNil(daemon.notify.wait { $0.hasPrefix("STATUS=下次唤醒 ") && $0.hasSuffix(",队列 0") },
                        "\(daemon.notify.messages)", file: file, line: line)
        stopCleanly(daemon, file: file, line: line)
        let ids = try receivedIDs(server)
        XCTAssertEqual(ids.count, Set(ids).count, "\(at): nothing sent twice", file: file, line: line)
        XCTAssertLessThanOrEqual(ids.count, expected.count, file: file, line: line)
        XCTAssertFalse(daemon.stderr.split(separator: "\n").contains { !$0.hasPrefix("<") },
                       "every line carries a journald priority:\n\(daemon.stderr)", file: file, line: line)
    }

    func testInvalidConfigOrRosterExits65WithEveryProblem() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        try branch.write("members.csv", """
            id,name,kind,email,phone,since,liaison,grid,last_contact,last_report
            P01,张伟,outgoing,m01@example.org,13900000001,2026-13-10,L01,G1,2026-07-15,2026-10-20
            P02,李娜,outgoing,m02@example.org,13900000002,2026-05-10,L01,G1,2026-07-99,2026-10-20

            """)
        let r = try Liaisond.run(["run", "--config", branch.configPath])
        XCTAssertEqual(r.status, 65, r.stderr)
        let members = branch.directory.appendingPathComponent("members.csv").path
        XCTAssertTrue(r.stderr.contains("<3>\(members):2:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("<3>\(members):3:"), r.stderr)
        XCTAssertEqual(try Liaisond.run(["run", "--config", branch.configPath, "--log-level", "loud"]).status, 64)
    }

    // MARK: Reload

    func testReloadSaysReloadingWithMonotonicTimeThenReadyAndABrokenRosterKeepsTheOldOne() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.lostMembers(1), extraConfig: Self.perMessage)
        let daemon = try DaemonProcess(branch: branch)
        let ready = try XCTUnwrap(daemon.notify.wait(for: "READY=1"), daemon.stderr)

        let before = Self.monotonicMicroseconds()
        daemon.signal(SIGHUP)
        let reloading = try XCTUnwrap(daemon.notify.wait(from: ready + 1) { $0.hasPrefix("RELOADING=1\n") },
                                      "\(daemon.notify.messages)")
        let fields = daemon.notify.messages[reloading].split(separator: "\n")
        let usec = try XCTUnwrap(fields.first { $0.hasPrefix("MONOTONIC_USEC=") }.flatMap { UInt64($0.dropFirst(15)) },
                                 "\(fields)")
        XCTAssertGreaterThanOrEqual(usec, before)
        XCTAssertLessThanOrEqual(usec, Self.monotonicMicroseconds())
        let readyAgain = try XCTUnwrap(daemon.notify.wait(from: reloading + 1, for: "READY=1"), daemon.stderr)

        // A broken roster: the daemon says why (FILE:LINE, as an error) and keeps running on the old one.
        try branch.write("members.csv", Self.lostMembers(1) + "\nP0002,李娜,outgoing,not-an-address,13900000002,2024-13-10,L01,G1,,\n")
        daemon.signal(SIGHUP)
        let reloading2 = try XCTUnwrap(daemon.notify.wait(from: readyAgain + 1) { $0.hasPrefix("RELOADING=1\n") })
        XCTAssertNotNil(daemon.notify.wait(from: reloading2 + 1, for: "READY=1"))
        let members = branch.directory.appendingPathComponent("members.csv").path
        XCTAssertTrue(daemon.waitForLog("<3>\(members):3:"), daemon.stderr)
        XCTAssertTrue(daemon.waitForLog("still running with the previous config and roster"), daemon.stderr)
        XCTAssertTrue(daemon.process.isRunning)
        stopCleanly(daemon)
    }

    static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1_000
    }

    // MARK: Sharing the store

    func testLogDueAndRecordWorkWhileTheDaemonRuns() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.lostMembers(3), extraConfig: Self.perMessage)
        let expected = try dueKeys(branch)
        let daemon = try DaemonProcess(branch: branch)
        XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), daemon.stderr)
        XCTAssertTrue(try eventually(timeout: 10) { try server.messages().count >= expected.count }, daemon.stderr)

        let rec = try branch.run("record", "contact", "--member", "P0001", "--method", "电话", "--note", "回电了",
                                 "--at", DaemonProcess.defaultStart)
        XCTAssertEqual(rec.status, 0, rec.stderr + rec.stdout)
        let sent = try branch.log("--event", "sent")
        XCTAssertEqual(Set(sent.compactMap { $0["key"] as? String }), expected)
        // `status` is still a placeholder in this build (its own issue); add it here when it lands.
        XCTAssertEqual(try branch.run("due", "--at", DaemonProcess.defaultStart).status, 0)
        // The store is shared with the group liaisond (0660), the folder too (0770) when it is created.
        var st = stat()
        XCTAssertEqual(stat(branch.storePath, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o660)
        XCTAssertTrue(daemon.process.isRunning)
        stopCleanly(daemon)
    }

    // MARK: Stopping and crashing

    func testSigtermDuringABurstRecordsTheMessageInFlightAndExitsZero() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.lostMembers(300), extraConfig: Self.perMessage)
        let due = try dueKeys(branch).count
        XCTAssertGreaterThanOrEqual(due, 300)
        let daemon = try DaemonProcess(branch: branch, logLevel: "notice")
        XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), daemon.stderr)
        XCTAssertTrue(try eventually(timeout: 15) { try server.messages().count >= 10 }, daemon.stderr)
        stopCleanly(daemon)

        // Every message the server took is recorded as sent: the one in flight finished.
        let received = try receivedIDs(server)
        let store = try Store(path: branch.storePath)
        let sent = try store.reminders(inState: .sent).map(\.messageID)
        XCTAssertEqual(Set(received), Set(sent))
        XCTAssertEqual(received.count, sent.count, "no duplicates")
        XCTAssertEqual(try store.waiting().count + sent.count, due, "what was not sent waits for the next start")
        print("SIGTERM after \(sent.count) of \(due) sent; \(try store.waiting().count) wait")
    }

    func testKill9AtRandomMomentsLosesNothingAndRepeatsAtMostOnePerKill() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let count = 300, kills = 4
        let branch = try TestBranch(smtpURL: server.url, members: Self.lostMembers(count), extraConfig: Self.perMessage)
        let expected = try dueKeys(branch)
        XCTAssertGreaterThanOrEqual(expected.count, count)

        var generator = SystemRandomNumberGenerator()
        var killedMidBurst = 0
        for k in 0..<kills {
            let before = try server.messages().count
            let daemon = try DaemonProcess(branch: branch, logLevel: "warning")
            XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), daemon.stderr)
            // Kill while it is sending: after at least one new delivery, at a random moment.
            XCTAssertTrue(try eventually(timeout: 15) { try server.messages().count > before }, "round \(k): \(daemon.stderr)")
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            daemon.crash()
            if try Set(receivedIDs(server)).count < expected.count { killedMidBurst += 1 }
        }
        // Proof that the kills landed while the burst was going on, not after it.
        XCTAssertGreaterThan(killedMidBurst, 0)
        let daemon = try DaemonProcess(branch: branch, logLevel: "warning")
        XCTAssertTrue(try eventually(timeout: 30) { Set(try self.receivedIDs(server)).count >= expected.count },
                      "delivered \(Set((try? receivedIDs(server)) ?? []).count) of \(expected.count)\n\(daemon.stderr)")
        stopCleanly(daemon)

        let store = try Store(path: branch.storePath)
        let sent = try store.reminders(inState: .sent)
        XCTAssertEqual(Set(sent.map(\.key)), expected, "every reminder delivered and recorded")
        let received = try receivedIDs(server)
        XCTAssertTrue(Set(sent.map(\.messageID)).isSubset(of: Set(received)))
        let duplicates = received.count - Set(received).count
        XCTAssertLessThanOrEqual(duplicates, kills, "at most one repeat per kill")
        print("kill -9 \(kills)× (\(killedMidBurst) mid-burst): \(received.count) messages for \(expected.count) reminders, \(duplicates) duplicate(s)")
        XCTAssertEqual(try store.db.scalarText("PRAGMA integrity_check"), "ok")
    }

    func testSigtermWhileTheServerHangsGivesUpAfterEightSecondsAndExitsZero() throws {
        // smtp-sink waits 30 s before answering the end of DATA: the message stays in flight.
        let server = try TestSMTPServer.smtpSink(faults: .init(delay: [(command: ".", seconds: 30)]))
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.lostMembers(1), extraConfig: Self.perMessage)
        XCTAssertEqual(try dueKeys(branch).count, 1, "one message, in flight when SIGTERM comes")
        let daemon = try DaemonProcess(branch: branch)
        XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), daemon.stderr)
        XCTAssertTrue(daemon.waitForLog("<7>pass (start) at"), daemon.stderr)
        usleep(500_000)
        let asked = Date()
        daemon.signal(SIGTERM)
        XCTAssertEqual(daemon.waitForExit(timeout: 10), 0, daemon.stderr)
        let took = Date().timeIntervalSince(asked)
        XCTAssertGreaterThan(took, 7.5, "it waited for the message in flight")
        XCTAssertLessThan(took, 10)
        XCTAssertTrue(daemon.stderr.contains("did not finish within 8 s"), daemon.stderr)
        // Unconfirmed, so still waiting: the next start retries it.
        XCTAssertEqual(try Store(path: branch.storePath).waiting().count, 1)
    }

    func testWatchdogIsAnsweredAtHalfTheInterval() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9", members: Self.lostMembers(1), extraConfig: Self.perMessage)
        let daemon = try DaemonProcess(branch: branch, extraEnvironment: ["WATCHDOG_USEC": "400000"])
        XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), daemon.stderr)
        let first = try XCTUnwrap(daemon.notify.wait(timeout: 2, for: "WATCHDOG=1"), "\(daemon.notify.messages)")
        XCTAssertNotNil(daemon.notify.wait(from: first + 1, timeout: 1, for: "WATCHDOG=1"))
        stopCleanly(daemon)
    }

    // MARK: Outage

    func testServerDownDefersThenTheNextRetryDeliversWithoutTouchingTheDaemon() throws {
        let port = try TestSMTPServer.freePort()
        // First back-off 2 s instead of 5 minutes.
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:\(port)", members: Self.lostMembers(2),
                                    extraConfig: Self.perMessage + "[schedule]\nretry_backoff = 2s\n")
        let expected = try dueKeys(branch)
        let daemon = try DaemonProcess(branch: branch)
        XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), daemon.stderr)
        XCTAssertTrue(daemon.waitForLog("<4>deferred "), daemon.stderr)
        // A refused connection stops the pass at the first message: the others wait for the same
        // retry untried, so every `deferred` line is about that one reminder.
        let deferred = try branch.log("--event", "deferred").compactMap { $0["key"] as? String }
        XCTAssertEqual(Set(deferred).count, 1, "\(deferred)")
        if expected.count > 1 { XCTAssertTrue(daemon.waitForLog("this pass stops talking to the server"), daemon.stderr) }

        let server = try TestSMTPServer.aiosmtpd(port: port)
        defer { server.stop() }
        XCTAssertTrue(try eventually(timeout: 15) { try server.messages().count >= expected.count }, daemon.stderr)
        stopCleanly(daemon)
        XCTAssertEqual(Set(try branch.log("--event", "sent").compactMap { $0["key"] as? String }), expected)
    }
}
