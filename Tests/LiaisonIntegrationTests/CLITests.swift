import Foundation
import XCTest

/// The command line contract: usage errors are 64, help is 0, rate caps leave work queued (75).
final class CLITests: XCTestCase {
    func testUnknownSubcommandAndOptionAreUsageErrors() throws {
        XCTAssertEqual(try Liaisond.run(["frobnicate"]).status, 64)
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1")
        XCTAssertEqual(try branch.run("due", "--bogus").status, 64)
        let badAt = try branch.run("due", "--at", "tomorrow")
        XCTAssertEqual(badAt.status, 64)
        XCTAssertTrue(badAt.stderr.contains("--at"), badAt.stderr)
    }

    func testEverySubcommandHasHelp() throws {
        XCTAssertEqual(try Liaisond.run(["--help"]).status, 0)
        XCTAssertTrue(try Liaisond.run(["--version"]).stdout.hasPrefix("liaisond "))
        for sub in ["check", "due", "tick", "log", "record", "status", "export", "purge", "ingest", "run"] {
            let r = try Liaisond.run([sub, "--help"])
            XCTAssertEqual(r.status, 0, "\(sub) --help: \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("liaisond \(sub)"), "\(sub) --help says how to call it")
        }
    }

    func testMissingConfigFileIsReportedWithItsPath() throws {
        let r = try Liaisond.run(["check", "--config", "/nonexistent/liaisond.conf"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("/nonexistent/liaisond.conf"), r.stderr)
    }

    func testMaxPerMinuteHoldsTheRestBackUntilTheNextMinute() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let members = TestBranch.defaultMembers + "\nP02,李娜,outgoing,m02@example.org,13900000002,2026-05-10,L01,G1,2026-07-15,2026-10-20"
        let branch = try TestBranch(smtpURL: server.url, members: members, smtpExtra: "max_per_minute = 1")
        let first = try branch.run("tick", "--at", "2026-12-17T09:00:00+08:00")
        XCTAssertEqual(first.status, 75, "one held back: \(first.stderr)")
        XCTAssertEqual(try server.messages().count, 1)
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-17T09:00:30+08:00").status, 75)
        XCTAssertEqual(try server.messages().count, 1, "still within the minute")
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-17T09:01:00+08:00").status, 0)
        XCTAssertEqual(try server.messages().count, 2)
    }

    func testTlsNoneIsRefusedForARemoteHost() throws {
        let branch = try TestBranch(smtpURL: "smtp://smtp.example.org:587")
        let r = try branch.run("check")
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("liaisond.conf:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("tls"), r.stderr)
    }
}

extension CLITests {
    func testCheckWarnsAboutARowNoReminderCanReach() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: """
            id,name,kind,email,since,liaison,grid,dues_paid_through
            P01,张伟,outgoing,m01@example.org,2026-05-10,L01,G1,2026-10
            P02,王强,local,,,,G1,2026-10
            """)
        let r = try branch.run("check")
        XCTAssertEqual(r.status, 0, "warnings do not change the exit code: \(r.stderr)")
        let line = r.stderr.split(separator: "\n").first { $0.contains("members.csv:3: warning:") }
        XCTAssertNotNil(line, r.stderr)
        XCTAssertTrue(line?.contains("P02") ?? false, r.stderr)
        XCTAssertFalse(r.stderr.contains("members.csv:2:"), "the outgoing member is reachable: \(r.stderr)")
    }
}

extension CLITests {
    /// interface.md, exit 65: every problem found, not only the first — a broken config does
    /// not hide the roster's problems until it is fixed.
    func testCheckReportsConfigAndRosterProblemsTogether() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: """
            id,name,kind,email,since,liaison,grid
            P01,张伟,outgoing,m01@example.org,2026-05-10,L99,G1
            """, extraConfig: "[schedule]\ndues_day = 40")
        let r = try branch.run("check")
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("liaisond.conf:") && r.stderr.contains("dues_day"), r.stderr)
        XCTAssertTrue(r.stderr.contains("members.csv:2:") && r.stderr.contains("L99"), r.stderr)
    }
}
