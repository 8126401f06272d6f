import Foundation
import XCTest
@testable import LiaisonCore

/// Two simulated years of a random branch, ticked densely or sparsely, with an in-memory store
/// that records what was sent and superseded.
final class RuleEnginePropertyTests: XCTestCase {
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let start = day("2026-01-01")

    func randomBranch(_ rng: inout SplitMix64) -> (Branch, [Record]) {
        var b = Branch()
        var events: [Record] = []
        for i in 0..<50 {
            let kind: Member.Kind = [.outgoing, .outgoing, .outgoing, .incoming, .local].randomElement(using: &rng)!
            var m = Member(id: "R\(i)", name: "成员\(i)", kind: kind)
            if Int.random(in: 0..<6, using: &rng) > 0 { m.email = "r\(i)@example.org" }
            if kind != .local && Int.random(in: 0..<10, using: &rng) > 0 {
                m.since = Self.start.adding(days: Int.random(in: -2500...400, using: &rng))
            }
            m.liaison = ["L1", "L2", nil, "L1"].randomElement(using: &rng)!
            m.grid = ["G1", "G2", nil].randomElement(using: &rng)!
            m.fixedPlace = Bool.random(using: &rng)
            m.reportEvery = Bool.random(using: &rng) ? .quarter : .halfYear
            m.certificate = Bool.random(using: &rng) ? "C\(i)" : nil
            m.certificateCheck = Bool.random(using: &rng) ? .halfYear : .year
            if Int.random(in: 0..<4, using: &rng) > 0 {
                m.duesPaidThrough = Self.start.yearMonth.adding(months: Int.random(in: -8...1, using: &rng))
            }
            if Bool.random(using: &rng) { m.lastContact = Self.start.adding(days: -Int.random(in: 0...300, using: &rng)) }
            m.paused = Int.random(in: 0..<20, using: &rng) == 0
            // The columns of issue 13.
            m.reportEveryGiven = Int.random(in: 0..<4, using: &rng) > 0
            if Int.random(in: 0..<5, using: &rng) == 0 { m.duesAt = .inflow }
            if Int.random(in: 0..<4, using: &rng) == 0 { m.expectedLength = Duration(months: Int.random(in: 1...24, using: &rng)) }
            if Int.random(in: 0..<6, using: &rng) == 0 { m.probationEnd = Self.start.adding(days: Int.random(in: 0...700, using: &rng)) }
            if kind == .incoming && Bool.random(using: &rng) { m.origin = "原党组织\(i)" }
            b.members.append(m)
            // Events over the two years.
            var d = Self.start
            while true {
                d = d.adding(days: Int.random(in: 10...160, using: &rng))
                if d.year > 2027 { break }
                let k: Record.Kind = [.contact, .contact, .unreachable, .report, .dues, .inspection, .register,
                                      .contact].randomElement(using: &rng)!
                var r = Record(kind: k, member: m.id, date: d)
                if k == .dues { r.through = d.yearMonth.adding(months: Int.random(in: -3...1, using: &rng)) }
                // A report answering an older period's reminder counts for that period only.
                if k == .report && Bool.random(using: &rng) {
                    let p = m.reportEvery == .quarter ? Period.quarter(containing: d) : Period.halfYear(containing: d)
                    r.period = Bool.random(using: &rng) ? p.id : p.previous(Period.quarter(containing:)).id
                }
                events.append(r)
            }
            if Int.random(in: 0..<15, using: &rng) == 0 {
                let t = Self.start.adding(days: Int.random(in: 0...700, using: &rng))
                events.append(Record(kind: .transfer, member: m.id, date: t))
                if Bool.random(using: &rng) {
                    events.append(Record(kind: .received, member: m.id, date: t.adding(days: Int.random(in: 1...60, using: &rng))))
                }
            }
        }
        return (b, events)
    }

