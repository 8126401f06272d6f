import Foundation

/// The answers to replies that say exactly what happened: the record as it was stored (kind,
/// member, date, note) and how to take it back by mail; the record that `撤销` withdrew; a
/// short thanks for a courtesy.
///
/// Why quote the record: a liaison reading "已记录" on a phone must be able to see at once that
/// the date is the one they meant, and undo it with one word if not.
extension MessageComposer {
    /// The acknowledgement of a reply that made a record.
    public func recordAcknowledgement(rule: RuleID, token: String, recipient: Mailbox?, record: Record,
                                      nextDeadline: LocalDate?, at: Date, language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let summary = recordedText(record, language: lang)
        let lines = recordLines(record, language: lang)
        var parts: [String]
        switch lang {
        case .zh:
            let w = ChineseWording()
            parts = [w.greeting(recipient?.name ?? ""), "已收到您的回复，并已记录如下：", lines]
            if let d = nextDeadline { parts.append("下一次期限：\(w.date(d, localDay(at)))。") }
            parts.append("如记录有误，请直接回复“撤销”两个字，这条记录即被撤销；然后可以重新回复正确的内容。")
            parts.append(w.askLine(config.branch.secretary))
            parts.append(w.signOff(config.branch.name))
            return ComposedText(subject: "已记录：\(summary) " + ThreadTag.tag(rule: rule, token: token, language: lang),
                                body: parts.joined(separator: "\n\n") + "\n")
        case .en:
            let w = EnglishWording()
            parts = [w.greeting(recipient?.name ?? ""), "Thank you. Your reply was recorded as follows:", lines]
            if let d = nextDeadline { parts.append("Next deadline: \(w.date(d, localDay(at))).") }
            parts.append("If this is wrong, reply with the single word \"undo\" (or 撤销) and the record is withdrawn; then reply again with the right one.")
            parts.append(w.askLine(config.branch.secretary))
            parts.append(config.branch.name)
            return ComposedText(subject: "Recorded: \(summary) " + ThreadTag.tag(rule: rule, token: token, language: lang),
                                body: parts.joined(separator: "\n\n") + "\n")
        }
    }

    /// The answer to `撤销`: which record was withdrawn.
    public func undoAcknowledgement(rule: RuleID, token: String, recipient: Mailbox?, record: Record,
                                    language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let lines = recordLines(record, language: lang)
        let tag = ThreadTag.tag(rule: rule, token: token, language: lang)
        switch lang {
        case .zh:
            let w = ChineseWording()
            let parts = [w.greeting(recipient?.name ?? ""), "已按您的回复撤销下面这条记录(编号 #\(record.id))：", lines,
                         "如需重新记录，请再回复正确的内容。", w.askLine(config.branch.secretary), w.signOff(config.branch.name)]
            return ComposedText(subject: "已撤销：\(recordedText(record, language: lang)) " + tag,
                                body: parts.joined(separator: "\n\n") + "\n")
        case .en:
            let w = EnglishWording()
            let parts = [w.greeting(recipient?.name ?? ""), "As you asked, this record (#\(record.id)) was withdrawn:", lines,
                         "To record it again, reply with the right text.", w.askLine(config.branch.secretary),
                         config.branch.name]
            return ComposedText(subject: "Withdrawn: \(recordedText(record, language: lang)) " + tag,
                                body: parts.joined(separator: "\n\n") + "\n")
        }
    }

    /// The answer to thanks and greetings: nothing recorded, and what to write if something
    /// should be.
    public func courtesyAnswer(rule: RuleID, token: String, recipient: Mailbox?, language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let tag = ThreadTag.tag(rule: rule, token: token, language: lang)
        switch lang {
        case .zh:
            let w = ChineseWording()
            let how = rule == .reportPeriodic ? "如需汇报，请直接回复汇报内容。" : "办理后请回复，例如“已联系 12-20 电话联系”。"
            let parts = [w.greeting(recipient?.name ?? ""), "谢谢您的回复。这封回复没有需要记录的内容，所以没有记录任何事项。" + how,
                         w.signOff(config.branch.name)]
            return ComposedText(subject: "谢谢您的回复 " + tag, body: parts.joined(separator: "\n\n") + "\n")
        case .en:
            let w = EnglishWording()
            let how = rule == .reportPeriodic ? "To report, reply with the report itself." : "When it is done, reply e.g. \"done 12-20 phoned\"."
            let parts = [w.greeting(recipient?.name ?? ""), "Thank you for your reply. It holds nothing to record, so nothing was recorded. " + how,
                         config.branch.name]
            return ComposedText(subject: "Thank you for your reply " + tag, body: parts.joined(separator: "\n\n") + "\n")
        }
    }

    /// The record field by field, indented, as the acknowledgement quotes it.
    public func recordLines(_ r: Record, language: Config.Language? = nil) -> String {
        let lang = language ?? config.branch.language
        let name = ledger.member(r.member)?.name ?? r.member
        let who = name == r.member ? r.member : lang == .zh ? "\(name)（\(r.member)）" : "\(name) (\(r.member))"
        let note = r.note.map { n in n.count > 2000 ? String(n.prefix(2000)) + "……" : n }
        switch lang {
        case .zh:
            let w = ChineseWording()
            var lines = ["类型：\(Self.kindName(r.kind, .zh))", "党员：\(who)"]
            if r.kind == .dues, let t = r.through { lines.append("党费交至：\(w.month(t))") }
            else { lines.append("日期：\(w.fullDate(r.date))") }
            if let m = r.method { lines.append("方式：\(m)") }
            if let n = note { lines.append((r.kind == .report ? "内容：" : "备注：") + n) }
            return lines.map { "    " + $0.replacingOccurrences(of: "\n", with: "\n    ") }.joined(separator: "\n")
        case .en:
            let w = EnglishWording()
            var lines = ["Kind: \(Self.kindName(r.kind, .en))", "Member: \(who)"]
            if r.kind == .dues, let t = r.through { lines.append("Paid through: \(w.month(t))") }
            else { lines.append("Date: \(w.fullDate(r.date))") }
            if let m = r.method { lines.append("How: \(m)") }
            if let n = note { lines.append((r.kind == .report ? "Text: " : "Note: ") + n) }
            return lines.map { "    " + $0.replacingOccurrences(of: "\n", with: "\n    ") }.joined(separator: "\n")
        }
    }

    public static func kindName(_ k: Record.Kind, _ lang: Config.Language) -> String {
        switch (k, lang) {
        case (.contact, .zh): return "联系"
        case (.unreachable, .zh): return "未能联系上"
        case (.report, .zh): return "汇报"
        case (.dues, .zh): return "党费"
        case (.inspection, .zh): return "活动证检查"
        case (.register, .zh): return "编入支部（登记）"
        case (.transfer, .zh): return "组织关系转出"
        case (.received, .zh): return "接收方回执"
        case (.contact, .en): return "contact"
        case (.unreachable, .en): return "not reached"
        case (.report, .en): return "report"
        case (.dues, .en): return "dues"
        case (.inspection, .en): return "certificate check"
        case (.register, .en): return "registered in the branch"
        case (.transfer, .en): return "membership transferred"
        case (.received, .en): return "receipt of the transfer"
        }
    }
}
