import Foundation
import XCTest
@testable import LiaisonCore
@testable import LiaisonStore

/// Facts are stored as the JSON of `RuleFacts`; rows written before facts were typed (an
/// object of strings, as `JSONSerialization` or the old hand-written encoder wrote it) are
/// still read, into the same typed facts.
final class StoreFactsTests: XCTestCase {
    static let day = LocalDate(year: 2026, month: 11, day: 25)!
    static let samples: [RuleFacts] = [
        .absent,
        .duesArrears(.init(paidThrough: YearMonth(year: 2026, month: 8), owedFrom: YearMonth(year: 2026, month: 9),
                           owedThrough: YearMonth(year: 2026, month: 10), months: 2, duesDay: day)),
        .surveyPeak(.init(holiday: "national-day", holidayDate: day, members: [
            .init(name: "say \"hi\"\\now", phone: nil, kind: .outgoing), .init(name: "👨‍👩‍👧 党费 a b", phone: "139", kind: .incoming)])),
        .membershipReview(.init(reason: .noContact, countedFrom: day)),
        .departurePrepare(.init(since: day, destination: "a\nb\rc\td\u{1}e\u{1F}", expectedLength: "8month", adviseTransfer: true)),
    ]

    func testTypedFactsRoundTripAndAreValidJSON() throws {
        for f in Self.samples {
            let s = Store.encodeFacts(f)
            XCTAssertEqual(Store.decodeFacts(s, rule: f.rule ?? .contactQuarterly), f, s)
            XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any], s)
        }
        XCTAssertEqual(Store.decodeFacts("not json", rule: .duesMonthly), .absent)
    }

    /// A row of schema 4 and earlier: flat strings, read through `RuleFacts(rule:fields:)`.
    func testOldRowsOfStringsAreReadAsTypedFacts() throws {
        for f in Self.samples where f != .absent {
            let old = String(decoding: try JSONSerialization.data(withJSONObject: f.fields, options: [.sortedKeys]),
                             as: UTF8.self)
            XCTAssertEqual(Store.decodeFacts(old, rule: f.rule!), f, old)
        }
        XCTAssertEqual(Store.decodeFieldFacts("{ \"a\" : \"\\u00e9\" }"), ["a": "é"])
        XCTAssertEqual(Store.decodeFieldFacts("not json"), [:])
    }

    /// Through a real store file: an old row put there by hand reads back typed.
    func testAStoreReadsRowsOfBothForms() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("facts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("state.db").path)
        let facts = Self.samples[1]
        let r = DueReminder(rule: .duesArrears, member: "M1", grid: nil, period: "2026-11", step: .notice, deadline: nil,
                            dueAt: Date(timeIntervalSince1970: 1_790_000_000), to: [Mailbox(name: "L", address: "l@x.cn")],
                            cc: [], facts: facts)
        try store.enqueue(send: [r], superseded: [], unreachable: [], now: r.dueAt, token: { "TOKEN" },
                          messageID: { "\($0).1@x.cn" })
        XCTAssertEqual(try store.reminder(key: r.key)?.facts, facts)
        try store.db.run("UPDATE reminders SET facts = ? WHERE key = ?", [
            .text(#"{"months":"2","owed":"2026-09..2026-10","paid_through":"2026-08","dues_day":"2026-11-25"}"#), .text(r.key)])
        XCTAssertEqual(try store.reminder(key: r.key)?.facts, facts)
    }
}
