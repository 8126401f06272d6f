import Foundation
import LiaisonCore
import XCTest

/// The secretary's daily list (每日待办) end to end on the example branch (config/): the real
/// binary, aiosmtpd, a real store; replies through `ingest`; kill -9 during a grouped send.
final class DailyListTests: XCTestCase {
    static let configDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config")
    static let secretary = "secretary@example.org"
    let jan1 = "2027-01-01T09:00:00+08:00"

    func exampleBranch(_ server: TestSMTPServer, group: Bool = true) throws -> TestBranch {
        let members = try String(contentsOf: Self.configDir.appendingPathComponent("members.csv"), encoding: .utf8)
        let people = try String(contentsOf: Self.configDir.appendingPathComponent("people.csv"), encoding: .utf8)
        return try TestBranch(smtpURL: server.url, members: members.trimmingWhitespace(), people: people.trimmingWhitespace(),
                              extraConfig: group ? "" : "[mail]\ngroup = no\n")
    }

    static func recipients(_ m: TestSMTPServer.ReceivedMessage) -> Set<String> { Set(m.rcptTos.map { $0.lowercased() }) }

    func testJan1_secretaryGetsTheListAndTheReport_everyReminderOnce_andRepliesLineByLine() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try exampleBranch(server)
        let r = try branch.run("tick", "--at", jan1)
        XCTAssertEqual(r.status, 0, r.stderr)
        let got = try server.messages()
        let toSecretary = got.filter { Self.recipients($0).contains(Self.secretary) }
        XCTAssertEqual(toSecretary.count, 2, "the daily list and the monthly report")
        let parsed = try toSecretary.map { try XCTUnwrap(MIMEReader.parse($0.data)) }
        let list = try XCTUnwrap(parsed.first { ($0.subject ?? "").hasPrefix("每日待办") })
        XCTAssertTrue(list.body.contains("P10 已逾期：请尽快将流入党员"), list.body)
        XCTAssertTrue(list.body.contains("办理后回复：P10 已登记"), list.body)
        XCTAssertTrue(list.body.contains("规则：membership.review + contact.lost"), list.body)
        XCTAssertFalse(list.body.contains("再次"), list.body)
        XCTAssertFalse(list.body.contains("liaisond"), list.body)

        // Every reminder was sent exactly once (one log line per rule id and key).
        let sent = try branch.log("--event", "sent")
        let keys = sent.compactMap { $0["key"] as? String }
        XCTAssertEqual(keys.count, Set(keys).count, "a key sent twice")
        let listKeys = sent.filter { ($0["subject"] as? String ?? "").hasPrefix("每日待办") }.compactMap { $0["rule"] as? String }
        XCTAssertTrue(listKeys.contains("contact.lost") && listKeys.contains("membership.review"), "\(listKeys)")
        // Nobody else's message carries the secretary any more.
        XCTAssertEqual(got.count - toSecretary.count, sent.filter { !($0["subject"] as? String ?? "").hasPrefix("每日待办")
            && !($0["rule"] as? String == "digest.monthly") }.count)

        // The reply: several lines, ids right and wrong.
        let reply = IngestTests.reply(to: list, from: "王芳 <secretary@example.org>", id: "daily-r1@mail.example.com",
                                      body: "王书记好：\nP10 已登记\nP04 已转出 12-20\nP03 已联系 电话\nP99 已联系\nP05 明天再说\n\n谢谢")
        let ingest = try branch.run("ingest", "--at", "2027-01-01T10:00:00+08:00", stdin: reply)
        XCTAssertEqual(ingest.status, 0, ingest.stderr)
        XCTAssertEqual(ingest.stdout, "reply\n")
        let records = try branch.log("--event", "record").compactMap { $0["detail"] as? String }
        XCTAssertEqual(records.count, 3, "\(records)")
        XCTAssertTrue(records.contains { $0.contains("register 2027-01-01") }, "\(records)")
        XCTAssertTrue(records.contains { $0.contains("transfer 2026-12-20") }, "\(records)")
        XCTAssertTrue(records.contains { $0.contains("contact 2027-01-01") }, "\(records)")
        let replies = try branch.log("--event", "reply")
        XCTAssertEqual(replies.compactMap { $0["member"] as? String }, ["P10", "P04", "P03", "P99", "P05"])

