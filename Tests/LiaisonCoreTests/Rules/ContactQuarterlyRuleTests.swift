import Foundation
import XCTest
@testable import LiaisonCore

final class ContactQuarterlyRuleTests: XCTestCase {
    let rule = ContactQuarterlyRule()

    func branch(_ members: [Member], window: String = "2026-03-01T00:00:00Z") -> Branch {
        var b = Branch()
        b.members = members
        b.windowStart = window
        return b
    }

    func testSteps_atQuarterEnd_inShanghai_followSendTimeNotUTCMidnight() {
        let b = branch([outgoing("M1", since: "2025-06-10")])
        let lead14 = Row("M1", "lead-14", "2026Q1", to: [l1], deadline: "2026-03-31")
        let lead3 = Row("M1", "lead-3", "2026Q1", to: [l1], deadline: "2026-03-31")
        func overdue(_ step: String) -> Row { Row("M1", step, "2026Q1", to: [l1], cc: [g1], deadline: "2026-03-31") }
        check(b, rule, [
            Case("2026-03-16T23:59:59Z", []),
            Case("2026-03-17T00:59:59Z", []),
            Case("2026-03-17T01:00:00Z", [lead14]),
            Case("2026-03-27T16:00:00Z", [lead14]),  // local midnight of the 28th: not yet
            Case("2026-03-28T01:00:00Z", [lead3]),
            Case("2026-04-01T00:59:00Z", [lead3]),
            Case("2026-04-01T01:00:00Z", [overdue("overdue")]),
            Case("2026-04-08T00:59:00Z", [overdue("overdue")]),
            Case("2026-04-08T01:00:00Z", [overdue("repeat-1")]),
            Case("2026-04-15T01:00:00Z", [overdue("repeat-2")]),
            Case("2026-06-16T01:00:00Z", [Row("M1", "lead-14", "2026Q2", to: [l1], deadline: "2026-06-30")]),
        ])
    }

    func testSteps_inBerlin_followDaylightSavingTime() {
        var b = branch([outgoing("M1", since: "2025-06-10")])
        b.timezone = "Europe/Berlin"
        // DST starts 2026-03-29: 09:00 is 08:00Z before, 07:00Z after.
        check(b, rule, [
            Case("2026-03-28T07:59:00Z", [Row("M1", "lead-14", "2026Q1", to: [l1], deadline: "2026-03-31")]),
            Case("2026-03-28T08:00:00Z", [Row("M1", "lead-3", "2026Q1", to: [l1], deadline: "2026-03-31")]),
            Case("2026-04-01T06:59:00Z", [Row("M1", "lead-3", "2026Q1", to: [l1], deadline: "2026-03-31")]),
            Case("2026-04-01T07:00:00Z", [Row("M1", "overdue", "2026Q1", to: [l1], cc: [g1], deadline: "2026-03-31")]),
        ])
        let sent = b.evaluate("2026-04-01T07:00:00Z", rules: [rule]).send
        XCTAssertEqual(sent.first?.dueAt, instant("2026-04-01T07:00:00Z"))
        XCTAssertEqual(b.evaluate("2026-03-28T08:00:00Z", rules: [rule]).send.first?.dueAt,
                       instant("2026-03-28T08:00:00Z"))
    }

    func testSteps_inNewYork_followDaylightSavingTimeEnd() {
        var b = branch([outgoing("M1", since: "2025-06-10")], window: "2026-09-01T00:00:00Z")
        b.timezone = "America/New_York"
        // DST ends 2026-11-01; Q4 lead-14 is 12-17 (EST, 14:00Z), Q3 overdue 10-01 (EDT, 13:00Z).
        check(b, rule, [
            Case("2026-10-01T12:59:00Z", [Row("M1", "lead-3", "2026Q3", to: [l1], deadline: "2026-09-30")]),
            Case("2026-10-01T13:00:00Z", [Row("M1", "overdue", "2026Q3", to: [l1], cc: [g1], deadline: "2026-09-30")]),
            Case("2026-11-05T13:59:00Z", [Row("M1", "repeat-4", "2026Q3", to: [l1], cc: [g1], deadline: "2026-09-30")]),
            Case("2026-11-05T14:00:00Z", [Row("M1", "repeat-5", "2026Q3", to: [l1], cc: [g1], deadline: "2026-09-30")]),
        ])
    }

