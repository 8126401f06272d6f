import Foundation
import XCTest
@testable import LiaisonCore

/// The index behind `RuleContext.records(of:)` keeps a table by position, or only the positions
/// of a few members with records; both must answer what the record book answers by id.
final class MemberRecordIndexTests: XCTestCase {
    private func ledger(_ count: Int) -> Ledger {
        Ledger(members: (0..<count).map { i in
            var m = Member(id: "M\(i)", name: "成员", kind: .outgoing)
            m.line = i + 2
            return m
        }, people: [])
    }

    private func records(for ids: [String]) -> RecordBook {
        RecordBook(ids.enumerated().map { n, id in
            Record(kind: .contact, member: id, date: LocalDate(year: 2026, month: 1 + n % 12, day: 1 + n % 28)!)
        })
    }

    func testATableAndAFewPositionsAnswerAsTheRecordBookDoes() {
        let l = ledger(300)
        for ids in [["M0"], ["M299", "M5", "M150"], (0..<MemberRecordIndex.fewPositions).map { "M\($0 * 9)" },
                    (0..<120).map { "M\($0 * 2 + 1)" }, ["M7", "nobody"]] {
            let book = records(for: ids)
            for tableFrom in [0, Int.max] {
                let index = MemberRecordIndex(ledger: l, records: book, tableFrom: tableFrom)
                XCTAssertTrue(index.isUsable)
                for (p, m) in l.members.enumerated() {
                    XCTAssertEqual(index.records(at: p).contacts, book[m.id].contacts, "\(ids.count) ids, table from \(tableFrom), \(m.id)")
                }
            }
        }
    }

    func testNoRecordsOrRepeatedIdsLeaveItToTheIds() {
        XCTAssertFalse(MemberRecordIndex(ledger: ledger(10), records: RecordBook()).isUsable)
        let twins = Ledger(members: [Member(id: "A", name: "甲", kind: .outgoing), Member(id: "A", name: "甲", kind: .local)], people: [])
        XCTAssertFalse(MemberRecordIndex(ledger: twins, records: records(for: ["A"])).isUsable)
    }
}
