import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

/// One message of a send pass: one reminder in its own thread, or a bundle (the secretary's
/// daily list, one fact several rules stand for) carrying several.
struct SendUnit {
    var reminders: [StoredReminder]
    var bundle: StoredBundle?

    var keys: [String] { reminders.map(\.key) }
    /// The unit's key in log lines: the reminder's, or the bundle's for a grouped message.
    var key: String { bundle?.key ?? reminders.first?.key ?? "" }
    /// Attempts so far: the most any of its reminders had.
    var attempts: Int { reminders.map(\.attempts).max() ?? 0 }
}

extension SendPass {
    /// Turns the pass's pending reminders into messages (`DailyDigestGrouping`), inside the
    /// caller's transaction: a bundle is committed with its reminders linked to it before
    /// anything is sent. Reminders already in a bundle (a crash after the send, a retry) go
    /// out in that bundle again, never in a new one, so a crash repeats at most that message.
    func prepareUnits(_ pending: [StoredReminder], ctx: RuleContext, composer: MessageComposer, now: Date,
                      result: inout PassResult) throws -> [(SendUnit, ComposedMail)] {
        var out: [(SendUnit, ComposedMail)] = []
        var fresh: [(StoredReminder, DueReminder)] = []
        var bundled: [String: [StoredReminder]] = [:]
        var bundleOrder: [String] = []
        for r in pending {
            if let b = r.bundle {
                if bundled[b] == nil { bundleOrder.append(b) }
                bundled[b, default: []].append(r)
                continue
            }
            if let d = try resolve(r, ctx: ctx, now: now) { fresh.append((r, d)) } else { result.superseded += 1 }
        }

        // Bundles made before: the same message again, with what still holds.
        for key in bundleOrder {
            guard let b = try store.bundle(key: key) else { continue }
            // Part of it held back (a rate cap): the same Message-ID must not carry two
            // different texts, so the bundle is undone and what is here is planned afresh.
            let here = Set((bundled[key] ?? []).map(\.key))
            let elsewhere = try b.keys.filter { !$0.hasPrefix("~") && !here.contains($0) }.contains { k in
                let state = try store.reminder(key: k)?.state
                return state == .queued || state == .deferred
            }
            if elsewhere {
                try store.dissolveBundle(key, now: now)
                for r in bundled[key] ?? [] {
                    if let d = try resolve(r, ctx: ctx, now: now) { fresh.append((r, d)) } else { result.superseded += 1 }
                }
                continue
            }
            var byKey: [String: (StoredReminder, DueReminder)] = [:]
            for r in bundled[key] ?? [] {
                if let d = try resolve(r, ctx: ctx, now: now) { byKey[r.key] = (r, d) } else { result.superseded += 1 }
            }
            // Copies (`~key`) are only shown: read as they were stored, whatever their state.
            for k in b.items.joined() where k.hasPrefix("~") {
                if let r = try store.reminder(key: String(k.dropFirst())) { byKey[k] = (r, r.dueReminder) }
            }
            let items = b.items.map { $0.compactMap { byKey[$0] } }.filter { !$0.isEmpty }
            guard items.contains(where: { $0.contains { byKey[$0.0.key] != nil } }) else {
                try store.dissolveBundle(key, now: now)
                continue
            }
            out.append(try renderBundle(b, items: items, composer: composer, now: now))
        }

        // Copies a list made before shows (it goes out again above, or went out): not listed
        // again; they go to the others without the secretary.
        let secretary = runtime.config.branch.secretary
        var shown = Set<String>()
        for key in bundleOrder {
            let keys = try store.bundle(key: key)?.keys ?? []
            for k in keys where k.hasPrefix("~") { shown.insert(String(k.dropFirst())) }
        }
        for (r, d) in fresh {
            let listed = try shown.contains(r.key) || store.isShownInDailyList(r.key)
            guard listed else { continue }
            var d = d
            (d.to, d.cc) = DailyDigestGrouping.withoutSecretary(d, secretary: secretary)
            out.append((SendUnit(reminders: [r]), try render(r, d, composer: composer, now: now)))
            shown.insert(r.key)
        }
        fresh.removeAll { shown.contains($0.0.key) }

        // New reminders: planned into messages.
        let plans = DailyDigestGrouping.plan(fresh.map(\.1), secretary: secretary, group: runtime.config.mail.group)
        let domain = runtime.config.smtp.from.address.split(separator: "@").last.map(String.init) ?? "liaisond.invalid"
        for plan in plans {
            let items = plan.items.map { $0.map { fresh[$0] } }
            switch plan.kind {
            case .single:
                var (r, d) = items[0][0]
                // The secretary's copy may be in the daily list instead.
                d.to = plan.to
                d.cc = plan.cc
                out.append((SendUnit(reminders: [r]), try render(r, d, composer: composer, now: now)))
            case .merged:
                let primary = items[0][0].0
                let b = StoredBundle(key: "merged|\(primary.key)", kind: .merged, thread: primary.thread,
                                     messageID: primary.messageID, to: plan.to, cc: plan.cc,
                                     items: items.map { $0.map(\.0.key) })
                try store.createBundle(b, now: now)
                out.append(try renderBundle(b, items: items, composer: composer, now: now))
            case .daily:
                let day = runtime.calendar.day(of: now)
                let to = plan.to.first?.address.lowercased() ?? ""
                let thread = try store.ensureThread("daily|\(to)|\(day)") { ThreadTag.token(from: self.random(10)) }
                let keys = plan.items.map { $0.map { (plan.copies.contains($0) ? "~" : "") + fresh[$0].0.key } }
                let b = StoredBundle(key: "daily|\(fresh[plan.items[0][0]].0.key)", kind: .daily, thread: thread.thread,
                                     messageID: "\(thread.token).\(ThreadTag.token(from: random(10)))@\(domain)",
                                     to: plan.to, cc: plan.cc, items: keys)
                try store.createBundle(b, now: now)
                out.append(try renderBundle(b, items: items, composer: composer, now: now))
            }
        }
        return out
    }

