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
        let w = wording(lang)
        var parts = [w.say("已收到您的回复，并已记录如下：", "Thank you. Your reply was recorded as follows:"), recordLines(record, language: lang)]
        if let d = nextDeadline { parts.append(w.say("下一次期限：\(w.date(d, localDay(at)))。", "Next deadline: \(w.date(d, localDay(at))).")) }
        parts.append(w.say("如记录有误，请直接回复“撤销”两个字，这条记录即被撤销；然后可以重新回复正确的内容。",
                           "If this is wrong, reply with the single word \"undo\" (or 撤销) and the record is withdrawn; then reply again with the right one."))
        parts.append(w.askLine(config.branch.secretary))
        return ComposedText(subject: w.say("已记录：", "Recorded: ") + "\(recordedText(record, language: lang)) "
                                + ThreadTag.tag(rule: rule, token: token, language: lang),
                            body: w.letter(to: recipient?.name ?? "", parts, from: config.branch.name))
    }

    /// The answer to `撤销`: which record was withdrawn.
    public func undoAcknowledgement(rule: RuleID, token: String, recipient: Mailbox?, record: Record,
                                    language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let w = wording(lang)
        let parts = [w.say("已按您的回复撤销下面这条记录(编号 #\(record.id))：", "As you asked, this record (#\(record.id)) was withdrawn:"),
                     recordLines(record, language: lang),
                     w.say("如需重新记录，请再回复正确的内容。", "To record it again, reply with the right text."),
                     w.askLine(config.branch.secretary)]
        return ComposedText(subject: w.say("已撤销：", "Withdrawn: ") + "\(recordedText(record, language: lang)) "
                                + ThreadTag.tag(rule: rule, token: token, language: lang),
                            body: w.letter(to: recipient?.name ?? "", parts, from: config.branch.name))
    }

    /// The answer to thanks and greetings: nothing recorded, and what to write if something
    /// should be.
    public func courtesyAnswer(rule: RuleID, token: String, recipient: Mailbox?, language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let w = wording(lang)
        let how = rule == .reportPeriodic
            ? w.say("如需汇报，请直接回复汇报内容。", "To report, reply with the report itself.")
            : w.say("办理后请回复，例如“已联系 12-20 电话联系”。", "When it is done, reply e.g. \"done 12-20 phoned\".")
        let text = w.say("谢谢您的回复。这封回复没有需要记录的内容，所以没有记录任何事项。",
                         "Thank you for your reply. It holds nothing to record, so nothing was recorded. ") + how
        return ComposedText(subject: w.say("谢谢您的回复 ", "Thank you for your reply ") + ThreadTag.tag(rule: rule, token: token, language: lang),
                            body: w.letter(to: recipient?.name ?? "", [text], from: config.branch.name))
    }

    /// The record field by field, indented, as the acknowledgement quotes it.
    public func recordLines(_ r: Record, language: Config.Language? = nil) -> String {
        let lang = language ?? config.branch.language
        let w = wording(lang)
        let name = ledger.member(r.member)?.name ?? r.member
        let who = name == r.member ? r.member : w.say("\(name)（\(r.member)）", "\(name) (\(r.member))")
        let note = r.note.map { n in n.count > 2000 ? String(n.prefix(2000)) + "……" : n }
        var lines = [w.say("类型：", "Kind: ") + Self.kindName(r.kind, lang), w.say("党员：", "Member: ") + who]
        if r.kind == .dues, let t = r.through { lines.append(w.say("党费交至：", "Paid through: ") + w.month(t)) }
        else { lines.append(w.say("日期：", "Date: ") + w.fullDate(r.date)) }
        if let m = r.method { lines.append(w.say("方式：", "How: ") + m) }
        if let n = note { lines.append((r.kind == .report ? w.say("内容：", "Text: ") : w.say("备注：", "Note: ")) + n) }
        return lines.map { "    " + $0.replacingOccurrences(of: "\n", with: "\n    ") }.joined(separator: "\n")
    }

    public static func kindName(_ k: Record.Kind, _ lang: Config.Language) -> String {
        let (zh, en): (String, String)
        switch k {
        case .contact: (zh, en) = ("联系", "contact")
        case .unreachable: (zh, en) = ("未能联系上", "not reached")
        case .report: (zh, en) = ("汇报", "report")
        case .dues: (zh, en) = ("党费", "dues")
        case .inspection: (zh, en) = ("活动证检查", "certificate check")
        case .register: (zh, en) = ("编入支部（登记）", "registered in the branch")
        case .transfer: (zh, en) = ("组织关系转出", "membership transferred")
        case .received: (zh, en) = ("接收方回执", "receipt of the transfer")
        }
        return lang == .zh ? zh : en
    }
}
