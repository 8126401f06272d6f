import Foundation
import LiaisonCore
import LiaisonStore

/// Takes one incoming message, from `ingest` or an IMAP poll: decides what it is, records what
/// it says and queues the answer — all in one store transaction, before anything is sent.
///
/// The verdicts (each logged):
/// - `reply`: from an address the thread was sent to; a command is recorded and acknowledged,
///   anything else gets the list of commands (`ack` is logged when the answer is sent);
/// - `rejected`: no thread matches (unknown or made-up token), or the sender is not an address
///   the thread was sent to; never answered;
/// - `ignored`: auto-replies, mailing lists, mailer-daemon mail that is not about one of our
///   messages, duplicates (same `Message-ID`), messages over 10 MB, text that is not a message;
/// - `failed`: a delivery report (RFC 3464) about one of our reminders, for each address that
///   failed; the address goes into `bounced_addresses` for `status`.
///
/// - Important: a message is taken at most once: its `Message-ID` (or, without one, a hash of
///   its bytes) is stored in the same transaction as what it leads to.
public final class ReplyTaker {
    /// Larger messages are not read (interface.md: 10 MB).
    public static let maxSize = 10 * 1024 * 1024

    public enum Verdict: String, Sendable {
        case reply, rejected, ignored, bounce, duplicate
    }

    public let runtime: Runtime
    public let store: Store
    let random: (Int) -> [UInt8]
    let engine: RuleEngine
    let reader = MIMEReader()
    /// Roster names by lower-cased address (the first person, else the first member), built at the
    /// first answer: a poll of many replies must not scan the roster once per reply.
    private lazy var namesByAddress: [String: String] = {
        var names: [String: String] = [:]
        for p in runtime.ledger.people { if let a = p.email?.lowercased(), names[a] == nil { names[a] = p.name } }
        for m in runtime.ledger.members { if let a = m.email?.lowercased(), names[a] == nil { names[a] = m.name } }
        return names
    }()

    public init(runtime: Runtime, store: Store, engine: RuleEngine = RuleEngine(),
                random: @escaping (Int) -> [UInt8] = Platform.secureRandomBytes) {
        self.runtime = runtime
        self.store = store
        self.engine = engine
        self.random = random
    }

    /// What can be read of a message before the store is asked anything: its fields, its kind
    /// and, for a reply, its text read line by line. Pure, so an IMAP poll reads the next
    /// messages on its fetching thread while it takes this one.
    public struct Prepared: Sendable {
        public let bytes: [UInt8]
        /// The message's size (`bytes` holds only the head of an oversized message).
        public let size: Int
        /// nil for an oversized message (not read) and for bytes without a header field.
        let message: ParsedMessage?
        let kind: InboundKind?
        /// The text of a message that is neither a delivery report nor automatic.
        let reply: ReplyReading?

        /// - Parameter size: the message's size when `bytes` holds only part of it; by default
        ///   `bytes.count`.
        public init(_ bytes: [UInt8], size: Int? = nil) {
            self.bytes = bytes
            self.size = size ?? bytes.count
            message = self.size > ReplyTaker.maxSize ? nil : MIMEReader().parse(bytes)
            kind = message.map(InboundClassifier.classify)
            if case .reply = kind, let message {
                reply = ReplyReader.read(message.body, subject: message.subject)
            } else {
                reply = nil
            }
        }
    }

    /// Takes a message.
    /// - Parameters:
    ///   - size: the message's size when `bytes` holds only part of it (an oversized message is
    ///     not read whole); by default `bytes.count`.
    ///   - imap: the IMAP position to store with it (same transaction).
    /// - Throws: store errors only (the caller retries later); every verdict is a normal return.
    @discardableResult
    public func take(_ bytes: [UInt8], size: Int? = nil, now: Date, source: String,
                     imap: IMAPPosition? = nil) throws -> Verdict {
        try take(Prepared(bytes, size: size), now: now, source: source, imap: imap)
    }

