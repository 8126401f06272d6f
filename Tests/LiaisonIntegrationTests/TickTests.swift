import Foundation
import LiaisonCore
import XCTest

/// `liaisond tick` end to end: the real binary, a real SMTP server on loopback, a real store.
final class TickTests: XCTestCase {
    /// 2026-12-17 09:00 in Shanghai: 14 days before the end of Q4.
    let leadDay = "2026-12-17T09:00:00+08:00"

    func testLeadReminderReachesLiaisonWithTagAndIsNotSentTwice() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)

        let due = try branch.due(at: leadDay)
        XCTAssertEqual(due.count, 1)
        XCTAssertEqual(due.first?["rule"] as? String, "contact.quarterly")
        XCTAssertEqual(due.first?["step"] as? String, "lead-14")
        XCTAssertEqual(due.first?["to"] as? [String], ["l01@example.org"])
        XCTAssertEqual(due.first?["deadline"] as? String, "2026-12-31")

        let r = try branch.run("tick", "--at", leadDay)
        XCTAssertEqual(r.status, 0, r.stderr)
        let got = try server.messages()
        XCTAssertEqual(got.count, 1)
        XCTAssertEqual(got.first?.rcptTos, ["l01@example.org"])
        let parsed = try XCTUnwrap(MIMEReader.parse(got[0].data))
        let subject = try XCTUnwrap(parsed.subject)
        XCTAssertNotNil(ThreadTag.find(in: subject), subject)
        XCTAssertTrue(subject.hasSuffix("]"), "the tag goes at the end: \(subject)")
        XCTAssertTrue(parsed.body.contains("张伟"), parsed.body)
        XCTAssertEqual(parsed.header("Auto-Submitted"), "auto-generated")

        // A second tick at the same instant, and `due`, see nothing left.
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        XCTAssertEqual(try server.messages().count, 1)
        XCTAssertEqual(try branch.due(at: leadDay).count, 0)

        let sent = try branch.log("--event", "sent")
        XCTAssertEqual(sent.count, 1)
        XCTAssertTrue((sent[0]["smtp"] as? String ?? "").hasPrefix("250"), "\(sent[0])")
    }

    func testOverdueNoticeCopiesGridLeaderAndRepliesInTheSameThread() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        XCTAssertEqual(try branch.run("tick", "--at", "2027-01-01T09:00:00+08:00").status, 0)
        // The digest of 1 January goes to the secretary; the liaison's thread is what matters here.
        let got = try server.messages().filter { $0.rcptTos.contains("l01@example.org") }
        XCTAssertEqual(got.count, 2)
        XCTAssertEqual(Set(got[1].rcptTos), ["l01@example.org", "wgz1@example.org"])
        let first = try XCTUnwrap(MIMEReader.parse(got[0].data))
        let second = try XCTUnwrap(MIMEReader.parse(got[1].data))
        XCTAssertEqual(second.mailboxes("To").map(\.address), ["l01@example.org"])
        XCTAssertEqual(second.mailboxes("Cc").map(\.address), ["wgz1@example.org"])
        let firstID = try XCTUnwrap(first.messageID)
        XCTAssertEqual(second.inReplyTo, [firstID])
        XCTAssertTrue(second.references.contains(firstID))
        XCTAssertEqual(ThreadTag.find(in: first.subject ?? ""), ThreadTag.find(in: second.subject ?? ""))
        // lead-3 (12-28) was missed: logged as superseded, not sent.
        let superseded = try branch.log("--event", "superseded", "--rule", "contact.quarterly")
        XCTAssertEqual(superseded.map { $0["step"] as? String }, ["lead-3"])
    }

    func testContactRecordedStopsTheReminders() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        let rec = try branch.run("record", "contact", "--member", "P01", "--date", "2026-12-10",
                                 "--method", "电话", "--at", "2026-12-10T20:00:00+08:00")
        XCTAssertEqual(rec.status, 0, rec.stderr)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        XCTAssertEqual(try branch.run("tick", "--at", "2027-01-01T09:00:00+08:00").status, 0)
        XCTAssertEqual(try server.messages().filter { $0.rcptTos.contains("l01@example.org") }.count, 0)
    }

    func testTemporaryFailureIsDeferredThenSentAfterBackoff() throws {
        let server = try TestSMTPServer.aiosmtpd(behaviour: .init(failFirst: 1))
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        let first = try branch.run("tick", "--at", leadDay)
        XCTAssertEqual(first.status, 75, first.stderr)
        // Before the backoff (5 min) nothing is retried.
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-17T09:04:00+08:00").status, 75, "still waiting")
        XCTAssertEqual(try server.messages().count, 0)
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-17T09:05:00+08:00").status, 0)
        XCTAssertEqual(try server.messages().count, 1)
        let thread = try branch.log("--rule", "contact.quarterly")
        XCTAssertEqual(thread.map { $0["event"] as? String }, ["deferred", "sent"])
        let attempts = thread.compactMap { $0["attempt"] as? Int }
        XCTAssertEqual(attempts, [1, 2])
    }

    func testPermanentFailureIsFailedAtOnceWithExit69() throws {
        let server = try TestSMTPServer.aiosmtpd(behaviour: .init(rejectAllRecipients: true))
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        let r = try branch.run("tick", "--at", leadDay)
        XCTAssertEqual(r.status, 69, r.stderr)
        let failed = try branch.log("--event", "failed")
        XCTAssertEqual(failed.count, 1)
        XCTAssertTrue((failed[0]["smtp"] as? String ?? "").hasPrefix("550"), "\(failed[0])")
        // Not retried.
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-17T10:30:00+08:00").status, 0)
        XCTAssertEqual(try branch.log("--event", "failed").count, 1)
    }

    func testServerDownLosesNothingAndALaterTickDelivers() throws {
        let port = try TestSMTPServer.freePort()
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:\(port)")
        let r = try branch.run("tick", "--at", leadDay)
        XCTAssertEqual(r.status, 75, r.stderr)
        let deferred = try branch.log("--event", "deferred")
        XCTAssertEqual(deferred.count, 1)
        XCTAssertTrue((deferred[0]["smtp"] as? String ?? "").contains("connect"), "\(deferred[0])")

        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        try branch.writeConfig(smtpURL: server.url)
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-17T09:06:00+08:00").status, 0)
        XCTAssertEqual(try server.messages().count, 1)
    }

    func testRetryMaxAgeTurnsDeferredIntoFailed() throws {
        let port = try TestSMTPServer.freePort()
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:\(port)",
                                    extraConfig: "[schedule]\nretry_max_age = 1h")
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 75)
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-17T10:01:00+08:00").status, 69)
        XCTAssertEqual(try branch.log("--event", "failed").count, 1)
    }

    func testBadRosterListsEveryProblemWithLineAndExits65() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: """
            id,name,kind,since,liaison
            P01,张伟,outgoing,2026-13-01,L01
            P02,李娜,martian,2026-01-01,L01
            P01,王强,local,,
            """)
        let r = try branch.run("check")
        XCTAssertEqual(r.status, 65)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasSuffix("members.csv:2: " + $0.components(separatedBy: "members.csv:2: ").last!) && $0.contains("2026-13-01") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.contains("members.csv:3:") && $0.contains("martian") }, r.stderr)
        XCTAssertTrue(lines.contains { $0.contains("members.csv:4:") }, r.stderr)
    }

    func testRecordRefusesADateInTheFuture() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1")
        let r = try branch.run("record", "contact", "--member", "P01", "--date", "2027-03-01", "--at", leadDay)
        XCTAssertEqual(r.status, 65, r.stderr)
        let d = try branch.run("record", "dues", "--member", "P01", "--through", "2028-06", "--at", leadDay)
        XCTAssertEqual(d.status, 65, d.stderr)
    }
}

extension TickTests {
    func testAStepStillWaitingGivesWayToTheNextStepOfItsThread() throws {
        let port = try TestSMTPServer.freePort()
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:\(port)")
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 75)
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        try branch.writeConfig(smtpURL: server.url)
        XCTAssertEqual(try branch.run("tick", "--at", "2027-01-01T09:00:00+08:00").status, 0)
        let toLiaison = try server.messages().filter { $0.rcptTos.contains("l01@example.org") }
        XCTAssertEqual(toLiaison.count, 1, "one message per thread at one instant")
        XCTAssertEqual(Set(toLiaison.first?.rcptTos ?? []), ["l01@example.org", "wgz1@example.org"])
        let superseded = try branch.log("--event", "superseded", "--rule", "contact.quarterly").compactMap { $0["step"] as? String }
        XCTAssertEqual(Set(superseded), ["lead-14", "lead-3"])
    }
}
