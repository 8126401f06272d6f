import Foundation
import XCTest
@testable import LiaisonCore

final class CertificateCheckRuleTests: XCTestCase {
    func member(since: String, every: Member.CheckEvery = .halfYear, cert: String? = "Z-001") -> Member {
        var m = outgoing("C1", since: since)
        m.certificate = cert
        m.certificateCheck = every
        return m
    }

    func testHalfYear_fromSince_monthEndClamped() {
        var b = Branch()
        b.members = [member(since: "2025-08-31")]  // + 6 months = 2026-02-28
        b.windowStart = "2026-01-01T00:00:00Z"
        check(b, CertificateCheckRule(), [
            Case("2026-02-14T01:00:00Z", [Row("C1", "lead-14", "2026-02-28", to: [l1], cc: [sec], deadline: "2026-02-28")]),
            Case("2026-03-01T00:59:00Z", [Row("C1", "lead-3", "2026-02-28", to: [l1], cc: [sec], deadline: "2026-02-28")]),
            Case("2026-03-01T01:00:00Z", [Row("C1", "overdue", "2026-02-28", to: [l1], cc: [sec], deadline: "2026-02-28")]),
        ])
    }

    func testYear_fromLastInspection_leapDay() {
        var b = Branch()
        b.members = [member(since: "2020-03-01", every: .year), member(since: "2020-03-01", cert: "")]
        b.members[1].id = "C2"
        b.records = [Record(kind: .inspection, member: "C1", date: day("2028-02-29"))]
        b.windowStart = "2028-03-01T00:00:00Z"
        check(b, CertificateCheckRule(), [
            Case("2029-02-13T01:00:00Z", []),
            Case("2029-02-14T01:00:00Z", [Row("C1", "lead-14", "2029-02-28", to: [l1], cc: [sec], deadline: "2029-02-28")]),
            Case("2029-03-01T01:00:00Z", [Row("C1", "overdue", "2029-02-28", to: [l1], cc: [sec], deadline: "2029-02-28")]),
        ])
    }
}

final class PlacementChangedRuleTests: XCTestCase {
    func testNoticesAtThreeAndSixMonths_januaryThirtyFirst() {
        var b = Branch()
        b.members = [outgoing("P1", since: "2026-01-31"), outgoing("P2", since: "2026-01-31", liaison: nil)]
        b.windowStart = "2026-01-01T00:00:00Z"
        check(b, PlacementChangedRule(), [
            Case("2026-04-29T01:00:00Z", []),
            Case("2026-04-30T00:59:00Z", []),
            Case("2026-04-30T01:00:00Z", [Row("P1", "notice", "3m", to: [l1])]),
            Case("2026-05-06T01:00:00Z", [Row("P1", "notice", "3m", to: [l1])]),
            Case("2026-05-08T01:00:00Z", []),  // older than catch_up: superseded
            Case("2026-07-31T01:00:00Z", [Row("P1", "notice", "6m", to: [l1])]),
        ])
        let d = b.evaluate("2026-05-08T01:00:00Z", rules: [PlacementChangedRule()])
        XCTAssertEqual(d.superseded.map(\.key), ["placement.changed|P1|3m|notice"])
    }

    func testFreshStore_oldMember_nothingAtAll() {
        var b = Branch()
        b.members = [outgoing("P1", since: "2019-01-31")]
        b.windowStart = "2026-04-01T00:00:00Z"
        let d = b.evaluate("2026-04-08T01:00:00Z", rules: [PlacementChangedRule()])
        XCTAssertTrue(d.send.isEmpty && d.superseded.isEmpty)
    }
}

final class RelationTransferRuleTests: XCTestCase {
    func testFixedPlace_sixMonths_secretaryToLiaisonCc_repeatsUntilTransferred() {
        var m = outgoing("R1", since: "2025-08-31")
        m.fixedPlace = true
        var loose = outgoing("R2", since: "2025-08-31")
        loose.fixedPlace = false
        var b = Branch()
        b.members = [m, loose]
        let row = { (s: String) in Row("R1", s, "2026-02-28", to: [sec], cc: [l1], deadline: "2026-02-28") }
        check(b, RelationTransferRule(), [
            Case("2026-02-27T01:00:00Z", []),
            Case("2026-02-28T00:59:00Z", []),
            Case("2026-02-28T01:00:00Z", [row("overdue")]),
            Case("2026-03-07T01:00:00Z", [row("repeat-1")]),
        ])
        b.records = [Record(kind: .transfer, member: "R1", date: day("2026-03-05"))]
        check(b, RelationTransferRule(), [Case("2026-03-07T01:00:00Z", [])])
    }
}

