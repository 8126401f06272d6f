import Foundation
import XCTest
@testable import LiaisonCore

/// `Rule.nextDeadline` (asked of the rule) gives what the acknowledgement of a reply used to
/// find by evaluating the rule week by week for 30 weeks: over two years of days, for members
/// of every kind the deadline rules look at.
final class NextDeadlineTests: XCTestCase {
    static func branch() -> Branch {
        var b = Branch()
        var report = outgoing("R1", since: "2025-08-10")
        report.reportEvery = .halfYear
        report.lastReport = day("2026-02-01")
        var cert = outgoing("C1", since: "2025-12-31")
        cert.certificate = "LD-1"
        var certYear = outgoing("C2", since: "2026-02-28", liaison: nil)
        certYear.certificate = "LD-2"
        certYear.certificateCheck = .year
        var fixed = outgoing("F1", since: "2026-04-30")
        fixed.fixedPlace = true
        var contacted = outgoing("K1", since: "2024-05-01")
        contacted.lastContact = day("2026-05-20")
        b.members = [
            outgoing("O1", since: "2026-01-15"), outgoing("O2", since: nil), outgoing("N1", since: "2026-03-01", liaison: nil),
            report, cert, certYear, fixed, contacted,
            Member(id: "I1", name: "流入", kind: .incoming, since: day("2026-06-30")),
            Member(id: "I2", name: "已登记", kind: .incoming, since: day("2026-06-30"), registered: true),
            Member(id: "P1", name: "直管", kind: .local),
        ]
        let recorded: [(Record.Kind, String, String)] = [
            (.contact, "O1", "2026-08-03"), (.report, "O1", "2026-10-10"), (.report, "R1", "2026-12-20"),
            (.inspection, "C1", "2026-07-15"), (.unreachable, "K1", "2026-09-01"), (.unreachable, "K1", "2026-09-20"),
        ]
        b.records = recorded.map { Record(kind: $0.0, member: $0.1, date: day($0.2)) }
        return b
    }

    /// The search `ReplyTaker` did before rules could say it, over contexts at now, now + 1
    /// week, … (made once per instant for every rule and member).
    static func weeklySearch(_ rule: any Rule, _ m: Member, _ probes: [RuleContext], calendar: BranchCalendar) -> LocalDate? {
        let today = probes[0].today
        var best: LocalDate?
        for ctx in probes {
            if let found = best, calendar.day(of: ctx.now) > found.adding(days: 7) { break }
            for d in rule.obligations(for: m, in: ctx).compactMap(\.deadline) where d >= today {
                if best.map({ d < $0 }) ?? true { best = d }
            }
        }
        return best
    }

    func testAskedOfTheRule_equalsTheWeeklySearch() {
        let b = Self.branch()
        let ledger = Ledger(members: b.members, people: b.people)
        let rules = RuleEngine.allRules
        var compared = 0
        var d = day("2026-01-01")
        while d <= day("2027-12-31") {
            let now = b.calendar.instant(d, b.schedule.sendAt).addingTimeInterval(3600)
            let probes = (0...29).map { week in
                RuleContext(ledger: ledger, records: RecordBook(b.records), config: b.config, calendar: b.calendar,
                            now: now.addingTimeInterval(Double(week) * 7 * 86400), windowStart: instant(b.windowStart))
            }
            let ctx = probes[0]
            for rule in rules {
                for m in b.members {
                    let asked = rule.nextDeadline(for: m, onOrAfter: ctx.today, in: ctx)
                    let searched = Self.weeklySearch(rule, m, probes, calendar: b.calendar)
                    let what = "\(rule.id.rawValue) \(m.id) on \(d)"
                    // The search looked 30 weeks ahead at most; the rule answers whatever the distance.
                    if let a = asked, a > ctx.today.adding(days: 180) {
                        if let s = searched { XCTAssertEqual(s, a, what) }
                    } else {
                        XCTAssertEqual(asked, searched, what)
                        if asked != nil { compared += 1 }
                    }
                }
            }
            d = d.adding(days: 7)
        }
        XCTAssertGreaterThan(compared, 400, "the comparison must cover deadlines, not only their absence")
    }
}