    func simulate(seed: UInt64, maxStepHours: Int, rules: Config.Rules = Config.Rules()) {
        var rng = SplitMix64(state: seed)
        var (b, events) = randomBranch(&rng)
        b.rules = rules
        let engine = RuleEngine()
        var handled = Set<String>()
        var t = instant("2026-01-01T03:17:00Z")
        let end = instant("2027-12-31T12:00:00Z")
        b.windowStart = ISO8601DateFormatter().string(from: t.addingTimeInterval(-7 * 86400))
        let calendar = b.calendar
        var ticks = 0
        var sentCount = 0
        /// Members with an overdue/repeat step of `contact.quarterly` decided.
        var overdueDecided = Set<String>()
        while t < end {
            ticks += 1
            let today = calendar.day(of: t)
            let known = events.filter { $0.date < today }
            b.records = known
            let book = RecordBook(known)
            let d = engine.evaluate(ledger: Ledger(members: b.members, people: b.people), records: book,
                                    config: b.config, calendar: calendar, now: t,
                                    windowStart: instant(b.windowStart), handled: handled.contains)
            var threads = Set<String>()
            for r in d.send {
                XCTAssertFalse(handled.contains(r.key), "sent twice: \(r.key)")
                XCTAssertTrue(threads.insert(r.threadKey).inserted, "two messages in one thread: \(r.key)")
                XCTAssertLessThanOrEqual(r.dueAt, t, "sent before its time: \(r.key)")
                assertResolvedEventStopsReminder(r, book, b)
            }
            for r in d.superseded { XCTAssertFalse(handled.contains(r.key), "decided twice: \(r.key)") }
            let decided = (d.send + d.superseded).map(\.key)
            XCTAssertEqual(Set(decided).count, decided.count, "a key listed twice at \(t)")
            handled.formUnion(decided)
            for r in d.send + d.superseded where r.rule == .contactQuarterly && r.step.isOverdue {
                overdueDecided.insert(r.member!)
            }
            sentCount += d.send.count
            // Fixpoint: at the same instant, nothing is left to decide.
            let again = engine.evaluate(ledger: Ledger(members: b.members, people: b.people), records: book,
                                        config: b.config, calendar: calendar, now: t,
                                        windowStart: instant(b.windowStart), handled: handled.contains)
            XCTAssertTrue(again.send.isEmpty && again.superseded.isEmpty, "left undecided at \(t)")
            assertNothingMissing(b, book, today: today, now: t, decided: overdueDecided)
            t = t.addingTimeInterval(Double(Int.random(in: 1...maxStepHours, using: &rng)) * 3600 + 61)
        }
        XCTAssertGreaterThan(sentCount, 50, "the simulation should send something (ticks: \(ticks))")
    }

    /// First day of `2026Q3` / `2026H2`.
    static func periodStart(_ id: String) -> LocalDate {
        let year = Int(id.prefix(4))!
        let n = Int(String(id.last!))!
        return LocalDate(year: year, month: id.contains("Q") ? (n - 1) * 3 + 1 : (n - 1) * 6 + 1, day: 1)!
    }

    /// A reminder is never about what a known event already resolved.
    func assertResolvedEventStopsReminder(_ r: DueReminder, _ book: RecordBook, _ b: Branch) {
        guard let id = r.member, let m = b.members.first(where: { $0.id == id }) else { return }
        let rec = book[id]
        if let t = rec.transferred, let got = rec.received, got >= t {
            XCTFail("transfer received, member still reminded: \(r.key)")
        }
        switch r.rule {
        case .relationTransfer:
            XCTAssertNil(rec.transferred, "transfer recorded, still asked to transfer: \(r.key)")
        case .transferReceipt:
            XCTAssertNotNil(rec.transferred, "receipt asked without a transfer: \(r.key)")
        case .duesMonthly where m.duesAt == .inflow && m.kind == .outgoing:
            XCTAssertTrue(r.period.contains("H"), "dues paid at the inflow place, reminded monthly: \(r.key)")
        case .duesArrears:
            XCTAssertFalse(m.duesAt == .inflow && m.kind == .outgoing, "dues paid at the inflow place: \(r.key)")
            let paid = max(m.duesPaidThrough, rec.duesThrough)!
            // Only months that have ended count: arrears_after whole months before this one.
            XCTAssertGreaterThanOrEqual(paid.months(until: ym(r.period).adding(months: -1)), b.rules.arrearsAfter,
                                        "arrears too early: \(r.key)")
        case .contactQuarterly:
            let start = Self.periodStart(r.period)
            XCTAssertFalse(rec.contacts.contains { $0 >= start }, "contact recorded, still reminded: \(r.key)")
            XCTAssertFalse((m.lastContact ?? start.adding(days: -1)) >= start, "roster contact: \(r.key)")
        case .reportPeriodic:
            // A report counts for its own period (the one it names, else the one containing it).
            let p = r.period.contains("Q") ? Period.quarter(containing: Self.periodStart(r.period))
                : Period.halfYear(containing: Self.periodStart(r.period))
            XCTAssertFalse(rec.reportsWithoutPeriod.contains { $0 >= p.start && $0 <= p.end },
                           "report recorded, still reminded: \(r.key)")
            XCTAssertFalse(rec.reportPeriods.contains(r.period), "report for the period recorded, still reminded: \(r.key)")
        case .duesMonthly:
            let paid = max(m.duesPaidThrough, rec.duesThrough)
            XCTAssertNotNil(paid)
            XCTAssertLessThan(paid!, ym(r.period), "paid month reminded: \(r.key)")
            if b.rules.duesEvery == .quarter { XCTAssertEqual(ym(r.period).month % 3, 0, "not a collection month: \(r.key)") }
        case .incomingRegister:
            XCTAssertNil(rec.registered, "registered member reminded: \(r.key)")
        case .contactLost:
            if let c = max(rec.contacts.last, m.lastContact) { XCTAssertEqual(r.facts["last_contact"], c.description) }
        default:
            break
        }
    }

