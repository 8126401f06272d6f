import Foundation
import XCTest
@testable import LiaisonCore

final class ReportPeriodicRuleTests: XCTestCase {
    let rule = ReportPeriodicRule()

    func testQuarterly_memberToLiaisonCc_overdueAddsSecretary() {
        var b = Branch()
        b.members = [outgoing("M1", since: "2025-06-10")]
        b.windowStart = "2026-03-01T00:00:00Z"
        let m1 = "m1@example.org"
        check(b, rule, [
            Case("2026-03-17T00:59:00Z", []),
            Case("2026-03-17T01:00:00Z", [Row("M1", "lead-14", "2026Q1", to: [m1], cc: [l1], deadline: "2026-03-31")]),
            Case("2026-04-01T01:00:00Z", [Row("M1", "overdue", "2026Q1", to: [m1], cc: [l1, sec], deadline: "2026-03-31")]),
            Case("2026-04-08T01:00:00Z", [Row("M1", "repeat-1", "2026Q1", to: [m1], cc: [l1, sec], deadline: "2026-03-31")]),
        ])
    }

    func testHalfYear_leapYearDeadline_andReportResolves() {
        var member = outgoing("M1", since: "2027-11-30", liaison: nil, email: "")
        member.email = nil
        member.reportEvery = .halfYear
        var b = Branch()
        b.members = [member]
        b.windowStart = "2028-01-01T00:00:00Z"
        check(b, rule, [
            Case("2028-06-16T01:00:00Z", []),  // nobody to write to before overdue: unreachable
            Case("2028-07-01T01:00:00Z", [Row("M1", "overdue", "2028H1", to: [sec], deadline: "2028-06-30")]),
        ])
        // No address for lead steps: unreachable, not silently dropped.
        XCTAssertEqual(b.evaluate("2028-06-16T01:00:00Z", rules: [rule]).unreachable.map(\.step), [.lead(14)])
        b.records = [Record(kind: .report, member: "M1", date: day("2028-02-29"))]
        check(b, rule, [Case("2028-07-01T01:00:00Z", [])])
        XCTAssertEqual(b.evaluate("2028-12-17T01:00:00Z", rules: [rule]).unreachable.map(\.key),
                       ["report.periodic|M1|2028H2|lead-14"])
    }

    func testLastReportFromRoster_andNoSince_yieldsNothing() {
        var withRoster = outgoing("M1", since: "2025-06-10")
        withRoster.lastReport = day("2026-01-02")
        var b = Branch()
        b.members = [withRoster, outgoing("M2", since: nil)]
        check(b, rule, [Case("2026-04-01T01:00:00Z", [])])
    }
}

final class DuesRulesTests: XCTestCase {
    func branch(paid: String?, kind: Member.Kind = .local) -> Branch {
        var b = Branch()
        var m = Member(id: "D1", name: "党员", kind: kind, email: "d1@example.org", liaison: "L1")
        if kind == .outgoing { m.since = day("2025-01-01") }
        m.duesPaidThrough = paid.map(ym)
        b.members = [m]
        b.windowStart = "2026-01-01T00:00:00Z"
        return b
    }

    func testMonthly_onDuesDayAtSendTime_n1() {
        let b = branch(paid: "2026-10")
        check(b, DuesMonthlyRule(), [
            Case("2026-11-24T01:00:00Z", []),
            Case("2026-11-25T00:59:00Z", []),
            Case("2026-11-25T01:00:00Z", [Row("D1", "notice", "2026-11", to: ["d1@example.org"])]),
        ])
        check(b, DuesArrearsRule(), [Case("2026-11-25T01:00:00Z", [])])
        let facts = b.evaluate("2026-11-25T01:00:00Z", rules: [DuesMonthlyRule()]).send.first?.facts
        XCTAssertEqual(facts?["owed"], "2026-11..2026-11")
        XCTAssertEqual(facts?["months"], "1")
        XCTAssertEqual(facts?["paid_through"], "2026-10")
    }

