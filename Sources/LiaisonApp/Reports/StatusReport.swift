import Foundation
import LiaisonCore
import LiaisonStore

/// Where the branch stands at an instant, for `liaisond status`: per-grid contact counts, what
/// is overdue, rows that lack what a rule needs, paused members, dues, the send queue, recent
/// delivery failures and addresses flagged by bounces. Built from the ledger, the records and
/// the store; sends nothing and writes nothing.
struct StatusReport {
    struct GridRow: Equatable {
        /// nil: members without a grid.
        var grid: String?
        var outgoing = 0
        var incoming = 0
        var contacted = 0
        var pending = 0
        var overdue = 0

        /// The grid's contact standing, as `digest.monthly` counts it.
        mutating func count(_ t: ContactTally) {
            contacted = t.contacted
            pending = t.pending
            overdue = t.overdue
        }
    }

    /// An open obligation past its deadline or threshold (and dues in arrears).
    struct OverdueItem {
        var reminder: DueReminder
        /// The newest message of its thread the server accepted.
        var lastSent: (step: Step, at: Date)?
        /// Nobody named has an address.
        var unreachable: Bool
    }

    enum ProblemKind: String {
        case noLiaison = "no-liaison"
        case noSince = "no-since"
        case unreachable
    }

    struct Problem {
        var member: String?
        var grid: String?
        var kind: ProblemKind
        var rule: RuleID?
    }

    struct DuesRow {
        var member: Member
        var paidThrough: YearMonth?
        /// Months owed as counted on `dues_day` (0 when paid up); nil when unknown.
        var owed: Int?
        var status: String { paidThrough == nil ? "unknown" : (owed ?? 0) > 0 ? "owed" : "paid" }
    }

    var now: Date
    var quarter: Period
    var grids: [GridRow] = []
    var overdue: [OverdueItem] = []
    var problems: [Problem] = []
    var paused: [Member] = []
    /// 转出待接收: a transfer recorded, its receipt not yet (`transfer.receipt`), with the day.
    var pendingTransfers: [(member: Member, since: LocalDate)] = []
    var dues: [DuesRow] = []
    var queue: [StoredReminder] = []
    var failures: [LogEntry] = []
    var flagged: [Store.FlaggedAddress] = []
    /// The last pass that could not finish (store locked or full), until one completes.
    var passFailure: PassFailureNote?

    /// How far back the failure list looks.
    static let failureDays = 30
    /// How far back `unreachable` reminders of the store are listed (a quarter).
    static let unreachableDays = 92

