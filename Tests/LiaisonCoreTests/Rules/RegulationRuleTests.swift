import XCTest
@testable import LiaisonCore

/// Boundary tables for the rules of issue 13 and the corrections to the older ones: the day
/// before, on and after each date; month ends; leap years; +08:00 (09:00 local = 01:00Z).
final class DeparturePrepareRuleTests: XCTestCase {
    func testWindowBeforeAndAfterLeaving_toSecretary_ccLiaison_once() {
        var m = outgoing("D1", since: "2028-03-30")
        m.destination = "深圳市南山区"
        m.expectedLength = Duration(months: 8)
        m.fixedPlace = true
        var old = outgoing("D2", since: "2025-01-01")
        old.expectedLength = Duration(months: 8)
        var b = Branch()
        b.members = [m, old]
        b.windowStart = "2026-01-01T00:00:00Z"
        let row = Row("D1", "notice", "2028-03-30", to: [sec], cc: [l1])
        check(b, DeparturePrepareRule(), [
            // 30 days before 30 March in a leap year: 29 February.
            Case("2028-02-28T01:00:00Z", []),
            Case("2028-02-29T00:59:00Z", []),
            Case("2028-02-29T01:00:00Z", [row]),
            Case("2028-03-30T01:00:00Z", [row]),
            Case("2028-04-29T01:00:00Z", [row]),
            Case("2028-04-30T01:00:00Z", []),
        ])
        let facts = b.evaluate("2028-02-29T01:00:00Z", rules: [DeparturePrepareRule()]).send.first?.facts
        XCTAssertEqual(facts?["destination"], "深圳市南山区")
        XCTAssertEqual(facts?["advise_transfer"], "yes", "8 months with a fixed place: transfer advice at departure")
        // Sent once: with its key handled nothing more is due in the window.
        let key = b.evaluate("2028-02-29T01:00:00Z", rules: [DeparturePrepareRule()]).send.first!.key
        XCTAssertTrue(b.evaluate("2028-03-20T01:00:00Z", rules: [DeparturePrepareRule()], handled: { $0 == key }).send.isEmpty)
    }

    func testShortTripOrNoFixedPlace_noTransferAdvice_lateRowAnnouncedWhenSeen() {
        var short = outgoing("D1", since: "2026-12-10")
        short.expectedLength = Duration(months: 5)
        short.fixedPlace = true
        var roaming = outgoing("D2", since: "2026-12-10", liaison: nil)
        roaming.expectedLength = Duration(months: 12)
        var b = Branch()
        b.members = [short, roaming]
        b.windowStart = "2026-01-01T00:00:00Z"
        // The window opened 10 November; seen first on 20 December (catch_up is 7 days): due that day.
        let d = b.evaluate("2026-12-20T01:00:00Z", rules: [DeparturePrepareRule()])
        XCTAssertEqual(d.send.map(Row.init).sorted(), [
            Row("D1", "notice", "2026-12-10", to: [sec], cc: [l1]),
            Row("D2", "notice", "2026-12-10", to: [sec]),
        ])
        XCTAssertEqual(d.send.first { $0.member == "D1" }?.dueAt, instant("2026-12-20T01:00:00Z"))
        XCTAssertNil(d.send.first { $0.member == "D1" }?.facts["advise_transfer"])
        XCTAssertNil(d.send.first { $0.member == "D2" }?.facts["advise_transfer"])
        XCTAssertEqual(d.send.first { $0.member == "D2" }?.facts["liaison"], "none")
    }

    func testDepartureWindow_isAKey() {
        var b = Branch()
        b.members = [outgoing("D1", since: "2026-12-31")]
        b.rules.departureWindow = .days(10)
        check(b, DeparturePrepareRule(), [
            Case("2026-12-20T01:00:00Z", []),
            Case("2026-12-21T01:00:00Z", [Row("D1", "notice", "2026-12-31", to: [sec], cc: [l1])]),
            Case("2027-01-10T01:00:00Z", [Row("D1", "notice", "2026-12-31", to: [sec], cc: [l1])]),
            Case("2027-01-11T01:00:00Z", []),
        ])
    }
}

