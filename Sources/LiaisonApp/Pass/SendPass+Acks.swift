import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

extension SendPass {
    /// Sends the acknowledgements waiting in the store, under the send lock, over one
    /// connection. Each was committed as `queued` when its reply was taken and is marked `sent`
    /// (logged `ack`) only after the server's 2xx: a crash repeats at most the one in flight.
    /// Temporary failures are retried with the reminders' back-off, until `retry_max_age`.
    public func sendPendingAcks(now: Date) throws -> PassResult {
        var result = PassResult()
        guard !(try store.pendingAcks(at: now)).isEmpty else { return result }
        if serverStop != nil {
            result.heldBack = try store.pendingAcks(at: now).count
            return result
        }
        guard let lock = SendLock.acquire(path: runtime.lockPath, timeout: lockTimeout, shouldStop: shouldStop) else {
            let n = try store.pendingAcks(at: now).count
            logLine(4, say("发送锁 \(runtime.lockPath) 被占用：\(n) 封回执留在队列中，稍后再发",
                           "send lock \(runtime.lockPath) busy: \(n) acknowledgement(s) left queued"))
            result.heldBack = n
            return result
        }
        defer { withExtendedLifetime(lock) {} }
        let pending = try store.pendingAcks(at: now)
        guard !pending.isEmpty else { return result }
        let transport: any MailTransport
        do {
            transport = try makeTransport(runtime)
        } catch {
            logLine(3, say("SMTP：\(error)", "SMTP: \(error)"))
            try store.postponeAcks(keys: pending.map(\.key), until: now.addingTimeInterval(300))
            result.heldBack = pending.count
            return result
        }
        let from = runtime.config.smtp.from.address
        var done = 0
        var stop: (outcome: DeliveryResult, attempt: Int)?
        transport.send(pending.map { OutgoingMail(from: from, recipients: [$0.to], data: $0.data) }) { i, outcome in
            done = i + 1
            do {
                try self.recordAck(outcome, for: pending[i], now: now, into: &result)
            } catch {
                self.storeFailed(error, outcome: outcome, key: pending[i].key, into: &result)
                return false
            }
            if outcome.stopsPass {
                stop = (outcome, pending[i].attempts + 1)
                return false
            }
            return !self.shouldStop()
        }
        if let stop {
            stopPass(after: stop.outcome, attempt: stop.attempt, untried: pending[done...].map(\.key), acks: true,
                     now: now, into: &result)
        } else if done < pending.count {
            result.heldBack += pending.count - done
        }
        return result
    }

    /// `ack` / `help` as the Chinese log line names them.
    private func ackName(_ kind: String) -> String { kind == "help" ? "命令说明" : "回执" }

    private func recordAck(_ outcome: DeliveryResult, for a: StoredAck, now: Date, into result: inout PassResult) throws {
        var entry = LogEntry(time: now, event: .ack, rule: a.rule, member: a.member, grid: a.grid, step: a.kind,
                             key: a.key, to: [a.to], subject: a.subject, attempt: a.attempts + 1)
        switch outcome {
        case .accepted(let reply, _):
            entry.smtp = reply
            try store.recordAckAttempt(key: a.key, state: .sent, smtp: reply, nextTry: nil, now: now, log: entry,
                                       thread: a.thread, messageID: a.messageID)
            result.sent += 1
            serverWorksAgain()
            logLine(6, say("已发送\(ackName(a.kind)) \(a.key) 给 \(a.to)：\(reply)", "\(a.kind) \(a.key) sent to \(a.to): \(reply)"))
        case .temporary(let reply):
            entry.smtp = reply
            if now.timeIntervalSince(a.firstTry ?? now) >= runtime.config.schedule.retryMaxAge.approximateSeconds {
                entry.event = .failed
                entry.detail = .gaveUp(retryMaxAge: "\(runtime.config.schedule.retryMaxAge)")
                try store.recordAckAttempt(key: a.key, state: .failed, smtp: reply, nextTry: nil, now: now, log: entry,
                                           thread: nil, messageID: nil)
                result.failed += 1
            } else {
                entry.event = .deferred
                let next = now.addingTimeInterval(backoff(attempt: a.attempts + 1))
                try store.recordAckAttempt(key: a.key, state: .deferred, smtp: reply, nextTry: next, now: now, log: entry,
                                           thread: nil, messageID: nil)
                result.deferred += 1
            }
            logLine(4, say("延后\(ackName(a.kind)) \(a.key)(给 \(a.to))：\(reply)", "\(a.kind) \(a.key) to \(a.to) deferred: \(reply)"))
        case .permanent(let reply):
            entry.event = .failed
            entry.smtp = reply
            try store.recordAckAttempt(key: a.key, state: .failed, smtp: reply, nextTry: nil, now: now, log: entry,
                                       thread: nil, messageID: nil)
            result.failed += 1
            logLine(3, say("\(ackName(a.kind))发送失败 \(a.key)(给 \(a.to))：\(reply)", "\(a.kind) \(a.key) to \(a.to) failed: \(reply)"))
        }
    }
}
