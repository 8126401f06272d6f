import Foundation
import XCTest

/// `record void` as `status` and `due` see it: a withdrawn contact no longer resolves anything.
final class StatusRecordVoidTests: XCTestCase {
    let leadDay = "2026-12-17T09:00:00+08:00"

    func testVoidingAContact_bringsItsRemindersBack_andLogShowsRecordIds() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525")
        let rec = try branch.run("record", "contact", "--member", "P01", "--date", "2026-12-10", "--method", "电话",
                                 "--at", "2026-12-10T20:00:00+08:00")
        XCTAssertEqual(rec.status, 0, rec.stderr)
        XCTAssertTrue(rec.stdout.contains("#1"), rec.stdout)
        XCTAssertFalse(try branch.due(at: leadDay).contains { $0["rule"] as? String == "contact.quarterly" })

        let log = try branch.run("log")
        XCTAssertEqual(log.status, 0, log.stderr)
        // The table is in the branch's language; log --json keeps the stored text.
        XCTAssertTrue(log.stdout.contains("#1 联系 2026-12-10 电话(命令行)"), log.stdout)
        XCTAssertTrue((try branch.log("--event", "record").first?["detail"] as? String ?? "").hasPrefix("#1 contact 2026-12-10"))

        let void = try branch.run("record", "void", "--event", "1", "--note", "记错了人", "--at", "2026-12-11T09:00:00+08:00")
        XCTAssertEqual(void.status, 0, void.stderr)
        let due = try branch.due(at: leadDay).filter { $0["rule"] as? String == "contact.quarterly" }
        XCTAssertEqual(due.map { $0["step"] as? String }, ["lead-14"], "the contact no longer resolves the quarter")
        XCTAssertTrue(try branch.run("log").stdout.contains("#1 联系 2026-12-10 已撤销：记错了人"))
        let status = try branch.run("status", "--at", leadDay, "--json")
        let g1 = status.stdout.split(separator: "\n").first { $0.contains("\"type\":\"grid\"") } ?? ""
        XCTAssertTrue(g1.contains("\"contacted\":0") && g1.contains("\"pending\":1"), String(g1))

        // Withdrawing twice is refused.
        XCTAssertEqual(try branch.run("record", "void", "--event", "1").status, 65)
    }
}
