import Foundation
import LiaisonCore
import XCTest

/// A sample of the labelled reply corpus (LiaisonCoreTests/Fixtures/reply-corpus) through the
/// real binary: `ingest` and an IMAP poll of a real Dovecot record what each message says (or
/// nothing), and the answer arriving at a real SMTP server says so — the record quoted with
/// how to undo it, a courtesy thanked, a refusal explained.
final class ReplyCorpusEndToEndTests: XCTestCase {
    let leadDay = "2026-12-17T09:00:00+08:00"
    let replyTime = "2026-12-22T10:00:00+08:00"
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LiaisonCoreTests/Fixtures/reply-corpus")
    /// P01's report of the third quarter is the last: the fourth quarter's report is due too.
    static let members = """
        id,name,kind,email,phone,since,liaison,grid,last_contact,last_report
        P01,张伟,outgoing,m01@example.org,13900000001,2026-05-10,L01,G1,2026-07-15,2026-07-20
        """

    struct Case {
        var file, family, thread, sender, expected, value, text: String
    }

    static func cases() throws -> [Case] {
        try String(contentsOf: corpus.appendingPathComponent("labels.tsv"), encoding: .utf8).split(separator: "\n").map {
            let f = $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(file: f[0], family: f[1], thread: f[2], sender: f[3], expected: f[4], value: f[5],
                        text: f[6].replacingOccurrences(of: "\\n", with: "\n"))
        }
    }

    /// The corpus message, answering the reminder `messageID` of this branch's thread.
    static func message(_ c: Case, replying messageID: String) throws -> Data {
        let data = try Data(contentsOf: corpus.appendingPathComponent("eml").appendingPathComponent(c.file))
        var bytes = [UInt8](data)
        let from = Array("<K3F9Q2M7XA4PLD8W.AAAA@example.org>".utf8), to = Array("<\(messageID)>".utf8)
        var i = 0
        var out: [UInt8] = []
        while i < bytes.count {
            if i + from.count <= bytes.count, Array(bytes[i..<(i + from.count)]) == from {
                out += to
                i += from.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        bytes = out
        return Data(bytes)
    }

    /// The sample: every third contact-, dues- and report-thread case of each family (undo is
    /// tested on its own: it would withdraw the sample's own records).
    static func sample(every n: Int, offset: Int) throws -> [Case] {
        let all = try cases().filter { ["contact", "dues", "report"].contains($0.thread) && $0.expected != "nothing:undo" }
        return all.enumerated().filter { $0.offset % n == offset }.map(\.element)
    }

    func reminders(_ server: TestSMTPServer) throws -> [String: ParsedMessage] {
        var out: [String: ParsedMessage] = [:]
        for m in try server.messages() {
            let p = try XCTUnwrap(MIMEReader.parse(m.data))
            let subject = p.subject ?? ""
            if subject.contains("[联络#") { out["contact"] = p }
            if subject.contains("[汇报#") { out["report"] = p }
        }
        return out
    }

    /// Checks the record a case made (from the log) and the answer the SMTP server received.
    func check(_ c: Case, records before: Int, branch: TestBranch, answer: ParsedMessage?, rcpt: [String]?) throws {
        let records = try branch.log("--event", "record").compactMap { $0["detail"] as? String }
        if c.expected.hasPrefix("nothing:") {
            XCTAssertEqual(records.count, before, "\(c.file): no record: \(records.suffix(1))")
        } else {
            XCTAssertEqual(records.count, before + 1, "\(c.file): one record")
            let kind = c.expected == "inspection" ? "inspection" : c.expected
            let detail = records.last ?? ""
            XCTAssertTrue(detail.contains(kind), "\(c.file): \(detail)")
            if c.expected == "dues" { XCTAssertTrue(detail.contains("through \(c.value)"), "\(c.file): \(detail)") }
            else { XCTAssertTrue(detail.contains(c.value), "\(c.file): \(detail)") }
        }
        let a = try XCTUnwrap(answer, "\(c.file): an answer")
        let sender = c.sender == "member" ? "m01@example.org" : "l01@example.org"
        XCTAssertEqual(rcpt, [sender], c.file)
        XCTAssertEqual(a.header("Auto-Submitted"), "auto-replied", c.file)
        let subject = a.subject ?? ""
        switch c.expected {
        case "nothing:courtesy":
            XCTAssertTrue(subject.hasPrefix("谢谢您的回复"), "\(c.file): \(subject)")
        case "nothing:refused":
            XCTAssertTrue(subject.hasPrefix("未能识别您的回复"), "\(c.file): \(subject)")
            XCTAssertTrue(a.body.contains("没有") || a.body.contains("请写明"), "\(c.file): \(a.body)")
        case "nothing:help":
            XCTAssertTrue(subject.hasPrefix("未能识别您的回复"), "\(c.file): \(subject)")
        default:
            XCTAssertTrue(subject.hasPrefix("已记录："), "\(c.file): \(subject)")
            XCTAssertTrue(a.body.contains("类型：\(MessageComposer.kindName(Record.Kind(rawValue: c.expected)!, .zh))"), "\(c.file): \(a.body)")
            XCTAssertTrue(a.body.contains("撤销"), "\(c.file): the way back: \(a.body)")
            if c.expected == "report" {
                let squash = { (s: String) in s.filter { !$0.isWhitespace } }
                XCTAssertTrue(squash(a.body).contains(squash(c.text)), "\(c.file): the report quoted: \(a.body)")
            }
        }
    }

    func testSampleThroughIngest_recordsExactlyWhatWasSaid_andTheAnswerSaysSo() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.members)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        let threads = try reminders(server)
        let sample = try Self.sample(every: 6, offset: 0)
        XCTAssertGreaterThanOrEqual(sample.count, 60)
        for c in sample {
            let reminder = try XCTUnwrap(threads[c.thread == "report" ? "report" : "contact"], c.thread)
            let before = try branch.log("--event", "record").count
            let sent = try server.messages().count
            let r = try branch.run("ingest", "--at", replyTime, stdin: Self.message(c, replying: reminder.messageID!))
            XCTAssertEqual(r.stdout, "reply\n", "\(c.file): \(r.stderr)")
            let got = try server.messages()
            XCTAssertEqual(got.count, sent + 1, c.file)
            try check(c, records: before, branch: branch, answer: got.last.flatMap { MIMEReader.parse($0.data) },
                      rcpt: got.last?.rcptTos)
        }
    }

