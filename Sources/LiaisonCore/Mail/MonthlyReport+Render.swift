/// The monthly report in words (plain text) and as an HTML page (tables, inline CSS, bars
/// drawn as two-cell tables, which Outlook's Word engine renders where it ignores `div` widths).
extension MonthlyReport {
    /// Subject and plain text.
    public func text(language: Config.Language, secretary: String, branch: String) -> ComposedText {
        let zh = language == .zh
        let q = quarterName(zh)
        var parts: [String] = []
        parts.append(zh ? "\(secretary)同志：\n\n您好！以下是\(monthName(zh))的流动党员管理情况。"
                        : "Dear \(secretary),\n\nThis is the report on mobile members for \(monthName(zh)).")
        // 1. Contacts.
        var c = [zh ? "一、\(q)联系情况" + (quarterEnded ? "(季度最终结果)：" : "(截至\(untilText(zh)))：")
                    : "1. Contacts in \(q)" + (quarterEnded ? " (the quarter's final result):" : " (to \(untilText(zh))):")]
        for g in grids {
            let name = gridName(g.grid, zh)
            c.append(zh ? "  \(name)：已联系 \(g.contacted.count)，未联系 \(g.notContacted.count)"
                        : "  \(name): contacted \(g.contacted.count), not contacted \(g.notContacted.count)")
            if !g.notContacted.isEmpty {
                let list = g.notContacted.map { m in "\(m.id) \(m.name)" + (m.liaison.map { zh ? "(联系人\($0))" : " (liaison \($0))" } ?? "") }
                c.append((zh ? "    未联系：" : "    not contacted: ") + list.joined(separator: zh ? "、" : ", "))
            }
        }
        if grids.isEmpty { c.append(zh ? "  (没有需要联系的流动党员)" : "  (no outgoing members to contact)") }
        c.append(zh ? "  合计：已联系 \(contacted)，未联系 \(notContacted)" : "  total: contacted \(contacted), not contacted \(notContacted)")
        parts.append(c.joined(separator: "\n"))
        // 2. Reports.
        var r = [zh ? "二、思想汇报：\(month.month)月收到 \(reportsReceived.count) 份" : "2. Reports: \(reportsReceived.count) received in \(monthName(zh))"]
        if !reportsReceived.isEmpty { r.append("  " + names(reportsReceived, zh)) }
        r.append(zh ? "  到期未交 \(reportsMissing.count) 人" + (reportsMissing.isEmpty ? "" : "：" + names(reportsMissing, zh))
                    : "  missing: \(reportsMissing.count)" + (reportsMissing.isEmpty ? "" : ": " + names(reportsMissing, zh)))
        parts.append(r.joined(separator: "\n"))
        // 3. Dues.
        var d = [zh ? "三、党费：欠交三个月以上 \(arrears.count) 人" + (arrears.isEmpty ? "。" : "(按欠交月数)：")
                    : "3. Dues: \(arrears.count) member(s) owing three months or more" + (arrears.isEmpty ? "." : " (most owed first):")]
        for a in arrears { d.append("  \(a.id) \(a.name)  \(a.detail)") }
        parts.append(d.joined(separator: "\n"))
        // 4. Waiting on the secretary.
        var w = [zh ? "四、待您办理：" : "4. Waiting on you:"]
        w.append(zh ? "  组织关系转接 \(openTransfers.count) 人" + (openTransfers.isEmpty ? "" : "：" + names(openTransfers, zh))
                    : "  membership transfers: \(openTransfers.count)" + (openTransfers.isEmpty ? "" : ": " + names(openTransfers, zh)))
        w.append(zh ? "  流入党员编入 \(openRegistrations.count) 人" + (openRegistrations.isEmpty ? "" : "：" + names(openRegistrations, zh))
                    : "  incoming members to place: \(openRegistrations.count)" + (openRegistrations.isEmpty ? "" : ": " + names(openRegistrations, zh)))
        if !noLiaison.isEmpty {
            w.append(zh ? "  没有联系人的流出党员 \(noLiaison.count) 人，请在台账中指定：" + names(noLiaison, zh)
                        : "  outgoing members without a liaison: \(noLiaison.count) (name one in the roster): " + names(noLiaison, zh))
        }
        parts.append(w.joined(separator: "\n"))
        // 5. Mail.
        var m = [zh ? "五、邮件：\(month.month)月收到回复 \(replies) 封；投递失败 \(failed.count) 封；未受理的来信 \(rejected.count) 封。"
                    : "5. Mail: \(replies) repl\(replies == 1 ? "y" : "ies") received; \(failed.count) failed; \(rejected.count) not taken."]
        for f in failed { m.append("  " + (zh ? "失败" : "failed") + " \(f.day) \(f.who)：\(f.what)") }
        for f in rejected { m.append("  " + (zh ? "未受理" : "not taken") + " \(f.day) \(f.who)：\(f.what)") }
        if !rejected.isEmpty {
            m.append(zh ? "  来信地址不是提醒发往的地址的，请核对台账中的邮箱。"
                        : "  A reply from an address the reminder was not sent to: please check the roster's e-mail addresses.")
        }
        parts.append(m.joined(separator: "\n"))
        parts.append(zh ? "附件“\(csvName(language))”是每名党员今年的记录(联系日期和方式、汇报、党费、检查、提醒)，用 WPS 或 Excel 直接打开即可。"
                        : "The attachment \(csvName(language)) has each member's year (contact dates and methods, reports, dues, checks, reminders); it opens in WPS or Excel.")
        parts.append(zh ? "本邮件是通知，无需回复。" : "This is a notice; no reply is needed.")
        parts.append(branch)
        let subject = zh ? "\(month.year)年\(month.month)月流动党员管理月报" : "Mobile members: report for \(monthName(zh))"
        return ComposedText(subject: subject, body: parts.joined(separator: "\n\n") + "\n")
    }