        let answers = try server.messages().dropFirst(got.count)
        XCTAssertEqual(answers.count, 1)
        let answer = try XCTUnwrap(MIMEReader.parse(try XCTUnwrap(answers.first).data))
        XCTAssertEqual(answer.mailboxes("To").map(\.address), [Self.secretary])
        XCTAssertEqual(answer.inReplyTo, ["daily-r1@mail.example.com"])
        XCTAssertEqual(ThreadTag.find(in: answer.subject ?? ""), ThreadTag.find(in: list.subject ?? ""))
        for s in ["记录3项，共5行"] { XCTAssertTrue((answer.subject ?? "").contains(s), answer.subject ?? "") }
        for s in ["P10 已登记\n    → 已记录：", "P99 已联系\n    → 未记录：台账中没有编号为 P99 的党员", "P05 明天再说\n    → 未记录："] {
            XCTAssertTrue(answer.body.contains(s), "missing \(s)\n\(answer.body)")
        }
        // What was recorded ends those reminders.
        let due = try branch.due(at: "2027-01-08T09:00:00+08:00")
        XCTAssertFalse(due.contains { $0["rule"] as? String == "incoming.register" && $0["member"] as? String == "P10" }, "\(due)")
        XCTAssertFalse(due.contains { $0["rule"] as? String == "relation.transfer" && $0["member"] as? String == "P04" }, "\(due)")