    func testSampleThroughIMAP_onDovecot() throws {
        let dovecot = try TestDovecot()
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.members, extraConfig: """
            [imap]
            url = \(dovecot.url)
            user = branch
            password_file = imap.password
            tls = none
            """)
        try branch.write("imap.password", "secret\n")
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        let threads = try reminders(server)
        let sample = try Self.sample(every: 10, offset: 3)
        XCTAssertGreaterThanOrEqual(sample.count, 30)
        for (i, c) in sample.enumerated() {
            let reminder = try XCTUnwrap(threads[c.thread == "report" ? "report" : "contact"])
            try dovecot.deliver(Self.message(c, replying: reminder.messageID!), name: "c\(i)")
        }
        let r = try branch.run("tick", "--at", replyTime)
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = sample.filter { !$0.expected.hasPrefix("nothing:") }
        let records = try branch.log("--event", "record").compactMap { $0["detail"] as? String }
        XCTAssertEqual(records.count, expected.count, "\(records)")
        // Each answer, matched to its reply by In-Reply-To.
        var answers: [String: (ParsedMessage, [String])] = [:]
        for m in try server.messages() {
            if let p = MIMEReader.parse(m.data), let irt = p.inReplyTo.first { answers[irt] = (p, m.rcptTos) }
        }
        for c in sample {
            let id = try XCTUnwrap(MIMEReader.parse([UInt8](Self.message(c, replying: "x@y")))?.messageID)
            let a = answers[id]
            XCTAssertNotNil(a, "\(c.file): answered")
            guard let (msg, rcpt) = a else { continue }
            XCTAssertEqual(rcpt, [c.sender == "member" ? "m01@example.org" : "l01@example.org"], c.file)
            if c.expected.hasPrefix("nothing:") {
                XCTAssertFalse((msg.subject ?? "").hasPrefix("已记录"), c.file)
            } else {
                XCTAssertTrue((msg.subject ?? "").hasPrefix("已记录："), "\(c.file): \(msg.subject ?? "")")
                XCTAssertTrue(msg.body.contains("撤销"), c.file)
            }
        }
        XCTAssertEqual(try dovecot.seenCount(), sample.count)
    }

    func testUndoByMail_withdrawsTheLastRecordOfThisSenderInThisThread() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.members)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        let contact = try XCTUnwrap(try reminders(server)["contact"])
        _ = try branch.run("ingest", "--at", replyTime, stdin: IngestTests.reply(to: contact, id: "a1@x", body: "已联系 12-19 电话"))
        _ = try branch.run("ingest", "--at", replyTime, stdin: IngestTests.reply(to: contact, id: "a2@x", body: "已联系 12-20 微信"))
        // Someone else's 撤销 in the thread finds nothing of theirs.
        let other = try branch.run("ingest", "--at", replyTime,
                                   stdin: IngestTests.reply(to: contact, from: "x@evil.example", id: "a3@x", body: "撤销"))
        XCTAssertEqual(other.stdout, "rejected\n")
        let r = try branch.run("ingest", "--at", replyTime, stdin: IngestTests.reply(to: contact, id: "a4@x", body: "撤销"))
        XCTAssertEqual(r.stdout, "reply\n", r.stderr)
        let voids = try branch.log("--event", "void").compactMap { $0["detail"] as? String }
        XCTAssertEqual(voids.count, 1)
        XCTAssertTrue(voids[0].contains("contact 2026-12-20"), "\(voids)")
        let answer = try XCTUnwrap(MIMEReader.parse(try server.messages().last!.data))
        XCTAssertTrue((answer.subject ?? "").hasPrefix("已撤销："), answer.subject ?? "")
        XCTAssertTrue(answer.body.contains("备注：微信"), answer.body)
        // The record shows as withdrawn; the first one stands.
        let ids = try branch.log("--event", "record").compactMap { ($0["detail"] as? String)?.split(separator: " ").first }
        let second = try branch.run("log", "--event", String(ids[1].dropFirst()))
        XCTAssertTrue(second.stdout.contains("已撤销"), second.stdout)
        let first = try branch.run("log", "--event", String(ids[0].dropFirst()))
        XCTAssertFalse(first.stdout.contains("已撤销"), first.stdout)
        // A second 撤销 takes the one before; a third finds nothing and says so.
        _ = try branch.run("ingest", "--at", replyTime, stdin: IngestTests.reply(to: contact, id: "a5@x", body: "撤销"))
        _ = try branch.run("ingest", "--at", replyTime, stdin: IngestTests.reply(to: contact, id: "a6@x", body: "undo"))
        XCTAssertEqual(try branch.log("--event", "void").count, 2)
        let last = try XCTUnwrap(MIMEReader.parse(try server.messages().last!.data))
        XCTAssertTrue(last.body.contains("没有撤销任何记录"), last.body)
    }

    func testAKindThatDoesNotApplyToTheMember_isNotRecorded_asRecordWouldRefuseIt() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.members)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        let contact = try XCTUnwrap(try reminders(server)["contact"])
        // P01 is outgoing: 已登记 (an incoming member's registration) does not apply.
        let r = try branch.run("ingest", "--at", replyTime, stdin: IngestTests.reply(to: contact, id: "k1@x", body: "已登记"))
        XCTAssertEqual(r.stdout, "reply\n", r.stderr)
        XCTAssertEqual(try branch.log("--event", "record").count, 0)
        let answer = try XCTUnwrap(MIMEReader.parse(try server.messages().last!.data))
        XCTAssertTrue(answer.body.contains("不适用"), answer.body)
    }

    func testLongReport_keeps20000Characters_andLogFullShowsTheWhole() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: Self.members)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        let report = try XCTUnwrap(try reminders(server)["report"])
        let text = (0..<2500).map { "第\($0)段：本季度在深圳参加学习。" }.joined(separator: "\n")
        XCTAssertGreaterThan(text.count, 20_000)
        let r = try branch.run("ingest", "--at", replyTime,
                               stdin: IngestTests.reply(to: report, from: "张伟 <m01@example.org>", body: text + "\n\n> 请汇报"))
        XCTAssertEqual(r.stdout, "reply\n", r.stderr)
        let detail = try XCTUnwrap(try branch.log("--event", "record").last?["detail"] as? String)
        let id = String(detail.split(separator: " ")[0].dropFirst())
        let short = try branch.run("log", "--event", id)
        XCTAssertTrue(short.stdout.contains("--full"), short.stdout)
        let full = try branch.run("log", "--event", id, "--full")
        XCTAssertEqual(full.status, 0, full.stderr)
        XCTAssertTrue(full.stdout.contains("第2499段"), "the whole text")
        XCTAssertFalse(full.stdout.contains("请汇报"), "not the quote")
        let json = try branch.run("log", "--event", id, "--full", "--json")
        XCTAssertTrue(json.stdout.replacingOccurrences(of: " ", with: "").contains("\"kind\":\"report\""),
                      String(json.stdout.prefix(200)))
    }
}
