import Foundation
import LiaisonCore
import LiaisonStore
import XCTest

/// `liaisond ingest` end to end: the real binary reads a reply on stdin, records it, and sends
/// the acknowledgement to a real SMTP server (aiosmtpd) in the same thread.
final class IngestTests: XCTestCase {
    let leadDay = "2026-12-17T09:00:00+08:00"
    let replyTime = "2026-12-22T10:00:00+08:00"

    /// A branch whose lead reminder to l01 was sent; returns the branch, the server and the
    /// reminder as received.
    func sentReminder() throws -> (TestBranch, TestSMTPServer, ParsedMessage) {
        let server = try TestSMTPServer.aiosmtpd()
        let branch = try TestBranch(smtpURL: server.url)
        let r = try branch.run("tick", "--at", leadDay)
        XCTAssertEqual(r.status, 0, r.stderr)
        let got = try server.messages()
        XCTAssertEqual(got.count, 1)
        return (branch, server, try XCTUnwrap(MIMEReader.parse(got[0].data)))
    }

    static func reply(to m: ParsedMessage, from: String = "魏诗琪 <l01@example.org>", id: String = "r1@mail.example.com",
                      subject: String? = nil, threaded: Bool = true, extraHeaders: String = "", body: String) -> Data {
        var h = "From: \(from)\r\nTo: branch@example.org\r\nSubject: \(subject ?? "Re: " + (m.field("Subject")?.raw.trimmingWhitespace() ?? ""))\r\n"
        h += "Date: Tue, 22 Dec 2026 10:00:00 +0800\r\nMessage-ID: <\(id)>\r\n"
        if threaded, let mid = m.messageID { h += "In-Reply-To: <\(mid)>\r\nReferences: <\(mid)>\r\n" }
        h += extraHeaders
        h += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        let b64 = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn])
        return Data((h + b64 + "\r\n").utf8)
    }

    /// A delivery agent's 0 makes the mail server delete the message, so the reply must be on
    /// disk by then. The store otherwise syncs its WAL only when it starts one and at
    /// checkpoints; with the daemon holding the store open and writing (as deployed), `ingest`
    /// does neither, and without its own sync a power cut could undo a reply the mail server
    /// no longer has.
    func testAReplyIsSyncedToDiskBeforeIngestAnswers() throws {
        let strace = "/usr/bin/strace"
        guard FileManager.default.isExecutableFile(atPath: strace) else { throw XCTSkip("strace is not installed (scripts/deps)") }
        // A container may forbid ptrace.
        guard try Liaisond.run(["-o", "/dev/null", "/bin/true"], executable: strace).status == 0 else {
            throw XCTSkip("strace cannot trace here (ptrace not permitted)")
        }
        let (branch, server, reminder) = try sentReminder()
        defer { server.stop() }
        // The daemon: open, and it has written since the last checkpoint.
        let daemon = try Store(path: branch.storePath)
        try daemon.setMeta("test.daemon", "running")
        let trace = branch.directory.appendingPathComponent("ingest.strace").path
        let r = try Liaisond.run(["-f", "-y", "-e", "trace=fsync,fdatasync", "-o", trace, Liaisond.path,
                                  "ingest", "--config", branch.configPath, "--at", replyTime],
                                 stdin: Self.reply(to: reminder, body: "已联系 12-20 电话"), executable: strace)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "reply\n")
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        let walSyncs = lines.filter { ($0.contains("fdatasync(") || $0.contains("fsync(")) && $0.contains("liaisond.sqlite-wal>") }
        XCTAssertFalse(walSyncs.isEmpty, "the reply's commit reached the disk before ingest answered 0: \(lines)")
        XCTAssertEqual(try branch.log("--event", "record").count, 1)
        withExtendedLifetime(daemon) {}
    }

    func testReply_isRecorded_andAcknowledgedInTheSameThread_toTheSenderOnly() throws {
        let (branch, server, reminder) = try sentReminder()
        defer { server.stop() }
        let r = try branch.run("ingest", "--at", replyTime,
                               stdin: Self.reply(to: reminder, body: "王书记您好，\n已联系 12-20 电话，一切正常\n\n> 原文"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "reply\n")

        let records = try branch.log("--event", "record")
        XCTAssertEqual(records.count, 1)
        XCTAssertTrue((records.first?["detail"] as? String ?? "").contains("contact 2026-12-20"), "\(records)")
        let replies = try branch.log("--event", "reply")
        XCTAssertEqual(replies.count, 1)
        XCTAssertEqual(replies.first?["member"] as? String, "P01")
        XCTAssertTrue((replies.first?["detail"] as? String ?? "").contains("已联系 12-20"), "\(replies)")

        let got = try server.messages()
        XCTAssertEqual(got.count, 2)
        XCTAssertEqual(got[1].rcptTos, ["l01@example.org"])
        let ack = try XCTUnwrap(MIMEReader.parse(got[1].data))
        XCTAssertEqual(ack.inReplyTo, ["r1@mail.example.com"])
        XCTAssertEqual(ack.references, [reminder.messageID!, "r1@mail.example.com"])
        XCTAssertEqual(ack.header("Auto-Submitted"), "auto-replied")
        XCTAssertEqual(ack.mailboxes("To").map(\.address), ["l01@example.org"])
        XCTAssertTrue(ack.mailboxes("Cc").isEmpty)
        XCTAssertEqual(ThreadTag.find(in: ack.subject ?? ""), ThreadTag.find(in: reminder.subject ?? ""))
        XCTAssertTrue(ack.body.contains("12月20日"), ack.body)
        let acks = try branch.log("--event", "ack")
        XCTAssertEqual(acks.count, 1)
        XCTAssertTrue((acks.first?["smtp"] as? String ?? "").hasPrefix("250"), "\(acks)")

        // The same message delivered again: taken once.
        let again = try branch.run("ingest", "--at", replyTime, stdin: Self.reply(to: reminder, body: "已联系 12-20"))
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, "duplicate\n")
        XCTAssertEqual(try branch.log("--event", "record").count, 1)
        XCTAssertEqual(try server.messages().count, 2)
        XCTAssertTrue(try branch.log("--event", "ignored").contains { ($0["detail"] as? String ?? "").hasPrefix("duplicate") })
    }

    /// A phone client that sets only In-Reply-To: the answer still names the reminder in
    /// References (RFC 5322 3.6.4), and tells the next deadline — the next quarter's last day,
    /// not one a quarter later.
    func testAck_chainsTheThread_withoutReferences_andNamesTheNextQuarter() throws {
        let (branch, server, reminder) = try sentReminder()
        defer { server.stop() }
        let mid = try XCTUnwrap(reminder.messageID)
        let r = try branch.run("ingest", "--at", replyTime,
                               stdin: Self.reply(to: reminder, threaded: false, extraHeaders: "In-Reply-To: <\(mid)>\r\n",
                                                 body: "已联系 12-20 电话"))
        XCTAssertEqual(r.stdout, "reply\n", r.stderr)
        let got = try server.messages()
        XCTAssertEqual(got.count, 2)
        let ack = try XCTUnwrap(MIMEReader.parse(got[1].data))
        XCTAssertEqual(ack.inReplyTo, ["r1@mail.example.com"])
        XCTAssertEqual(ack.references, [mid, "r1@mail.example.com"])
        XCTAssertTrue(ack.body.contains("下一次期限：2027年3月31日"), ack.body)
    }

    func testAck_toAReplyMatchedByTheSubjectTagAlone_referencesTheThread() throws {
        let (branch, server, reminder) = try sentReminder()
        defer { server.stop() }
        _ = try branch.run("ingest", "--at", replyTime, stdin: Self.reply(to: reminder, threaded: false, body: "已联系"))
        let ack = try XCTUnwrap(MIMEReader.parse(try server.messages()[1].data))
        XCTAssertEqual(ack.references, [reminder.messageID!, "r1@mail.example.com"])
    }

    func testUnrecognisedReply_getsTheCommands_byTheSubjectTagAlone() throws {
        let (branch, server, reminder) = try sentReminder()
        defer { server.stop() }
        let r = try branch.run("ingest", "--at", replyTime,
                               stdin: Self.reply(to: reminder, from: "L01@EXAMPLE.ORG", threaded: false, body: "收到，谢谢"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "reply\n")
        XCTAssertEqual(try branch.log("--event", "record").count, 0)
        let got = try server.messages()
        XCTAssertEqual(got.count, 2)
        let help = try XCTUnwrap(MIMEReader.parse(got[1].data))
        XCTAssertTrue(help.body.contains("已联系"), help.body)
        XCTAssertEqual(try branch.log("--event", "ack").count, 1)
    }

    func testForgedMadeUpAutomaticAndOversized_produceTheirLogLine_andNoRecord() throws {
        let (branch, server, reminder) = try sentReminder()
        defer { server.stop() }
        let forged = try branch.run("ingest", "--at", replyTime,
                                    stdin: Self.reply(to: reminder, from: "魏诗琪 <l01@evil.example>", id: "f1@x", body: "已联系"))
        XCTAssertEqual(forged.status, 0)
        XCTAssertEqual(forged.stdout, "rejected\n")
        let madeUp = try branch.run("ingest", "--at", replyTime,
                                    stdin: Self.reply(to: reminder, id: "f2@x", subject: "Re: x [联络#AAAABBBBCCCCDDDD]",
                                                      threaded: false, body: "已联系"))
        XCTAssertEqual(madeUp.stdout, "rejected\n")
        let auto = try branch.run("ingest", "--at", replyTime,
                                  stdin: Self.reply(to: reminder, id: "f3@x", extraHeaders: "Auto-Submitted: auto-replied\r\n",
                                                    body: "我正在休假"))
        XCTAssertEqual(auto.stdout, "ignored\n")
        var big = Self.reply(to: reminder, id: "f4@x", body: "已联系")
        big.append(Data(repeating: UInt8(ascii: "A"), count: 20 * 1024 * 1024))
        let huge = try branch.run("ingest", "--at", replyTime, stdin: big)
        XCTAssertEqual(huge.status, 0, huge.stderr)
        XCTAssertEqual(huge.stdout, "ignored\n")

        XCTAssertEqual(try branch.log("--event", "record").count, 0)
        XCTAssertEqual(try server.messages().count, 1, "nothing is answered")
        let rejected = try branch.log("--event", "rejected").compactMap { $0["detail"] as? String }
        XCTAssertEqual(rejected.count, 2)
        XCTAssertTrue(rejected[0].contains("not an address this thread was sent to"), "\(rejected)")
        XCTAssertTrue(rejected[1].contains("no thread matches"), "\(rejected)")
        let ignored = try branch.log("--event", "ignored").compactMap { $0["detail"] as? String }
        XCTAssertTrue(ignored.contains { $0.contains("Auto-Submitted") }, "\(ignored)")
        XCTAssertTrue(ignored.contains { $0.contains("over the 10 MB limit") }, "\(ignored)")
    }

    func testBounceAboutAReminder_logsFailedForThatAddress() throws {
        let (branch, server, reminder) = try sentReminder()
        defer { server.stop() }
        let dsn = """
            From: MAILER-DAEMON@mx.example.org\r
            To: branch@example.org\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <dsn1@mx.example.org>\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
            \r
            --B\r
            Content-Type: text/plain\r
            \r
            sorry\r
            --B\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.example.org\r
            \r
            Final-Recipient: rfc822; l01@example.org\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 User unknown\r
            \r
            --B\r
            Content-Type: text/rfc822-headers\r
            \r
            Message-ID: <\(reminder.messageID!)>\r
            \r
            --B--\r

            """
        let r = try branch.run("ingest", "--at", replyTime, stdin: Data(dsn.utf8))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "bounce\n")
        let failed = try branch.log("--event", "failed")
        XCTAssertEqual(failed.count, 1)
        XCTAssertEqual(failed.first?["to"] as? [String], ["l01@example.org"])
        XCTAssertEqual(failed.first?["smtp"] as? String, "550 5.1.1 User unknown")
        XCTAssertEqual(failed.first?["rule"] as? String, "contact.quarterly")
        XCTAssertEqual(try server.messages().count, 1)
    }

    func testUnwritableStore_exits75() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        try branch.write("liaisond.sqlite", "this is not a database, just text that SQLite must refuse to open...\n")
        let r = try branch.run("ingest", stdin: Data("From: a@b\r\nSubject: x\r\n\r\nhi\r\n".utf8))
        XCTAssertEqual(r.status, 75, r.stderr)
    }
}
