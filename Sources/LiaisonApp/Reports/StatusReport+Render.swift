import Foundation
import LiaisonCore
import LiaisonStore

extension StatusReport {
    /// The aligned text a secretary reads in the morning, in the branch's language.
    func text(_ rt: Runtime) -> String {
        let t = Localized(language: rt.language)
        let tz = rt.calendar.timeZone
        func when(_ d: Date) -> String { String(ISOTime.format(d, tz).prefix(16)).replacingOccurrences(of: "T", with: " ") }
        func member(_ id: String?) -> String { DueCommand.memberLabel(id, rt) }
        func grid(_ g: String?) -> String { g ?? "-" }
        func rule(_ r: RuleID) -> String { rt.language == .zh ? ThreadTag.word(for: r, language: .zh) : r.rawValue }
        var out = ""
        func section(_ title: String, _ count: Int?, _ table: TextTable?, empty: String? = nil) {
            out += "\n" + title + (count.map { t("（\($0)）", " (\($0))") } ?? "") + "\n"
            if let table, table.rows.count > 1 {
                out += table.render().split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            } else {
                out += "  " + (empty ?? t("无", "none")) + "\n"
            }
        }

        out += t("\(rt.config.branch.name)  \(when(now))  以下数字为\(StatusReport.quarterWords(quarter.id, zh: true))（\(quarter.start) 至 \(quarter.end)）\n",
                 "\(rt.config.branch.name)  \(when(now))  figures for \(StatusReport.quarterWords(quarter.id, zh: false)) (\(quarter.start) to \(quarter.end))\n")

        // The last column counts overdue quarterly contacts (contact.quarterly, 联络) only; the
        // list below has every overdue item, of every rule: the label says which.
        var g = TextTable()
        g.add([t("网格", "grid"), t("流出", "outgoing"), t("流入", "incoming"), t("本季已联系", "contacted"),
               t("待联系", "pending"), t("逾期未联系", "contact overdue")])
        var total = GridRow(grid: nil)
        for r in grids {
            g.add([r.grid ?? t("未分网格", "no grid"), "\(r.outgoing)", "\(r.incoming)", "\(r.contacted)", "\(r.pending)", "\(r.overdue)"])
            total.outgoing += r.outgoing
            total.incoming += r.incoming
            total.contacted += r.contacted
            total.pending += r.pending
            total.overdue += r.overdue
        }
        if grids.count > 1 {
            g.add([t("合计", "total"), "\(total.outgoing)", "\(total.incoming)", "\(total.contacted)", "\(total.pending)", "\(total.overdue)"])
        }
        section(t("各网格流动党员与本季度联系", "Mobile members and this quarter's contacts per grid"), nil, g,
                empty: t("台账中没有流动党员", "no mobile members in the roster"))

        var o = TextTable()
        o.add([t("党员", "member"), t("网格", "grid"), t("事项", "rule"), t("期间", "period"), t("期限", "deadline"),
               t("最近提醒", "last sent")])
        for i in overdue {
            let r = i.reminder
            let last = i.unreachable ? t("无法邮件联系", "unreachable by mail")
                : i.lastSent.map { "\(StatusReport.stepWords($0.step, zh: rt.language == .zh)) \(when($0.at).prefix(10))" } ?? t("未发", "not yet")
            o.add([r.member.map { member($0) } ?? (r.grid.map { t("网格\($0)", "grid \($0)") } ?? "-"), grid(r.grid), rule(r.rule),
                   r.period, r.deadline?.description ?? "-", last])
        }
        section(t("逾期事项", "Overdue"), overdue.count, o)

        var p = TextTable()
        p.add([t("党员", "member"), t("网格", "grid"), t("问题", "problem")])
        for x in problems {
            let what: String
            switch x.kind {
            case .noLiaison: what = t("流出党员没有联系人（台账“联系人”一栏为空）", "outgoing member without a liaison")
            case .noSince: what = t("缺少流动时间（台账“流动时间”一栏为空）", "no since date")
            case .unreachable:
                let r = x.rule.map(rule) ?? ""
                what = t("无人有邮箱地址，提醒发不出（\(r)）", "nobody named has an e-mail address (\(r))")
            }
            p.add([x.member.map { member($0) } ?? "-", grid(x.grid), what])
        }
        section(t("台账缺项", "Rows lacking what a rule needs"), problems.count, p)

        var s = TextTable()
        s.add([t("党员", "member"), t("网格", "grid"), t("备注", "note")])
        for m in paused { s.add([member(m.id), grid(m.grid), m.note ?? ""]) }
        section(t("暂停提醒", "Paused"), paused.count, s)

        // Shown only while there is one: 转出待接收 (transfer.receipt).
        if !pendingTransfers.isEmpty {
            var x = TextTable()
            x.add([t("党员", "member"), t("网格", "grid"), t("转出日期", "transferred"), t("说明", "note")])
            for p in pendingTransfers {
                x.add([member(p.member.id), grid(p.member.grid), p.since.description,
                       t("等待接收方回执；记录：liaisond record received --member \(p.member.id)",
                         "waiting for the receipt; record it: liaisond record received --member \(p.member.id)")])
            }
            section(t("转出待接收", "Transferred, receipt pending"), pendingTransfers.count, x)
        }

        // Most owed first; a one-month lag (paid on the next dues day) is one summary line.
        let owing = dues.filter { $0.status != "paid" }
            .sorted { ($0.owed ?? -1, $1.member.id) > ($1.owed ?? -1, $0.member.id) }
        let lagging = owing.filter { $0.owed == 1 }
        var d = TextTable()
        d.add([t("党员", "member"), t("网格", "grid"), t("党费缴至", "paid through"), t("欠交", "owed")])
        for r in owing where r.owed != 1 {
            d.add([member(r.member.id), grid(r.member.grid), r.paidThrough?.description ?? t("不详", "unknown"),
                   r.owed.map { t("\($0)个月", "\($0) month\($0 == 1 ? "" : "s")") } ?? t("不详", "unknown")])
        }
        let paid = dues.count - owing.count
        section(t("党费（欠交或不详，欠得最多的在前；其余\(paid)人已交清）", "Dues (owed or unknown, most owed first; \(paid) others paid up)"),
                owing.count, d, empty: lagging.isEmpty ? nil : t("欠交两个月以上的：无", "none owe two months or more"))
        if !lagging.isEmpty {
            let names = lagging.map { member($0.member.id) }.joined(separator: t("、", ", "))
            out += t("  另有\(lagging.count)人欠交1个月（通常下个交费日补上）：\(names)\n",
                     "  \(lagging.count) more owe 1 month (usually paid on the next dues day): \(names)\n")
        }

        var q = TextTable()
        q.add([t("状态", "state"), t("党员", "member"), t("事项", "rule"), t("步骤", "step"), t("下次尝试", "next try"),
               t("次数", "attempts"), t("最近应答", "last reply")])
        for r in queue {
            let state = r.state == .queued ? t("待发", "queued") : t("延后", "deferred")
            q.add([state, r.member.map { member($0) } ?? grid(r.grid), rule(r.rule), StatusReport.stepWords(r.step, zh: rt.language == .zh),
                   r.nextTry.map(when) ?? "-", "\(r.attempts)",
                   r.lastSMTP.map { ServerStop.untriedText($0, zh: rt.language == .zh) } ?? "-"])
        }
        if let f = passFailure {
            // Reminders due while the store could not be written are in no queue yet: say so.
            out += "\n" + t("发送中断", "Send pass interrupted") + "\n"
            out += "  " + t("\(when(f.time)) 的发送未能完成：\(f.reason)", "the pass of \(when(f.time)) could not finish: \(f.reason)") + "\n"
            if f.due > 0 {
                out += "  " + t("另有 \(f.due) 封到期提醒尚未记入队列", "\(f.due) reminder(s) due are not in the queue yet") + "\n"
            }
            out += "  " + (f.retryAt.map { t("下次重试 \(when($0))", "next try \(when($0))") }
                           ?? t("下次运行 tick 时重试", "tried again at the next tick")) + "\n"
        }
        section(t("发送队列", "Send queue"), queue.count, q)

        var f = TextTable()
        f.add([t("时间", "time"), t("党员", "member"), t("事项", "rule"), t("地址", "address"), t("应答", "reply")])
        for e in failures {
            f.add([when(e.time), member(e.member), e.rule.flatMap(RuleID.init(rawValue:)).map(rule) ?? "-",
                   (e.to + e.cc).joined(separator: ","), e.smtp ?? e.detail?.text(rt.language) ?? "-"])
        }
        section(t("投递失败（近\(StatusReport.failureDays)天）", "Delivery failures (last \(StatusReport.failureDays) days)"),
                failures.count, f)

        var b = TextTable()
        b.add([t("地址", "address"), t("时间", "time"), t("原因", "reason")])
        for a in flagged { b.add([a.address, a.time.map(when) ?? "-", a.reason ?? "-"]) }
        section(t("退信标记的地址", "Addresses flagged by bounces"), flagged.count, b)
        return out
    }