    /// The message of a bundle, with the items still to be sent.
    func renderBundle(_ b: StoredBundle, items: [[(StoredReminder, DueReminder)]], composer: MessageComposer,
                      now: Date) throws -> (SendUnit, ComposedMail) {
        let thread = try store.ensureThread(b.thread) { ThreadTag.token(from: self.random(10)) }
        let text: ComposedText
        switch b.kind {
        case .daily:
            let copies = Set(b.items.joined().filter { $0.hasPrefix("~") }.map { String($0.dropFirst()) })
            text = composer.composeDaily(items.map { item in
                DailyListItem(reminders: item.map(\.1), isCopy: item.map { copies.contains($0.0.key) })
            }, token: thread.token, day: runtime.calendar.day(of: now))
        case .merged:
            var reminders = items.flatMap { $0.map(\.1) }
            if thread.messageIDs.isEmpty { reminders[0].opensThread = true }
            text = composer.composeMerged(reminders, token: thread.token)
        }
        let message = MIMEMessage(
            from: runtime.config.smtp.from, to: b.to, cc: b.cc, subject: text.subject, body: text.body,
            date: now, timeZone: runtime.calendar.timeZone, messageID: b.messageID,
            inReplyTo: thread.messageIDs.last, references: thread.messageIDs, autoSubmitted: "auto-generated")
        let copies = Set(b.items.joined().filter { $0.hasPrefix("~") }.map { String($0.dropFirst()) })
        let unit = SendUnit(reminders: items.flatMap { $0.map(\.0) }.filter { !copies.contains($0.key) }, bundle: b)
        return (unit, ComposedMail(to: b.to, cc: b.cc, subject: text.subject, messageID: b.messageID,
                                   data: message.rendered()))
    }

