import Foundation
import XCTest
@testable import LiaisonCore

/// `RuleContext.records(of:)` finds a member's records by its roster line instead of hashing
/// its id; whichever way a member is found, the decisions must be the same.
extension RuleEnginePropertyTests {
    func testMembersFoundByRosterLineGetTheDecisionsOfMembersFoundById() {
        var rng = SplitMix64(state: 20261205)
        var (b, events) = randomBranch(&rng)
        // Members made in code all have line 0: only the first is found by its line.
        let byID = b
        // Read from a file: line 1 is the header, a blank line or a comment skips a number.
        var line = 1
        for i in b.members.indices {
            line += i % 7 == 3 ? 2 : 1
            b.members[i].line = line
        }
        for at in ["2026-03-25T01:30:00Z", "2026-07-01T01:30:00Z", "2026-12-08T01:30:00Z", "2027-06-30T01:30:00Z"] {
            // Records for most members (a table by position), and for three (a short list).
            let recorded = events.filter { $0.date < day(String(at.prefix(10))) }
            for records in [recorded, recorded.filter { ["R1", "R7", "R30"].contains($0.member) }] {
                var lines = b, ids = byID
                lines.records = records
                ids.records = records
                let a = lines.evaluate(at), z = ids.evaluate(at)
                XCTAssertFalse(a.send.isEmpty, at)
                XCTAssertEqual(a.send.map(\.key), z.send.map(\.key), at)
                XCTAssertEqual(a.send.map { "\($0.to) \($0.facts)" }, z.send.map { "\($0.to) \($0.facts)" }, at)
                XCTAssertEqual(a.superseded.map(\.key), z.superseded.map(\.key), at)
                XCTAssertEqual(a.unreachable.map(\.key), z.unreachable.map(\.key), at)
            }
        }
    }

    func testRecordsOfAMemberAreItsOwnWhateverItsLineSays() {
        let contact = day("2026-11-20")
        var a = Member(id: "A", name: "甲", kind: .outgoing), b = Member(id: "B", name: "乙", kind: .outgoing)
        a.line = 2
        b.line = 3
        let records = RecordBook([Record(kind: .contact, member: "B", date: contact)])
        func context(_ members: [Member]) -> RuleContext {
            let branch = Branch()
            return RuleContext(ledger: Ledger(members: members, people: []), records: records, config: branch.config,
                               calendar: branch.calendar, now: instant("2026-12-01T01:30:00Z"),
                               windowStart: instant("2026-01-01T00:00:00Z"))
        }
        let ctx = context([a, b])
        XCTAssertEqual(ctx.records(of: a).contacts, [])
        XCTAssertEqual(ctx.records(of: b).contacts, [contact])
        // A member whose line leads to someone else, or nowhere, is looked up by its id.
        var stranger = b
        stranger.line = 2
        XCTAssertEqual(ctx.records(of: stranger).contacts, [contact])
        stranger.line = 99
        XCTAssertEqual(ctx.records(of: stranger).contacts, [contact])
        var other = a
        other.id = "C"
        XCTAssertEqual(ctx.records(of: other).contacts, [])
        // Two members with one id (the roster reader refuses it; a ledger made in code may not):
        // both have the records of that id.
        var twin = b
        twin.line = 4
        let twins = context([a, b, twin])
        XCTAssertEqual(twins.records(of: b).contacts, [contact])
        XCTAssertEqual(twins.records(of: twin).contacts, [contact])
        // One member with records among many: the same answers from the short list.
        let crowd = (0..<40).map { i -> Member in
            var m = Member(id: "M\(i)", name: "丙", kind: .outgoing)
            m.line = i + 2
            return m
        }
        let many = context([a] + crowd + [b].map { var m = $0; m.line = 42; return m })
        XCTAssertEqual(many.records(of: crowd[5]).contacts, [])
        var lateB = b
        lateB.line = 42
        XCTAssertEqual(many.records(of: lateB).contacts, [contact])
        XCTAssertEqual(many.records(of: a).contacts, [])
    }
}
