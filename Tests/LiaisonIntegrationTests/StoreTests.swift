import Foundation
import LiaisonCore
import LiaisonStore
import XCTest

/// The store on a real SQLite file: what is decided is recorded once, survives reopening, and
/// moves through its states only as the sender says.
final class StoreTests: XCTestCase {
    var dir: URL!
    var path: String { dir.appendingPathComponent("liaisond.sqlite").path }

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func reminder(_ step: Step, period: String = "2026Q4", member: String = "P01") -> DueReminder {
        DueReminder(rule: .contactQuarterly, member: member, grid: "G1", period: period, step: step,
                    deadline: LocalDate(year: 2026, month: 12, day: 31), dueAt: Date(timeIntervalSince1970: 1_797_000_000),
                    to: [Mailbox(name: "魏诗琪", address: "l01@example.org")], cc: [])
    }

    func testEnqueuedReminderIsHandledAndPendingAcrossReopen() throws {
        let now = Date(timeIntervalSince1970: 1_797_000_000)
        do {
            let store = try Store(path: path)
            try store.enqueue(send: [reminder(.lead(14))], superseded: [], unreachable: [], now: now,
                              token: { "TOKENTOKENTOKEN1" }, messageID: { "\($0).x@example.org" })
        }
        let store = try Store(path: path)
        XCTAssertEqual(try store.handledKeys(), ["contact.quarterly|P01|2026Q4|lead-14"])
        let pending = try store.pending(at: now)
        XCTAssertEqual(pending.count, 1)
        XCTAssertEqual(pending.first?.messageID, "TOKENTOKENTOKEN1.x@example.org")
        XCTAssertEqual(pending.first?.to.first?.name, "魏诗琪")
        XCTAssertEqual(try store.thread("contact.quarterly|P01")?.token, "TOKENTOKENTOKEN1")
    }

    func testRecipientsComeBackAsStored_andPendingIsCountedWithoutReadingTheRows() throws {
        let store = try Store(path: path)
        let now = Date(timeIntervalSince1970: 1_797_000_000)
        var r = reminder(.lead(14))
        // Chinese, a combining accent after the separator's neighbour, an empty name, a name
        // with a space: each comes back as it was, in order.
        r.to = [Mailbox(name: "魏诗琪", address: "l01@example.org"), Mailbox(name: "", address: "bare@example.org")]
        r.cc = [Mailbox(name: "e\u{301}lise Du", address: "cc@example.org"), Mailbox(name: "卢立新", address: "w1@example.org")]
        try store.enqueue(send: [r, reminder(.lead(14), member: "P02")], superseded: [], unreachable: [], now: now,
                          token: { "TOKEN\(UUID().uuidString.prefix(8))" }, messageID: { "\($0).x@example.org" })
        let pending = try store.pending(at: now)
        XCTAssertEqual(pending.first { $0.member == "P01" }?.to, r.to)
        XCTAssertEqual(pending.first { $0.member == "P01" }?.cc, r.cc)
        XCTAssertEqual(try store.pendingCount(at: now), 2)
        XCTAssertEqual(try store.pendingCount(at: now.addingTimeInterval(-1)), 0, "not yet due: neither listed nor counted")
        XCTAssertEqual(try store.pending(at: now.addingTimeInterval(-1)).count, 0)
    }

    func testTheSameKeyIsNeverQueuedTwice() throws {
        let store = try Store(path: path)
        let now = Date(timeIntervalSince1970: 1_797_000_000)
        for _ in 0..<2 {
            try store.enqueue(send: [], superseded: [reminder(.lead(3))], unreachable: [], now: now,
                              token: { "T" }, messageID: { $0 })
        }
        XCTAssertEqual(try store.log(LogFilter(event: .superseded)).count, 1)
    }

    func testSentReminderLeavesTheQueueAndChainsTheThread() throws {
        let store = try Store(path: path)
        let now = Date(timeIntervalSince1970: 1_797_000_000)
        try store.enqueue(send: [reminder(.lead(14))], superseded: [], unreachable: [], now: now,
                          token: { "TOK" }, messageID: { "\($0).1@x" })
        let r = try XCTUnwrap(try store.pending(at: now).first)
        try store.recordAttempt(key: r.key, state: .sent, smtp: "250 ok", nextTry: nil, now: now,
                                log: LogEntry(time: now, event: .sent, key: r.key), thread: r.thread, messageID: r.messageID)
        XCTAssertTrue(try store.pending(at: now.addingTimeInterval(86400)).isEmpty)
        XCTAssertEqual(try store.thread(r.thread)?.messageIDs, ["TOK.1@x"])
        XCTAssertEqual(try store.reminder(key: r.key)?.state, .sent)
    }

    func testVoidedRecordNoLongerCounts() throws {
        let store = try Store(path: path)
        let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30, fixed
        let id = try store.addRecord(Record(kind: .contact, member: "P01", date: LocalDate(year: 2026, month: 12, day: 1)!),
                                     source: "cli", now: now)
        XCTAssertEqual(try store.recordBook()["P01"].contacts.count, 1)
        XCTAssertNotNil(try store.voidRecord(id: id, note: "typo", now: now))
        XCTAssertNil(try store.voidRecord(id: id, note: "again", now: now))
        XCTAssertEqual(try store.recordBook()["P01"].contacts.count, 0)
    }

    func testStoreWrittenByANewerSchemaIsRefused() throws {
        do { _ = try Store(path: path) }
        let db = try Database(path: path)
        try db.execute("PRAGMA user_version = 99")
        XCTAssertThrowsError(try Store(path: path)) { error in
            XCTAssertTrue("\(error)".contains("newer liaisond"), "\(error)")
        }
    }

    func testIntegrityCheckPassesAfterUse() throws {
        let store = try Store(path: path)
        try store.enqueue(send: (1...50).map { reminder(.lead(14), member: "P\($0)") }, superseded: [], unreachable: [],
                          now: Date(timeIntervalSince1970: 1_796_000_000), token: { UUID().uuidString }, messageID: { "\($0)@x" })
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }
}