    /// A step in words: `提前14天`, `到期当天`, `逾期`, `第2次重复`, `通知`.
    static func stepWords(_ s: Step, zh: Bool) -> String {
        switch s {
        case .lead(0): return zh ? "到期当天" : "on the day"
        case .lead(let n): return zh ? "提前\(n)天" : "\(n) day\(n == 1 ? "" : "s") before"
        case .overdue: return zh ? "逾期" : "overdue"
        case .repeat(let n): return zh ? "第\(n)次重复" : "repeat \(n)"
        case .notice: return zh ? "通知" : "notice"
        }
    }

    /// `2026Q4` in words: `2026年第四季度`, `Q4 2026`.
    static func quarterWords(_ id: String, zh: Bool) -> String {
        guard id.count == 6, let y = Int(id.prefix(4)), let n = Int(id.suffix(1)), (1...4).contains(n) else { return id }
        return zh ? "\(y)年第\(["一", "二", "三", "四"][n - 1])季度" : "Q\(n) \(y)"
    }

    /// JSON Lines: one object per grid, overdue item, problem, paused member, dues row, queued
    /// item, failure and flagged address, each with a `type`.
    func jsonLines(_ rt: Runtime) -> [String] {
        let tz = rt.calendar.timeZone
        var lines: [String] = []
        for r in grids {
            var j = JSONLine()
            j.add("type", .string("grid"))
            j.add("grid", .string(r.grid))
            j.add("quarter", .string(quarter.id))
            j.add("outgoing", .int(r.outgoing))
            j.add("incoming", .int(r.incoming))
            j.add("contacted", .int(r.contacted))
            j.add("pending", .int(r.pending))
            j.add("overdue", .int(r.overdue))
            lines.append(j.text)
        }
        for i in overdue {
            var j = JSONLine()
            j.add("type", .string("overdue"))
            j.add("rule", .string(i.reminder.rule.rawValue))
            j.add("member", .string(i.reminder.member))
            j.add("grid", .string(i.reminder.grid))
            j.add("period", .string(i.reminder.period))
            j.add("deadline", .string(i.reminder.deadline?.description))
            j.add("step", .string(i.reminder.step.description))
            j.add("last_sent_step", .string(i.lastSent?.step.description))
            j.add("last_sent_at", .string(i.lastSent.map { ISOTime.format($0.at, tz) }))
            j.add("unreachable", .bool(i.unreachable))
            lines.append(j.text)
        }
        for p in problems {
            var j = JSONLine()
            j.add("type", .string("problem"))
            j.add("problem", .string(p.kind.rawValue))
            j.add("member", .string(p.member))
            j.add("grid", .string(p.grid))
            j.add("rule", .string(p.rule?.rawValue))
            lines.append(j.text)
        }
        for m in paused {
            var j = JSONLine()
            j.add("type", .string("paused"))
            j.add("member", .string(m.id))
            j.add("grid", .string(m.grid))
            j.add("note", .string(m.note))
            lines.append(j.text)
        }
        for p in pendingTransfers {
            var j = JSONLine()
            j.add("type", .string("transfer-pending"))
            j.add("member", .string(p.member.id))
            j.add("grid", .string(p.member.grid))
            j.add("transferred", .string(p.since.description))
            lines.append(j.text)
        }
        for d in dues {
            var j = JSONLine()
            j.add("type", .string("dues"))
            j.add("member", .string(d.member.id))
            j.add("grid", .string(d.member.grid))
            j.add("status", .string(d.status))
            j.add("paid_through", .string(d.paidThrough?.description))
            j.add("owed", .int(d.owed))
            lines.append(j.text)
        }
        for r in queue {
            var j = JSONLine()
            j.add("type", .string("queue"))
            j.add("state", .string(r.state.rawValue))
            j.add("key", .string(r.key))
            j.add("rule", .string(r.rule.rawValue))
            j.add("member", .string(r.member))
            j.add("grid", .string(r.grid))
            j.add("step", .string(r.step.description))
            j.add("next_try", .string(r.nextTry.map { ISOTime.format($0, tz) }))
            j.add("attempts", .int(r.attempts))
            j.add("smtp", .string(r.lastSMTP))
            lines.append(j.text)
        }
        for e in failures {
            var j = JSONLine()
            j.add("type", .string("failed"))
            j.add("time", .string(ISOTime.format(e.time, tz)))
            j.add("rule", .string(e.rule))
            j.add("member", .string(e.member))
            j.add("key", .string(e.key))
            j.add("to", .strings(e.to + e.cc))
            j.add("smtp", .string(e.smtp))
            j.add("detail", .string(e.detail?.description))
            lines.append(j.text)
        }
        for a in flagged {
            var j = JSONLine()
            j.add("type", .string("flagged"))
            j.add("address", .string(a.address))
            j.add("time", .string(a.time.map { ISOTime.format($0, tz) }))
            j.add("reason", .string(a.reason))
            lines.append(j.text)
        }
        if let f = passFailure {
            var j = JSONLine()
            j.add("type", .string("pass_failed"))
            j.add("time", .string(ISOTime.format(f.time, tz)))
            j.add("reason", .string(f.reason))
            j.add("due", .int(f.due))
            j.add("next_try", .string(f.retryAt.map { ISOTime.format($0, tz) }))
            lines.append(j.text)
        }
        return lines
    }
}
