import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

extension SendPass {
    /// Sends what waits in the outbox and whose time has come — acknowledgements first (someone
    /// just wrote and waits for the answer), then reminders, alone or bundled — under the send
    /// lock, taken once.
    ///
    /// - Parameter reminders: false sends the acknowledgements only (`ingest` answers the reply
    ///   it took; reminders are the pass's business).
    func deliverWaiting(now: Date, reminders: Bool = true, decided: PassDecisions = PassDecisions()) throws -> PassResult {
        var result = PassResult()
        let waiting = try store.pendingAckCount(at: now) + (reminders ? try store.pendingCount(at: now) : 0)
        guard waiting > 0 else { return result }
        guard let lock = SendLock.acquire(path: runtime.lockPath, timeout: lockTimeout, shouldStop: shouldStop) else {
            logLine(4, say("发送锁 \(runtime.lockPath) 被占用：\(waiting) 封邮件留在队列中，稍后再发",
                           "send lock \(runtime.lockPath) busy: \(waiting) message(s) left queued"))
            result.heldBack = waiting
            return result
        }
        defer { withExtendedLifetime(lock) {} }
        // Read again under the lock: another sender may have sent some meanwhile.
        var outbox = try store.pendingAcks(at: now).map(OutboxMessage.init(ack:))
        if reminders { outbox += try reminderMessages(now: now, decided: decided, into: &result) }
        guard !outbox.isEmpty else { return result }
        return deliver(outbox, now: now, result: result)
    }

    /// The reminders waiting, within the rate caps, as messages: each alone or in a bundle
    /// (`prepareMessages`). What does not fit under a cap waits, without an attempt.
    private func reminderMessages(now: Date, decided: PassDecisions, into result: inout PassResult) throws -> [OutboxMessage] {
        var pending = try store.pending(at: now)
        guard !pending.isEmpty else { return [] }
        // Rate caps of hosted mailboxes.
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

        // One transaction for every thread looked up (or created), every reminder settled and
        // every bundle made: nothing is sent yet, and one commit replaces one lock round per message.
        let composer = MessageComposer(config: runtime.config, ledger: runtime.ledger)
        return try store.db.transaction {
            try prepareMessages(pending, decided: decided, composer: composer, now: now, result: &result)
        }
    }

    // MARK: the one delivery loop