final class TransferReceiptRuleTests: XCTestCase {
    func branch() -> Branch {
        var b = Branch()
        var m = outgoing("T1", since: "2025-06-10")
        m.fixedPlace = true
        b.members = [m]
        b.windowStart = "2026-01-01T00:00:00Z"
        b.records = [Record(kind: .transfer, member: "T1", date: day("2026-12-18"))]
        return b
    }

    func testEveryFourteenDays_untilReceived() {
        var b = branch()
        check(b, TransferReceiptRule(), [
            Case("2026-12-31T01:00:00Z", []),
            Case("2027-01-01T00:59:00Z", []),
            Case("2027-01-01T01:00:00Z", [Row("T1", "notice", "2027-01-01", to: [sec])]),
            Case("2027-01-14T01:00:00Z", [Row("T1", "notice", "2027-01-01", to: [sec])]),
            Case("2027-01-15T01:00:00Z", [Row("T1", "notice", "2027-01-15", to: [sec])]),
        ])
        // 转出待接收: the branch stays responsible, the transfer advice stops.
        let pending = b.evaluate("2027-01-15T01:00:00Z")
        XCTAssertFalse(pending.send.contains { $0.rule == .relationTransfer })
        XCTAssertTrue(pending.send.contains { $0.rule == .contactQuarterly })
        b.records.append(Record(kind: .received, member: "T1", date: day("2027-01-20")))
        check(b, TransferReceiptRule(), [Case("2027-01-29T01:00:00Z", [])])
        let done = b.evaluate("2027-03-20T01:00:00Z")
        XCTAssertTrue(done.send.isEmpty && done.superseded.isEmpty && done.unreachable.isEmpty)
    }

    func testReceiptEvery_isAKey_andTheRosterEndsItToo() {
        var b = branch()
        b.rules.receiptEvery = Duration(months: 1)
        check(b, TransferReceiptRule(), [
            Case("2027-01-17T01:00:00Z", []),
            Case("2027-01-18T01:00:00Z", [Row("T1", "notice", "2027-01-18", to: [sec])]),
        ])
        b.members[0].relation = .transferred
        check(b, TransferReceiptRule(), [Case("2027-01-18T01:00:00Z", [])])
    }
}

final class IncomingRulesTests: XCTestCase {
    func testFeedback_everySixMonths_monthEndsClamped_notForTransferredIn() {
        var m = Member(id: "I1", name: "流入", kind: .incoming, since: day("2026-08-31"))
        m.origin = "太原市小店区某社区党支部"
        var own = Member(id: "I2", name: "已转入", kind: .incoming, since: day("2026-08-31"))
        own.relation = .transferredIn
        var b = Branch()
        b.members = [m, own]
        b.windowStart = "2026-01-01T00:00:00Z"
        check(b, IncomingFeedbackRule(), [
            Case("2027-02-27T01:00:00Z", []),
            Case("2027-02-28T00:59:00Z", []),
            Case("2027-02-28T01:00:00Z", [Row("I1", "notice", "2027-02-28", to: [sec])]),
            Case("2027-08-30T01:00:00Z", [Row("I1", "notice", "2027-02-28", to: [sec])]),
            Case("2027-08-31T01:00:00Z", [Row("I1", "notice", "2027-08-31", to: [sec])]),
        ])
        let facts = b.evaluate("2027-02-28T01:00:00Z", rules: [IncomingFeedbackRule()]).send.first?.facts
        XCTAssertEqual(facts?["origin"], "太原市小店区某社区党支部")
        b.rules.feedbackEvery = Duration(months: 12)
        check(b, IncomingFeedbackRule(), [Case("2027-08-30T01:00:00Z", []),
                                          Case("2027-08-31T01:00:00Z", [Row("I1", "notice", "2027-08-31", to: [sec])])])
    }

