import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore
import XCTest

/// IMAP polling end to end: a real Dovecot with a throwaway maildir, a real SMTP server, the
/// real binary's `tick`.
final class IMAPTests: XCTestCase {
    let leadDay = "2026-12-17T09:00:00+08:00"
    let replyTime = "2026-12-22T10:00:00+08:00"

    func branch(smtp: TestSMTPServer, imapURL: String) throws -> TestBranch {
        let b = try TestBranch(smtpURL: smtp.url, extraConfig: """
            [imap]
            url = \(imapURL)
            user = branch
            password_file = imap.password
            tls = none
            id = yes
            """)
        try b.write("imap.password", "secret\n")
        return b
    }

    func testRepliesInTheMailbox_areRecordedAndAcknowledged_once_acrossRestartsAndANewUIDValidity() throws {
        let dovecot = try TestDovecot()
        let smtp = try TestSMTPServer.aiosmtpd()
        defer { smtp.stop() }
        let b = try branch(smtp: smtp, imapURL: dovecot.url)
        let first = try b.run("tick", "--at", leadDay)
        XCTAssertEqual(first.status, 0, first.stderr)
        let reminder = try XCTUnwrap(MIMEReader.parse(try smtp.messages()[0].data))

        try dovecot.deliver(IngestTests.reply(to: reminder, id: "r1@mail.example.com", body: "已联系 12-20 电话"))
        try dovecot.deliver(IngestTests.reply(to: reminder, from: "x@evil.example", id: "f1@evil.example", body: "已联系"))
        let r = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try b.log("--event", "record").count, 1)
        XCTAssertEqual(try b.log("--event", "rejected").count, 1)
        XCTAssertEqual(try b.log("--event", "ack").count, 1)
        let got = try smtp.messages()
        XCTAssertEqual(got.count, 2)
        XCTAssertEqual(got[1].rcptTos, ["l01@example.org"])
        XCTAssertEqual(MIMEReader.parse(got[1].data)?.inReplyTo, ["r1@mail.example.com"])
        XCTAssertEqual(try dovecot.seenCount(), 2)

        // A restarted server, a second tick: nothing is taken twice.
        dovecot.stop()
        try dovecot.start()
        XCTAssertEqual(try b.run("tick", "--at", replyTime).status, 0)
        XCTAssertEqual(try b.log("--event", "reply").count, 1)
        XCTAssertEqual(try b.log("--event", "ignored").count, 0)

