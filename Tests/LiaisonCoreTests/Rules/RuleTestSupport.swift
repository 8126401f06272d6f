import Foundation
import XCTest
@testable import LiaisonCore

/// A small branch to evaluate rules against: people, members, records and a schedule.
struct Branch {
    var members: [Member] = []
    var people: [Person] = [
        Person(id: "L1", name: "李联络", email: "l1@example.org", role: .liaison, grid: "G1"),
        Person(id: "L2", name: "无邮箱", email: nil, role: .liaison, grid: "G1"),
        Person(id: "G1", name: "张网格", email: "g1@example.org", role: .gridLeader, grid: "G1"),
        Person(id: "G2", name: "赵网格", email: "g2@example.org", role: .gridLeader, grid: "G2"),
    ]
    var records: [Record] = []
    var timezone = "Asia/Shanghai"
    var schedule = Config.Schedule()
    var activityDay = 15
    var rules = Config.Rules()
    var activity = Config.Activity()
    /// First tick − catch_up.
    var windowStart = "2020-01-01T00:00:00Z"

    var config: Config {
        Config(branch: .init(name: "测试支部", secretary: Mailbox(name: "王芳", address: "sec@example.org"),
                             timezone: timezone, activityDay: activityDay),
               smtp: .init(url: "smtp://127.0.0.1:25", from: Mailbox(name: "", address: "branch@example.org")),
               schedule: schedule, rules: rules, activity: activity)
    }

    var calendar: BranchCalendar {
        BranchCalendar(timeZone: TimeZone(identifier: timezone)!, sendAt: schedule.sendAt, quiet: schedule.quiet)
    }

    func evaluate(_ now: String, rules: [any Rule] = RuleEngine.allRules,
                  handled: (String) -> Bool = { _ in false }) -> RuleEngine.Decisions {
        RuleEngine(rules: rules).evaluate(
            ledger: Ledger(members: members, people: people), records: RecordBook(records), config: config,
            calendar: calendar, now: instant(now), windowStart: instant(windowStart), handled: handled)
    }

    /// What is sent for one rule, as comparable rows.
    func due(_ rule: any Rule, _ now: String, handled: (String) -> Bool = { _ in false }) -> [Row] {
        evaluate(now, rules: [rule], handled: handled).send.map(Row.init).sorted()
    }
}

/// One expected due item: the fields `due --json` shows.
struct Row: Hashable, Comparable, CustomStringConvertible {
    var member: String?
    var step: String
    var period: String
    var to: [String]
    var cc: [String] = []
    var deadline: String?
    var grid: String?

    init(_ member: String?, _ step: String, _ period: String, to: [String], cc: [String] = [],
         deadline: String? = nil, grid: String? = nil) {
        self.member = member
        self.step = step
        self.period = period
        self.to = to
        self.cc = cc
        self.deadline = deadline
        self.grid = grid
    }

    init(_ r: DueReminder) {
        self.init(r.member, r.step.description, r.period, to: r.to.map(\.address), cc: r.cc.map(\.address),
                  deadline: r.deadline?.description, grid: r.member == nil ? r.grid : nil)
    }

    static func < (a: Row, b: Row) -> Bool { a.description < b.description }
    var description: String {
        "\(member ?? "-") \(step) \(period) to=\(to) cc=\(cc) deadline=\(deadline ?? "nil")\(grid.map { " grid=\($0)" } ?? "")"
    }
}

/// `2026-03-31T01:00:00Z`, or a bare day `2026-03-31` meaning 09:00 in Asia/Shanghai.
func instant(_ text: String) -> Date {
    if text.count == 10 { return instant(text + "T09:00:00+08:00") }
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    guard let d = f.date(from: text) else { fatalError("bad instant \(text)") }
    return d
}

func day(_ text: String) -> LocalDate {
    let p = text.split(separator: "-").map { Int($0)! }
    return LocalDate(year: p[0], month: p[1], day: p[2])!
}

func ym(_ text: String) -> YearMonth {
    let p = text.split(separator: "-").map { Int($0)! }
    return YearMonth(year: p[0], month: p[1])!
}

func outgoing(_ id: String, since: String?, liaison: String? = "L1", grid: String? = "G1",
              email: String? = nil) -> Member {
    Member(id: id, name: "成员\(id)", kind: .outgoing, email: email ?? "\(id.lowercased())@example.org",
           phone: "138000\(id)", since: since.map(day), liaison: liaison, grid: grid)
}

/// A table row: at an instant, these are sent.
struct Case {
    var at: String
    var expect: [Row]
    var line: UInt

    init(_ at: String, _ expect: [Row], line: UInt = #line) {
        self.at = at
        self.expect = expect
        self.line = line
    }
}

func check(_ branch: Branch, _ rule: any Rule, _ cases: [Case], file: StaticString = #filePath) {
    for c in cases {
        XCTAssertEqual(branch.due(rule, c.at), c.expect.sorted(), "at \(c.at)", file: file, line: c.line)
    }
}

let sec = "sec@example.org"
let l1 = "l1@example.org"
let g1 = "g1@example.org"
