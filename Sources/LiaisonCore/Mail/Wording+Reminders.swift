/// A reminder's assembly and the pieces every rule's text uses: the deadline sentence, the
/// repeat prefix, the phone in parentheses, the reply instructions.
extension Wording {
    func reminder(_ c: ReminderContext) -> ComposedText {
        var d = draft(c)
        if let from = c.openFrom {
            d.paragraphs.append(say("另外，自\(period(from, c.today))起的各期都尚未完成，请一并处理。",
                                    "Every period since \(period(from, c.today)) is still open as well. Please see to these too."))
        } else if !c.reminder.openPeriods.isEmpty {
            let list = c.reminder.openPeriods.map { period($0, c.today) }.joined(separator: say("、", ", "))
            d.paragraphs.append(say("另外，更早的\(list)也尚未完成，请一并处理。",
                                    "Still open from before: \(list). Please see to these as well."))
        }
        var parts = d.paragraphs
        if !d.reply.isEmpty { parts.append(d.reply.joined(separator: "\n")) }
        if d.askSecretary { parts.append(askLine(c.secretary)) }
        return ComposedText(subject: d.subject, body: letter(to: c.recipientName, parts, from: c.branchName))
    }

    /// `(电话 138…)` / ` (phone 138…)`, with further notes in the same parentheses:
    /// `(电话 138…，联系人：李明)`.
    func phone(_ c: ReminderContext, _ more: String? = nil) -> String {
        let items = [c.phone.map { say("电话 \($0)", "phone \($0)") }, more].compactMap { $0 }
        return items.isEmpty ? "" : say("(", " (") + items.joined(separator: say("，", "; ")) + ")"
    }

    /// The subject and the sentence of a reminder with a deadline (contact, report, certificate
    /// check, registering): `action` is what to do, said in the wording's language.
    func deadline(_ c: ReminderContext, action: String) -> (subject: String, sentence: String) {
        let due = c.deadline.map { date($0, c.today) }
        let overdue = say("已逾期：请尽快\(action)", "Overdue: please \(action)")
        let capitalised = action.prefix(1).uppercased() + action.dropFirst()
        func passed(_ late: String) -> String {
            say("期限\(due ?? "")已过\(late)，请尽快\(action)。",
                "The deadline, \(due ?? ""), has passed\(late). \(capitalised) as soon as you can, please.")
        }
        switch c.step {
        case .lead:
            guard let due else { return (say("请\(action)", "Please \(action)"), say("请尽快\(action)。", "Please \(action) soon.")) }
            let left = c.daysLeft
            return (say("请在\(due)前\(action)", "Please \(action) by \(due)"),
                    say("\(left.map { "还有\($0)天，" } ?? "")请在\(due)前\(action)。",
                        "Please \(action) by \(due)\(left.map { ": \(count($0, "day")) left" } ?? "")."))
        case .overdue:
            return (overdue, passed(""))
        case .repeat:
            let days = c.deadline.map { $0.days(until: c.today) } ?? 0
            let late = days > 0 ? say("(已逾期\(days)天)", " (\(count(days, "day")) ago)") : ""
            // "again" only when something was sent before in this thread.
            return (c.isFirstMessage ? overdue : say("再次提醒：请尽快\(action)", "Reminder: please \(action)"), passed(late))
        case .notice:
            return (say("请\(action)", "Please \(action)"), say("请\(action)。", "Please \(action)."))
        }
    }

    /// The subject of a threshold reminder (transfer, registering, lost contact, review): a
    /// repeat says so.
    func threshold(_ c: ReminderContext, _ subject: String) -> String {
        if case .repeat = c.step, !c.isFirstMessage { return say("再次提醒：", "Reminder: ") + subject }
        return subject
    }

    func repeatNote(_ c: ReminderContext) -> String {
        // Days past the date, not a count of mails: a fresh install's first mail may be the
        // rules' "repeat-119", which would read as if 118 had gone before.
        guard case .repeat = c.step, let d = c.deadline, d < c.today else { return "" }
        let days = d.days(until: c.today)
        return say("(已逾期\(days)天。)", " (\(count(days, "day")) past the date.)")
    }

    /// `自2026年3月1日` / ` (since 1 March 2026)`, from the `since` fact.
    func sinceText(_ c: ReminderContext) -> String {
        c.since.map { say("自\(fullDate($0))", " (since \(fullDate($0)))") } ?? ""
    }

    /// The example of `已联系`: no date, so a copy records the reply day (a date copied from the
    /// example would be taken as the latest such day, not the day of the contact).
    var contactExample: [String] {
        say(["    已联系 电话联系，情况正常", "如不是今天联系的，加上日期：已联系 12-20 电话联系"],
            ["    done phoned, all well", "If the contact was not today, add its date: done 12-20 phoned"])
    }

    var contactReply: [String] {
        [say("联系后请直接回复本邮件，第一行写(备注可省略)：",
             "After the contact, reply to this e-mail with this as the first line (the note is optional):")]
            + contactExample
            + say(["多次联系不上，请回复：", "    未联系上 备注"],
                  ["If you cannot reach them after several tries, reply:", "    unreachable note"])
    }

    /// `联系后可回复本邮件记录这次联系：` and the example: a contact worth recording, not asked for.
    func contactOptional(_ lead: String) -> [String] { [lead] + contactExample }

    /// `转出后，请回复本邮件，第一行写：` / `Once transferred, reply to this e-mail with this first line:`.
    func replyFirstLine(after zh: String, _ en: String) -> String {
        say("\(zh)后，请回复本邮件，第一行写：", "Once \(en), reply to this e-mail with this first line:")
    }

    /// The reply lines of a step recorded with one word (`已转出`, `已接收`, `已登记`): the word,
    /// how to give another day (`verb`: the Chinese verb of "if it was not today"), what follows.
    func oneWordReply(_ lead: String, _ word: String, verb: String, _ after: String) -> [String] {
        [lead, "    \(word)",
         say("如不是今天\(verb)的，加上日期：\(word) 12-20", "If it was not today, add the date: \(word) 12-20"), after]
    }

    var noReplyNeeded: [String] { [say("本邮件是通知，无需回复。", "This is a notice; no reply is needed.")] }
}