    /// Independent oracle for `contact.quarterly`: once a quarter's overdue time has come and no
    /// contact is known since its start, some overdue step of it or of a newer quarter is decided.
    func assertNothingMissing(_ b: Branch, _ book: RecordBook, today: LocalDate, now: Date, decided: Set<String>) {
        guard b.rules.contactEvery == .quarter else { return }
        let window = b.calendar.day(of: instant(b.windowStart))
        let previous = Period.quarter(containing: today).previous(Period.quarter(containing:))
        guard previous.end >= window, b.calendar.sendTime(for: previous.end.adding(days: 1)) <= now else { return }
        for m in b.members where m.kind == .outgoing && !m.paused {
            guard let since = m.since, since < previous.end, let l = m.liaison, l == "L1" || l == "L2",
                  book[m.id].transferred == nil else { continue }
            let last = max(m.lastContact, book[m.id].contacts.last)
            if let c = last, c >= previous.start { continue }
            // L2 has no address: its lead steps are unreachable, but overdue goes to the grid leader.
            if l == "L2" && (m.grid == nil) { continue }
            XCTAssertTrue(decided.contains(m.id), "contact.quarterly overdue never decided for \(m.id) by \(today)")
        }
    }

    func testTwoYears_denseTicks_everyKeyOnce_eventsStopRepeats_nothingMissing() {
        simulate(seed: 42, maxStepHours: 20)
    }

    func testTwoYears_sparseTicksAfterLongGaps_everyKeyOnce_nothingMissing() {
        simulate(seed: 7, maxStepHours: 24 * 40)
    }

    /// The same invariants with every `[rules]` number changed (issue 13).
    func testTwoYears_otherRulesNumbers_everyKeyOnce() {
        simulate(seed: 13, maxStepHours: 96, rules: Config.Rules(
            contactEvery: .halfYear, reportEvery: .halfYear, arrearsAfter: 2, incomingDeadline: .days(20),
            placementMonths: [2, 5, 12], transferAfter: Duration(months: 4), evaluationOn: MonthDay(month: 2, day: 29),
            departureWindow: .days(45), receiptEvery: Duration(months: 1), feedbackEvery: Duration(months: 3),
            probationNotice: .days(10), duesEvery: .quarter))
    }
}

extension RuleEnginePropertyTests {
    /// `due --json` cuts the members into chunks decided on different threads: the chunks in
    /// order, then the branch-level part, give exactly the decisions of one whole evaluation, in
    /// the same order within each outcome, chunk size or not.
    func testChunksOfMembersThenTheBranchGiveTheDecisionsOfOneWholePass() {
        var rng = SplitMix64(state: 20261203)
        var (b, events) = randomBranch(&rng)
        b.records = events.filter { $0.date < day("2026-09-01") }
        let ledger = Ledger(members: b.members, people: b.people)
        let records = RecordBook(b.records)
        let engine = RuleEngine()
        for at in ["2026-03-25T01:30:00Z", "2026-07-01T01:30:00Z", "2026-12-08T01:30:00Z"] {
            let now = instant(at), start = instant(b.windowStart)
            let d = engine.evaluate(ledger: ledger, records: records, config: b.config, calendar: b.calendar, now: now,
                                    windowStart: start, handledKeys: [])
            let whole = [(RuleEngine.Outcome.send, d.send), (.superseded, d.superseded), (.unreachable, d.unreachable)]
                .flatMap { o, rs in rs.map { "\(o) \($0.key) \($0.to)" } }
            XCTAssertFalse(d.send.isEmpty, at)
            let ctx = RuleContext(ledger: ledger, records: records, config: b.config, calendar: b.calendar,
                                  now: now, windowStart: start)
            for size in [1, 7, 50] {
                var parts: [String] = []
                for lower in stride(from: 0, to: ledger.members.count, by: size) {
                    engine.forEachMemberDecision(in: ctx, members: lower..<min(lower + size, ledger.members.count),
                                                 handledKeys: []) { r, o in parts.append("\(o) \(r.key) \(r.to)") }
                }
                engine.forEachBranchDecision(in: ctx, handledKeys: []) { r, o in parts.append("\(o) \(r.key) \(r.to)") }
                // Grouped by outcome, order kept within each.
                let grouped = ["send", "superseded", "unreachable"].flatMap { o in parts.filter { $0.hasPrefix(o + " ") } }
                XCTAssertEqual(grouped, whole, "\(at), \(size) members per chunk")
            }
        }
    }
}