        // A new UIDVALIDITY: the mailbox is read again; only the new reply is taken.
        try dovecot.resetUIDValidity()
        try dovecot.deliver(IngestTests.reply(to: reminder, id: "r2@mail.example.com", body: "未联系上 电话关机"))
        let after = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertTrue(after.stderr.contains("UIDVALIDITY"), after.stderr)
        let records = try b.log("--event", "record").compactMap { $0["detail"] as? String }
        XCTAssertEqual(records.count, 2, "\(records)")
        XCTAssertTrue(records[1].contains("unreachable"), "\(records)")
        XCTAssertEqual(try b.log("--event", "ack").count, 2)
        XCTAssertEqual(try b.log("--event", "ignored").count, 2, "the two old messages are recognised as duplicates")
        XCTAssertEqual(try smtp.messages().count, 3)
    }

    /// Dovecot, an SMTP server and a branch whose contact reminder went out on `leadDay`; the
    /// reminder is what the replies answer.
    private func branchThatSentItsReminder() throws
        -> (dovecot: TestDovecot, smtp: TestSMTPServer, branch: TestBranch, reminder: ParsedMessage) {
        let dovecot = try TestDovecot()
        let smtp = try TestSMTPServer.aiosmtpd()
        let b = try branch(smtp: smtp, imapURL: dovecot.url)
        let lead = try b.run("tick", "--at", leadDay)
        XCTAssertEqual(lead.status, 0, lead.stderr)
        let reminder = try XCTUnwrap(MIMEReader.parse(try smtp.messages()[0].data))
        return (dovecot, smtp, b, reminder)
    }

    /// A poll takes its messages 100 to a transaction: 205 waiting (one of them twice, in the
    /// same batch) are all recorded and acknowledged once, the position is the last UID, and
    /// the next poll finds nothing new.
    func testAPollOfSeveralBatches_takesEveryMessageOnce() throws {
        let (dovecot, smtp, b, reminder) = try branchThatSentItsReminder()
        defer { smtp.stop() }
        for i in 0..<205 {
            let id = i == 50 ? "r10@mail.example.com" : "r\(i)@mail.example.com"
            try dovecot.deliver(IngestTests.reply(to: reminder, id: id, body: "已联系 12-\(10 + i % 10) 电话"), name: "r\(i)")
        }
        let r = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try b.log("--event", "record").count, 204)
        XCTAssertEqual(try b.log("--event", "ignored").count, 1, "the second r10 is a duplicate within its batch")
        XCTAssertEqual(try b.log("--event", "ack").count, 204)
        XCTAssertEqual(try dovecot.seenCount(), 205)
        XCTAssertEqual(try smtp.messages().count, 1 + 204)

        let again = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try b.log("--event", "reply").count, 204, "nothing taken twice")
        XCTAssertEqual(try smtp.messages().count, 1 + 204)
    }

    /// The store refuses one message of a batch (here a trigger): the batch is taken again one
    /// message at a time, so the two before it stay taken and the poll stops at it; once the
    /// store takes it, the next poll takes it and the two after it.
    func testAMessageTheStoreRefuses_leavesTheOnesBeforeItTaken() throws {
        let (dovecot, smtp, b, reminder) = try branchThatSentItsReminder()
        defer { smtp.stop() }
        for i in 1...5 {
            try dovecot.deliver(IngestTests.reply(to: reminder, id: "r\(i)@mail.example.com", body: "已联系 12-1\(i) 电话"),
                                name: "r\(i)")
        }
        let db = try Database(path: b.storePath)
        try db.execute("""
            CREATE TRIGGER refuse_r3 BEFORE INSERT ON replies WHEN NEW.message_id = 'r3@mail.example.com'
            BEGIN SELECT RAISE(ABORT, 'refused for the test'); END
            """)
        let r = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertTrue(r.stderr.contains("refused for the test"), r.stderr)
        XCTAssertEqual(try b.log("--event", "record").count, 2, "r1 and r2 stay taken")
        XCTAssertEqual(try smtp.messages().count, 1 + 2, "and are acknowledged")

        try db.execute("DROP TRIGGER refuse_r3")
        let after = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(try b.log("--event", "record").count, 5)
        XCTAssertEqual(try b.log("--event", "ignored").count, 0, "nothing taken twice")
        XCTAssertEqual(try smtp.messages().count, 1 + 5)
    }

    /// The server cannot give the third of five messages (its file unreadable): the two
    /// fetched before it are taken and acknowledged, the poll fails (exit 75) without taking
    /// anything after it; once the file can be read, the next poll takes the other three.
    func testAMessageTheServerCannotGive_leavesTheOnesBeforeItTaken() throws {
        let (dovecot, smtp, b, reminder) = try branchThatSentItsReminder()
        defer { smtp.stop() }
        for i in 1...5 {
            let data = IngestTests.reply(to: reminder, id: "r\(i)@mail.example.com", body: "已联系 12-1\(i) 电话")
            // Sizes in the file names (as Dovecot's own deliveries have them): listing the
            // messages does not open their files, only fetching does.
            try dovecot.deliver(data, name: "r\(i),S=\(data.count),W=\(data.count)")
        }
        let r3 = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: dovecot.maildir.appendingPathComponent("new").path)
            .first { $0.hasPrefix("r3,") }.map { dovecot.maildir.appendingPathComponent("new/\($0)").path })
        XCTAssertEqual(chmod(r3, 0), 0)
        let r = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertTrue(r.stderr.contains("IMAP"), r.stderr)
        XCTAssertEqual(try b.log("--event", "record").count, 2, "r1 and r2 are taken: \(r.stderr)")
        XCTAssertEqual(try smtp.messages().count, 1 + 2, "and acknowledged")

        let unreadable = try FileManager.default.contentsOfDirectory(atPath: dovecot.maildir.appendingPathComponent("cur").path)
            .filter { $0.hasPrefix("r3") }.map { dovecot.maildir.appendingPathComponent("cur/\($0)").path }
        for path in unreadable + [r3] { chmod(path, 0o666) }
        let after = try b.run("tick", "--at", replyTime)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(try b.log("--event", "record").count, 5)
        XCTAssertEqual(try b.log("--event", "ignored").count, 0, "nothing taken twice")
        XCTAssertEqual(try smtp.messages().count, 1 + 5)
    }

    func testFailedPoll_stillSendsWhatIsDue_andExits75() throws {
        let smtp = try TestSMTPServer.aiosmtpd()
        defer { smtp.stop() }
        let closed = try TestSMTPServer.freePort()
        let b = try branch(smtp: smtp, imapURL: "imap://127.0.0.1:\(closed)/INBOX")
        let r = try b.run("tick", "--at", leadDay)
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertTrue(r.stderr.contains("IMAP"), r.stderr)
        XCTAssertEqual(try smtp.messages().count, 1)
    }

    func testIDIsSentBeforeTheMailboxIsSelected() throws {
        let dovecot = try TestDovecot()
        let session = try IMAPSession(settings: IMAPSettings(url: dovecot.url, user: "branch", password: "secret",
                                                             tls: .none, sendID: true))
        try session.identify()
        XCTAssertEqual(try session.messages(fromUID: 1).count, 0)
        XCTAssertNotNil(session.uidValidity)
        let verbs = session.commands.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        let id = try XCTUnwrap(verbs.firstIndex(of: "ID"), "\(session.commands)")
        let select = try XCTUnwrap(verbs.firstIndex(of: "SELECT"), "\(session.commands)")
        XCTAssertLessThan(id, select)
        XCTAssertFalse(session.commands.joined().contains("secret"))
    }

    /// The listing works for a mailbox with many waiting messages (libcurl's own requests
    /// refused such long answers: "Too large response headers").
    func testManyWaitingMessages_areAllListed() throws {
        let dovecot = try TestDovecot()
        for i in 0..<150 {
            try dovecot.deliver(Data("From: a@b\r\nMessage-ID: <m\(i)@b>\r\nSubject: \(i)\r\n\r\nhi\r\n".utf8), name: "m\(i)")
        }
        let session = try IMAPSession(settings: IMAPSettings(url: dovecot.url, user: "branch", password: "secret", tls: .none))
        let list = try session.messages(fromUID: 1)
        XCTAssertEqual(list.map(\.uid), Array(1...150).map(Int64.init))
        XCTAssertTrue(list.allSatisfy { $0.size > 0 })
        XCTAssertEqual(try session.messages(fromUID: 151).count, 0, "N:* with N past the last UID lists nothing")
        XCTAssertTrue(String(decoding: try session.fetch(uid: 7), as: UTF8.self).contains("Message-ID: <m"))
    }

    /// Message bodies that hold what would end a line-by-line reading (our tag's `OK`, a
    /// literal marker, a FETCH line) and a 100 KB line (libcurl refuses server lines over
    /// 16 KB) come back byte for byte, all in one `UID FETCH`, and stay unseen until `markSeen`.
    func testOneFetchOfManyMessages_givesEachExactly_andLeavesThemUnseen() throws {
        let dovecot = try TestDovecot()
        var sent: [[UInt8]] = []
        for i in 1...30 {
            let body = i % 3 == 0 ? "L\(i) OK done\r\n* \(i) FETCH (UID \(i) BODY[] {3}\r\nabc\r\nL9 BAD {12}\r\n"
                : i % 3 == 1 ? String(repeating: "长", count: 34_000) + "\r\n" : "hi \(i)\r\n"
            let data = Array("From: a@b\r\nMessage-ID: <m\(i)@b>\r\nSubject: \(i)\r\n\r\n\(body)".utf8)
            sent.append(data)
            try dovecot.deliver(Data(data), name: "m\(i)")
        }
        let session = try IMAPSession(settings: IMAPSettings(url: dovecot.url, user: "branch", password: "secret", tls: .none))
        let list = try session.messages(fromUID: 1)
        XCTAssertEqual(list.map(\.size).sorted(), sent.map(\.count).sorted())
        var bodies: [Int64: [UInt8]] = [:]
        try session.fetch(uids: list.map(\.uid), into: &bodies)
        // Dovecot numbers the files in the order it lists them, not by name.
        XCTAssertEqual(bodies.count, 30)
        XCTAssertTrue(Set(bodies.values) == Set(sent), "every body byte for byte")
        XCTAssertTrue(list.allSatisfy { bodies[$0.uid]?.count == $0.size })
        XCTAssertEqual(session.commands.filter { $0.hasPrefix("UID FETCH") && $0.contains("BODY.PEEK[]") }.count, 1)
        XCTAssertEqual(try dovecot.seenCount(), 0, "fetching leaves \\Seen alone")
        try session.markSeen(uids: list.map(\.uid))
        XCTAssertEqual(try session.messages(fromUID: 31).count, 0, "the session still answers after the fetch")
        XCTAssertEqual(try dovecot.seenCount(), 30)
    }

    /// A UID the server has no message for (expunged since it was listed) fails the fetch,
    /// and the messages before it are given.
    func testAFetchMissingAMessage_throws_andGivesTheOnesItGot() throws {
        let dovecot = try TestDovecot()
        for i in 1...3 { try dovecot.deliver(Data("Message-ID: <m\(i)@b>\r\n\r\nhi\r\n".utf8), name: "m\(i)") }
        let session = try IMAPSession(settings: IMAPSettings(url: dovecot.url, user: "branch", password: "secret", tls: .none))
        XCTAssertEqual(try session.messages(fromUID: 1).count, 3)
        var bodies: [Int64: [UInt8]] = [:]
        XCTAssertThrowsError(try session.fetch(uids: [1, 2, 3, 9], into: &bodies)) {
            XCTAssertTrue("\($0)".contains("UID 9"), "\($0)")
        }
        XCTAssertEqual(bodies.keys.sorted(), [1, 2, 3])
    }

    /// STARTTLS (required by the server before any login): libcurl starts TLS and logs in, and
    /// our commands go through its TLS.
    func testThroughSTARTTLS_listsFetchesAndMarks() throws {
        let certs = try TestCertificates.make()
        defer { certs.remove() }
        let dovecot = try TestDovecot(certificates: certs)
        for i in 1...60 {
            try dovecot.deliver(Data("Message-ID: <m\(i)@b>\r\n\r\n\(String(repeating: "x", count: 997))\(i)\r\n".utf8), name: "m\(i)")
        }
        let session = try IMAPSession(settings: IMAPSettings(url: dovecot.url, user: "branch", password: "secret", tls: .required,
                                                             caFile: certs.caCertificate, sendID: true))
        try session.identify()
        let list = try session.messages(fromUID: 1)
        XCTAssertEqual(list.count, 60)
        var bodies: [Int64: [UInt8]] = [:]
        try session.fetch(uids: list.map(\.uid), into: &bodies)
        XCTAssertEqual(bodies.count, 60)
        XCTAssertTrue(list.allSatisfy { bodies[$0.uid]?.count == $0.size })
        try session.markSeen(uids: list.map(\.uid))
        XCTAssertEqual(try dovecot.seenCount(), 60)
        XCTAssertTrue(session.commands.contains("STARTTLS"), "\(session.commands)")

        let untrusted = try IMAPSession(settings: IMAPSettings(url: dovecot.url, user: "branch", password: "secret", tls: .required))
        XCTAssertThrowsError(try untrusted.messages(fromUID: 1), "a certificate no CA vouches for is refused")
    }

    /// A folder the secretary named in Chinese is written in the URL as it reads; the server
    /// knows it by its modified UTF-7 name (Dovecot's maildir folder `.&Vt5ZDQ-`).
    func testAFolderWithAChineseName_isSelectedByItsIMAPName() throws {
        let dovecot = try TestDovecot()
        let folder = dovecot.maildir.appendingPathComponent(".&Vt5ZDQ-")
        for sub in ["cur", "new", "tmp"] {
            let d = folder.appendingPathComponent(sub)
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
            chmod(d.path, 0o777)
        }
        chmod(folder.path, 0o777)
        let file = folder.appendingPathComponent("new/m1")
        try Data("Message-ID: <m1@b>\r\n\r\n回复\r\n".utf8).write(to: file)
        chmod(file.path, 0o666)
        let url = dovecot.url.replacingOccurrences(of: "/INBOX", with: "/回复")
        let session = try IMAPSession(settings: IMAPSettings(url: url, user: "branch", password: "secret", tls: .none))
        let list = try session.messages(fromUID: 1)
        XCTAssertEqual(list.count, 1, "\(session.commands)")
        XCTAssertTrue(session.commands.contains("SELECT \"&Vt5ZDQ-\""), "\(session.commands)")
    }

    /// The error says which step failed: a refused password is the login's, a closed port or
    /// an untrusted certificate the connection's.
    func testAFailedStart_saysWhetherTheLoginOrTheConnectionFailed() throws {
        let dovecot = try TestDovecot()
        let wrong = try IMAPSession(settings: IMAPSettings(url: dovecot.url, user: "branch", password: "nope", tls: .none))
        XCTAssertThrowsError(try wrong.messages(fromUID: 1)) {
            XCTAssertTrue("\($0)".hasPrefix("IMAP login failed"), "\($0)")
        }
        let closed = try TestSMTPServer.freePort()
        let nobody = try IMAPSession(settings: IMAPSettings(url: "imap://127.0.0.1:\(closed)/INBOX", user: "branch",
                                                            password: "secret", tls: .none, connectTimeout: 5))
        XCTAssertThrowsError(try nobody.messages(fromUID: 1)) {
            XCTAssertTrue("\($0)".hasPrefix("IMAP connection failed"), "\($0)")
        }
    }
}
