import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

/// One pass of liaisond's work, shared by `tick` and the daemon: decide what is due (and
/// record it before anything is sent), then send what waits, one connection per batch.
///
/// - Important: a reminder row is committed as `queued` before its message is handed to the
///   server and marked `sent` only after the server's 2xx, so a crash repeats at most the
///   message in flight and never loses one.
public final class Ticker {
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

        /// tick's exit code: the worst wins (69 over 75 over 0).
        public var exitCode: Int32 {
            if failed > 0 { return ExitCode.unavailable }
            if deferred > 0 || heldBack > 0 || waiting > 0 || pollFailed { return ExitCode.tempFail }
            return ExitCode.ok
        }

        /// Adds another send's counts (acknowledgements) to these.
        mutating func add(_ o: PassResult) {
            sent += o.sent
            deferred += o.deferred
            failed += o.failed
            heldBack += o.heldBack
            superseded += o.superseded
            pollFailed = pollFailed || o.pollFailed
        }
    }

    public var runtime: Runtime
    public let store: Store
    public let engine: RuleEngine
    /// Makes a transport for one batch; tests and the daemon pass their own.
    let makeTransport: (Runtime) throws -> SMTPTransport
    let random: (Int) -> [UInt8]
    public var lockTimeout: Double = 60
    /// Asked between messages; true stops the batch (SIGTERM).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Where log lines go (`run` prefixes them for journald).
    public var logLine: (Int, String) -> Void = { _, _ in }
    /// The language of the log lines: `tick` and `ingest` speak the branch's language to whoever
    /// runs them; `run`'s journal stays English, for the admins who read and search it.
    public var logLanguage: Config.Language = .en
    /// Set when this pass stopped talking to the SMTP server (see `DeliveryResult.stopsThePass`):
    /// nothing more is sent in the pass, acknowledgements included.
    var serverStop: ServerStop?
    /// A stop is saved in the store (from this pass or an earlier one); the next message
    /// accepted clears it.
    var serverStopSaved = false
    /// A log line in `logLanguage`.
    func say(_ zh: String, _ en: String) -> String { Localized(language: logLanguage)(zh, en) }

    public init(runtime: Runtime, store: Store, engine: RuleEngine = RuleEngine(),
                makeTransport: @escaping (Runtime) throws -> SMTPTransport = Ticker.defaultTransport,
                random: @escaping (Int) -> [UInt8] = Platform.secureRandomBytes) {
        self.runtime = runtime
        self.store = store
        self.engine = engine
        self.makeTransport = makeTransport
        self.random = random
    }

    /// - Note: for tests only, `LIAISOND_SMTP_TIMEOUT` and `LIAISOND_SMTP_CONNECT_TIMEOUT`
    ///   (seconds, > 0) shorten the transport's timeouts (defaults 60 s and 30 s), so the fault
    ///   suite can exercise a stalling server quickly. Not part of the user interface.
    public static func defaultTransport(_ rt: Runtime) throws -> SMTPTransport {
        func seconds(_ name: String) -> Double? {
            Platform.environment(name).flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil }
        }
        return try SMTPTransport(settings: SMTPSettings(
            url: rt.config.smtp.url, user: rt.config.smtp.user, password: rt.smtpPassword, tls: rt.config.smtp.tls,
            caFile: rt.config.smtp.caFile.map { rt.resolve($0) },
            connectTimeout: seconds("LIAISOND_SMTP_CONNECT_TIMEOUT") ?? SMTPSettings.defaultConnectTimeout,
            timeout: seconds("LIAISOND_SMTP_TIMEOUT") ?? SMTPSettings.defaultTimeout))
    }

    // MARK: deciding

    /// What the rules say is due at `now`, minus what the store has already handled.
    /// - Parameter firstTick: the store's first tick (nil: a fresh store, `now` is used).
    public func decide(now: Date, firstTick: Date?) throws -> RuleEngine.Decisions {
        let handled = try store.handledKeys()
        let windowStart = (firstTick ?? now).addingTimeInterval(-runtime.config.schedule.catchUp.approximateSeconds)
        return engine.evaluate(ledger: runtime.ledger, records: try store.recordBook(), config: runtime.config,
                               calendar: runtime.calendar, now: now, windowStart: windowStart,
                               handled: { handled.contains($0) })
    }

    /// First tick − `catch_up`: periods that ended before it are never opened.
    func windowStart(now: Date) throws -> Date {
        (try store.firstTick() ?? now).addingTimeInterval(-runtime.config.schedule.catchUp.approximateSeconds)
    }

    /// Decides and records; returns the decisions (already in the store as queued/superseded).
    @discardableResult
    public func enqueueDue(now: Date) throws -> RuleEngine.Decisions {
        let first = try store.firstTick(orSet: now)
        let d = try decide(now: now, firstTick: first)
        let domain = runtime.config.smtp.from.address.split(separator: "@").last.map(String.init) ?? "liaisond.invalid"
        try store.enqueue(send: d.send, superseded: d.superseded, unreachable: d.unreachable, now: now,
                          token: { ThreadTag.token(from: self.random(10)) },
                          messageID: { token in "\(token).\(ThreadTag.token(from: self.random(10)))@\(domain)" })
        return d
    }

    // MARK: sending

    /// Sends everything waiting whose time has come, under the send lock.
    public func sendPending(now: Date) throws -> PassResult {
        var result = PassResult()
        var pending = try store.pending(at: now)
        guard !pending.isEmpty else { return result }
        if serverStop != nil {
            // This pass already gave up on the server: wait for the next one.
            result.heldBack = pending.count
            return result
        }
        guard let lock = SendLock.acquire(path: runtime.lockPath, timeout: lockTimeout, shouldStop: shouldStop) else {
            logLine(4, say("发送锁 \(runtime.lockPath) 被占用：\(pending.count) 封提醒留在队列中，稍后再发",
                           "send lock \(runtime.lockPath) busy: \(pending.count) reminder(s) left queued"))
            result.heldBack = pending.count
            return result
        }
        defer { withExtendedLifetime(lock) {} }
        // Re-read under the lock: another sender may have sent some meanwhile.
        pending = try store.pending(at: now)

        // Rate caps of hosted mailboxes: what does not fit now waits, without an attempt.
        var allowance = pending.count
        var retryAt = now.addingTimeInterval(60)
        let smtp = runtime.config.smtp
        if smtp.maxPerMinute > 0 {
            allowance = min(allowance, max(0, smtp.maxPerMinute - (try store.sentCount(since: now.addingTimeInterval(-60)))))
        }
        if smtp.maxPerDay > 0 {
            let dayStart = runtime.calendar.startOfDay(runtime.calendar.day(of: now))
            let left = max(0, smtp.maxPerDay - (try store.sentCount(since: dayStart.addingTimeInterval(-0.001))))
            if left < allowance {
                allowance = left
                if left == 0 { retryAt = runtime.calendar.startOfDay(runtime.calendar.day(of: now).adding(days: 1)) }
            }
        }
        if allowance < pending.count {
            let held = pending[allowance...].map(\.key)
            try store.postpone(keys: held, until: retryAt)
            result.heldBack += held.count
            let until = ISOTime.format(retryAt, runtime.calendar.timeZone)
            logLine(5, say("发送限额：\(held.count) 封提醒等到 \(until) 再发", "rate cap: \(held.count) reminder(s) wait until \(until)"))
            pending = Array(pending[..<allowance])
        }

        let ctx = RuleContext(ledger: runtime.ledger, records: try store.recordBook(), config: runtime.config,
                              calendar: runtime.calendar, now: now, windowStart: try windowStart(now: now))
        var batch: [OutgoingMail] = []
        var items: [(StoredReminder, ComposedMail)] = []
        batch.reserveCapacity(pending.count)
        items.reserveCapacity(pending.count)
        // One transaction for every thread looked up (or created) and every reminder settled
        // here: nothing is sent yet, and one commit replaces one lock round per message.
        let composer = MessageComposer(config: runtime.config, ledger: runtime.ledger)
        try store.db.transaction {
            for r in pending {
                switch try prepare(r, ctx: ctx, composer: composer, now: now) {
                case .send(let mail):
                    items.append((r, mail))
                    batch.append(OutgoingMail(from: smtp.from.address,
                                              recipients: (mail.to + mail.cc).map(\.address), data: mail.data))
                case .settled:
                    result.superseded += 1
                }
            }
        }
        guard !batch.isEmpty else { return result }

        // `[smtp] connections = N` (a branch's own relay): N transports on N threads, each with
        // its own connection; a rate-capped (hosted) mailbox always gets one.
        var connections = max(1, min(smtp.connections, batch.count))
        if smtp.maxPerMinute > 0 || smtp.maxPerDay > 0 { connections = 1 }
        var transports: [SMTPTransport] = []
        do {
            for _ in 0..<connections { transports.append(try makeTransport(runtime)) }
        } catch {
            // A config the parser accepted but the transport cannot use (unreadable ca_file):
            // nothing is sent, nothing is lost; the operator must act.
            logLine(3, say("SMTP：\(error)", "SMTP: \(error)"))
            try store.postpone(keys: items.map(\.0.key), until: now.addingTimeInterval(300))
            result.heldBack += items.count
            return result
        }
        serverStopSaved = try ServerStop.load(from: store) != nil
        if connections == 1 {
            var done = 0
            var stop: (outcome: DeliveryResult, attempt: Int)?
            transports[0].send(batch) { i, outcome in
                let (r, mail) = items[i]
                do {
                    try self.record(outcome, for: r, mail: mail, now: now, into: &result)
                } catch {
                    self.logLine(3, self.say("数据库：\(error)", "store: \(error)"))
                }
                done = i + 1
                if outcome.stopsThePass {
                    stop = (outcome, r.attempts + 1)
                    return false
                }
                return !self.shouldStop()
            }
            if let stop {
                try stopPass(after: stop.outcome, attempt: stop.attempt, untried: items[done...].map(\.0.key), now: now,
                             into: &result)
            } else if done < items.count {
                result.heldBack += items.count - done
            }
            return result
        }
        return sendParallel(batch, items: items, transports: transports, now: now, result: result)
    }

    /// Message k goes over connection k mod N; each connection sends on its own thread. The
    /// store is not thread-safe: every outcome is recorded under one lock, in the order the
    /// server answered.
    private func sendParallel(_ batch: [OutgoingMail], items: [(StoredReminder, ComposedMail)],
                              transports: [SMTPTransport], now: Date, result: PassResult) -> PassResult {
        final class Shared: @unchecked Sendable {
            let lock = NSLock()
            var result: PassResult
            var done = 0
            /// The first failure that stops the pass; the other connections stop at their next message.
            var stop: (outcome: DeliveryResult, attempt: Int)?
            var attempted = Set<Int>()
            let ticker: Ticker
            let items: [(StoredReminder, ComposedMail)]
            init(_ ticker: Ticker, _ items: [(StoredReminder, ComposedMail)], _ result: PassResult) {
                self.ticker = ticker
                self.items = items
                self.result = result
            }
        }
        let shared = Shared(self, items, result)
        let n = transports.count
        let chunks: [[Int]] = (0..<n).map { k in Array(stride(from: k, to: batch.count, by: n)) }
        let group = DispatchGroup()
        for k in 0..<n {
            let indices = chunks[k]
            let mails = indices.map { batch[$0] }
            let transport = transports[k]
            let box = UncheckedBox(mails)
            DispatchQueue.global().async(group: group) {
                transport.send(box.value) { j, outcome in
                    let i = indices[j]
                    shared.lock.lock()
                    defer { shared.lock.unlock() }
                    let (r, mail) = shared.items[i]
                    do {
                        try shared.ticker.record(outcome, for: r, mail: mail, now: now, into: &shared.result)
                    } catch {
                        shared.ticker.logLine(3, shared.ticker.say("数据库：\(error)", "store: \(error)"))
                    }
                    shared.done += 1
                    shared.attempted.insert(i)
                    if outcome.stopsThePass, shared.stop == nil { shared.stop = (outcome, r.attempts + 1) }
                    return shared.stop == nil && !shared.ticker.shouldStop()
                }
            }
        }
        group.wait()
        var out = shared.result
        if let stop = shared.stop {
            let untried = items.indices.filter { !shared.attempted.contains($0) }.map { items[$0].0.key }
            do {
                try stopPass(after: stop.outcome, attempt: stop.attempt, untried: untried, now: now, into: &out)
            } catch {
                logLine(3, say("数据库：\(error)", "store: \(error)"))
                out.heldBack += untried.count
            }
        } else if shared.done < items.count {
            out.heldBack += items.count - shared.done
        }
        return out
    }

    enum Preparation {
        case send(ComposedMail)
        case settled
    }

    /// A rendered message and what it was rendered for.
    struct ComposedMail {
        var to: [Mailbox]
        var cc: [Mailbox]
        var subject: String
        var messageID: String
        var data: [UInt8]
    }

    /// Re-derives addresses and checks the reminder still makes sense, then renders it.
    func prepare(_ r: StoredReminder, ctx: RuleContext, composer: MessageComposer, now: Date) throws -> Preparation {
        var reminder = r.dueReminder
        if let m = r.member, runtime.ledger.member(m) == nil {
            try store.settle(key: r.key, state: .superseded, now: now, log: logEntry(.superseded, r, now: now,
                             detail: "member \(m) is no longer in the roster"))
            return .settled
        }
        if let o = engine.currentObligation(rule: r.rule, member: r.member, grid: r.grid, period: r.period, context: ctx) {
            let (to, cc) = o.addresses(for: r.step)
            reminder.to = to
            reminder.cc = cc
        } else if !r.rule.isNotice {
            try store.settle(key: r.key, state: .superseded, now: now, log: logEntry(.superseded, r, now: now,
                             detail: "resolved before it was sent"))
            return .settled
        }
        if reminder.to.isEmpty {
            try store.settle(key: r.key, state: .unreachable, now: now, log: logEntry(.failed, r, now: now,
                             detail: "nobody named has an e-mail address"))
            return .settled
        }
        if r.rule == .digestMonthly {
            reminder.facts.merge(try DigestStoreFacts.facts(period: r.period, store: store, calendar: runtime.calendar)) { _, s in s }
        }
        let thread = try store.ensureThread(r.thread) { ThreadTag.token(from: self.random(10)) }
        let text = composer.compose(reminder, token: thread.token)
        let message = MIMEMessage(
            from: runtime.config.smtp.from, to: reminder.to, cc: reminder.cc, subject: text.subject, body: text.body,
            date: now, timeZone: runtime.calendar.timeZone, messageID: r.messageID,
            inReplyTo: thread.messageIDs.last, references: thread.messageIDs, autoSubmitted: "auto-generated")
        return .send(ComposedMail(to: reminder.to, cc: reminder.cc, subject: text.subject, messageID: r.messageID,
                                  data: message.rendered()))
    }

    /// Postfix's defaults: 5 minutes, doubling, at most 4000 s (about 67 minutes).
    public static func backoff(attempt: Int) -> Double {
        min(4000, backoffBase * pow(2, Double(max(0, attempt - 1))))
    }

    /// The first back-off, 300 s. Test-only: `LIAISOND_TEST_BACKOFF_SECONDS` overrides it so the
    /// daemon's outage test need not wait 5 minutes; never set it in production.
    static let backoffBase: Double =
        ProcessInfo.processInfo.environment["LIAISOND_TEST_BACKOFF_SECONDS"].flatMap(Double.init) ?? 300

    private func record(_ outcome: DeliveryResult, for r: StoredReminder, mail: ComposedMail, now: Date,
                        into result: inout PassResult) throws {
        let attempt = r.attempts + 1
        var entry = logEntry(.sent, r, now: now)
        entry.to = mail.to.map(\.address)
        entry.cc = mail.cc.map(\.address)
        entry.subject = mail.subject
        entry.attempt = attempt
        switch outcome {
        case let .accepted(reply, refused):
            entry.smtp = reply
            try store.recordAttempt(key: r.key, state: .sent, smtp: reply, nextTry: nil, now: now, log: entry,
                                    thread: r.thread, messageID: mail.messageID)
            result.sent += 1
            serverWorksAgain()
            let to = entry.to.joined(separator: ",")
            logLine(6, say("已发送 \(r.key) 给 \(to)：\(reply)", "sent \(r.key) to \(to): \(reply)"))
            for f in refused {
                var e = entry
                e.event = .failed
                e.to = [f.address]
                e.cc = []
                e.smtp = f.reply
                e.detail = "recipient refused; the others received the message"
                try store.appendLog(e)
                logLine(3, say("收件人 \(f.address) 被拒收(\(r.key))：\(f.reply)", "recipient \(f.address) refused for \(r.key): \(f.reply)"))
            }
        case .temporary(let reply):
            entry.smtp = reply
            let first = r.firstTry ?? now
            if now.timeIntervalSince(first) >= runtime.config.schedule.retryMaxAge.approximateSeconds {
                entry.event = .failed
                entry.detail = "gave up after retry_max_age (\(runtime.config.schedule.retryMaxAge))"
                try store.recordAttempt(key: r.key, state: .failed, smtp: reply, nextTry: nil, now: now, log: entry)
                result.failed += 1
                logLine(3, say("发送失败 \(r.key)：\(reply)(已超过 retry_max_age，不再重试)", "failed \(r.key): \(reply) (retry_max_age passed)"))
            } else {
                entry.event = .deferred
                if let p = outcome.serverProblem { entry.detail = ServerStop.logDetail(p) }
                let next = now.addingTimeInterval(Ticker.backoff(attempt: attempt))
                try store.recordAttempt(key: r.key, state: .deferred, smtp: reply, nextTry: next, now: now, log: entry)
                result.deferred += 1
                let at = ISOTime.format(next, runtime.calendar.timeZone)
                logLine(4, say("延后 \(r.key)：\(reply)；下次尝试 \(at)", "deferred \(r.key): \(reply); next try \(at)"))
            }
        case .permanent(let reply):
            entry.event = .failed
            entry.smtp = reply
            try store.recordAttempt(key: r.key, state: .failed, smtp: reply, nextTry: nil, now: now, log: entry)
            result.failed += 1
            logLine(3, say("发送失败 \(r.key)：\(reply)", "failed \(r.key): \(reply)"))
        }
    }

    func logEntry(_ event: LogEvent, _ r: StoredReminder, now: Date, detail: String? = nil) -> LogEntry {
        LogEntry(time: now, event: event, rule: r.rule.rawValue, member: r.member, grid: r.grid,
                 step: r.step.description, key: r.key, to: r.to.map(\.address), cc: r.cc.map(\.address),
                 attempt: r.attempts, detail: detail)
    }

    /// One whole pass: take new replies (IMAP, when configured; a failed poll is logged and
    /// the pass goes on), decide, record, send, then send acknowledgements still waiting.
    public func tick(now: Date) throws -> PassResult {
        serverStop = nil
        let poll = pollIMAP(now: now)
        let d = try enqueueDue(now: now)
        var r = try sendPending(now: now)
        r.superseded += d.superseded.count
        r.add(poll.acks)
        r.add(try sendPendingAcks(now: now))
        r.pollFailed = poll.failed
        // Anything still waiting (a retry or a rate cap later than now) means "not all sent".
        r.waiting = try store.waiting().count
        return r
    }
}

/// Hands a value that is only read to another thread.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

