import Foundation
import XCTest

/// Faults of the store itself (issue 14): a disk that fills up, a store another program holds
/// locked, a read-only store. What must hold: nothing lost, at most one duplicate per fault,
/// exit 75 for what goes away by itself, a clear line saying what happened.
final class StoreFaultTests: XCTestCase {
    /// A branch whose store lives on `fs`.
    private func branch(members: Int, on fs: Tmpfs, smtpURL: String) throws -> FaultBranch {
        let b = try FaultBranch(members: members, schedule: "")
        try b.branch.writeConfig(smtpURL: smtpURL, extraConfig: "[store]\npath = \(fs.path)/liaisond.sqlite")
        return b
    }

    private func point(_ b: FaultBranch, at url: String, fs: Tmpfs) throws {
        try b.branch.writeConfig(smtpURL: url, extraConfig: "[store]\npath = \(fs.path)/liaisond.sqlite")
    }

    /// The disk fills up in the middle of a batch: the pass stops at the first message it cannot
    /// record (that one is the only one the server gets twice), exits 75 and says so; once there
    /// is room again every reminder goes out, the one duplicate included, none lost.
    func testDiskFullWhileSendingStopsThePass() throws {
        let count = FaultTests.full ? 300 : 60
        let fs = try Tmpfs(kilobytes: 8 * 1024)
        let refused = "smtp://127.0.0.1:\(try TestSMTPServer.freePort())"
        let b = try branch(members: count, on: fs, smtpURL: refused)
        // Every reminder recorded (and deferred: no server), then the disk all but full.
        XCTAssertEqual(try b.tick(at: 0).status, 75)
        fs.fill(leaving: 96 * 1024)

        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        try point(b, at: server.url, fs: fs)
        let full = try b.tick(at: 300)
        let received = try server.messages().count
        try fs.resize(kilobytes: 64 * 1024)
        let recorded = try b.log("--event", "sent").count
        FaultTests.report("disk full while sending: exit \(full.status), server got \(received), recorded \(recorded); "
                          + "\(full.stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
        XCTAssertEqual(full.status, 75, full.stderr)
        XCTAssertLessThan(received, count, "the disk filled up before the batch ended (make the slack smaller)")
        XCTAssertLessThanOrEqual(received - recorded, 1, "only the message in flight may go out unrecorded")
        XCTAssertTrue(full.stderr.contains("store cannot be written") || full.stderr.contains("数据库无法写入"), full.stderr)
        XCTAssertTrue(full.stdout.contains("已发送 \(recorded)") && full.stdout.contains("另有 \(received - recorded) 封已发出但未能记录"),
                      "the summary tells what the server got: \(full.stdout)")

        // Room again: everything goes out, exactly one more message than there are reminders at most.
        let later = try b.tick(at: 301)
        XCTAssertEqual(later.status, 0, later.stderr)
        let all = try server.messages().flatMap(\.rcptTos)
        XCTAssertEqual(Set(all), Set(FaultBranch.liaisonAddresses(count)), "every reminder delivered")
        XCTAssertLessThanOrEqual(all.count - count, 1, "at most one duplicate for the fault")
        XCTAssertEqual(try b.log("--event", "sent").count, count)
    }

    /// A disk already full when the pass starts: nothing is sent, exit 75 (not 70), one line
    /// that says the disk is full; the next pass with room sends everything once.
    func testDiskFullBeforeSendingExits75() throws {
        let fs = try Tmpfs(kilobytes: 4 * 1024)
        let refused = "smtp://127.0.0.1:\(try TestSMTPServer.freePort())"
        let b = try branch(members: 5, on: fs, smtpURL: refused)
        XCTAssertEqual(try b.tick(at: 0).status, 75)
        fs.fill(leaving: 0)
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        try point(b, at: server.url, fs: fs)
        let r = try b.tick(at: 300)
        FaultTests.report("disk full before sending: exit \(r.status), server got \(try server.messages().count); \(r.stderr.prefix(160))")
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertEqual(try server.messages().count, 0)
        XCTAssertTrue(r.stderr.contains("disk is full") || r.stderr.contains("store cannot be written"), r.stderr)
        try fs.resize(kilobytes: 64 * 1024)
        XCTAssertEqual(try b.tick(at: 301).status, 0)
        XCTAssertEqual(try server.messages().flatMap(\.rcptTos).sorted(), FaultBranch.liaisonAddresses(5))
    }

    /// The issue's own reproduction (full suite only): a 1600 KB tmpfs, 1,000 due reminders.
    func testIssueReproductionThousandRemindersOnSmallTmpfs() throws {
        guard FaultTests.full else { throw XCTSkip("LIAISOND_FAULTS=full only (scripts/faults)") }
        let count = 1000
        let fs = try Tmpfs(kilobytes: 1600)
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let b = try branch(members: count, on: fs, smtpURL: server.url)
        var ticks: [Int32] = []
        var t = 0
        for _ in 0..<3 {
            ticks.append(try b.tick(at: t).status)
            t += 301
        }
        let duringFault = try server.messages().count
        try fs.resize(kilobytes: 64 * 1024)
        ticks.append(try b.tick(at: t).status)
        ticks.append(try b.tick(at: t + 3600).status)
        let all = try server.messages().flatMap(\.rcptTos)
        let distinct = Set(all).count
        FaultTests.report("1600k tmpfs, 1000 reminders: exits \(ticks), \(duringFault) delivered while full, "
                          + "\(all.count) in all, \(distinct) distinct, \(all.count - distinct) duplicates")
        XCTAssertEqual(distinct, count)
        XCTAssertLessThanOrEqual(all.count - distinct, 3, "at most one duplicate per failed tick")
    }
}
