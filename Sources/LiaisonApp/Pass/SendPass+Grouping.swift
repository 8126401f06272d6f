import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

extension SendPass {
    /// Turns the pass's pending reminders into outbox messages (`DailyDigestGrouping`), inside the
    /// caller's transaction: a bundle is committed with its reminders linked to it before
    /// anything is sent. Reminders already in a bundle (a crash after the send, a retry) go
    /// out in that bundle again, never in a new one, so a crash repeats at most that message.
    func prepareMessages(_ pending: [StoredReminder], decided: PassDecisions, composer: MessageComposer, now: Date,
                         result: inout PassResult) throws -> [OutboxMessage] {
        var out: [OutboxMessage] = []
        var fresh: [(StoredReminder, DueReminder)] = []
        var bundled: [String: [StoredReminder]] = [:]
        var bundleOrder: [String] = []
        for r in pending {
            if let b = r.bundle {
                if bundled[b] == nil { bundleOrder.append(b) }
                bundled[b, default: []].append(r)
                continue
            }
            if let d = try resolve(r, decided: decided, now: now) { fresh.append((r, d)) } else { result.superseded += 1 }
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
                    if let d = try resolve(r, decided: decided, now: now) { fresh.append((r, d)) } else { result.superseded += 1 }
                }
                continue
            }
            var byKey: [String: (StoredReminder, DueReminder)] = [:]
            for r in bundled[key] ?? [] {
                if let d = try resolve(r, decided: decided, now: now) { byKey[r.key] = (r, d) } else { result.superseded += 1 }
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
            out.append(OutboxMessage(content: .reminder(r), rendering: try render(r, d, composer: composer, now: now)))
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
                out.append(OutboxMessage(content: .reminder(r), rendering: try render(r, d, composer: composer, now: now)))
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

    /// The message of a bundle, with the items still to be sent: its thread settled in the store
    /// now, its text rendered when the delivery loop asks (`MailRendering`).
    func renderBundle(_ b: StoredBundle, items: [[(StoredReminder, DueReminder)]], composer: MessageComposer,
                      now: Date) throws -> OutboxMessage {
        let thread = try store.ensureThread(b.thread) { ThreadTag.token(from: self.random(10)) }
        let copies = Set(b.items.joined().filter { $0.hasPrefix("~") }.map { String($0.dropFirst()) })
        let carried = items.flatMap { $0.map(\.0) }.filter { !copies.contains($0.key) }
        let from = runtime.config.smtp.from, timeZone = runtime.calendar.timeZone, day = runtime.calendar.day(of: now)
        return OutboxMessage(content: .bundle(b, carried), rendering: MailRendering {
            let text: ComposedText
            switch b.kind {
            case .daily:
                text = composer.composeDaily(items.map { item in
                    DailyListItem(reminders: item.map(\.1), isCopy: item.map { copies.contains($0.0.key) })
                }, token: thread.token, day: day)
            case .merged:
                var reminders = items.flatMap { $0.map(\.1) }
                if thread.messageIDs.isEmpty { reminders[0].opensThread = true }
                text = composer.composeMerged(reminders, token: thread.token)
            }
            let message = MIMEMessage(
                from: from, to: b.to, cc: b.cc, subject: text.subject, body: text.body,
                date: now, timeZone: timeZone, messageID: b.messageID,
                inReplyTo: thread.messageIDs.last, references: thread.messageIDs, autoSubmitted: "auto-generated")
            return ComposedMail(to: b.to, cc: b.cc, subject: text.subject, messageID: b.messageID, data: message.rendered())
        })
    }
}
