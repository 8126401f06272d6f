import Foundation
@testable import LiaisonStore
import XCTest

/// Schema 5 stores log details as a code and its arguments; a store written by schema 4 kept
/// English sentences. After `migrate`, the old rows still show (as they were written, marked
/// `legacy` in the JSON), and new rows are shown in the branch's language.
final class LogDetailMigrationTests: XCTestCase {
    func testAStoreOfSchema4MigratesAndItsOldDetailsStillShow() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        do {
            let db = try Database(path: branch.storePath)
            for v in 0..<4 { try db.execute(Store.migrations[v]) }
            try db.execute("PRAGMA user_version = 4")
            let time = 1_797_292_800.0  // 2026-12-15T08:00:00+08:00
            try db.run("INSERT INTO log(time, event, member, detail) VALUES(?, 'record', 'P01', ?)",
                       [.double(time), .text("#1 contact 2026-12-14 电话 (cli)")])
            try db.run("INSERT INTO log(time, event, rule, member, step, detail) VALUES(?, 'superseded', 'contact.quarterly', 'P01', 'first', ?)",
                       [.double(time + 60), .text("resolved before it was sent")])
        }
        let m = try branch.run("migrate")
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertEqual(try Store.version(ofFileAt: branch.storePath), Store.schemaVersion)
        XCTAssertEqual(try Store.version(ofFileAt: branch.storePath + ".bak-v4"), 4)

        XCTAssertEqual(try branch.run("record", "dues", "--member", "P01", "--through", "2026-12", "--at", "2026-12-18").status, 0)
        let text = try branch.run("log").stdout
        XCTAssertTrue(text.contains("#1 contact 2026-12-14 电话 (cli)"), "an old row as it was written:\n\(text)")
        XCTAssertTrue(text.contains("resolved before it was sent"), text)
        XCTAssertTrue(text.contains("#1 党费 2026-12-18 缴至 2026-12（命令行）"), "a new row in Chinese:\n\(text)")

        let rows = try branch.log()
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(rows[0]["code"] as? String, "legacy")
        XCTAssertTrue(rows[0]["args"] is NSNull, "\(rows[0])")
        XCTAssertEqual(rows[0]["detail"] as? String, "#1 contact 2026-12-14 电话 (cli)")
        XCTAssertEqual(rows[0]["text"] as? String, "#1 contact 2026-12-14 电话 (cli)")
        XCTAssertEqual(rows[2]["code"] as? String, "recorded")
        let args = try XCTUnwrap((rows[2]["args"] as? [String: Any])?["record"] as? [String: Any], "\(rows[2])")
        XCTAssertEqual(args["kind"] as? String, "dues")
        XCTAssertEqual(args["through"] as? String, "2026-12")
        XCTAssertEqual(args["source"] as? String, "cli")
        XCTAssertEqual(rows[2]["detail"] as? String, "#1 dues 2026-12-18 through 2026-12 (cli)")
        XCTAssertEqual(rows[2]["text"] as? String, "#1 党费 2026-12-18 缴至 2026-12（命令行）")
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
