import Foundation
import XCTest
@testable import LiaisonCore

final class ChineseCalendarTests: XCTestCase {
    func testSpringFestival_pinned2026to2030() {
        let expected = ["2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03"]
        XCTAssertEqual((2026...2030).map { ChineseCalendar.springFestival($0)?.description }, expected)
    }
}

final class ActivityDayRuleTests: XCTestCase {
    func testNoticeSevenDaysBefore_toMembersWithEmail_expiresOnTheDay() {
        var noEmail = outgoing("A2", since: "2025-01-01")
        noEmail.email = nil
        var b = Branch()
        b.members = [outgoing("A1", since: "2025-01-01"), noEmail,
                     Member(id: "A3", name: "直管", kind: .local, email: "a3@example.org")]
        b.windowStart = "2026-01-01T00:00:00Z"
        let row = Row("A1", "notice", "2026-03", to: ["a1@example.org"])
        check(b, ActivityDayRule(), [
            Case("2026-03-08T00:59:00Z", []),
            Case("2026-03-08T01:00:00Z", [row]),
            Case("2026-03-15T01:00:00Z", [row]),
            Case("2026-03-16T01:00:00Z", []),
        ])
        XCTAssertEqual(b.evaluate("2026-03-16T01:00:00Z", rules: [ActivityDayRule()]).superseded.map(\.key),
                       ["activity.day|A1|2026-03|notice"])
    }

    func testActivityDay31_clampedInFebruary_noticeInPreviousMonthForDay3() {
        var b = Branch()
        b.members = [outgoing("A1", since: "2025-01-01")]
        b.windowStart = "2027-01-01T00:00:00Z"
        b.activityDay = 31
        check(b, ActivityDayRule(), [Case("2027-02-21T01:00:00Z", [Row("A1", "notice", "2027-02", to: ["a1@example.org"])])])
        b.activityDay = 3
        check(b, ActivityDayRule(), [
            Case("2027-02-23T01:00:00Z", []),
            Case("2027-02-24T01:00:00Z", [Row("A1", "notice", "2027-03", to: ["a1@example.org"])]),
        ])
    }
}

final class SurveyPeakRuleTests: XCTestCase {
    func branch() -> Branch {
        var b = Branch()
        var incoming = Member(id: "S2", name: "流入乙", kind: .incoming, phone: "139", since: day("2026-05-01"), grid: "G2")
        incoming.registered = true
        var paused = outgoing("S4", since: "2025-01-01", grid: "G1")
        paused.paused = true
        b.members = [outgoing("S1", since: "2025-01-01", grid: "G1"), incoming,
                     Member(id: "S3", name: "直管", kind: .local, grid: "G3"), paused,
                     outgoing("S5", since: "2025-01-01", grid: nil)]
        b.windowStart = "2026-01-01T00:00:00Z"
        return b
    }

    func testBeforeNationalDay_perGridWithMobileMembers_toGridLeader() {
        let b = branch()
        check(b, SurveyPeakRule(), [
            Case("2026-09-23T01:00:00Z", []),
            Case("2026-09-24T00:59:00Z", []),
            Case("2026-09-24T01:00:00Z", [Row(nil, "notice", "2026-national-day", to: [g1], grid: "G1"),
                                          Row(nil, "notice", "2026-national-day", to: ["g2@example.org"], grid: "G2")]),
            Case("2026-10-02T01:00:00Z", []),
        ])
        let d = b.evaluate("2026-09-24T01:00:00Z", rules: [SurveyPeakRule()])
        let g1Facts = d.send.first { $0.grid == "G1" }?.facts
        XCTAssertEqual(g1Facts?["members"], "成员S1 138000S1 outgoing")
        XCTAssertEqual(g1Facts?["holiday_date"], "2026-10-01")
        XCTAssertEqual(d.send.first { $0.grid == "G2" }?.facts["members"], "流入乙 139 incoming")
        XCTAssertTrue(d.send.allSatisfy { $0.member == nil && $0.key.hasPrefix("survey.peak|grid:") })
    }