    func testIncomingDeadline_isAKey() {
        var b = Branch()
        b.members = [Member(id: "I1", name: "流入", kind: .incoming, since: day("2026-12-01"))]
        b.rules.incomingDeadline = .days(14)
        check(b, IncomingRegisterRule(), [
            Case("2026-12-01T01:00:00Z", [Row("I1", "lead-14", "2026-12-15", to: [sec], deadline: "2026-12-15")]),
            Case("2026-12-15T01:00:00Z", [Row("I1", "lead-3", "2026-12-15", to: [sec], deadline: "2026-12-15")]),
            Case("2026-12-16T01:00:00Z", [Row("I1", "overdue", "2026-12-15", to: [sec], deadline: "2026-12-15")]),
        ])
    }
}

final class ProbationEndRuleTests: XCTestCase {
    func testThirtyDaysBefore_secretary_orLiaisonFirstForOutgoing() {
        var away = outgoing("P1", since: "2025-01-01")
        away.probationEnd = day("2028-03-30")
        var here = Member(id: "P2", name: "本地", kind: .local)
        here.probationEnd = day("2028-03-30")
        var b = Branch()
        b.members = [away, here]
        b.windowStart = "2026-01-01T00:00:00Z"
        check(b, ProbationEndRule(), [
            Case("2028-02-28T01:00:00Z", []),
            Case("2028-02-29T01:00:00Z", [Row("P1", "notice", "2028-03-30", to: [l1], cc: [sec]),
                                          Row("P2", "notice", "2028-03-30", to: [sec])]),
            Case("2028-03-30T01:00:00Z", [Row("P1", "notice", "2028-03-30", to: [l1], cc: [sec]),
                                          Row("P2", "notice", "2028-03-30", to: [sec])]),
            Case("2028-03-31T01:00:00Z", []),
        ])
    }
}

final class CorrectedRulesTests: XCTestCase {
    /// Issue 13 §5: a Q4 report received on 31 January satisfies Q4, never Q1.
    func testOverdueReport_countsForItsOwnPeriod_notTheNext() {
        var b = Branch()
        b.members = [outgoing("R1", since: "2026-01-10")]
        b.windowStart = "2026-01-01T00:00:00Z"
        b.records = [Record(kind: .report, member: "R1", date: day("2027-01-31"), period: "2026Q4")]
        let rows = b.due(ReportPeriodicRule(), "2027-03-17T01:00:00Z")
        XCTAssertEqual(rows, [Row("R1", "lead-14", "2027Q1", to: ["r1@example.org"], cc: [l1], deadline: "2027-03-31")])
        // Without a period the report counts for the period containing its day: Q1; Q4 stays open.
        b.records = [Record(kind: .report, member: "R1", date: day("2027-01-31"))]
        XCTAssertEqual(b.due(ReportPeriodicRule(), "2027-02-07T01:00:00Z").map(\.period), ["2026Q4"])
        XCTAssertEqual(b.due(ReportPeriodicRule(), "2027-03-17T01:00:00Z").map(\.period), ["2026Q4"],
                       "Q4 overdue is the thread's newest due period until Q1's first step")
    }

    func testReportEveryDefault_isAKey_forRowsWithout() {
        var b = Branch()
        var m = outgoing("R1", since: "2026-01-10")
        m.reportEveryGiven = false
        b.members = [m]
        b.windowStart = "2026-01-01T00:00:00Z"
        b.rules.reportEvery = .halfYear
        XCTAssertEqual(b.due(ReportPeriodicRule(), "2026-09-17T01:00:00Z").map(\.period), ["2026H1"])
        XCTAssertEqual(b.due(ReportPeriodicRule(), "2026-12-17T01:00:00Z").map(\.period), ["2026H2"])
        b.members[0].reportEveryGiven = true
        XCTAssertEqual(b.due(ReportPeriodicRule(), "2026-09-17T01:00:00Z").map(\.period), ["2026Q3"], "the roster's own value wins")
    }

