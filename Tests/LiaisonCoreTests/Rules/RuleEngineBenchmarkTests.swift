import Foundation
import XCTest
@testable import LiaisonCore

/// One million members through every rule. Skipped unless `LIAISON_BENCH=1`; run in release:
/// `LIAISON_BENCH=1 swift test -c release --filter RuleEngineBenchmarkTests`.
final class RuleEngineBenchmarkTests: XCTestCase {
    func testMillionMembers_evaluateWithinBudget() throws {
        guard ProcessInfo.processInfo.environment["LIAISON_BENCH"] != nil else { throw XCTSkip("set LIAISON_BENCH=1") }
        let n = Int(ProcessInfo.processInfo.environment["LIAISON_BENCH_N"] ?? "") ?? 1_000_000
        var b = Branch()
        var records: [Record] = []
        let base = day("2026-01-01")
        for i in 0..<n {
            let kind: Member.Kind = i % 5 == 3 ? .incoming : (i % 5 == 4 ? .local : .outgoing)
            var m = Member(id: "M\(i)", name: "成员\(i)", kind: kind, email: i % 7 == 0 ? nil : "m\(i)@example.org",
                           phone: "1380000\(i)", since: base.adding(days: -(i % 2000)), fixedPlace: i % 3 == 0,
                           registered: i % 4 != 0, liaison: i % 11 == 0 ? nil : "L1", grid: "G\(i % 500)",
                           reportEvery: i % 2 == 0 ? .quarter : .halfYear, certificate: i % 3 == 0 ? "C\(i)" : nil,
                           duesPaidThrough: YearMonth(year: 2026, month: 1)!.adding(months: 9 - i % 12))
            if i % 4 != 0 { m.lastContact = day("2026-10-01").adding(days: -(i % 200)) }
            if i % 3 != 0 { m.lastReport = day("2026-09-01").adding(days: -(i % 150)) }
            b.members.append(m)
            if i % 10 == 0 { records.append(Record(kind: .contact, member: m.id, date: day("2026-11-02"))) }
            if i % 13 == 0 { records.append(Record(kind: .unreachable, member: m.id, date: day("2026-10-02"))) }
        }
        b.records = records
        b.windowStart = "2025-11-01T00:00:00Z"
        let ledger = Ledger(members: b.members, people: b.people)
        let book = RecordBook(records)
        let engine = RuleEngine()
        for at in ["2026-11-26T02:00:00Z", "2026-12-01T02:00:00Z"] {
            // A fresh store: the window starts catch_up before the first tick.
            var t0 = Date()
            let first = engine.evaluate(ledger: ledger, records: book, config: b.config, calendar: b.calendar,
                                        now: instant(at), windowStart: instant(at).addingTimeInterval(-7 * 86400),
                                        handled: { _ in false })
            let fresh = Date().timeIntervalSince(t0)
            // A store a year old where everything due was handled (the lookup hashes each key).
            t0 = Date()
            let again = engine.evaluate(ledger: ledger, records: book, config: b.config, calendar: b.calendar,
                                        now: instant(at), windowStart: instant(b.windowStart),
                                        handled: { $0.hashValue != 0 })
            let steady = Date().timeIntervalSince(t0)
            print("bench \(at) n=\(n): fresh \(fresh)s (send \(first.send.count), superseded \(first.superseded.count)), " +
                  "steady \(steady)s (send \(again.send.count))")
            XCTAssertTrue(again.send.isEmpty)
        }
    }
}
