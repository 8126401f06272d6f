import Foundation
import LiaisonCore
@testable import LiaisonStore
import XCTest

/// Schema 5 stores log details as a code and its arguments; a store written by schema 4 kept
/// English sentences. `migrate` turns them into codes (shown in the branch's language like new
/// rows); one it cannot convert still shows, as written (`legacy` in the JSON).
final class LogDetailMigrationTests: XCTestCase {
    func testAStoreOfSchema4MigratesAndItsOldDetailsStillShow() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        do {
            let db = try Database(path: branch.storePath)
            for v in 0..<4 { try db.execute(Store.migrations[v]) }
            try db.execute("PRAGMA user_version = 4")
            let time = 1_797_292_800.0  // 2026-12-15T08:00:00+08:00
            for (i, sentence) in ["#1 contact 2026-12-14 电话 (cli)", "resolved before it was sent",
                                  "a sentence no liaisond wrote"].enumerated() {
                try db.run("INSERT INTO log(time, event, member, detail) VALUES(?, 'record', 'P01', ?)",
                           [.double(time + Double(i)), .text(sentence)])
            }
        }
        let m = try branch.run("migrate")
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertEqual(try Store.version(ofFileAt: branch.storePath), Store.schemaVersion)
        XCTAssertEqual(try Store.version(ofFileAt: branch.storePath + ".bak-v4"), 4)

        XCTAssertEqual(try branch.run("record", "dues", "--member", "P01", "--through", "2026-12", "--at", "2026-12-18").status, 0)
        let text = try branch.run("log").stdout
        XCTAssertTrue(text.contains("#1 联系 2026-12-14 电话（命令行）"), "an old row, converted, in Chinese:\n\(text)")
        XCTAssertTrue(text.contains("发送前已办结"), text)
        XCTAssertTrue(text.contains("a sentence no liaisond wrote"), "one it cannot convert, as written:\n\(text)")
        XCTAssertTrue(text.contains("#1 党费 2026-12-18 缴至 2026-12（命令行）"), "a new row in Chinese:\n\(text)")

        let rows = try branch.log()
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows.map { $0["code"] as? String }, ["recorded", "resolvedBeforeSending", "legacy", "recorded"])
        XCTAssertEqual(rows[0]["detail"] as? String, "#1 contact 2026-12-14 电话 (cli)", "the English as it was")
        XCTAssertTrue(rows[2]["args"] is NSNull, "\(rows[2])")
        XCTAssertEqual(rows[2]["detail"] as? String, "a sentence no liaisond wrote")
        XCTAssertEqual(rows[2]["text"] as? String, "a sentence no liaisond wrote")
        let args = try XCTUnwrap((rows[3]["args"] as? [String: Any])?["record"] as? [String: Any], "\(rows[3])")
        XCTAssertEqual(args["kind"] as? String, "dues")
        XCTAssertEqual(args["through"] as? String, "2026-12")
        XCTAssertEqual(args["source"] as? String, "cli")
        XCTAssertEqual(rows[3]["detail"] as? String, "#1 dues 2026-12-18 through 2026-12 (cli)")
        XCTAssertEqual(rows[3]["text"] as? String, "#1 党费 2026-12-18 缴至 2026-12（命令行）")
    }

    /// Every sentence schema 4 wrote converts to the code that says it again word for word.
    func testEveryOldSentenceConverts() {
        let day = LocalDate(year: 2026, month: 12, day: 18)!
        var report = Record(kind: .report, member: "", date: day, note: String(repeating: "长", count: 90))
        report.period = "2026Q4"
        let details: [LogDetail] = [
            .laterStepDue(step: "repeat-2"), .noticeTooLate, .missedWhileStopped, .memberGone(member: "P07"),
            .resolvedBeforeSending, .noAddress, .recipientRefused, .gaveUp(retryMaxAge: "5d"),
            .bundled(items: 3, bundle: "daily|2026-12-18", gaveUp: false), .bundled(items: 1, bundle: "b", gaveUp: true),
            .recorded(record: .init(report, id: 7, source: "reply <r@x>")),
            .recorded(record: .init(Record(kind: .dues, member: "", date: day, through: YearMonth(year: 2026, month: 12)!),
                                    id: 2, source: "cli")),
            .withdrawn(id: 1, kind: "contact", date: "2026-12-18", note: "误录"),
            .withdrawn(id: 1, kind: "contact", date: "2026-12-18", note: nil),
            .reply(from: "l01@example.org", text: "已联系 12-20 / 电话"), .notRecorded(from: "s@x", text: "P01 不知道"),
            .noMemberLine(from: "s@x"), .notThreadRecipient(from: "a@b.c"), .notDailyRecipient(from: "a@b.c"),
            .noThread(from: "a@b.c"), .duplicate(messageID: "m@x"), .duplicate(messageID: nil),
            .notAMessage(bytes: 12), .tooLarge(bytes: 20_000_000, from: "a@b.c"), .reportNotOurs(from: "MAILER-DAEMON@mx"),
            .reportNotBelieved(from: "x@y"), .reportNamesStranger(from: "postmaster@mx", address: "z@y", key: "k|1"),
            .reportWithoutFailure(actions: "delayed", from: "p@x"), .reportWithoutFailure(actions: "", from: "p@x"),
            .bounced(from: "postmaster@mx", status: "5.1.1"),
        ] + LogDetail.ServerFailure.allCases.map { .serverStopped(failure: $0) } + [
            AutomaticSign.autoSubmitted(value: "auto-replied"), .bulk(precedence: "bulk"), .autoReplyPrecedence(value: "auto_reply"),
            .autoReplyField(name: "X-Autoreply"), .mailingList, .systemSender(address: "mailer-daemon@x"), .emptyReturnPath,
            .subject(text: "Out of Office: 休假"), .body(phrase: "自动回复"),
        ].map { .automatic(sign: $0, from: "a@b.c") }
        for d in details {
            XCTAssertEqual(Store.legacyLogDetail(d.text(.en)), d, d.text(.en))
        }
        XCTAssertNil(Store.legacyLogDetail("#3 contact 2026-12-18 (test)"), "a source no liaisond wrote stays legacy")
        XCTAssertNil(Store.legacyLogDetail("something else"))
    }

    /// A code this version does not know (a row from a newer build of the same schema) is
    /// shown as it was stored, never dropped.
    func testAnUnknownCodeIsShownAsStored() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liaisond-logdetail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
        try store.db.run("INSERT INTO log(time, event, code, args) VALUES(0, 'ignored', 'somethingNew', '{\"n\":1}')", [])
        try store.appendLog(LogEntry(time: Date(timeIntervalSince1970: 1), event: .failed, detail: .noAddress))
        let rows = try store.log()
        XCTAssertEqual(rows.map(\.detail), [.legacy(text: #"somethingNew {"n":1}"#), .noAddress])
        let raw = try store.db.query("SELECT code, args, detail FROM log WHERE id = 2") { [$0.text(0), $0.text(1), $0.text(2)] }
        XCTAssertEqual(raw.first, ["noAddress", "{}", nil], "new rows keep the code and arguments, not a sentence")
    }
}
