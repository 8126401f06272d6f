import Foundation
import LiaisonCore
import LiaisonStore

/// Replies to the secretary's daily list (每日待办): several lines, one member each; every
/// line is recorded or explained in one answer. The list is a thread of its own (no reminder
/// row carries its thread), so it is found by its bundles.
extension ReplyTaker {
    /// A daily list's bundles, when the message answers one (by Message-ID or token, else the
    /// subject's tag).
    func matchDaily(_ m: ParsedMessage) throws -> [StoredBundle]? {
        var threads: [String] = []
        for id in m.inReplyTo + m.references.reversed() {
            if let b = try store.bundle(messageID: id), b.kind == .daily { threads.append(b.thread) }
            let token = String(id.prefix { $0 != "." && $0 != "@" }).uppercased()
            if token.count == ThreadTag.tokenLength, let t = try store.thread(token: token) { threads.append(t.thread) }
        }
        if let subject = m.subject, let token = ThreadTag.find(in: subject), let t = try store.thread(token: token) {
            threads.append(t.thread)
        }
        for t in threads where t.hasPrefix("daily|") {
            let bundles = try store.bundles(thread: t)
            if !bundles.isEmpty { return bundles }
        }
        return nil
    }

    func answerDaily(_ m: ParsedMessage, id: String, sender: Mailbox?, daily: [StoredBundle], now: Date,
                     into taken: inout TakenMessage) throws -> Verdict {
        let from = sender?.address ?? "?"
        let thread = daily[0].thread
        let recipients = Set(daily.flatMap { $0.to + $0.cc }.map { $0.address.lowercased() })
        guard let sender, recipients.contains(sender.address.lowercased()),
              let info = try store.thread(thread) else {
            taken.verdict = "rejected"
            taken.thread = thread
            taken.log = [LogEntry(time: now, event: .rejected, subject: m.subject,
                                  detail: .notDailyRecipient(from: from))]
            return .rejected
        }
        let replyDay = runtime.calendar.day(of: now)
        let lines = DailyReplyLines.read(m.body, memberIDs: Set(runtime.ledger.members.map(\.id)), replyDay: replyDay)
        taken.verdict = "reply"
        taken.thread = thread
        var log: [LogEntry] = []
        for l in lines {
            var e = LogEntry(time: now, event: .reply, member: l.member, subject: m.subject, detail: .reply(from: from, text: l.text))
            if case .command(let c) = l.verdict {
                let record = c.record(member: l.member)
                if taken.record == nil { taken.record = record } else { taken.moreRecords.append(record) }
            } else {
                e.detail = .notRecorded(from: from, text: l.text)
            }
            log.append(e)
        }
        if log.isEmpty {
            log = [LogEntry(time: now, event: .reply, subject: m.subject, detail: .noMemberLine(from: from))]
        }
        taken.log = log
        let composer = MessageComposer(config: runtime.config, ledger: runtime.ledger)
        let recipient = Mailbox(name: displayName(for: sender), address: sender.address)
        let text = composer.dailyAnswer(lines, token: info.token, recipient: recipient)
        let domain = runtime.config.smtp.from.address.split(separator: "@").last.map(String.init) ?? "liaisond.invalid"
        let ackID = "\(info.token).\(ThreadTag.token(from: random(10)))@\(domain)"
        var references = m.references.isEmpty ? Array(m.inReplyTo.prefix(1)) : m.references
        if references.isEmpty { references = info.messageIDs }
        if m.messageID != nil { references.append(id) }
        if references.count > 10 { references = [references[0]] + references.suffix(9) }
        let mail = MIMEMessage(from: runtime.config.smtp.from, to: [Mailbox(name: sender.name, address: sender.address)],
                               subject: text.subject, body: text.body, date: now, timeZone: runtime.calendar.timeZone,
                               messageID: ackID, inReplyTo: m.messageID != nil ? id : info.messageIDs.last,
                               references: references, autoSubmitted: "auto-replied")
        let recorded = lines.contains { if case .command = $0.verdict { return true } else { return false } }
        taken.ack = NewAck(key: "ack|\(id)", thread: thread, rule: nil, member: nil, grid: nil,
                           kind: recorded ? "ack" : "help", messageID: ackID, to: sender.address, subject: text.subject,
                           data: String(decoding: mail.rendered(), as: UTF8.self))
        return .reply
    }
}