    func testLastContact_rosterAndRecordMerged_laterWins() {
        var rosterOnly = outgoing("M2", since: "2025-01-01")
        rosterOnly.lastContact = day("2026-01-05")
        var rosterOld = outgoing("M3", since: "2025-01-01")
        rosterOld.lastContact = day("2025-12-20")
        var recordOld = outgoing("M4", since: "2025-01-01")
        recordOld.lastContact = day("2026-02-01")
        var stale = outgoing("M5", since: "2025-01-01")
        stale.lastContact = day("2025-11-01")
        var b = branch([rosterOnly, rosterOld, recordOld, stale])
        b.records = [
            Record(kind: .contact, member: "M3", date: day("2026-02-01")),
            Record(kind: .contact, member: "M4", date: day("2025-11-01")),
        ]
        check(b, rule, [
            Case("2026-03-17T01:00:00Z", [Row("M5", "lead-14", "2026Q1", to: [l1], deadline: "2026-03-31")]),
        ])
    }

    func testLateContact_endsRepeats() {
        var b = branch([outgoing("M1", since: "2025-06-10")])
        XCTAssertEqual(b.due(rule, "2026-04-15T01:00:00Z").map(\.step), ["repeat-2"])
        b.records = [Record(kind: .contact, member: "M1", date: day("2026-04-10"))]
        check(b, rule, [Case("2026-04-15T01:00:00Z", []), Case("2026-06-16T01:00:00Z", [])])
    }

    func testMissedSteps_onlyLatestSent_othersSuperseded_thenNothingTwice() {
        let b = branch([outgoing("M1", since: "2025-06-10")])
        let d = b.evaluate("2026-04-20T05:00:00Z", rules: [rule])
        XCTAssertEqual(d.send.map(\.key), ["contact.quarterly|M1|2026Q1|repeat-2"])
        XCTAssertEqual(d.superseded.map(\.step.description).sorted(),
                       ["lead-14", "lead-3", "overdue", "repeat-1"])
        let handled = Set((d.send + d.superseded).map(\.key))
        let again = b.evaluate("2026-04-20T05:00:00Z", rules: [rule], handled: handled.contains)
        XCTAssertTrue(again.send.isEmpty && again.superseded.isEmpty && again.unreachable.isEmpty)
        let later = b.evaluate("2026-04-27T01:00:00Z", rules: [rule], handled: handled.contains)
        XCTAssertEqual(later.send.map(\.step), [.repeat(3)])
        XCTAssertTrue(later.superseded.isEmpty)
    }

    func testFreshStore_memberWhoLeftIn2019_opensNoOldQuarters() {
        let b = branch([outgoing("M1", since: "2019-05-01")], window: "2026-03-10T01:00:00Z")
        let d = b.evaluate("2026-03-17T01:00:00Z", rules: [rule])
        XCTAssertEqual(d.send.map(\.key), ["contact.quarterly|M1|2026Q1|lead-14"])
        XCTAssertEqual(d.send.first?.openPeriods, [])
        XCTAssertTrue(d.superseded.isEmpty)
        // A quarter that ended before the window is not opened at all.
        let late = branch([outgoing("M1", since: "2019-05-01")], window: "2026-04-13T01:00:00Z")
        XCTAssertTrue(late.evaluate("2026-04-20T01:00:00Z", rules: [rule]).send.isEmpty)
    }