    func testContactEveryHalfYear() {
        var b = Branch()
        b.members = [outgoing("C1", since: "2026-01-10")]
        b.windowStart = "2026-01-01T00:00:00Z"
        b.rules.contactEvery = .halfYear
        check(b, ContactQuarterlyRule(), [
            Case("2026-03-17T01:00:00Z", []),
            Case("2026-06-15T01:00:00Z", []),
            Case("2026-06-16T01:00:00Z", [Row("C1", "lead-14", "2026H1", to: [l1], deadline: "2026-06-30")]),
            Case("2026-07-01T01:00:00Z", [Row("C1", "overdue", "2026H1", to: [l1], cc: [g1], deadline: "2026-06-30")]),
        ])
    }

    func testDuesAtInflow_noDuesReminders_liaisonConfirmsEachHalfYear() {
        var b = Branch()
        var m = outgoing("F1", since: "2025-01-01")
        m.duesAt = .inflow
        m.duesPaidThrough = ym("2025-12")
        b.members = [m]
        b.windowStart = "2026-01-01T00:00:00Z"
        for rule: any Rule in [DuesArrearsRule(), MembershipReviewRule()] {
            XCTAssertEqual(b.due(rule, "2026-11-25T01:00:00Z").filter { $0.period.count == 7 }, [], "\(rule.id)")
        }
        check(b, DuesMonthlyRule(), [
            Case("2026-06-24T01:00:00Z", []),
            Case("2026-06-25T01:00:00Z", [Row("F1", "notice", "2026H1", to: [l1])]),
            Case("2026-11-25T01:00:00Z", [Row("F1", "notice", "2026H1", to: [l1])]),
            Case("2026-12-25T01:00:00Z", [Row("F1", "notice", "2026H2", to: [l1])]),
        ])
    }

    func testDuesEveryQuarter_remindsInTheQuartersLastMonth_arrearsAfterIsAKey() {
        var b = Branch()
        var m = Member(id: "Q1", name: "按季", kind: .local, email: "q1@example.org")
        m.duesPaidThrough = ym("2026-09")
        b.members = [m]
        b.windowStart = "2026-01-01T00:00:00Z"
        b.rules.duesEvery = .quarter
        check(b, DuesMonthlyRule(), [
            Case("2026-10-25T01:00:00Z", []),
            Case("2026-11-25T01:00:00Z", []),
            Case("2026-12-25T01:00:00Z", [Row("Q1", "notice", "2026-12", to: ["q1@example.org"])]),
        ])
        b.rules.arrearsAfter = 2
        check(b, DuesArrearsRule(), [
            Case("2026-11-25T01:00:00Z", []),
            Case("2026-12-25T01:00:00Z", [Row("Q1", "notice", "2026-12", to: [sec])]),
        ])
    }

    func testActivityDay_factsFromConfig_placementMonthsAKey_evaluationOnAKey() {
        var b = Branch()
        b.members = [outgoing("A1", since: "2026-01-31")]
        b.windowStart = "2026-01-01T00:00:00Z"
        b.activity = Config.Activity(time: TimeOfDay(hour: 9, minute: 30), place: "党群服务中心", topic: "学习")
        let facts = b.evaluate("2026-12-08T01:00:00Z", rules: [ActivityDayRule()]).send.first?.facts
        XCTAssertEqual(facts?["activity_time"], "09:30")
        XCTAssertEqual(facts?["activity_place"], "党群服务中心")
        XCTAssertEqual(facts?["activity_topic"], "学习")
        b.rules.placementMonths = [2]
        check(b, PlacementChangedRule(), [
            Case("2026-03-30T01:00:00Z", []),
            Case("2026-03-31T01:00:00Z", [Row("A1", "notice", "2m", to: [l1])]),
        ])
        b.rules.evaluationOn = MonthDay(month: 12, day: 20)
        XCTAssertEqual(b.due(EvaluationAnnualRule(), "2026-12-19T01:00:00Z"), [])
        XCTAssertEqual(b.due(EvaluationAnnualRule(), "2026-12-20T01:00:00Z").count, 2)
    }
}