    /// Takes a message read before (`Prepared`); as `take(_:size:now:source:imap:)`.
    @discardableResult
    public func take(_ prepared: Prepared, now: Date, source: String, imap: IMAPPosition? = nil) throws -> Verdict {
        let bytes = prepared.bytes
        let total = prepared.size
        if total > Self.maxSize {
            let head = reader.parseHeaders(bytes)
            let id = head?.messageID ?? Self.syntheticID(bytes)
            let from = head?.mailboxes("From").first?.address ?? "?"
            let entry = LogEntry(time: now, event: .ignored, subject: head?.subject,
                                 detail: .tooLarge(bytes: total, from: from))
            return try store.take(TakenMessage(messageID: id, time: now, verdict: "ignored", sender: from, source: source,
                                               log: [entry], imap: imap)) ? .ignored : .duplicate
        }
        guard let message = prepared.message, let kind = prepared.kind else {
            let entry = LogEntry(time: now, event: .ignored, detail: .notAMessage(bytes: total))
            return try store.take(TakenMessage(messageID: Self.syntheticID(bytes), time: now, verdict: "ignored",
                                               sender: "", source: source, log: [entry], imap: imap)) ? .ignored : .duplicate
        }
        let id = message.messageID ?? Self.syntheticID(bytes)
        let sender = message.mailboxes("From").first
        let from = sender?.address ?? "?"
        var taken = TakenMessage(messageID: id, time: now, verdict: "ignored", sender: from, source: source, log: [], imap: imap)
        let summary = try matchThread(message)
        taken.thread = summary?.thread
        func entry(_ event: LogEvent, _ detail: LogDetail) -> LogEntry {
            LogEntry(time: now, event: event, rule: summary?.rule.rawValue, member: summary?.member, grid: summary?.grid,
                     key: summary?.lastKey, subject: message.subject, detail: detail)
        }
        if try store.replyTaken(messageID: id) {
            taken.log = [entry(.ignored, .duplicate(messageID: nil))]
            try store.take(taken)
            return .duplicate
        }

        var verdict = Verdict.ignored
        switch kind {
        case .bounce(let report):
            verdict = .bounce
            taken.verdict = "bounce"
            taken.log = try bounceEntries(report, from: from, now: now, into: &taken)
            if taken.verdict == "ignored" { verdict = .ignored }
        case .automatic(let sign):
            taken.log = [entry(.ignored, .automatic(sign: sign, from: from))]
        case .reply:
            // A reply to the secretary's daily list: one line per member (ReplyTaker+Daily).
            if summary == nil, let daily = try matchDaily(message) {
                verdict = try answerDaily(message, id: id, sender: sender, daily: daily, now: now, into: &taken)
                break
            }
            guard let summary else {
                verdict = .rejected
                taken.verdict = "rejected"
                taken.log = [entry(.rejected, .noThread(from: from))]
                break
            }
            guard let sender, summary.recipients.contains(sender.address.lowercased()) else {
                verdict = .rejected
                taken.verdict = "rejected"
                taken.log = [entry(.rejected, .notThreadRecipient(from: from))]
                break
            }
            verdict = .reply
            taken.verdict = "reply"
            // Read once (`Prepared` reads every reply): for the log's first lines and for the answer.
            let reading = prepared.reply ?? ReplyReader.read(message.body, subject: message.subject)
            let firstLines = reading.lines.filter { !$0.isEmpty }.prefix(3).joined(separator: " / ")
            taken.log = [entry(.reply, .reply(from: from, text: firstLines.count > 200 ? String(firstLines.prefix(200)) + "…" : firstLines))]
            try answer(message, reading: reading, id: id, sender: sender, summary: summary, now: now, into: &taken)
        }
        return try store.take(taken) ? verdict : .duplicate
    }

    // MARK: matching

    /// The thread a message answers: by `In-Reply-To`/`References` (newest first: a message id
    /// liaisond sent, or the token it starts with), else by the subject's tag.
    func matchThread(_ m: ParsedMessage) throws -> ThreadSummary? {
        let ids = m.inReplyTo + m.references.reversed()
        for id in ids {
            if let t = try store.thread(ofMessageID: id), let s = try store.threadSummary(t) { return s }
        }
        for id in ids {
            let token = String(id.prefix { $0 != "." && $0 != "@" }).uppercased()
            guard token.count == ThreadTag.tokenLength else { continue }
            if let t = try store.thread(token: token), let s = try store.threadSummary(t.thread) { return s }
        }
        if let subject = m.subject, let token = ThreadTag.find(in: subject), let t = try store.thread(token: token) {
            return try store.threadSummary(t.thread)
        }
        return nil
    }

    // MARK: answering

