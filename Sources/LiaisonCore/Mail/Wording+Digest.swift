/// The lists inside the secretary's notices: the members of the annual evaluation, and the
/// monthly digest's counts.
extension Wording {
    /// Evaluation list: one line per member, at most `EvaluationList.limit`.
    func evaluationList(_ c: ReminderContext) -> String {
        let all = c.evaluationList
        guard !all.isEmpty else { return say("本年度每名党员的情况见导出表格。", "Each member's year is in the exported table.") }
        var lines = [say("本年度每名党员的情况(联系、汇报为次数)：", "Each member's year (contacts and reports counted):")]
        for e in all.prefix(EvaluationList.limit) {
            let kind = say("(" + (e.kind == .outgoing ? "流出" : e.kind == .incoming ? "流入" : "直管") + ")",
                           " (" + (e.kind == .outgoing ? "outgoing" : e.kind == .incoming ? "incoming" : "local") + ")")
            let dues = e.duesThrough.map { say("党费交至\(month($0))", "dues paid through \(month($0))") } ?? say("党费情况不详", "dues unknown")
            let flag = e.flag == "paused" ? say("(暂停)", " (paused)")
                : e.flag == "transferred" ? say("(组织关系已转出)", " (transferred)") : ""
            let counts: String, after: String
            switch e.kind {
            case .local:
                // A local member is neither contacted nor reporting: no "联系0次 汇报0次".
                (counts, after) = ("", "")
            case .outgoing:
                counts = say("  联系\(e.contacts)次  汇报\(e.reports)次", "  contacts \(e.contacts)  reports \(e.reports)")
                after = c.opinionAsked.contains(e.id)
                    ? say("  流入地党组织意见：已请联系人征求", "  opinion of the organisation where they are: asked of the liaison") : ""
            case .incoming:
                let origin = c.origins[e.id].map { say("(\($0))", " (\($0))") } ?? ""
                (counts, after) = ("", say("  评议结果请反馈原党组织\(origin)", "  send the result to their original organisation\(origin)"))
            }
            lines.append("  \(e.name)\(kind)\(flag)\(counts)  \(dues)\(after)")
        }
        if all.count > EvaluationList.limit {
            let more = all.count - EvaluationList.limit
            lines.append(say("  ……另有\(more)人，见导出表格。", "  … and \(more) more: see the exported table."))
        }
        return lines.joined(separator: "\n")
    }

    /// Digest paragraphs: the quarter's counts per grid and in total, members without a
    /// liaison, and (merged in by the app) last month's failures and replies.
    func digest(_ c: ReminderContext) -> [String] {
        let quarter = c.fact("quarter").map { period($0, c.today) } ?? say("本季度", "this quarter")
        func counts(_ a: Int, _ b: Int, _ o: Int) -> String {
            say("已联系 \(a)，待联系 \(b)，逾期 \(o)", "contacted \(a), pending \(b), overdue \(o)")
        }
        var lines = [say("\(quarter)联系情况(截至今天)：", "Contacts in \(quarter), as of today:")]
        for g in c.digestGrids {
            let name = g.grid.map { say("网格\($0)", "grid \($0)") } ?? say("未分网格", "no grid")
            lines.append("  \(name)\(say("：", ": "))" + counts(g.contacted, g.pending, g.overdue))
        }
        if c.digestGrids.isEmpty { lines.append(say("  (没有需要联系的流动党员)", "  (no mobile members to contact)")) }
        if let a = c.intFact("contacted"), let b = c.intFact("pending"), let o = c.intFact("overdue") {
            lines.append(say("  合计：", "  total: ") + counts(a, b, o))
        }
        var out = [lines.joined(separator: "\n")]
        if let n = c.intFact("no_liaison"), n > 0 {
            out.append(say("还有\(n)名流出党员没有联系人，请在台账中指定。",
                           "\(n) outgoing member\(n == 1 ? " has" : "s have") no liaison: please name one in the roster."))
        }
        var store: [String] = []
        if let f = c.intFact("failures") {
            store.append(say("投递失败的提醒 \(f) 封", "\(count(f, "reminder")) could not be delivered"))
        }
        if let r = c.intFact("replies") { store.append(say("收到回复 \(r) 封", "\(r) repl\(r == 1 ? "y" : "ies") came in")) }
        if !store.isEmpty { out.append(say("上月", "Last month ") + store.joined(separator: say("，", "; ")) + say("。", ".")) }
        return out
    }
}