    /// Hands `outbox` to the server and records each outcome as the server gives it: the row
    /// was committed before (queued), is marked `sent` after the 2xx, `deferred` with back-off on
    /// a 4xx (`failed` once `retry_max_age` has passed), `failed` on a 5xx. A failure that
    /// `stopsPass` leaves the rest untried until the same retry; a store that cannot record
    /// stops the pass at once; `shouldStop` (SIGTERM) ends it after the message in flight.
    ///
    /// `[smtp] connections = N` (a branch's own relay): message k goes over connection k mod N,
    /// each on its own thread; a rate-capped (hosted) mailbox always gets one. The store is not
    /// thread-safe: every outcome is recorded under one lock, in the order the server answered.
    func deliver(_ outbox: [OutboxMessage], now: Date, result: PassResult) -> PassResult {
        let smtp = runtime.config.smtp
        var connections = max(1, min(smtp.connections, outbox.count))
        if smtp.maxPerMinute > 0 || smtp.maxPerDay > 0 { connections = 1 }
        var transports: [any MailTransport] = []
        var result = result
        do {
            for _ in 0..<connections { transports.append(try makeTransport(runtime)) }
        } catch {
            // A config the parser accepted but the transport cannot use (unreadable ca_file):
            // nothing is sent, nothing is lost; the operator must act.
            logLine(3, say("SMTP：\(error)", "SMTP: \(error)"))
            do {
                try postpone(outbox, until: now.addingTimeInterval(300))
            } catch {
                storeFailed(error, outcome: nil, key: "", into: &result)
            }
            result.heldBack += outbox.count
            return result
        }
        do {
            serverStopSaved = try ServerStop.load(from: store) != nil
        } catch {
            storeFailed(error, outcome: nil, key: "", into: &result)
            return result
        }

        let run = DeliveryRun(self, outbox, result)
        let from = smtp.from.address
        let n = transports.count
        let ahead = RenderAhead(outbox.map(\.rendering))
        defer { ahead.finish() }
        // While message j+1's commands wait for the server's answers, the connection's own
        // thread commits message j's outcome: no hand-off, no wake-up, and its time hidden
        // behind the wire. The last piece of j+1's body (all of a small message) and its end of
        // data come after that commit. So the store is never behind the server by more than
        // the one message whose end of data went out before its commit: at a crash, at most
        // that one repeats on each connection.
        func send(over k: Int) {
            let indices = Array(stride(from: k, to: outbox.count, by: n))
            var uncommitted: (index: Int, outcome: DeliveryResult)?
            @discardableResult
            func commit() -> Bool {
                guard let (i, outcome) = uncommitted else { return false }
                uncommitted = nil
                run.handle(i, outcome, now: now)
                // Its outcome is recorded: nothing reads its body again.
                outbox[i].rendering.release()
                ahead.messageSent()
                return true
            }
            transports[k].send(count: indices.count, message: { j, mail in
                mail = outbox[indices[j]].outgoing(from: from)
            }, whileWaiting: commit, beforeEndOfData: { _ in
                commit()
                return run.storeWorks
            }, each: { j, outcome in
                // A message that failed before any command of it went out (no valid recipient,
                // a reconnect refused) had no wait and no end of data: the one before is
                // committed now, never overwritten.
                commit()
                uncommitted = (indices[j], outcome)
                // Decided without waiting for the commit: the same server is broken for every
                // message, SIGTERM ends the pass after the message in flight.
                return !outcome.stopsPass && !run.isStopped && !self.shouldStop()
            })
            commit()
        }
        if n == 1 {
            send(over: 0)
        } else {
            let group = DispatchGroup()
            let box = UncheckedBox(send)
            for k in 0..<n { DispatchQueue.global().async(group: group) { box.value(k) } }
            group.wait()
        }

        var out = run.result
        let untried = outbox.indices.filter { !run.handled[$0] }.map { outbox[$0] }
        if let stop = run.stop {
            stopPass(after: stop.outcome, attempt: stop.attempt, untried: untried, now: now, into: &out)
        } else {
            out.heldBack += untried.reduce(0) { $0 + $1.count }
        }
        return out
    }

    /// One message's outcome, in the store and the log.
    func record(_ outcome: DeliveryResult, of m: OutboxMessage, now: Date, into result: inout PassResult) throws {
        let attempt = m.attempts + 1
        let name = m.name(say)
        switch outcome {
        case let .accepted(reply, refused):
            try m.record(.sent, smtp: reply, nextTry: nil,
                         logs: m.logEntries(.sent, attempt: attempt, smtp: reply, detail: nil, now: now), now: now, in: store)
            result.sent += m.count
            serverWorksAgain()
            let to = m.mail.to.map(\.address).joined(separator: ",")
            logLine(6, say("已发送 \(name) 给 \(to)：\(reply)", "sent \(name) to \(to): \(reply)"))
            for f in refused {
                try store.appendLog(m.refusedEntry(f, attempt: attempt, now: now))
                logLine(3, say("收件人 \(f.address) 被拒收(\(name))：\(f.reply)", "recipient \(f.address) refused for \(name): \(f.reply)"))
            }
        case .temporary(let reply):
            let maxAge = runtime.config.schedule.retryMaxAge
            if now.timeIntervalSince(m.firstTry ?? now) >= maxAge.approximateSeconds {
                try m.record(.failed, smtp: reply, nextTry: nil,
                             logs: m.logEntries(.failed, attempt: attempt, smtp: reply,
                                                detail: .gaveUp(retryMaxAge: "\(maxAge)"), now: now),
                             now: now, in: store)
                result.failed += m.count
                logLine(3, say("发送失败 \(name)：\(reply)(已超过 retry_max_age，不再重试)", "failed \(name): \(reply) (retry_max_age passed)"))
            } else {
                let next = now.addingTimeInterval(backoff(attempt: attempt))
                try m.record(.deferred, smtp: reply, nextTry: next,
                             logs: m.logEntries(.deferred, attempt: attempt, smtp: reply,
                                                detail: outcome.serverProblem.map { .serverStopped(failure: ServerStop.logDetail($0)) },
                                                now: now),
                             now: now, in: store)
                result.deferred += m.count
                let at = ISOTime.format(next, runtime.calendar.timeZone)
                logLine(4, say("延后 \(name)：\(reply)；下次尝试 \(at)", "deferred \(name): \(reply); next try \(at)"))
            }
        case .permanent(let reply):
            try m.record(.failed, smtp: reply, nextTry: nil,
                         logs: m.logEntries(.failed, attempt: attempt, smtp: reply, detail: nil, now: now), now: now, in: store)
            result.failed += m.count
            logLine(3, say("发送失败 \(name)：\(reply)", "failed \(name): \(reply)"))
        }
    }