    /// A bundle's outcome for every reminder it carries (one log line each), in one commit.
    func recordBundle(_ outcome: DeliveryResult, _ b: StoredBundle, _ reminders: [StoredReminder], mail: ComposedMail,
                      now: Date, into result: inout PassResult) throws {
        let attempt = (reminders.map(\.attempts).max() ?? 0) + 1
        func entries(_ event: LogEvent, smtp: String, detail: LogDetail?) -> [LogEntry] {
            reminders.map { r in
                var e = logEntry(event, r, now: now, detail: detail)
                e.to = mail.to.map(\.address)
                e.cc = mail.cc.map(\.address)
                e.subject = mail.subject
                e.attempt = attempt
                e.smtp = smtp
                return e
            }
        }
        let what = say("\(b.kind == .daily ? "每日待办" : "合并提醒") \(b.key)(\(reminders.count) 项)",
                       "\(b.kind.rawValue) message \(b.key) (\(reminders.count) items)")
        let note = LogDetail.bundled(items: reminders.count, bundle: b.key, gaveUp: false)
        switch outcome {
        case let .accepted(reply, refused):
            try store.recordBundleAttempt(bundle: b.key, keys: reminders.map(\.key), state: .sent, smtp: reply, nextTry: nil,
                                          now: now, logs: entries(.sent, smtp: reply, detail: note),
                                          thread: b.thread, messageID: b.messageID)
            result.sent += reminders.count
            logLine(6, say("已发送 \(what) 给 \(mail.to.map(\.address).joined(separator: ","))：\(reply)",
                           "sent \(what) to \(mail.to.map(\.address).joined(separator: ",")): \(reply)"))
            for f in refused {
                try store.appendLog(LogEntry(time: now, event: .failed, key: b.key, to: [f.address], subject: mail.subject,
                                             smtp: f.reply, detail: .recipientRefused))
                logLine(3, say("收件人 \(f.address) 被拒收(\(b.key))：\(f.reply)", "recipient \(f.address) refused for \(b.key): \(f.reply)"))
            }
        case .temporary(let reply):
            let first = reminders.compactMap(\.firstTry).min() ?? now
            if now.timeIntervalSince(first) >= runtime.config.schedule.retryMaxAge.approximateSeconds {
                try store.recordBundleAttempt(bundle: b.key, keys: reminders.map(\.key), state: .failed, smtp: reply,
                                              nextTry: nil, now: now,
                                              logs: entries(.failed, smtp: reply, detail: .bundled(items: reminders.count, bundle: b.key, gaveUp: true)),
                                              thread: nil, messageID: nil)
                result.failed += reminders.count
                logLine(3, say("发送失败 \(what)：\(reply)(已超过 retry_max_age，不再重试)", "failed \(what): \(reply) (retry_max_age passed)"))
            } else {
                let next = now.addingTimeInterval(backoff(attempt: attempt))
                try store.recordBundleAttempt(bundle: b.key, keys: reminders.map(\.key), state: .deferred, smtp: reply,
                                              nextTry: next, now: now, logs: entries(.deferred, smtp: reply, detail: note),
                                              thread: nil, messageID: nil)
                result.deferred += reminders.count
                let at = ISOTime.format(next, runtime.calendar.timeZone)
                logLine(4, say("延后 \(what)：\(reply)；下次尝试 \(at)", "deferred \(what): \(reply); next try \(at)"))
            }
        case .permanent(let reply):
            try store.recordBundleAttempt(bundle: b.key, keys: reminders.map(\.key), state: .failed, smtp: reply, nextTry: nil,
                                          now: now, logs: entries(.failed, smtp: reply, detail: note),
                                          thread: nil, messageID: nil)
            result.failed += reminders.count
            logLine(3, say("发送失败 \(what)：\(reply)", "failed \(what): \(reply)"))
        }
    }
}