final class IncomingRegisterRuleTests: XCTestCase {
    func testOneMonth_secretary_untilRegistered() {
        let m = Member(id: "I1", name: "流入", kind: .incoming, since: day("2028-01-31"))
        var registered = m
        registered.id = "I2"
        registered.registered = true
        let noSince = Member(id: "I3", name: "无日期", kind: .incoming)
        var b = Branch()
        b.members = [m, registered, noSince]
        // Arrived 31 January of a leap year: deadline 29 February. The first notice goes out on
        // the day of arrival ("及时"), not after the month; overdue the day after the deadline.
        check(b, IncomingRegisterRule(), [
            Case("2028-01-31T00:59:00Z", []),
            Case("2028-01-31T01:00:00Z", [Row("I1", "lead-29", "2028-02-29", to: [sec], deadline: "2028-02-29")]),
            Case("2028-02-15T01:00:00Z", [Row("I1", "lead-14", "2028-02-29", to: [sec], deadline: "2028-02-29")]),
            Case("2028-02-29T01:00:00Z", [Row("I1", "lead-3", "2028-02-29", to: [sec], deadline: "2028-02-29")]),
            Case("2028-03-01T01:00:00Z", [Row("I1", "overdue", "2028-02-29", to: [sec], deadline: "2028-02-29")]),
            Case("2028-03-08T01:00:00Z", [Row("I1", "repeat-1", "2028-02-29", to: [sec], deadline: "2028-02-29")]),
        ])
        b.records = [Record(kind: .register, member: "I1", date: day("2028-03-01"))]
        check(b, IncomingRegisterRule(), [Case("2028-03-08T01:00:00Z", [])])
    }
}

final class ContactLostRuleTests: XCTestCase {
    func testNoContactForSixMonths_fromSinceOrLastContact() {
        var b = Branch()
        var contacted = outgoing("X2", since: "2025-01-01")
        contacted.lastContact = day("2025-08-31")
        b.members = [outgoing("X1", since: "2025-08-31"), contacted]
        let row = { (m: String, s: String) in Row(m, s, "2026-02-28", to: [sec], deadline: "2026-02-28") }
        check(b, ContactLostRule(), [
            Case("2026-02-27T01:00:00Z", []),
            Case("2026-02-28T01:00:00Z", [row("X1", "overdue"), row("X2", "overdue")]),
            Case("2026-03-14T01:00:00Z", [row("X1", "repeat-2"), row("X2", "repeat-2")]),
        ])
        // A new contact opens a new period (and ends the repeats).
        b.records = [Record(kind: .contact, member: "X1", date: day("2026-03-10"))]
        check(b, ContactLostRule(), [
            Case("2026-03-14T01:00:00Z", [row("X2", "repeat-2")]),
            Case("2026-09-10T01:00:00Z", [Row("X1", "overdue", "2026-09-10", to: [sec], deadline: "2026-09-10"),
                                          row("X2", "repeat-27")]),
        ])
    }

    func testTwoUnreachableInARow_withoutContactAfter() {
        var b = Branch()
        b.members = [outgoing("X1", since: "2026-01-01"), outgoing("X2", since: "2026-01-01")]
        b.records = [
            Record(kind: .unreachable, member: "X1", date: day("2026-03-02")),
            Record(kind: .unreachable, member: "X1", date: day("2026-03-09")),
            Record(kind: .unreachable, member: "X2", date: day("2026-03-02")),
            Record(kind: .contact, member: "X2", date: day("2026-03-05")),
            Record(kind: .unreachable, member: "X2", date: day("2026-03-09")),
        ]
        check(b, ContactLostRule(), [
            Case("2026-03-09T00:59:00Z", []),
            Case("2026-03-09T01:00:00Z", [Row("X1", "overdue", "2026-03-09", to: [sec], deadline: "2026-03-09")]),
        ])
        XCTAssertEqual(b.evaluate("2026-03-09T01:00:00Z", rules: [ContactLostRule()]).send.first?.facts["reason"],
                       "unreachable")
    }

    func testLostAfterInDays_andMissingSince() {
        var b = Branch()
        b.schedule.lostAfter = .days(90)
        b.members = [outgoing("X1", since: "2026-01-01"), outgoing("X2", since: nil)]
        check(b, ContactLostRule(), [
            Case("2026-03-31T01:00:00Z", []),
            Case("2026-04-01T01:00:00Z", [Row("X1", "overdue", "2026-04-01", to: [sec], deadline: "2026-04-01")]),
        ])
    }
}

final class MembershipReviewContactRuleTests: XCTestCase {
    func testSixMonthsWithoutContactOrReport_countedFromTheLater() {
        var onlyReport = outgoing("V2", since: "2025-01-01")
        onlyReport.lastReport = day("2025-10-31")
        var b = Branch()
        b.members = [outgoing("V1", since: "2025-10-31"), onlyReport,
                     Member(id: "V3", name: "直管", kind: .local, since: day("2020-01-01"))]
        b.records = [Record(kind: .contact, member: "V2", date: day("2025-09-01"))]
        let row = { (m: String, s: String) in Row(m, s, "2026-04-30", to: [sec], deadline: "2026-04-30") }
        check(b, MembershipReviewRule(), [
            Case("2026-04-29T01:00:00Z", []),
            Case("2026-04-30T01:00:00Z", [row("V1", "overdue"), row("V2", "overdue")]),
            Case("2026-05-07T01:00:00Z", [row("V1", "repeat-1"), row("V2", "repeat-1")]),
        ])
        b.records.append(Record(kind: .report, member: "V1", date: day("2026-05-01")))
        check(b, MembershipReviewRule(), [Case("2026-05-07T01:00:00Z", [row("V2", "repeat-1")])])
    }
}