    /// The same report as an HTML page (for the mail's HTML part and `status --html`).
    public func html(language: Config.Language, branch: String) -> String {
        let zh = language == .zh
        let td = "style=\"padding:4px 8px;border:1px solid #ddd;font-size:14px\""
        let th = "style=\"padding:4px 8px;border:1px solid #ddd;background:#f5f5f5;font-size:14px;text-align:left\""
        func bar(_ n: Int, _ of: Int, _ color: String) -> String {
            let pct = of > 0 ? Int((Double(n) / Double(of) * 100).rounded()) : 0
            let fill = pct > 0 ? "<td width=\"\(pct)%\" style=\"background:\(color);height:10px;font-size:1px\">&nbsp;</td>" : ""
            let rest = pct < 100 ? "<td width=\"\(100 - pct)%\" style=\"background:#e5e5e5;height:10px;font-size:1px\">&nbsp;</td>" : ""
            return "<table width=\"120\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>\(fill)\(rest)</tr></table>"
                + "<span style=\"font-size:12px;color:#555\">\(n)/\(of)</span>"
        }
        var h = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>\(esc(text(language: language, secretary: "", branch: branch).subject))</title></head>"
        h += "<body style=\"font-family:'Microsoft YaHei',PingFang SC,sans-serif;color:#222;margin:12px\">"
        h += "<h2 style=\"font-size:18px;color:#b71c1c\">\(esc(branch)) · \(esc(zh ? "\(month.year)年\(month.month)月流动党员管理月报" : "Report for \(monthName(zh))"))</h2>"
        let q = quarterName(zh)
        h += "<h3 style=\"font-size:16px\">\(esc(zh ? "\(q)联系情况" + (quarterEnded ? "(季度最终结果)" : "(截至\(untilText(zh)))") : "Contacts in \(q)" + (quarterEnded ? " (final)" : " (to \(untilText(zh)))")))</h3>"
        h += "<table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse\"><tr>"
        for t in zh ? ["网格", "联系进度", "本月汇报", "欠费三月以上", "未联系的党员(联系人)"]
                    : ["Grid", "Contacted", "Reports this month", "Dues 3+ months", "Not contacted (liaison)"] {
            h += "<th \(th)>\(esc(t))</th>"
        }
        h += "</tr>"
        for g in grids {
            let total = g.contacted.count + g.notContacted.count
            let names = g.notContacted.map { "\($0.id) \($0.name)" + ($0.liaison.map { "(\($0))" } ?? "") }.joined(separator: zh ? "、" : ", ")
            h += "<tr><td \(td)>\(esc(gridName(g.grid, zh)))</td><td \(td)>\(bar(g.contacted.count, total, "#2e7d32"))</td>"
            h += "<td \(td)>\(bar(g.reportsReceived, g.members, "#1565c0"))</td><td \(td)>\(bar(g.arrears, g.members, "#c62828"))</td>"
            h += "<td \(td)>\(esc(names.isEmpty ? "—" : names))</td></tr>"
        }
        h += "<tr><td \(td)><b>\(zh ? "合计" : "Total")</b></td><td \(td)>\(bar(contacted, contacted + notContacted, "#2e7d32"))</td>"
        h += "<td \(td)>\(reportsReceived.count)</td><td \(td)>\(arrears.count)</td><td \(td)></td></tr></table>"
        func list(_ title: String, _ rows: [Named]) {
            h += "<h3 style=\"font-size:16px\">\(esc(title))(\(rows.count))</h3>"
            guard !rows.isEmpty else { h += "<p style=\"font-size:14px;color:#555\">—</p>"; return }
            h += "<table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse\">"
            for r in rows { h += "<tr><td \(td)>\(esc(r.id))</td><td \(td)>\(esc(r.name))</td><td \(td)>\(esc(r.detail))</td></tr>" }
            h += "</table>"
        }
        list(zh ? "欠交党费三个月以上" : "Dues owed three months or more", arrears)
        list(zh ? "思想汇报到期未交" : "Reports missing", reportsMissing)
        list(zh ? "待办：组织关系转接" : "Waiting: membership transfers", openTransfers)
        list(zh ? "待办：流入党员编入" : "Waiting: incoming members to place", openRegistrations)
        if !noLiaison.isEmpty { list(zh ? "没有联系人的流出党员" : "Outgoing members without a liaison", noLiaison) }
        let problems = failed.map { ($0, zh ? "投递失败" : "failed") } + rejected.map { ($0, zh ? "未受理" : "not taken") }
        h += "<h3 style=\"font-size:16px\">\(esc(zh ? "邮件" : "Mail"))</h3><p style=\"font-size:14px\">"
        h += esc(zh ? "收到回复 \(replies) 封；投递失败 \(failed.count) 封；未受理的来信 \(rejected.count) 封。"
                    : "\(replies) replies; \(failed.count) failed; \(rejected.count) not taken.") + "</p>"
        if !problems.isEmpty {
            h += "<table cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse\">"
            for (p, kind) in problems {
                h += "<tr><td \(td)>\(esc(kind))</td><td \(td)>\(p.day)</td><td \(td)>\(esc(p.who))</td><td \(td)>\(esc(p.what))</td></tr>"
            }
            h += "</table>"
        }
        h += "<p style=\"font-size:12px;color:#777\">\(esc(branch))</p></body></html>\n"
        return h
    }

    /// `12月底`, or `12月17日` for a month not yet over.
    func untilText(_ zh: Bool) -> String {
        if let d = asOf { return zh ? "\(d.month)月\(d.day)日" : d.description }
        return zh ? "\(month.month)月底" : "the end of \(monthName(zh))"
    }

    func monthName(_ zh: Bool) -> String { zh ? "\(month.year)年\(month.month)月" : "\(month)" }

    func quarterName(_ zh: Bool) -> String {
        guard quarter.count == 6, let y = Int(quarter.prefix(4)), let n = Int(quarter.suffix(1)), (1...4).contains(n) else { return quarter }
        return zh ? "\(y)年第\(["一", "二", "三", "四"][n - 1])季度" : "Q\(n) \(y)"
    }

    func gridName(_ g: String?, _ zh: Bool) -> String {
        g.map { zh ? "网格\($0)" : "grid \($0)" } ?? (zh ? "未分网格" : "no grid")
    }

    func names(_ list: [Named], _ zh: Bool) -> String {
        list.map { "\($0.id) \($0.name)" + ($0.detail.isEmpty ? "" : "(\($0.detail))") }.joined(separator: zh ? "、" : ", ")
    }

    func esc(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