    /// - Parameter store: nil for a branch that has never ticked.
    static func build(_ rt: Runtime, store: Store?, now: Date) throws -> StatusReport {
        let windowStart = rt.config.schedule.windowStart(firstTick: try store?.firstTick(), now: now)
        let records = try store?.recordBook() ?? RecordBook()
        let ctx = RuleContext(ledger: rt.ledger, records: records, config: rt.config, calendar: rt.calendar,
                              now: now, windowStart: windowStart)
        var report = StatusReport(now: now, quarter: ctx.currentContactPeriod)

        // Per grid: members and problems here, contact counts as `digest.monthly` counts them.
        var rows: [String: GridRow] = [:]
        for m in rt.ledger.members {
            guard ctx.isActive(m) else {
                if m.paused { report.paused.append(m) }
                continue
            }
            if let t = ctx.transferPending(m) { report.pendingTransfers.append((m, t)) }
            let key = m.grid ?? ""
            var row = rows[key] ?? GridRow(grid: m.grid)
            switch m.kind {
            case .outgoing:
                row.outgoing += 1
                if rt.ledger.liaison(of: m) == nil {
                    report.problems.append(Problem(member: m.id, grid: m.grid, kind: .noLiaison))
                }
                if m.since == nil {
                    report.problems.append(Problem(member: m.id, grid: m.grid, kind: .noSince))
                }
            case .incoming:
                row.incoming += 1
                if m.since == nil { report.problems.append(Problem(member: m.id, grid: m.grid, kind: .noSince)) }
            case .local:
                break
            }
            rows[key] = row
            report.dues.append(duesRow(m, ctx))
        }
        for t in ContactQuarterlyRule.tallies(ctx).grids {
            rows[t.grid ?? "", default: GridRow(grid: t.grid)].count(t)
        }
        report.grids = rows.keys.sorted().map { rows[$0]! }.filter { $0.outgoing + $0.incoming > 0 }

        // What is open now, whatever has been sent: every thread's latest due step.
        let open = RuleEngine().evaluate(ledger: rt.ledger, records: records, config: rt.config, calendar: rt.calendar,
                                         now: now, windowStart: windowStart, handled: { _ in false })
        var lastSent: [String: (step: Step, at: Date)] = [:]
        for o in try store?.outcomes(states: [.sent]) ?? [] { lastSent[o.thread] = (o.step, o.updated) }
        func isOverdue(_ r: DueReminder) -> Bool {
            r.step.isOverdue || r.rule == .duesArrears || r.rule == .membershipReview
        }
        report.overdue = (open.send.map { ($0, false) } + open.unreachable.map { ($0, true) })
            .filter { isOverdue($0.0) }
            .map { OverdueItem(reminder: $0.0, lastSent: lastSent[$0.0.threadKey], unreachable: $0.1) }
            .sorted { a, b in
                let ka = [a.reminder.grid ?? "", a.reminder.member ?? "", a.reminder.rule.rawValue]
                let kb = [b.reminder.grid ?? "", b.reminder.member ?? "", b.reminder.rule.rawValue]
                return ka.lexicographicallyPrecedes(kb)
            }

        // Unreachable by mail: due now and reaching nobody, or recorded so recently.
        var seen = Set<String>()
        for r in open.unreachable where seen.insert(r.threadKey).inserted {
            report.problems.append(Problem(member: r.member, grid: r.grid, kind: .unreachable, rule: r.rule))
        }
        let since = now.addingTimeInterval(-Double(unreachableDays) * 86400)
        for o in try store?.outcomes(states: [.unreachable], dueFrom: since) ?? [] where seen.insert(o.thread).inserted {
            if let m = o.member, rt.ledger.member(m) == nil { continue }
            report.problems.append(Problem(member: o.member, grid: o.grid, kind: .unreachable, rule: o.rule))
        }
        report.problems.sort { a, b in
            [a.grid ?? "", a.member ?? "", a.kind.rawValue, a.rule?.rawValue ?? ""]
                .lexicographicallyPrecedes([b.grid ?? "", b.member ?? "", b.kind.rawValue, b.rule?.rawValue ?? ""])
        }

        report.passFailure = PassFailureNote.read(storePath: rt.storePath)
        if let s = store {
            report.queue = try s.waiting()
            let unreachableKeys = Set(try s.outcomes(states: [.unreachable]).map(\.key))
            report.failures = try s.logEntries(event: .failed, from: now.addingTimeInterval(-Double(failureDays) * 86400),
                                               to: now.addingTimeInterval(1))
                .filter { e in e.key.map { !unreachableKeys.contains($0) } ?? true }
            report.flagged = try s.flaggedAddresses()
        }
        return report
    }

    /// Dues as `dues.monthly` counts them: the months after `dues_paid_through` up to the
    /// current month once its `dues_day` has come, else up to the month before.
    static func duesRow(_ m: Member, _ ctx: RuleContext) -> DuesRow {
        guard let paid = ctx.duesPaidThrough(m) else { return DuesRow(member: m, paidThrough: nil, owed: nil) }
        var last = ctx.cache.currentMonth
        if last.day(ctx.schedule.duesDay) > ctx.today { last = last.adding(months: -1) }
        return DuesRow(member: m, paidThrough: paid, owed: Swift.max(0, paid.months(until: last)))
    }
}
