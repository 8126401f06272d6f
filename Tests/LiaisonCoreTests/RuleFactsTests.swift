import Foundation
import XCTest
@testable import LiaisonCore

/// Typed facts: the JSON the store keeps reads back to the same value for every rule, and the
/// flat fields of older stores read back to it too.
final class RuleFactsTests: XCTestCase {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> LocalDate { LocalDate(year: y, month: m, day: day)! }
    static func ym(_ y: Int, _ m: Int) -> YearMonth { YearMonth(year: y, month: m)! }

    /// One value per case, with text that needs escaping and optional fields both set and not.
    static let samples: [RuleFacts] = [
        .contactQuarterly(.init(openFrom: "2025Q3")),
        .contactQuarterly(.init()),
        .reportPeriodic(.init(every: .halfYear, openFrom: "2025H1")),
        .duesMonthly(.init(paidThrough: ym(2026, 5), owedFrom: ym(2026, 6), owedThrough: ym(2026, 11), months: 6,
                           duesDay: d(2026, 11, 25))),
        .duesMonthly(.init(paidThrough: nil, paidAtInflow: true)),
        .duesArrears(.init(paidThrough: ym(2026, 7), owedFrom: ym(2026, 8), owedThrough: ym(2026, 10), months: 3,
                           duesDay: d(2026, 11, 25))),
        .certificateCheck(.init(interval: .year, certificate: "LD-2026-007", countedFrom: d(2026, 3, 1))),
        .placementChanged(.init(months: 3, since: d(2026, 3, 1))),
        .relationTransfer(.init(since: d(2026, 3, 1), place: "深圳市 南山区")),
        .incomingRegister(.init(since: d(2026, 9, 1), place: "太原", origin: "小店区\"某\"支部", joined: d(2001, 7, 1),
                                address: "一号楼\n2单元")),
        .activityDay(.init(day: d(2026, 12, 15), time: "09:30", place: "党群服务中心", topic: "学习")),
        .surveyPeak(.init(holiday: "spring-festival", holidayDate: d(2027, 2, 6), members: [
            .init(name: "张 伟", phone: "139", kind: .outgoing), .init(name: "陈静", phone: nil, kind: .incoming)])),
        .contactLost(.init(reason: .unreachable, countedFrom: d(2026, 3, 1), lastContact: d(2026, 2, 1), unreachable: 2)),
        .contactLost(.init(reason: .noContact, countedFrom: d(2026, 3, 1), lastContact: nil, unreachable: 0)),
        .membershipReview(.init(reason: .dues, dues: .init(paidThrough: ym(2026, 5), owedFrom: ym(2026, 6),
                                                            owedThrough: ym(2026, 11), months: 6, duesDay: d(2026, 12, 25)))),
        .membershipReview(.init(reason: .noContact, countedFrom: d(2026, 5, 1))),
        .evaluationAnnual(.init(year: 2026, contacts: 2, reports: 1)),
        .evaluationAnnual(.init(year: 2026, members: [
            .init(id: "E1", name: "成员 E1", kind: .outgoing, contacts: 2, reports: 1, duesThrough: ym(2026, 10)),
            .init(id: "E2", name: "直管", kind: .local, contacts: 0, reports: 0, duesThrough: nil, flag: "paused")],
            opinionAsked: ["E1"])),
        .digestMonthly(.init(quarter: "2026Q4", grids: [ContactTally(grid: nil, contacted: 1), ContactTally(grid: "G 1", pending: 2, overdue: 1)],
                             noLiaison: 1)),
        .digestMonthly(.init(quarter: "2026Q4", grids: [], noLiaison: 0, failures: 2, replies: 3)),
        .departurePrepare(.init(since: d(2027, 1, 10), destination: "深圳", expectedLength: "8month", adviseTransfer: true,
                                noLiaison: true)),
        .transferReceipt(.init(transferred: d(2026, 12, 31), count: 2, place: "广州")),
        .incomingFeedback(.init(since: d(2026, 9, 1), origin: "原支部", count: 1)),
        .probationEnd(.init(end: d(2027, 3, 15))),
    ]

    func testEveryRuleWithFactsHasASample() {
        XCTAssertEqual(Set(Self.samples.compactMap(\.rule)), Set(RuleID.allCases))
    }

    func testJSONRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for f in Self.samples + [.absent] {
            let data = try encoder.encode(f)
            XCTAssertEqual(try JSONDecoder().decode(RuleFacts.self, from: data), f, String(decoding: data, as: UTF8.self))
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(object["rule"] as? String, f.rule?.rawValue, "the rule id names the case")
        }
        XCTAssertEqual(String(decoding: try encoder.encode(RuleFacts.absent), as: UTF8.self), "{}")
    }

    /// A JSON list of members stays a list: names with spaces or newlines survive.
    func testListsAreListsNotPackedText() throws {
        let f = RuleFacts.surveyPeak(.init(holiday: "national-day", holidayDate: Self.d(2026, 10, 1), members: [
            .init(name: "a b\nc", phone: nil, kind: .outgoing)]))
        let json = String(decoding: try JSONEncoder().encode(f), as: UTF8.self)
        XCTAssertTrue(json.contains("\"members\":[{"), json)
        XCTAssertEqual(try JSONDecoder().decode(RuleFacts.self, from: Data(json.utf8)), f)
    }

    /// The flat fields (what older stores hold) read back to the same typed facts.
    func testFieldsRoundTrip() {
        for f in Self.samples where !f.fields.isEmpty {
            XCTAssertEqual(RuleFacts(rule: f.rule!, fields: f.fields), f, "\(f.fields)")
        }
        XCTAssertEqual(RuleFacts.contactQuarterly(.init()).fields, [:], "no open_from: nothing to say, nothing stored")
        XCTAssertEqual(RuleFacts(rule: .duesMonthly, fields: [:]), .absent)
        XCTAssertEqual(RuleFacts(rule: .certificateCheck, fields: ["certificate": "x"]), .absent, "a needed field is missing")
    }

    /// The keys docs/rules.md names, in the form the rules wrote them before they were typed.
    func testFieldsSpeakTheDocumentedKeys() {
        XCTAssertEqual(Self.samples[3].fields, ["paid_through": "2026-05", "owed": "2026-06..2026-11", "months": "6",
                                                "dues_day": "2026-11-25"])
        XCTAssertEqual(Self.samples[18]["grids"], "- 1 0 0\nG 1 0 2 1")
        XCTAssertEqual(Self.samples[18]["pending"], "2")
        XCTAssertEqual(Self.samples[17]["members"],
                       "E1 成员 E1 outgoing contacts=2 reports=1 dues=2026-10\nE2 直管 local contacts=0 reports=0 dues=unknown paused")
    }
}