        // A reply from someone the list was not sent to is rejected, not recorded.
        let stranger = IngestTests.reply(to: list, from: "x <x@example.net>", id: "daily-r2@mail.example.com", body: "P11 已登记")
        XCTAssertEqual(try branch.run("ingest", "--at", "2027-01-01T10:05:00+08:00", stdin: stranger).stdout, "rejected\n")
        XCTAssertEqual(try branch.log("--event", "record").count, 3)
    }

    /// A fresh install's first mail about an old obligation (P04's transfer, due since 2024)
    /// does not say 再次, counts days 逾期, and tells the reader the reply line, no command;
    /// the next one, a week later, is the repeat. Replying 已转出 ends it.
    func testFirstMailAboutAnOldObligation_wordsMatchWhatHappened() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try exampleBranch(server, group: false)
        XCTAssertEqual(try branch.run("tick", "--at", jan1).status, 0)
        func transfers() throws -> [ParsedMessage] {
            try server.messages().compactMap { MIMEReader.parse($0.data) }
                .filter { ($0.subject ?? "").contains("郭永刚的组织关系转接") }
        }
        let first = try XCTUnwrap(try transfers().first)
        XCTAssertFalse((first.subject ?? "").contains("再次"), first.subject ?? "")
        XCTAssertTrue(first.body.contains("(已逾期8") && first.body.contains("天。)"), first.body)
        XCTAssertFalse(first.body.contains("过期") || first.body.contains("liaisond"), first.body)
        XCTAssertTrue(first.body.contains("\n    已转出\n"), first.body)
        XCTAssertEqual(try branch.run("tick", "--at", "2027-01-08T09:00:00+08:00").status, 0)
        let second = try XCTUnwrap(try transfers().dropFirst().first)
        XCTAssertTrue((second.subject ?? "").hasPrefix("再次提醒："), second.subject ?? "")
        let reply = IngestTests.reply(to: second, from: "王芳 <secretary@example.org>", id: "t1@mail.example.com", body: "已转出 1-5")
        XCTAssertEqual(try branch.run("ingest", "--at", "2027-01-08T10:00:00+08:00", stdin: reply).stdout, "reply\n")
        XCTAssertTrue(try branch.log("--event", "record").contains { ($0["detail"] as? String ?? "").contains("transfer 2027-01-05") })
        XCTAssertFalse(try branch.due(at: "2027-01-15T09:00:00+08:00").contains { $0["rule"] as? String == "relation.transfer"
            && $0["member"] as? String == "P04" })
    }

    /// The secretary's reply to the list, picked up by the IMAP poll of a real Dovecot: every
    /// line recorded or explained in one answer, and nothing taken twice on the next poll.
    func testReplyToTheList_throughIMAP() throws {
        let dovecot = try TestDovecot()
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let members = try String(contentsOf: Self.configDir.appendingPathComponent("members.csv"), encoding: .utf8)
        let people = try String(contentsOf: Self.configDir.appendingPathComponent("people.csv"), encoding: .utf8)
        let branch = try TestBranch(smtpURL: server.url, members: members.trimmingWhitespace(), people: people.trimmingWhitespace(),
                                    extraConfig: "[imap]\nurl = \(dovecot.url)\nuser = branch\npassword_file = imap.password\ntls = none\n")
        try branch.write("imap.password", "secret\n")
        XCTAssertEqual(try branch.run("tick", "--at", jan1).status, 0)
        let list = try XCTUnwrap(try server.messages().compactMap { MIMEReader.parse($0.data) }
            .first { ($0.subject ?? "").hasPrefix("每日待办") })
        let before = try server.messages().count
        try dovecot.deliver(IngestTests.reply(to: list, from: "王芳 <secretary@example.org>", id: "imap-daily@mail.example.com",
                                              body: "P12 已登记 12-30\nP02 已转出\nP77 已联系"))
        let r = try branch.run("tick", "--at", "2027-01-01T11:00:00+08:00")
        XCTAssertEqual(r.status, 0, r.stderr)
        let records = try branch.log("--event", "record").compactMap { $0["detail"] as? String }
        XCTAssertEqual(records.count, 2, "\(records)")
        XCTAssertTrue(records.contains { $0.contains("register 2026-12-30") } && records.contains { $0.contains("transfer 2027-01-01") },
                      "\(records)")
        let answers = try server.messages().dropFirst(before)
        XCTAssertEqual(answers.count, 1)
        let answer = try XCTUnwrap(MIMEReader.parse(try XCTUnwrap(answers.first).data))
        XCTAssertTrue(answer.body.contains("P77 已联系\n    → 未记录：台账中没有编号为 P77 的党员"), answer.body)
        XCTAssertEqual(try branch.run("tick", "--at", "2027-01-01T11:10:00+08:00").status, 0)
        XCTAssertEqual(try branch.log("--event", "record").count, 2, "taken once")
    }

    /// The per-item model's reminders (`group = no`) and the grouped ones are the same keys over
    /// a month of daily ticks; grouped, the secretary receives at most one list per send time.
    func testAMonthOfTicks_sameRemindersAsThePerItemModel_oneListPerSendTime() throws {
        let a = try TestSMTPServer.aiosmtpd(), b = try TestSMTPServer.aiosmtpd()
        defer { a.stop(); b.stop() }
        let perItem = try exampleBranch(a, group: false), grouped = try exampleBranch(b)
        var day = LocalDate(year: 2026, month: 12, day: 20)!
        var lists: [String: Int] = [:]
        var seen = 0
        for _ in 0..<21 {
            let at = "\(day)T09:00:00+08:00"
            XCTAssertEqual(try perItem.run("tick", "--at", at).status, 0)
            XCTAssertEqual(try grouped.run("tick", "--at", at).status, 0)
            let got = try b.messages()
            for m in got.dropFirst(seen) where Self.recipients(m).contains(Self.secretary) {
                let subject = try XCTUnwrap(MIMEReader.parse(m.data)?.subject)
                if !subject.contains("月报") && !subject.contains("民主评议") { lists[day.description, default: 0] += 1 }
            }
            seen = got.count
            day = day.adding(days: 1)
        }
        XCTAssertTrue(lists.values.allSatisfy { $0 == 1 }, "\(lists)")
        XCTAssertGreaterThan(lists.count, 5)
        let keysA = try perItem.log("--event", "sent").compactMap { $0["key"] as? String }
        let keysB = try grouped.log("--event", "sent").compactMap { $0["key"] as? String }
        XCTAssertEqual(keysA.sorted(), keysB.sorted(), "every item the per-item model sends, grouped: exactly once")
        XCTAssertLessThan(try b.messages().count, try a.messages().count)
    }

    /// kill -9 at random moments of a grouped pass, then a pass let finish: every reminder is
    /// recorded sent once, and a crash repeats at most the one message in flight.
    func testKill9DuringAGroupedSend_repeatsAtMostOneMessagePerKill() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try exampleBranch(server)
        var kills = 0
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<8 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Liaisond.path)
            p.arguments = ["tick", "--config", branch.configPath, "--at", jan1]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            // The first kill comes early (a pass that finishes unkilled leaves the later ones
            // nothing to send: on a quick machine 20–120 ms missed the whole pass); the later
            // ones reach further into the pass.
            usleep(UInt32.random(in: 5_000...(20_000 + UInt32(attempt) * 15_000), using: &generator))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                kills += 1
            }
            p.waitUntilExit()
        }
        XCTAssertGreaterThan(kills, 0, "no pass was interrupted")
        XCTAssertEqual(try branch.run("tick", "--at", "2027-01-01T09:30:00+08:00").status, 0)
        let ids = try server.messages().compactMap { MIMEReader.parse($0.data)?.messageID }
        let duplicates = ids.count - Set(ids).count
        XCTAssertLessThanOrEqual(duplicates, kills, "\(duplicates) duplicate(s) for \(kills) kill(s)")
        let sent = try branch.log("--event", "sent").compactMap { $0["key"] as? String }
        XCTAssertEqual(sent.count, Set(sent).count)
        let due = try branch.due(at: jan1)
        XCTAssertEqual(due.count, 0, "everything decided was sent: \(due.prefix(3))")
        // The list went out (at least once, at most once more per kill).
        let lists = try server.messages().filter { (MIMEReader.parse($0.data)?.subject ?? "").hasPrefix("每日待办") }
        XCTAssertGreaterThanOrEqual(lists.count, 1)
        XCTAssertLessThanOrEqual(lists.count, 1 + kills)
        XCTAssertEqual(Set(lists.compactMap { MIMEReader.parse($0.data)?.messageID }).count, 1, "the same message, not a new one")
    }
}
