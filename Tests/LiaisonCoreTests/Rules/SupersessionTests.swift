import Foundation
import XCTest
@testable import LiaisonCore

/// "A new step supersedes the waiting one", decided in the core for the store and `due`; and a
/// reminder still waiting is decided again as it stands now, in the same evaluation.
final class SupersessionTests: XCTestCase {
    func branch() -> Branch {
        var b = Branch()
        b.members = [outgoing("M1", since: "2025-06-10"), outgoing("M2", since: "2025-06-10")]
        b.windowStart = "2026-03-01T00:00:00Z"
        return b
    }

    func testANewStepSupersedesOnlyWhatWaitsInItsOwnThread() {
        let send = branch().evaluate("2026-04-01T01:00:00Z", rules: [ContactQuarterlyRule()]).send
        XCTAssertEqual(send.map(\.member), ["M1", "M2"])
        let m1 = send[0]
        let waiting: [(thread: String, key: String)] = [
            ("contact.quarterly|M1", "contact.quarterly|M1|2026Q1|lead-3"),
            ("report.periodic|M1", "report.periodic|M1|2026Q1|lead-3"),
            ("contact.quarterly|M3", "contact.quarterly|M3|2026Q1|lead-3"),
            ("contact.quarterly|M2", "contact.quarterly|M2|2026Q1|lead-3"),
        ]
        let gone = RuleEngine.superseded(waiting, thread: \.thread, by: send)
        XCTAssertEqual(gone.map(\.waiting.key), ["contact.quarterly|M1|2026Q1|lead-3", "contact.quarterly|M2|2026Q1|lead-3"])
        XCTAssertEqual(gone[0].by, m1)
        XCTAssertEqual(gone[0].by.step, .overdue)
        XCTAssertTrue(RuleEngine.superseded(waiting, thread: \.thread, by: []).isEmpty)
    }

    /// The lead-3 of M1 waits (deferred), M2's was answered meanwhile: M1's comes back with the
    /// addresses of now, M2's not at all; nothing new is sent for either.
    func testAWaitingReminderIsDecidedAgainAsItStandsNow() {
        var b = branch()
        let lead3 = "contact.quarterly|M1|2026Q1|lead-3"
        let answered = "contact.quarterly|M2|2026Q1|lead-3"
        b.records = [Record(kind: .contact, member: "M2", date: day("2026-03-29"))]
        b.people[0].email = "new-l1@example.org"
        let handled: Set<String> = [lead3, answered, "contact.quarterly|M1|2026Q1|lead-14",
                                    "contact.quarterly|M2|2026Q1|lead-14"]
        let d = RuleEngine(rules: [ContactQuarterlyRule()]).evaluate(
            ledger: Ledger(members: b.members, people: b.people), records: RecordBook(b.records), config: b.config,
            calendar: b.calendar, now: instant("2026-03-30T01:00:00Z"), windowStart: instant(b.windowStart),
            waiting: [lead3, answered], handled: { handled.contains($0) })
        XCTAssertTrue(d.send.isEmpty)
        XCTAssertEqual(Array(d.waiting.keys), [lead3])
        XCTAssertEqual(d.waiting[lead3]?.to.map(\.address), ["new-l1@example.org"])
        XCTAssertEqual(d.waiting[lead3]?.key, lead3)
    }
}
