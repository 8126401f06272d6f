import Foundation
import LiaisonCore
import LiaisonStore

/// Each member's year as one CSV row, for the branch's 党务工作记录 and 民主评议: contacts with
/// dates and methods, unreachable attempts, reports (dates and count — never their texts),
/// dues, certificate checks, and the reminders sent (overdue ones named).
///
/// - Important: the export is for the branch itself; it carries no report text, no notes
///   and no addresses.
enum ExportReport {
    /// The CSV text (CRLF line ends), header first, one row per roster member in roster order.
    static func csv(_ rt: Runtime, store: Store?, year: Int) throws -> String {
        let t = Localized(language: rt.language)
        let records = try store?.records() ?? []
        var byMember: [String: [Record]] = [:]
        for r in records where r.record.date.year == year || r.record.kind == .dues {
            byMember[r.record.member, default: []].append(r.record)
        }
        let book = RecordBook(records.map(\.record))
        let start = rt.calendar.startOfDay(LocalDate(year: year, month: 1, day: 1)!)
        let end = rt.calendar.startOfDay(LocalDate(year: year + 1, month: 1, day: 1)!)
        var sent: [String: [StoredReminder]] = [:]
        for o in try store?.outcomes(states: [.sent], dueFrom: start, to: end) ?? [] {
            if let m = o.member { sent[m, default: []].append(o) }
        }
        let firstMonth = YearMonth(year: year, month: 1)!

        var w = CSVWriter()
        w.row([t("编号", "id"), t("姓名", "name"), t("类别", "kind"), t("网格", "grid"), t("联系人", "liaison"),
               t("联系次数", "contacts"), t("联系记录(日期 方式)", "contacts (date method)"),
               t("未联系上次数", "unreachable attempts"), t("未联系上日期", "unreachable dates"),
               t("汇报次数", "reports"), t("汇报日期", "report dates"),
               t("党费缴至", "dues paid through"), t("本年已交月数", "months paid this year"),
               t("活动证检查日期", "certificate checks"),
               t("已发提醒数", "reminders sent"), t("其中逾期提醒数", "of which overdue"),
               t("逾期事项(事项 期间)", "overdue (rule period)"), t("状态", "state")])
        let sep = t("；", "; ")
        for m in rt.ledger.members {
            let recs = byMember[m.id] ?? []
            func days(_ kind: Record.Kind) -> [Record] { recs.filter { $0.kind == kind && $0.date.year == year } }
            // Contacts: recorded ones, and the roster's last_contact when no record has that day.
            var contacts = days(.contact).map { ($0.date, $0.method ?? "") }
            if let l = m.lastContact, l.year == year, !contacts.contains(where: { $0.0 == l }) {
                contacts.append((l, t("台账", "roster")))
            }
            contacts.sort { $0.0 < $1.0 }
            var reports = days(.report).map(\.date)
            if let l = m.lastReport, l.year == year, !reports.contains(l) { reports.append(l) }
            reports.sort()
            let unreachable = days(.unreachable).map(\.date)
            let inspections = days(.inspection).map(\.date)
            let paid = [m.duesPaidThrough, book[m.id].duesThrough].compactMap { $0 }.max()
            let monthsPaid = paid.map { Swift.min(12, Swift.max(0, firstMonth.months(until: $0) + 1)) }
            let mine = sent[m.id] ?? []
            let overdue = mine.filter { $0.step.isOverdue }
            var named: [String] = []
            for o in overdue {
                let item = "\(rt.language == .zh ? ThreadTag.word(for: o.rule, language: .zh) : o.rule.rawValue) \(o.period)"
                if !named.contains(item) { named.append(item) }
            }
            // A recorded transfer is complete only with its receipt (transfer.receipt).
            let rec = book[m.id]
            let received = rec.transferred.map { t in rec.received.map { $0 >= t } ?? false } ?? false
            let transferred = m.relation == .transferred || received
            let pending = !transferred && rec.transferred != nil
            let state = m.paused ? t("暂停", "paused") : transferred ? t("组织关系已转出", "transferred")
                : pending ? t("转出待接收", "transfer pending receipt") : ""
            let kind: String
            switch m.kind {
            case .outgoing: kind = t("流出", "outgoing")
            case .incoming: kind = t("流入", "incoming")
            case .local: kind = t("直管", "local")
            }
            w.row([m.id, m.name, kind, m.grid ?? "", rt.ledger.liaison(of: m)?.name ?? "",
                   "\(contacts.count)",
                   contacts.map { $0.1.isEmpty ? "\($0.0)" : "\($0.0) \($0.1)" }.joined(separator: sep),
                   "\(unreachable.count)", unreachable.map(\.description).joined(separator: sep),
                   "\(reports.count)", reports.map(\.description).joined(separator: sep),
                   paid?.description ?? t("不详", "unknown"), monthsPaid.map(String.init) ?? "",
                   inspections.map(\.description).joined(separator: sep),
                   "\(mine.count)", "\(overdue.count)", named.joined(separator: sep), state])
        }
        return w.text
    }

    /// The bytes to write: UTF-8 with a BOM (Excel then opens it as UTF-8), or GB18030
    /// without one (what Excel/WPS on Chinese Windows read by default).
    static func encode(_ text: String, encoding: String) throws -> [UInt8] {
        switch encoding.lowercased() {
        case "utf-8", "utf8":
            return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        case "gb18030":
            guard let bytes = Charset.encode(text, to: "GB18030") else {
                throw AppError.internalError("export: the text could not be encoded as GB18030")
            }
            return bytes
        default:
            throw AppError.usage("export: --encoding \"\(encoding)\" is not utf-8 or gb18030")
        }
    }
}