    func testBeforeSpringFestival_fromChineseCalendar() {
        var b = branch()
        b.windowStart = "2027-01-01T00:00:00Z"
        check(b, SurveyPeakRule(), [
            Case("2027-01-29T16:00:00Z", []),  // local midnight of 01-30: before send time
            Case("2027-01-30T01:00:00Z", [Row(nil, "notice", "2027-spring-festival", to: [g1], grid: "G1"),
                                          Row(nil, "notice", "2027-spring-festival", to: ["g2@example.org"], grid: "G2")]),
        ])
    }

    func testFreshInstall_doesNotMailLastNationalDay() {
        var b = branch()
        b.windowStart = "2026-10-05T00:00:00Z"
        let d = b.evaluate("2026-10-12T01:00:00Z", rules: [SurveyPeakRule()])
        XCTAssertTrue(d.send.isEmpty)
    }
}

final class BranchNoticeRuleTests: XCTestCase {
    func testEvaluationAnnual_onFirstDecember_summarisesEachMembersYear() {
        var b = Branch()
        var m = outgoing("E1", since: "2025-01-01")
        m.duesPaidThrough = ym("2026-10")
        b.members = [m, Member(id: "E2", name: "直管", kind: .local, paused: true)]
        b.records = [Record(kind: .contact, member: "E1", date: day("2026-03-01")),
                     Record(kind: .contact, member: "E1", date: day("2026-06-01")),
                     Record(kind: .contact, member: "E1", date: day("2025-12-01")),
                     Record(kind: .report, member: "E1", date: day("2026-07-01"))]
        b.windowStart = "2026-01-01T00:00:00Z"
        check(b, EvaluationAnnualRule(), [
            Case("2026-11-30T01:00:00Z", []),
            Case("2026-12-01T00:59:00Z", []),
            // The secretary's summary, and the liaison asked for the 流入地 opinion on E1.
            Case("2026-12-01T01:00:00Z", [Row(nil, "notice", "2026", to: [sec]),
                                          Row("E1", "notice", "2026", to: ["l1@example.org"])]),
            Case("2026-12-09T01:00:00Z", []),
        ])
        let facts = b.evaluate("2026-12-01T01:00:00Z", rules: [EvaluationAnnualRule()]).send.first { $0.member == nil }?.facts
        XCTAssertEqual(facts?["members"], "E1 成员E1 outgoing contacts=2 reports=1 dues=2026-10\nE2 直管 local contacts=0 reports=0 dues=unknown paused")
        XCTAssertEqual(facts?["year"], "2026")
        XCTAssertEqual(b.evaluate("2026-12-01T01:00:00Z").send.first { $0.rule == .evaluationAnnual && $0.member == nil }?.grid, nil)
        let opinion = b.evaluate("2026-12-01T01:00:00Z", rules: [EvaluationAnnualRule()]).send.first { $0.member == "E1" }?.facts
        XCTAssertEqual(opinion?["contacts"], "2")
        XCTAssertEqual(opinion?["reports"], "1")
    }

    func testDigestMonthly_onFirst_countsPerGrid() {
        var b = Branch()
        var contacted = outgoing("D2", since: "2025-01-01", grid: "G2")
        contacted.lastContact = day("2026-10-20")
        var pending = outgoing("D3", since: "2025-01-01")
        pending.lastContact = day("2026-09-20")
        b.members = [outgoing("D1", since: "2025-01-01"), contacted, pending,
                     outgoing("D4", since: "2025-01-01", liaison: nil)]
        b.windowStart = "2026-01-01T00:00:00Z"
        check(b, DigestMonthlyRule(), [
            Case("2026-11-01T00:59:00Z", []),
            Case("2026-11-01T01:00:00Z", [Row(nil, "notice", "2026-11", to: [sec])]),
        ])
        let facts = b.evaluate("2026-11-01T01:00:00Z", rules: [DigestMonthlyRule()]).send.first?.facts
        XCTAssertEqual(facts?["quarter"], "2026Q4")
        XCTAssertEqual(facts?["grids"], "G1 0 1 1\nG2 1 0 0")
        XCTAssertEqual(facts?["no_liaison"], "1")
        XCTAssertNil(facts?["failures"])
    }
}
