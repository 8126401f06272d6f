import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

/// One pass of liaisond's work, shared by `tick` and the daemon (`run(now:)`): take new
/// replies, decide what is due (and record it before anything is sent), then send what waits
/// in the outbox — reminders, bundles and acknowledgements — through one delivery loop
/// (`SendPass+Delivery`).
///
/// - Important: a reminder row is committed as `queued` before its message is handed to the
///   server and marked `sent` only after the server's 2xx, so a crash repeats at most the
///   message in flight and never loses one.
public final class SendPass {
    public struct PassResult: Sendable, Equatable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        /// Left waiting without an attempt (rate limit, send lock busy, stopped).
        public var heldBack = 0
        public var superseded = 0
        /// Still queued or deferred after the pass, whatever their next try.
        public var waiting = 0
        /// The IMAP poll of this pass failed (its reason was logged).
        public var pollFailed = false
        /// The store error that stopped the pass: nothing was handed to the server after it.
        public var storeFailure: String?
        /// Messages the server took whose `sent` could not be recorded (at most one per
        /// connection): they are still `queued` and go out again once the store can be written.
        public var unrecorded = 0

        /// tick's exit code: the worst wins (69 over 75 over 0).
        public var exitCode: Int32 {
            if failed > 0 { return ExitCode.unavailable }
            if storeFailure != nil { return ExitCode.tempFail }
            if deferred > 0 || heldBack > 0 || waiting > 0 || pollFailed { return ExitCode.tempFail }
            return ExitCode.ok
        }
    }

    public var runtime: Runtime
    public let store: Store
    public let engine: RuleEngine
    /// Makes a transport for one batch; tests and the daemon pass their own.
    let makeTransport: (Runtime) throws -> any MailTransport
    let random: (Int) -> [UInt8]
    public var lockTimeout: Double = 60
    /// Asked between messages; true stops the batch (SIGTERM).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Where log lines go (`run` prefixes them for journald).
    public var logLine: (Int, String) -> Void = { _, _ in }
    /// The language of the log lines: `tick` and `ingest` speak the branch's language to whoever
    /// runs them; `run`'s journal stays English, for the admins who read and search it.
    public var logLanguage: Config.Language = .en
    /// A stop is saved in the store (from this pass or an earlier one); the next message
    /// accepted clears it.
    var serverStopSaved = false
    /// A log line in `logLanguage`.
    func say(_ zh: String, _ en: String) -> String { Localized(language: logLanguage)(zh, en) }

    public init(runtime: Runtime, store: Store, engine: RuleEngine = RuleEngine(),
                makeTransport: @escaping (Runtime) throws -> any MailTransport = SendPass.defaultTransport,
                random: @escaping (Int) -> [UInt8] = Platform.secureRandomBytes) {
        self.runtime = runtime
        self.store = store
        self.engine = engine
        self.makeTransport = makeTransport
        self.random = random
    }

    public static func defaultTransport(_ rt: Runtime) throws -> any MailTransport { try smtpTransport(rt) }

    /// The configured SMTP server, as `check --connect` and `test-mail` talk to it too.
    static func smtpTransport(_ rt: Runtime) throws -> SMTPTransport {
        let smtp = rt.config.smtp
        return try SMTPTransport(settings: SMTPSettings(
            url: smtp.url, user: smtp.user, password: rt.smtpPassword, tls: smtp.tls,
            caFile: smtp.caFile.map { rt.resolve($0) }, connectTimeout: smtp.connectTimeout, timeout: smtp.timeout))
    }

    // MARK: deciding

    /// What the rules say is due at `now`, minus what the store has already handled.
    /// - Parameters:
    ///   - firstTick: the store's first tick (nil: a fresh store, `now` is used).
    ///   - waiting: keys waiting in the store, decided again as they stand now
    ///     (`RuleEngine.Decisions.waiting`).
    public func decide(now: Date, firstTick: Date?, waiting: Set<String> = []) throws -> RuleEngine.Decisions {
        let handled = try store.handledKeys()
        let windowStart = runtime.config.schedule.windowStart(firstTick: firstTick, now: now)
        return engine.evaluate(ledger: runtime.ledger, records: try store.recordBook(), config: runtime.config,
                               calendar: runtime.calendar, now: now, windowStart: windowStart, waiting: waiting,
                               handled: { handled.contains($0) })
    }

    /// Decides and records; returns the decisions (already in the store as queued/superseded).
    @discardableResult
    public func enqueueDue(now: Date, waiting: Set<String> = []) throws -> RuleEngine.Decisions {
        let first = try store.firstTick(orSet: now)
        let d = try decide(now: now, firstTick: first, waiting: waiting)
        let domain = runtime.config.smtp.from.address.split(separator: "@").last.map(String.init) ?? "liaisond.invalid"
        try store.enqueue(send: d.send, superseded: d.superseded, unreachable: d.unreachable, now: now,
                          token: { ThreadTag.token(from: self.random(10)) },
                          messageID: { token in "\(token).\(ThreadTag.token(from: self.random(10)))@\(domain)" })
        return d
    }

    /// A rendered message and what it was rendered for.
    struct ComposedMail {
        var to: [Mailbox]
        var cc: [Mailbox]
        var subject: String
        var messageID: String
        var data: [UInt8]
    }

    /// The reminder as this pass decided it (`PassDecisions`): addresses as the roster is now;
    /// nil when it was settled instead (member gone, resolved, nobody to send to).
    func resolve(_ r: StoredReminder, decided: PassDecisions, now: Date) throws -> DueReminder? {
        if let m = r.member, runtime.ledger.member(m) == nil {
            try store.settle(key: r.key, state: .superseded, now: now, log: logEntry(.superseded, r, now: now,
                             detail: .memberGone(member: m)))
            return nil
        }
        var reminder: DueReminder
        if let d = decided.new[r.key] {
            reminder = d
        } else if let w = decided.waiting[r.key] {
            reminder = r.dueReminder
            reminder.to = w.to
            reminder.cc = w.cc
        } else if decided.asked.contains(r.key) && !r.rule.isNotice {
            try store.settle(key: r.key, state: .superseded, now: now, log: logEntry(.superseded, r, now: now,
                             detail: .resolvedBeforeSending))
            return nil
        } else {
            // A notice no longer derived (its day passed) goes as stored, and so does a reminder
            // another process queued after this pass decided.
            reminder = r.dueReminder
        }
        if reminder.to.isEmpty {
            try store.settle(key: r.key, state: .unreachable, now: now, log: logEntry(.failed, r, now: now,
                             detail: .noAddress))
            return nil
        }
        return reminder
    }

    /// The message of one reminder alone in its thread: its thread settled in the store now,
    /// its text rendered when the delivery loop asks (`MailRendering`).
    func render(_ r: StoredReminder, _ reminder: DueReminder, composer: MessageComposer, now: Date) throws -> MailRendering {
        var reminder = reminder
        if r.rule == .digestMonthly { return MailRendering(try renderMonthlyReport(r, reminder, now: now)) }
        let thread = try store.ensureThread(r.thread) { ThreadTag.token(from: self.random(10)) }
        // Nothing sent before in this thread: the words must not say "again".
        if thread.messageIDs.isEmpty { reminder.opensThread = true }
        let from = runtime.config.smtp.from, timeZone = runtime.calendar.timeZone
        return MailRendering { [reminder] in
            let text = composer.compose(reminder, token: thread.token)
            let message = MIMEMessage(
                from: from, to: reminder.to, cc: reminder.cc, subject: text.subject, body: text.body,
                date: now, timeZone: timeZone, messageID: r.messageID,
                inReplyTo: thread.messageIDs.last, references: thread.messageIDs, autoSubmitted: "auto-generated")
            return ComposedMail(to: reminder.to, cc: reminder.cc, subject: text.subject, messageID: r.messageID,
                                data: message.rendered())
        }
    }

    /// The wait before try `attempt + 1` of a deferred message: `[schedule] retry_backoff`
    /// (Postfix's 5 minutes by default), doubling, at most 4000 s (about 67 minutes).
    public static func backoff(attempt: Int, first: Double = Config.Defaults.retryBackoff) -> Double {
        min(max(first, Config.Defaults.retryBackoffMaximum), first * pow(2, Double(min(max(0, attempt - 1), 30))))
    }

    /// `backoff` with this branch's `retry_backoff`.
    func backoff(attempt: Int) -> Double {
        SendPass.backoff(attempt: attempt, first: runtime.config.schedule.retryBackoff)
    }

    func logEntry(_ event: LogEvent, _ r: StoredReminder, now: Date, detail: LogDetail? = nil) -> LogEntry {
        LogEntry(time: now, event: event, rule: r.rule.rawValue, member: r.member, grid: r.grid,
                 step: r.step.description, key: r.key, to: r.to.map(\.address), cc: r.cc.map(\.address),
                 attempt: r.attempts, detail: detail)
    }

    /// One whole pass: take new replies (IMAP, when configured; a failed poll is logged and
    /// the pass goes on), decide and record what is due, then send everything waiting — the
    /// acknowledgements of the replies just taken included — under the send lock, taken once.
    public func run(now: Date) throws -> PassResult {
        let poll = pollIMAP(now: now)
        let waiting = try store.waitingKeys()
        let d = try enqueueDue(now: now, waiting: waiting)
        var r = try deliverWaiting(now: now, decided: PassDecisions(d, asked: waiting))
        r.superseded += d.superseded.count
        r.pollFailed = poll.failed
        // Anything still waiting (a retry or a rate cap later than now) means "not all sent".
        if r.storeFailure == nil {
            r.waiting = try store.waiting().count
        } else {
            r.waiting = (try? store.waiting().count) ?? r.heldBack
        }
        return r
    }
}