    private func answer(_ m: ParsedMessage, reading: ReplyReading, id: String, sender: Mailbox, summary: ThreadSummary,
                        now: Date, into taken: inout TakenMessage) throws {
        let composer = MessageComposer(config: runtime.config, ledger: runtime.ledger)
        let replyDay = runtime.calendar.day(of: now)
        let memberAddress = summary.member.flatMap { runtime.ledger.member($0)?.email?.lowercased() }
        // The member's records, read once for the open periods and the next deadline.
        let recorded = try summary.member.map { try store.records(member: $0).map(\.record) } ?? []
        let context = ReplyContext(replyDay: replyDay, openFrom: try openFrom(summary, recorded: recorded, replyDay: replyDay, now: now),
                                   isReportThread: summary.rule == .reportPeriodic,
                                   fromMember: memberAddress == sender.address.lowercased())
        var understanding = ReplyParser.understand(reading: reading, context: context)
        if case .command = understanding, summary.member == nil { understanding = .refused(.notAboutOneMember) }
        // What `liaisond record` refuses for this member, a reply may not record either.
        if case .command(let c) = understanding, let id = summary.member, let member = runtime.ledger.member(id),
           RecordCommand.refusal(c.record(member: id).kind, for: member, Localized(language: runtime.language)) != nil {
            understanding = .refused(.doesNotApply(c.record(member: id).kind))
        }
        let recipient = Mailbox(name: displayName(for: sender), address: sender.address)
        let text: ComposedText
        let kind: String
        switch understanding {
        case .command(let c):
            var record = c.record(member: summary.member ?? "")
            // A report answers the period of the thread's reminder (`rule|member|period|step`):
            // an overdue Q4 report sent in January is Q4's, not Q1's (issue 13).
            if record.kind == .report, summary.rule == .reportPeriodic {
                let parts = summary.lastKey.split(separator: "|", omittingEmptySubsequences: false)
                if parts.count == 4, !parts[2].isEmpty { record.period = String(parts[2]) }
            }
            taken.record = record
            if case .report(_, let full) = c, full.count > ReplyCommand.reportCap { taken.fullText = full }
            text = composer.recordAcknowledgement(rule: summary.rule, token: summary.token, recipient: recipient,
                                                  record: record, nextDeadline: try nextDeadline(summary, recorded: recorded + [record], now: now),
                                                  at: now)
            kind = "ack"
        case .undo:
            if let last = try store.lastReplyRecord(thread: summary.thread, sender: sender.address) {
                taken.voidRecord = last.record.id
                text = composer.undoAcknowledgement(rule: summary.rule, token: summary.token, recipient: recipient,
                                                    record: last.record)
                kind = "ack"
            } else {
                text = composer.help(rule: summary.rule, token: summary.token, recipient: recipient,
                                     problem: ReplyProblem.nothingToUndo.text(runtime.language))
                kind = "help"
            }
        case .courtesy:
            text = composer.courtesyAnswer(rule: summary.rule, token: summary.token, recipient: recipient)
            kind = "ack"
        case .refused(let problem):
            text = composer.help(rule: summary.rule, token: summary.token, recipient: recipient,
                                 problem: problem.text(runtime.language))
            kind = "help"
        case .unrecognised:
            text = composer.help(rule: summary.rule, token: summary.token, recipient: recipient)
            kind = "help"
        }
        let domain = runtime.config.smtp.from.address.split(separator: "@").last.map(String.init) ?? "liaisond.invalid"
        let ackID = "\(summary.token).\(ThreadTag.token(from: random(10)))@\(domain)"
        let hasRealID = m.messageID != nil
        // RFC 5322 3.6.4: the parent's References, else its In-Reply-To; a reply that carried
        // neither (matched by the subject tag) gets the thread's own messages, so the answer
        // still joins the conversation in the liaison's mail client.
        var references = m.references.isEmpty ? Array(m.inReplyTo.prefix(1)) : m.references
        if references.isEmpty { references = summary.messageIDs }
        if hasRealID { references.append(id) }
        if references.count > 10 { references = [references[0]] + references.suffix(9) }
        let mail = MIMEMessage(from: runtime.config.smtp.from, to: [Mailbox(name: sender.name, address: sender.address)],
                               subject: text.subject, body: text.body, date: now, timeZone: runtime.calendar.timeZone,
                               messageID: ackID, inReplyTo: hasRealID ? id : summary.messageIDs.last,
                               references: references, autoSubmitted: "auto-replied")
        taken.ack = NewAck(key: "ack|\(id)", thread: summary.thread, rule: summary.rule.rawValue, member: summary.member,
                           grid: summary.grid, kind: kind, messageID: ackID, to: sender.address, subject: text.subject,
                           data: String(decoding: mail.rendered(), as: UTF8.self))
    }

