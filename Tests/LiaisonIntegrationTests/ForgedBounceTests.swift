import Foundation
import LiaisonCore
import XCTest

/// Delivery reports are believed only when they can be true (issue 14): from a mailer-daemon or
/// postmaster, naming an address the reminder was sent to. A liaison who forwards a reminder's
/// Message-ID, or anyone who saw it, cannot make liaisond log a false `failed`.
final class ForgedBounceTests: XCTestCase {
    let leadDay = "2026-12-17T09:00:00+08:00"
    let later = "2026-12-22T10:00:00+08:00"

    static func dsn(from: String, recipient: String, about messageID: String, id: String) -> Data {
        Data("""
            From: \(from)\r
            To: branch@example.org\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <\(id)>\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
            \r
            --B\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.example.org\r
            \r
            Final-Recipient: rfc822; \(recipient)\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 User unknown\r
            \r
            --B\r
            Content-Type: text/rfc822-headers\r
            \r
            Message-ID: <\(messageID)>\r
            \r
            --B--\r

            """.utf8)
    }

    func testForgedReportsAreNotBelievedAndARealOneIs() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        let reminder = try XCTUnwrap(MIMEReader.parse(try XCTUnwrap(try server.messages().first).data))
        let mid = try XCTUnwrap(reminder.messageID)

        let cases: [(String, String, String, String)] = [
            ("from the liaison herself", "魏诗琪 <l01@example.org>", "l01@example.org", "ignored"),
            ("from anyone, naming the liaison", "mallory@evil.example", "l01@example.org", "ignored"),
            ("from a mailer-daemon, naming someone else", "MAILER-DAEMON@mx.evil.example", "secretary@example.org", "ignored"),
            ("from a mailer-daemon, naming the liaison", "Mail Delivery System <MAILER-DAEMON@mx.example.org>",
             "l01@example.org", "bounce"),
        ]
        var results: [String] = []
        for (i, (name, from, rcpt, verdict)) in cases.enumerated() {
            let r = try branch.run("ingest", "--at", later, stdin: Self.dsn(from: from, recipient: rcpt, about: mid, id: "dsn\(i)@x"))
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, verdict + "\n", name)
            results.append("\(name): \(r.stdout.trimmingCharacters(in: .newlines))")
        }
        FaultTests.report("forged bounces: " + results.joined(separator: "; "))
        let failed = try branch.log("--event", "failed")
        XCTAssertEqual(failed.count, 1, "only the true report is a failure")
        XCTAssertEqual(failed.first?["to"] as? [String], ["l01@example.org"])
        let ignored = try branch.log("--event", "ignored").compactMap { $0["detail"] as? String }
        XCTAssertEqual(ignored.filter { $0.contains("not believed") }.count, 3, "\(ignored)")
        let status = try branch.run("status", "--at", later, "--json")
        XCTAssertEqual(status.stdout.components(separatedBy: "\"type\":\"failed\"").count - 1, 1, "status lists the true failure only: \(status.stdout)")
        // The address the true report named is flagged (and only it).
        let flagged = status.stdout.split(separator: "\n").filter { $0.contains("\"type\":\"flagged\"") }
        XCTAssertEqual(flagged.count, 1, status.stdout)
        XCTAssertTrue(flagged.first?.contains("l01@example.org") ?? false, status.stdout)
    }
}
