import Foundation
import LiaisonCore
import LiaisonStore
import XCTest

/// `liaisond purge`: personal data goes, the keys and records the rules need stay.
final class PurgeTests: XCTestCase {
    let leadDay = "2026-12-17T09:00:00+08:00"

    func testPurgeThenTick_resendsNothing_andKeepsRecordsWithoutTheirTexts() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        XCTAssertEqual(try branch.run("record", "report", "--member", "P01", "--date", "2026-12-16",
                                      "--note", "在深圳参加了支部活动", "--at", "2026-12-16T20:00:00+08:00").status, 0)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        XCTAssertEqual(try server.messages().count, 1)
        // Decided: lead-14 sent, and the activity-day notice of 12-15 superseded (its day passed).

        let purge = try branch.run("purge", "--before", "2026-12-18", "--at", "2026-12-18T10:00:00+08:00")
        XCTAssertEqual(purge.status, 0, purge.stderr)
        XCTAssertTrue(purge.stdout.contains("日志 3 条") && purge.stdout.contains("提醒内容 2 条")
                      && purge.stdout.contains("记录备注 1 条"), purge.stdout)
        XCTAssertEqual(try branch.log().count, 0)

        do {
            let store = try Store(path: branch.storePath)
            let records = try store.records()
            XCTAssertEqual(records.map(\.record.kind), [.report])
            XCTAssertEqual(records.first?.record.date.description, "2026-12-16")
            XCTAssertNil(records.first?.record.note, "the report's text is gone")
            let sent = try store.reminders(inState: .sent)
            XCTAssertEqual(sent.count, 1, "the key stays, so it is never decided again")
            XCTAssertEqual(sent.first?.facts, RuleFacts.absent)
            XCTAssertEqual(sent.first?.to, [])
        }

        XCTAssertEqual(try branch.due(at: leadDay).count, 0)
        XCTAssertEqual(try branch.run("tick", "--at", leadDay).status, 0)
        XCTAssertEqual(try branch.run("tick", "--at", "2026-12-20T09:00:00+08:00").status, 0)
        XCTAssertEqual(try server.messages().count, 1, "nothing is sent again after a purge")
        // The report recorded before the purge still resolves the report reminders.
        XCTAssertFalse(try branch.due(at: "2027-01-01T09:00:00+08:00").contains { $0["rule"] as? String == "report.periodic" })
    }

    func testPurge_refusesAFutureDate() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525")
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P01", "--at", "2026-12-10T09:00:00+08:00").status, 0)
        let r = try branch.run("purge", "--before", "2062-12-18", "--at", "2026-12-18T10:00:00+08:00")
        XCTAssertEqual(r.status, 65, r.stdout)
        XCTAssertEqual(try branch.log().count, 1, "nothing was deleted")
    }
}
