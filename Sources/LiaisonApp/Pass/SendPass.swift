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

        /// Adds another send's counts (acknowledgements) to these.
        mutating func add(_ o: PassResult) {
            sent += o.sent
            deferred += o.deferred
            failed += o.failed
            heldBack += o.heldBack
            superseded += o.superseded
            pollFailed = pollFailed || o.pollFailed
            storeFailure = storeFailure ?? o.storeFailure
            unrecorded += o.unrecorded
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
    /// Set when this pass stopped talking to the SMTP server (see `DeliveryResult.stopsPass`):
    /// nothing more is sent in the pass, acknowledgements included.
    var serverStop: ServerStop?
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
    /// - Parameter firstTick: the store's first tick (nil: a fresh store, `now` is used).
    public func decide(now: Date, firstTick: Date?) throws -> RuleEngine.Decisions {
        let handled = try store.handledKeys()
        let windowStart = runtime.config.schedule.windowStart(firstTick: firstTick, now: now)
        return engine.evaluate(ledger: runtime.ledger, records: try store.recordBook(), config: runtime.config,
                               calendar: runtime.calendar, now: now, windowStart: windowStart,
                               handled: { handled.contains($0) })
    }

    /// First tick − `catch_up`: periods that ended before it are never opened.
    func windowStart(now: Date) throws -> Date {
        runtime.config.schedule.windowStart(firstTick: try store.firstTick(), now: now)
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
        var items: [(SendUnit, ComposedMail)] = []
        batch.reserveCapacity(pending.count)
        items.reserveCapacity(pending.count)
        // One transaction for every thread looked up (or created), every reminder settled and
        // every bundle made here (SendPass+Grouping): nothing is sent yet, and one commit
        // replaces one lock round per message.
        let composer = MessageComposer(config: runtime.config, ledger: runtime.ledger)
        try store.db.transaction {
            for (unit, mail) in try prepareUnits(pending, ctx: ctx, composer: composer, now: now, result: &result) {
                items.append((unit, mail))
                batch.append(OutgoingMail(from: smtp.from.address,
                                          recipients: (mail.to + mail.cc).map(\.address), data: mail.data))
            }
        }
        guard !batch.isEmpty else { return result }

        // `[smtp] connections = N` (a branch's own relay): N transports on N threads, each with
        // its own connection; a rate-capped (hosted) mailbox always gets one.
        var connections = max(1, min(smtp.connections, batch.count))
        if smtp.maxPerMinute > 0 || smtp.maxPerDay > 0 { connections = 1 }
        var transports: [any MailTransport] = []
        do {
            for _ in 0..<connections { transports.append(try makeTransport(runtime)) }
        } catch {
            // A config the parser accepted but the transport cannot use (unreadable ca_file):
            // nothing is sent, nothing is lost; the operator must act.
            logLine(3, say("SMTP：\(error)", "SMTP: \(error)"))
            try store.postpone(keys: items.flatMap(\.0.keys), until: now.addingTimeInterval(300))
            result.heldBack += items.count
            return result
        }
        serverStopSaved = try ServerStop.load(from: store) != nil
        if connections == 1 {
            var done = 0
            var stop: (outcome: DeliveryResult, attempt: Int)?
            transports[0].send(batch) { i, outcome in
                let (r, mail) = items[i]
                done = i + 1
                do {
                    try self.record(outcome, for: r, mail: mail, now: now, into: &result)
                } catch {
                    self.storeFailed(error, outcome: outcome, key: r.key, into: &result)
                    return false
                }
                if outcome.stopsPass {
                    stop = (outcome, r.attempts + 1)
                    return false
                }
                return !self.shouldStop()
            }
            if let stop {
                stopPass(after: stop.outcome, attempt: stop.attempt, untried: items[done...].flatMap(\.0.keys), now: now,
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
    private func sendParallel(_ batch: [OutgoingMail], items: [(SendUnit, ComposedMail)],
                              transports: [any MailTransport], now: Date, result: PassResult) -> PassResult {
        final class Shared: @unchecked Sendable {
            let lock = NSLock()
            var result: PassResult
            var done = 0
            /// Which messages were handed to the server (the rest wait after a stop).
            var handled: [Bool]
            /// The first failure that stops the pass; the other connections stop at their next message.
            var stop: (outcome: DeliveryResult, attempt: Int)?
            let sendPass: SendPass
            let items: [(SendUnit, ComposedMail)]
            init(_ sendPass: SendPass, _ items: [(SendUnit, ComposedMail)], _ result: PassResult) {
                self.sendPass = sendPass
                self.items = items
                self.result = result
                self.handled = Array(repeating: false, count: items.count)
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
                    shared.done += 1
                    shared.handled[i] = true
                    // Another connection found the store unwritable: this one stops too (its
                    // message was sent before the failure was known; it stays queued).
                    if shared.result.storeFailure != nil {
                        if case .accepted = outcome { shared.result.unrecorded += 1 }
                        return false
                    }
                    do {
                        try shared.sendPass.record(outcome, for: r, mail: mail, now: now, into: &shared.result)
                    } catch {
                        shared.sendPass.storeFailed(error, outcome: outcome, key: r.key, into: &shared.result)
                        return false
                    }
                    // One connection that stops the pass stops the others too: it is the same server.
                    if outcome.stopsPass, shared.stop == nil { shared.stop = (outcome, r.attempts + 1) }
                    return shared.stop == nil && !shared.sendPass.shouldStop()
                }
            }
        }
        group.wait()
        var out = shared.result
        if let stop = shared.stop {
            let untried = items.indices.filter { !shared.handled[$0] }.flatMap { items[$0].0.keys }
            stopPass(after: stop.outcome, attempt: stop.attempt, untried: untried, now: now, into: &out)
        } else if shared.done < items.count {
            out.heldBack += items.count - shared.done
        }
        return out
    }

    /// A rendered message and what it was rendered for.
    struct ComposedMail {
        var to: [Mailbox]
        var cc: [Mailbox]
        var subject: String
        var messageID: String
        var data: [UInt8]
    }

    /// The reminder with its current addresses; nil when it was settled instead (member gone,
    /// resolved, nobody to send to).
    func resolve(_ r: StoredReminder, ctx: RuleContext, now: Date) throws -> DueReminder? {
        var reminder = r.dueReminder
        if let m = r.member, runtime.ledger.member(m) == nil {
            try store.settle(key: r.key, state: .superseded, now: now, log: logEntry(.superseded, r, now: now,
                             detail: .memberGone(member: m)))
            return nil
        }
        if let o = engine.currentObligation(rule: r.rule, member: r.member, grid: r.grid, period: r.period, context: ctx) {
            let (to, cc) = o.addresses(for: r.step)
            reminder.to = to
            reminder.cc = cc
        } else if !r.rule.isNotice {
            try store.settle(key: r.key, state: .superseded, now: now, log: logEntry(.superseded, r, now: now,
                             detail: .resolvedBeforeSending))
            return nil
        }
        if reminder.to.isEmpty {
            try store.settle(key: r.key, state: .unreachable, now: now, log: logEntry(.failed, r, now: now,
                             detail: .noAddress))
            return nil
        }
        return reminder
    }

    /// The message of one reminder alone in its thread.
    func render(_ r: StoredReminder, _ reminder: DueReminder, composer: MessageComposer, now: Date) throws -> ComposedMail {
        var reminder = reminder
        if r.rule == .digestMonthly { return try renderMonthlyReport(r, reminder, now: now) }
        let thread = try store.ensureThread(r.thread) { ThreadTag.token(from: self.random(10)) }
        // Nothing sent before in this thread: the words must not say "again".
        if thread.messageIDs.isEmpty { reminder.opensThread = true }
        let text = composer.compose(reminder, token: thread.token)
        let message = MIMEMessage(
            from: runtime.config.smtp.from, to: reminder.to, cc: reminder.cc, subject: text.subject, body: text.body,
            date: now, timeZone: runtime.calendar.timeZone, messageID: r.messageID,
            inReplyTo: thread.messageIDs.last, references: thread.messageIDs, autoSubmitted: "auto-generated")
        return ComposedMail(to: reminder.to, cc: reminder.cc, subject: text.subject, messageID: r.messageID,
                            data: message.rendered())
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

    func record(_ outcome: DeliveryResult, for unit: SendUnit, mail: ComposedMail, now: Date,
                into result: inout PassResult) throws {
        if let b = unit.bundle {
            try recordBundle(outcome, b, unit.reminders, mail: mail, now: now, into: &result)
        } else if let r = unit.reminders.first {
            try record(outcome, for: r, mail: mail, now: now, into: &result)
        }
    }

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
                e.detail = .recipientRefused
                try store.appendLog(e)
                logLine(3, say("收件人 \(f.address) 被拒收(\(r.key))：\(f.reply)", "recipient \(f.address) refused for \(r.key): \(f.reply)"))
            }
        case .temporary(let reply):
            entry.smtp = reply
            let first = r.firstTry ?? now
            if now.timeIntervalSince(first) >= runtime.config.schedule.retryMaxAge.approximateSeconds {
                entry.event = .failed
                entry.detail = .gaveUp(retryMaxAge: "\(runtime.config.schedule.retryMaxAge)")
                try store.recordAttempt(key: r.key, state: .failed, smtp: reply, nextTry: nil, now: now, log: entry)
                result.failed += 1
                logLine(3, say("发送失败 \(r.key)：\(reply)(已超过 retry_max_age，不再重试)", "failed \(r.key): \(reply) (retry_max_age passed)"))
            } else {
                entry.event = .deferred
                if let p = outcome.serverProblem { entry.detail = .serverStopped(failure: ServerStop.logDetail(p)) }
                let next = now.addingTimeInterval(backoff(attempt: attempt))
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

    /// The store could not record an outcome: the pass stops at once. The message whose outcome
    /// was lost is still `queued` (it goes out again: the one duplicate a fault may cost); the
    /// rest of the batch is not handed to the server.
    func storeFailed(_ error: Error, outcome: DeliveryResult, key: String, into result: inout PassResult) {
        result.storeFailure = "\(error)"
        var lost = ""
        if case .accepted = outcome {
            result.unrecorded += 1
            lost = say("；\(key) 已发出但未能记录，之后会重发一次", "; \(key) was sent but not recorded and will go out once more")
        }
        logLine(3, say("数据库无法写入，本轮停止发送：\(error)\(lost)",
                       "store cannot be written, stopping the pass: \(error)\(lost)"))
    }

    func logEntry(_ event: LogEvent, _ r: StoredReminder, now: Date, detail: LogDetail? = nil) -> LogEntry {
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
        // A store that could not record a reminder would not record an acknowledgement either.
        if r.storeFailure == nil { r.add(try sendPendingAcks(now: now)) }
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

/// Hands a value that is only read to another thread.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