    func testOutgoingMember_liaisonInCc() {
        check(branch(paid: "2026-10", kind: .outgoing), DuesMonthlyRule(), [
            Case("2026-11-25T01:00:00Z", [Row("D1", "notice", "2026-11", to: ["d1@example.org"], cc: [l1])]),
        ])
    }

    /// Only months that have ended count: on 25 November, paid through August, September and
    /// October are owed (November is not over): three.
    func testArrears_fromThreeEndedMonths_toLiaisonAndSecretary() {
        let two = branch(paid: "2026-09")
        check(two, DuesArrearsRule(), [Case("2026-11-25T01:00:00Z", []), Case("2026-12-25T01:00:00Z", [])])
        let three = branch(paid: "2026-07")
        check(three, DuesArrearsRule(), [
            Case("2026-10-25T01:00:00Z", []),
            Case("2026-11-25T01:00:00Z", [Row("D1", "notice", "2026-11", to: [l1], cc: [sec])]),
        ])
        check(three, MembershipReviewRule(), [Case("2026-11-25T01:00:00Z", [])])
        let facts = three.evaluate("2026-11-25T01:00:00Z", rules: [DuesArrearsRule()]).send.first?.facts
        XCTAssertEqual(facts?["owed"], "2026-08..2026-10")
        XCTAssertEqual(facts?["months"], "3")
    }

    /// Six whole months: paid through May, June–November are six only once November is over,
    /// so the review comes on 25 December, never on 25 November.
    func testReview_neverBeforeTheSixthMonthIsOver_factsListMonthsOwed() {
        let b = branch(paid: "2026-05")
        check(b, MembershipReviewRule(), [
            Case("2026-11-25T01:00:00Z", []),
            Case("2026-11-30T15:59:00Z", []),
            Case("2026-12-25T00:59:00Z", []),
            Case("2026-12-25T01:00:00Z", [Row("D1", "notice", "2026-12", to: [sec])]),
        ])
        let facts = b.evaluate("2026-12-25T01:00:00Z", rules: [MembershipReviewRule()]).send.first?.facts
        XCTAssertEqual(facts?["owed"], "2026-06..2026-11")
        XCTAssertEqual(facts?["months"], "6")
        XCTAssertEqual(facts?["reason"], "dues")
    }

    func testPaidByRecord_laterThanRoster_stopsNotices_andMissingPaidThroughMeansNoRule() {
        var b = branch(paid: "2026-05")
        b.records = [Record(kind: .dues, member: "D1", date: day("2026-11-20"), through: ym("2026-11"))]
        let d = b.evaluate("2026-11-25T01:00:00Z")
        XCTAssertTrue(d.send.filter { $0.rule != .activityDay }.isEmpty)
        check(branch(paid: nil), DuesMonthlyRule(), [Case("2026-11-25T01:00:00Z", [])])
    }

    func testDuesDay31_clampsToFebruaryEnd_inLeapYear() {
        var b = branch(paid: "2028-01")
        b.schedule.duesDay = 31
        b.windowStart = "2028-01-01T00:00:00Z"
        check(b, DuesMonthlyRule(), [
            Case("2028-02-28T01:00:00Z", []),
            Case("2028-02-29T01:00:00Z", [Row("D1", "notice", "2028-02", to: ["d1@example.org"])]),
        ])
    }

    func testMissedMonths_onlyNewestSent_olderSuperseded_evenPastCatchUp() {
        let b = branch(paid: "2026-07")
        let d = b.evaluate("2026-11-26T01:00:00Z", rules: [DuesMonthlyRule()])
        XCTAssertEqual(d.send.map(\.period), ["2026-11"])
        // Only the two newest months are carried; the older ones are named in `owed`.
        XCTAssertEqual(d.send.first?.openPeriods, ["2026-10"])
        XCTAssertEqual(d.superseded.map(\.period), ["2026-10"])
        XCTAssertEqual(d.send.first?.facts["owed"], "2026-08..2026-11")
        // Not a "notice" of rules.md: a dues month 20 days old is still sent.
        let late = b.evaluate("2026-12-14T01:00:00Z", rules: [DuesMonthlyRule()])
        XCTAssertEqual(late.send.map(\.period), ["2026-11"])
    }
}