    /// The store could not record an outcome: the pass stops at once. The message whose outcome
    /// was lost is still `queued` (it goes out again: the one duplicate a fault may cost); the
    /// rest of the batch is not handed to the server.
    func storeFailed(_ error: Error, outcome: DeliveryResult?, key: String, into result: inout PassResult) {
        result.storeFailure = "\(error)"
        var lost = ""
        if case .accepted = outcome {
            result.unrecorded += 1
            lost = say("；\(key) 已发出但未能记录，之后会重发一次", "; \(key) was sent but not recorded and will go out once more")
        }
        logLine(3, say("数据库无法写入，本轮停止发送：\(error)\(lost)",
                       "store cannot be written, stopping the pass: \(error)\(lost)"))
    }

    /// Postpones the rows of `messages` without an attempt; with a `reason`, it is what
    /// `status` shows as their last reply (a pass that stopped talking to the server).
    func postpone(_ messages: [OutboxMessage], until: Date, reason: String? = nil) throws {
        let reminders = messages.flatMap(\.reminderKeys), acks = messages.flatMap(\.ackKeys)
        if let reason {
            if !reminders.isEmpty { try store.postponeUntried(keys: reminders, until: until, reason: reason) }
            if !acks.isEmpty { try store.postponeUntried(keys: acks, until: until, reason: reason, acks: true) }
        } else {
            if !reminders.isEmpty { try store.postpone(keys: reminders, until: until) }
            if !acks.isEmpty { try store.postponeAcks(keys: acks, until: until) }
        }
    }
}

/// What one delivery has done so far, shared by its connections: each outcome is recorded
/// under `lock`, so one connection at a time writes to the store.
private final class DeliveryRun: @unchecked Sendable {
    let lock = NSLock()
    let sendPass: SendPass
    let outbox: [OutboxMessage]
    var result: SendPass.PassResult
    /// Which messages were handed to the server (the rest wait after a stop).
    var handled: [Bool]
    /// The first failure that stops the pass; the other connections stop at their next message.
    var stop: (outcome: DeliveryResult, attempt: Int)?

    init(_ sendPass: SendPass, _ outbox: [OutboxMessage], _ result: SendPass.PassResult) {
        self.sendPass = sendPass
        self.outbox = outbox
        self.result = result
        handled = Array(repeating: false, count: outbox.count)
    }

    /// Records message `i`'s outcome, on its connection's commit queue.
    func handle(_ i: Int, _ outcome: DeliveryResult, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        let m = outbox[i]
        handled[i] = true
        // The store is unwritable (found by this connection or another): the message stays
        // queued; one the server took is counted as sent but not recorded, one it did not
        // take (stopped before its end of data) waits as if untried.
        if result.storeFailure != nil {
            if case .accepted = outcome { result.unrecorded += 1 } else { handled[i] = false }
            return
        }
        do {
            try sendPass.record(outcome, of: m, now: now, into: &result)
        } catch {
            sendPass.storeFailed(error, outcome: outcome, key: m.key, into: &result)
            return
        }
        // One connection that stops the pass stops the others too: it is the same server.
        if outcome.stopsPass, stop == nil { stop = (outcome, m.attempts + 1) }
    }

    /// False once an outcome could not be recorded: the next end of data is not sent.
    var storeWorks: Bool {
        lock.lock()
        defer { lock.unlock() }
        return result.storeFailure == nil
    }

    /// True once a connection found the server broken or the store unwritable.
    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stop != nil || result.storeFailure != nil
    }
}