    func testOlderOpenQuarter_isNamedAndSuperseded_byNewestQuarter() {
        let b = branch([outgoing("M1", since: "2025-06-10")], window: "2026-01-01T00:00:00Z")
        let d = b.evaluate("2026-06-16T01:00:00Z", rules: [rule])
        XCTAssertEqual(d.send.map(\.key), ["contact.quarterly|M1|2026Q2|lead-14"])
        XCTAssertEqual(d.send.first?.openPeriods, ["2026Q1"])
        XCTAssertTrue(d.superseded.contains { $0.key == "contact.quarterly|M1|2026Q1|repeat-10" })
        // Once the newest period's step is handled, an older period's repeat is not a second mail.
        let handled = Set((d.send + d.superseded).map(\.key))
        let next = b.evaluate("2026-06-17T01:00:00Z", rules: [rule], handled: handled.contains)
        XCTAssertTrue(next.send.isEmpty)
    }

    func testQuietDays_postponeToSendTimeOfNextDay() {
        var b = branch([outgoing("M1", since: "2025-06-10")])
        b.schedule.quiet = [day("2026-03-16")...day("2026-03-18")]
        check(b, rule, [
            Case("2026-03-17T01:00:00Z", []),
            Case("2026-03-19T00:59:00Z", []),
            Case("2026-03-19T01:00:00Z", [Row("M1", "lead-14", "2026Q1", to: [l1], deadline: "2026-03-31")]),
        ])
        XCTAssertEqual(b.evaluate("2026-03-19T02:00:00Z", rules: [rule]).send.first?.dueAt,
                       instant("2026-03-19T01:00:00Z"))
    }

    func testPausedAndTransferredMembers_getNothing() {
        var paused = outgoing("M1", since: "2025-06-10")
        paused.paused = true
        var transferred = outgoing("M2", since: "2025-06-10")
        transferred.relation = .transferred
        let recordedTransfer = outgoing("M3", since: "2025-06-10")
        var b = branch([paused, transferred, recordedTransfer])
        // A transfer and its receipt: the member has left the branch.
        b.records = [Record(kind: .transfer, member: "M3", date: day("2026-01-10")),
                     Record(kind: .received, member: "M3", date: day("2026-02-01"))]
        let d = b.evaluate("2026-04-15T01:00:00Z")
        XCTAssertTrue(d.send.isEmpty && d.superseded.isEmpty && d.unreachable.isEmpty)
    }

    func testMemberWithoutLiaisonOrSince_yieldsNothing() {
        let b = branch([outgoing("M1", since: "2025-06-10", liaison: nil),
                        outgoing("M2", since: "2025-06-10", liaison: "UNKNOWN"),
                        outgoing("M3", since: nil)])
        check(b, rule, [Case("2026-04-15T01:00:00Z", [])])
    }

    func testLiaisonWithoutEmail_unreachableUntilGridLeaderIsNamed() {
        let b = branch([outgoing("M1", since: "2025-06-10", liaison: "L2")])
        let lead = b.evaluate("2026-03-17T01:00:00Z", rules: [rule])
        XCTAssertTrue(lead.send.isEmpty)
        XCTAssertEqual(lead.unreachable.map(\.key), ["contact.quarterly|M1|2026Q1|lead-14"])
        check(b, rule, [Case("2026-04-01T01:00:00Z", [Row("M1", "overdue", "2026Q1", to: [g1], deadline: "2026-03-31")])])
    }

    func testSince_onQuarterEnd_owesNextQuarter_andNoStepsBeforeLeaving() {
        let b = branch([outgoing("M1", since: "2026-03-31"), outgoing("M2", since: "2026-03-30")])
        check(b, rule, [
            Case("2026-03-30T01:00:00Z", []),
            Case("2026-04-01T01:00:00Z", [Row("M2", "overdue", "2026Q1", to: [l1], cc: [g1], deadline: "2026-03-31")]),
        ])
    }
}
