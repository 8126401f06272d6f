import Foundation
import LiaisonCore
import LiaisonStore

/// Gathers the monthly report (`MonthlyReport`) about the month before `day` from the roster,
/// the records and the store's log: the report sent on 1 January describes December and, as
/// December ends a quarter, the fourth quarter's final result.
enum MonthlyReportBuilder {
    /// - Parameter store: nil for a branch that never ticked (no records, no mail).
    /// - Parameter asOf: for a month not yet over (`status --html`): figures to this day.
    static func build(_ rt: Runtime, store: Store?, sentOn day: LocalDate, asOf: LocalDate? = nil) throws -> MonthlyReport {
        let zh = rt.config.branch.language == .zh
        let month = day.yearMonth.adding(months: -1)
        let qIndex = (month.month - 1) / 3
        let qFirst = YearMonth(year: month.year, month: qIndex * 3 + 1)!
        let qStart = qFirst.firstDay
        let qLast = qFirst.adding(months: 2)
        let monthStart = month.firstDay, monthEnd = Swift.min(month.lastDay, asOf ?? month.lastDay)
        let quarterEnded = month == qLast && asOf == nil
        let records = try store?.records().map(\.record) ?? []
        let book = RecordBook(records)
        var byMember: [String: [Record]] = [:]
        for r in records { byMember[r.member, default: []].append(r) }
        func monthText(_ ym: YearMonth) -> String { zh ? "\(ym.year)年\(ym.month)月" : ym.description }

        func transferred(_ m: Member) -> Bool { m.relation == .transferred || book[m.id].transferred != nil }
        func active(_ m: Member) -> Bool { !m.paused && !transferred(m) }
        var grids: [String: MonthlyReport.Grid] = [:]
        func grid(_ m: Member) -> MonthlyReport.Grid {
            grids[m.grid ?? "-"] ?? MonthlyReport.Grid(grid: m.grid, contacted: [], notContacted: [], reportsReceived: 0,
                                                       reportsMissing: 0, arrears: 0, members: 0)
        }
        var noLiaison: [MonthlyReport.Named] = []
        var received: [MonthlyReport.Named] = []
        var missing: [MonthlyReport.Named] = []
        for m in rt.ledger.members where m.kind == .outgoing && active(m) {
            guard let since = m.since, since <= monthEnd else { continue }
            var g = grid(m)
            g.members += 1
            let liaison = rt.ledger.liaison(of: m)?.name
            // Contacts in the quarter up to the month's end: the latest, with its method.
            var contacts = (byMember[m.id] ?? []).filter { $0.kind == .contact && $0.date >= qStart && $0.date <= monthEnd }
                .map { ($0.date, $0.method) }
            if let l = m.lastContact, l >= qStart, l <= monthEnd, !contacts.contains(where: { $0.0 == l }) {
                contacts.append((l, zh ? "台账" : "roster"))
            }
            if liaison == nil {
                noLiaison.append(.init(id: m.id, name: m.name, detail: ""))
            } else if let last = contacts.max(by: { $0.0 < $1.0 }) {
                g.contacted.append(.init(id: m.id, name: m.name, liaison: liaison, date: last.0, method: last.1))
            } else {
                g.notContacted.append(.init(id: m.id, name: m.name, liaison: liaison))
            }
            // Reports: received in the month; missing for a period that ended with it.
            var reports = (byMember[m.id] ?? []).filter { $0.kind == .report }.map(\.date)
            if let l = m.lastReport { reports.append(l) }
            if let r = reports.filter({ $0 >= monthStart && $0 <= monthEnd }).max() {
                received.append(.init(id: m.id, name: m.name, detail: zh ? "\(r.month)月\(r.day)日" : r.description))
                g.reportsReceived += 1
            }
            let periodStart: LocalDate? = m.reportEvery == .quarter
                ? (quarterEnded ? qStart : nil)
                : (month.month == 6 || month.month == 12 ? YearMonth(year: month.year, month: month.month - 5)!.firstDay : nil)
            if let p = periodStart, since < p, !reports.contains(where: { $0 >= p && $0 <= monthEnd }) {
                let what = m.reportEvery == .quarter
                    ? (zh ? "第\(["一", "二", "三", "四"][qIndex])季度" : "Q\(qIndex + 1)")
                    : (zh ? (month.month == 6 ? "上半年" : "下半年") : (month.month == 6 ? "first half" : "second half"))
                missing.append(.init(id: m.id, name: m.name, detail: what + (liaison.map { zh ? "，联系人\($0)" : ", liaison \($0)" } ?? "")))
                g.reportsMissing += 1
            }
            grids[m.grid ?? "-"] = g
        }

        // Dues three months or more behind at the month's end, most owed first.
        var arrears: [(Int, MonthlyReport.Named)] = []
        for m in rt.ledger.members where active(m) {
            guard let paid = [m.duesPaidThrough, book[m.id].duesThrough].compactMap({ $0 }).max() else { continue }
            let owed = paid.months(until: month)
            guard owed >= 3 else { continue }
            let detail = zh ? "欠\(owed)个月(交至\(monthText(paid)))" : "\(owed) months (paid through \(paid))"
            arrears.append((owed, .init(id: m.id, name: m.name, detail: detail)))
            if m.kind == .outgoing, grids[m.grid ?? "-"] != nil { grids[m.grid ?? "-"]?.arrears += 1 }
        }
        arrears.sort { ($0.0, $1.1.id) > ($1.0, $0.1.id) }

        var transfers: [MonthlyReport.Named] = []
        var registrations: [MonthlyReport.Named] = []
        for m in rt.ledger.members where !m.paused {
            guard let since = m.since else { continue }
            if m.kind == .outgoing, m.fixedPlace, !transferred(m), since.adding(months: 6) <= monthEnd {
                transfers.append(.init(id: m.id, name: m.name, detail: zh ? "\(since.year)年\(since.month)月\(since.day)日外出" : "away since \(since)"))
            }
            if m.kind == .incoming, !m.registered, book[m.id].registered == nil, since.adding(months: 1) <= monthEnd {
                registrations.append(.init(id: m.id, name: m.name, detail: zh ? "\(since.year)年\(since.month)月\(since.day)日来到本社区" : "came \(since)"))
            }
        }

        // Mail of the month: failures, replies not taken, replies.
        let from = rt.calendar.startOfDay(monthStart), to = rt.calendar.startOfDay(month.adding(months: 1).firstDay)
        let log = try store?.log(LogFilter(since: from)).filter { $0.time < to } ?? []
        var failed: [MonthlyReport.MailProblem] = []
        var rejected: [MonthlyReport.MailProblem] = []
        var replies = 0
        for e in log {
            switch e.event {
            case .failed:
                failed.append(.init(day: rt.calendar.day(of: e.time), who: e.to.joined(separator: ","),
                                    what: [e.subject, e.smtp ?? e.detail?.text(rt.language)].compactMap { $0 }.joined(separator: " — ")))
            case .rejected:
                rejected.append(.init(day: rt.calendar.day(of: e.time), who: e.subject ?? "", what: e.detail?.text(rt.language) ?? ""))
            case .reply:
                replies += 1
            default:
                break
            }
        }
        var report = MonthlyReport(
            month: month, quarter: "\(month.year)Q\(qIndex + 1)", quarterEnded: quarterEnded,
            grids: grids.keys.sorted().compactMap { grids[$0] }, reportsReceived: received, reportsMissing: missing,
            arrears: arrears.map(\.1), openTransfers: transfers, openRegistrations: registrations,
            failed: failed, rejected: rejected, noLiaison: noLiaison, replies: replies)
        report.asOf = asOf
        return report
    }
}