    /// The first day a reply's date may name: the oldest period the thread's rule still has open
    /// for the member, and never later than the first day of the previous quarter (a late
    /// record of last quarter is fine; last year's `12-25` is not).
    private func openFrom(_ summary: ThreadSummary, recorded: [Record], replyDay: LocalDate, now: Date) throws -> LocalDate? {
        let quarterStart = LocalDate(year: replyDay.year, month: (replyDay.month - 1) / 3 * 3 + 1, day: 1)!
        let fallback = quarterStart.adding(months: -3)
        guard let memberID = summary.member, let member = runtime.ledger.member(memberID),
              let rule = engine.rules.first(where: { $0.id == summary.rule }) else { return fallback }
        let records = RecordBook(recorded)
        let windowStart = runtime.config.schedule.windowStart(firstTick: try store.firstTick(), now: now)
        let ctx = RuleContext(ledger: runtime.ledger, records: records, config: runtime.config,
                              calendar: runtime.calendar, now: now, windowStart: windowStart)
        let starts = rule.obligations(for: member, in: ctx).map(\.periodStart).filter { $0 <= replyDay }
        return min(starts.min() ?? fallback, fallback)
    }

    /// The roster's name for an address, else the display name the sender gave.
    func displayName(for sender: Mailbox) -> String {
        namesByAddress[sender.address.lowercased()] ?? sender.name
    }

    /// The thread's next deadline with `recorded` (the new record among them), asked of the
    /// thread's rule (`Rule.nextDeadline`): the first not before today.
    private func nextDeadline(_ summary: ThreadSummary, recorded: [Record], now: Date) throws -> LocalDate? {
        guard let memberID = summary.member, let member = runtime.ledger.member(memberID),
              let rule = engine.rules.first(where: { $0.id == summary.rule }) else { return nil }
        let records = RecordBook(recorded)
        let windowStart = runtime.config.schedule.windowStart(firstTick: try store.firstTick(), now: now)
        let ctx = RuleContext(ledger: runtime.ledger, records: records, config: runtime.config,
                              calendar: runtime.calendar, now: now, windowStart: windowStart)
        return rule.nextDeadline(for: member, onOrAfter: ctx.today, in: ctx)
    }

    // MARK: bounces

    private func bounceEntries(_ report: DeliveryReport, from: String, now: Date,
                               into taken: inout TakenMessage) throws -> [LogEntry] {
        guard let original = report.originalMessageID, let r = try store.reminder(messageID: original) else {
            taken.verdict = "ignored"
            return [LogEntry(time: now, event: .ignored,
                             detail: .reportNotOurs(from: from))]
        }
        taken.thread = r.thread
        // Believed only when it can be true (issue 14): every recipient sees a reminder's
        // Message-ID and could forge a report about it.
        let local = from.lowercased().split(separator: "@").first.map(String.init) ?? ""
        guard Self.reportSenders.contains(local) else {
            taken.verdict = "ignored"
            return [LogEntry(time: now, event: .ignored, rule: r.rule.rawValue, member: r.member, grid: r.grid,
                             step: r.step.description, key: r.key,
                             detail: .reportNotBelieved(from: from))]
        }
        let sentTo = try store.recipients(ofReminder: r.key)
        let named = report.failed
        let failed = named.filter { sentTo.contains($0.address.lowercased()) }
        var out: [LogEntry] = []
        for f in named where !sentTo.contains(f.address.lowercased()) {
            out.append(LogEntry(time: now, event: .ignored, rule: r.rule.rawValue, member: r.member, grid: r.grid,
                                step: r.step.description, key: r.key, to: [f.address],
                                detail: .reportNamesStranger(from: from, address: f.address, key: r.key)))
        }
        if failed.isEmpty && !named.isEmpty {
            taken.verdict = "ignored"
            return out
        }
        guard !failed.isEmpty else {
            taken.verdict = "ignored"
            let actions = Set(report.recipients.map(\.action)).sorted().joined(separator: ",")
            return [LogEntry(time: now, event: .ignored, rule: r.rule.rawValue, member: r.member, grid: r.grid,
                             step: r.step.description, key: r.key,
                             detail: .reportWithoutFailure(actions: actions, from: from))]
        }
        for f in failed {
            out.append(LogEntry(time: now, event: .failed, rule: r.rule.rawValue, member: r.member, grid: r.grid,
                                step: r.step.description, key: r.key, to: [f.address], smtp: f.diagnostic,
                                detail: .bounced(from: from, status: f.status)))
            taken.bounces.append(BouncedAddress(address: f.address, time: now, key: r.key, reply: f.diagnostic))
        }
        return out
    }

    /// The local parts a delivery report must come from (`MAILER-DAEMON@mx…`, `postmaster@…`,
    /// as Postfix, Exim, Exchange, QQ Mail and 163 send them); anything else is not believed.
    static let reportSenders: Set<String> = ["mailer-daemon", "postmaster"]

    /// For a message without a `Message-ID`: FNV-1a of its bytes, so the same bytes twice are
    /// still one message.
    static func syntheticID(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return "no-id.\(String(h, radix: 16)).\(bytes.count)@liaisond.invalid"
    }
}
