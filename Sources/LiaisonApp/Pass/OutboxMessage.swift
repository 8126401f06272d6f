import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

/// One message of the outbox, whatever it carries: a reminder alone in its thread, a
/// bundle of reminders (the secretary's daily list, or one fact several rules stand for), or
/// the acknowledgement of a reply. The delivery loop (`SendPass.deliver`) sends, records,
/// retries and gives up on all of them the same way; what differs between them — which rows
/// an outcome settles and what their log lines say — is here and nowhere else.
struct OutboxMessage {
    enum Content {
        case reminder(StoredReminder)
        /// The reminders the bundle settles (its copies, only shown, are not among them).
        case bundle(StoredBundle, [StoredReminder])
        case ack(StoredAck)
    }

    var content: Content
    let rendering: MailRendering

    /// The message as it goes out (rendered now if it was not yet).
    var mail: SendPass.ComposedMail { rendering.mail }

    init(content: Content, rendering: MailRendering) {
        self.content = content
        self.rendering = rendering
    }

    init(content: Content, mail: SendPass.ComposedMail) {
        self.init(content: content, rendering: MailRendering(mail))
    }

    /// The key log lines name: the reminder's, the bundle's or the acknowledgement's.
    var key: String {
        switch content {
        case .reminder(let r): return r.key
        case .bundle(let b, _): return b.key
        case .ack(let a): return a.key
        }
    }

    /// Attempts so far (for a bundle, the most any of its reminders had).
    var attempts: Int {
        switch content {
        case .reminder(let r): return r.attempts
        case .bundle(_, let rs): return rs.map(\.attempts).max() ?? 0
        case .ack(let a): return a.attempts
        }
    }

    /// The first attempt, from which `retry_max_age` counts.
    var firstTry: Date? {
        switch content {
        case .reminder(let r): return r.firstTry
        case .bundle(_, let rs): return rs.compactMap(\.firstTry).min()
        case .ack(let a): return a.firstTry
        }
    }

    /// What the pass's counts add for this message: one per reminder carried.
    var count: Int {
        if case .bundle(_, let rs) = content { return rs.count }
        return 1
    }

    /// The rows this message settles: reminder keys, and acknowledgement keys.
    var reminderKeys: [String] {
        switch content {
        case .reminder(let r): return [r.key]
        case .bundle(_, let rs): return rs.map(\.key)
        case .ack: return []
        }
    }

    var ackKeys: [String] {
        if case .ack(let a) = content { return [a.key] }
        return []
    }

    /// The envelope the server is handed.
    func outgoing(from: String) -> OutgoingMail {
        OutgoingMail(from: from, recipients: (mail.to + mail.cc).map(\.address), data: mail.data)
    }

    /// What log lines call it, in the reader's language.
    func name(_ say: (String, String) -> String) -> String {
        switch content {
        case .reminder(let r): return r.key
        case .bundle(let b, let rs):
            return say("\(b.kind == .daily ? "每日待办" : "合并提醒") \(b.key)(\(rs.count) 项)",
                       "\(b.kind.rawValue) message \(b.key) (\(rs.count) items)")
        case .ack(let a): return say("\(a.kind == "help" ? "命令说明" : "回执") \(a.key)", "\(a.kind) \(a.key)")
        }
    }

    // MARK: the log and the store

    /// The log rows of one attempt: one per reminder carried, or the acknowledgement's.
    /// - Parameter detail: why, when there is something to say; a bundle's rows otherwise name
    ///   the bundle (`gaveUp` included).
    func logEntries(_ event: LogEvent, attempt: Int, smtp: String, detail: LogDetail?, now: Date) -> [LogEntry] {
        let to = mail.to.map(\.address), cc = mail.cc.map(\.address)
        func entry(_ r: StoredReminder, detail: LogDetail?) -> LogEntry {
            LogEntry(time: now, event: event, rule: r.rule.rawValue, member: r.member, grid: r.grid,
                     step: r.step.description, key: r.key, to: to, cc: cc, subject: mail.subject, smtp: smtp,
                     attempt: attempt, detail: detail)
        }
        switch content {
        case .reminder(let r):
            return [entry(r, detail: detail)]
        case .bundle(let b, let rs):
            let bundled: LogDetail
            switch detail {
            case .gaveUp?: bundled = .bundled(items: rs.count, bundle: b.key, gaveUp: true)
            case let other?: bundled = other
            case nil: bundled = .bundled(items: rs.count, bundle: b.key, gaveUp: false)
            }
            return rs.map { entry($0, detail: bundled) }
        case .ack(let a):
            return [LogEntry(time: now, event: event == .sent ? .ack : event, rule: a.rule, member: a.member,
                             grid: a.grid, step: a.kind, key: a.key, to: to, subject: mail.subject, smtp: smtp,
                             attempt: attempt, detail: detail)]
        }
    }

    /// The log row of a recipient the server refused while it took the message for the others.
    func refusedEntry(_ f: RefusedRecipient, attempt: Int, now: Date) -> LogEntry {
        var e = logEntries(.failed, attempt: attempt, smtp: f.reply, detail: nil, now: now)[0]
        if case .bundle(let b, _) = content {
            // About the message, not one of the reminders in it.
            e = LogEntry(time: now, event: .failed, key: b.key, subject: mail.subject, smtp: f.reply)
        }
        e.to = [f.address]
        e.cc = []
        e.detail = .recipientRefused
        return e
    }

    /// Records one attempt's outcome in one commit: the state of every row this message
    /// settles, their log lines, and for a sent message its place in the thread.
    func record(_ state: ReminderState, smtp: String, nextTry: Date?, logs: [LogEntry], now: Date, in store: Store) throws {
        let sent = state == .sent
        switch content {
        case .reminder(let r):
            try store.recordAttempt(key: r.key, state: state, smtp: smtp, nextTry: nextTry, now: now, log: logs[0],
                                    thread: sent ? r.thread : nil, messageID: sent ? mail.messageID : nil)
        case .bundle(let b, let rs):
            try store.recordBundleAttempt(bundle: b.key, keys: rs.map(\.key), state: state, smtp: smtp, nextTry: nextTry,
                                          now: now, logs: logs, thread: sent ? b.thread : nil,
                                          messageID: sent ? b.messageID : nil)
        case .ack(let a):
            try store.recordAckAttempt(key: a.key, state: state, smtp: smtp, nextTry: nextTry, now: now, log: logs[0],
                                       thread: sent ? a.thread : nil, messageID: sent ? a.messageID : nil)
        }
    }
}

extension OutboxMessage {
    /// A queued acknowledgement: rendered when its reply was taken.
    init(ack a: StoredAck) {
        self.init(content: .ack(a), mail: SendPass.ComposedMail(to: [Mailbox(name: "", address: a.to)], cc: [],
                                                                subject: a.subject, messageID: a.messageID, data: a.data))
    }
}
