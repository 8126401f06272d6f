import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond due`: what `tick` at the same instant would send. Sends nothing, writes nothing.
enum DueCommand {
    static let help = """
        liaisond due --config FILE [--at T] [--json]

        Lists the reminders that are due at T (default: now) and not yet sent: new ones the rules
        decide, and queued ones whose retry time has come. --json prints one JSON object per line
        with rule, member, grid, to, cc, deadline, step, key, period and due_at.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["json", "help"], command: "due")
        if args.has("help") { return CLI.help(help) }
        let rt = try CLI.loadRuntime(args, command: "due")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.openIfExists(rt)
        var handled = Set<String>()
        var firstTick: Date?
        var waiting: [StoredReminder] = []
        if let s = store {
            handled = try s.handledKeys()
            firstTick = try s.firstTick()
            waiting = try s.pending(at: now)
        }
        let records = try store?.recordBook() ?? RecordBook()
        let windowStart = (firstTick ?? now).addingTimeInterval(-rt.config.schedule.catchUp.approximateSeconds)
        let d = RuleEngine().evaluate(ledger: rt.ledger, records: records, config: rt.config, calendar: rt.calendar,
                                      now: now, windowStart: windowStart, handled: { handled.contains($0) })
        // As tick does: a new step of a thread replaces an older one still waiting.
        let newThreads = Set(d.send.map(\.threadKey))
        let items = waiting.filter { !newThreads.contains($0.thread) }.map(\.dueReminder) + d.send
        if args.has("json") {
            for r in items { Platform.writeLine(json(r, rt)) }
            for r in d.unreachable {
                var j = JSONLine()
                fill(&j, r, rt)
                j.add("unreachable", .bool(true))
                Platform.writeLine(j.text)
            }
        } else {
            let t = Localized(language: rt.language)
            if items.isEmpty {
                Platform.writeLine(t("\(format(now, rt)) 没有待发送的提醒。", "Nothing due at \(format(now, rt))."))
            } else {
                var table = TextTable()
                table.add([t("规则", "rule"), t("党员", "member"), t("网格", "grid"), t("步骤", "step"),
                           t("期限", "deadline"), t("收件人", "to"), t("抄送", "cc")])
                for r in items {
                    table.add([r.rule.rawValue, memberLabel(r.member, rt), r.grid ?? "-", r.step.description,
                               r.deadline?.description ?? "-", r.to.map(\.address).joined(separator: ","),
                               r.cc.map(\.address).joined(separator: ",")])
                }
                Platform.write(table.render())
                Platform.writeLine(t("共 \(items.count) 条(\(format(now, rt)))", "\(items.count) due at \(format(now, rt))"))
            }
            for r in d.unreachable {
                Platform.writeLine(t("无法邮件联系:\(r.rule.rawValue) \(memberLabel(r.member, rt))(无人有邮箱地址)",
                                     "unreachable by mail: \(r.rule.rawValue) \(memberLabel(r.member, rt)) (nobody named has an address)"))
            }
        }
        return ExitCode.ok
    }

    static func memberLabel(_ id: String?, _ rt: Runtime) -> String {
        guard let id else { return "-" }
        if let m = rt.ledger.member(id) { return "\(id) \(m.name)" }
        return id
    }

    static func fill(_ j: inout JSONLine, _ r: DueReminder, _ rt: Runtime) {
        j.add("rule", .string(r.rule.rawValue))
        j.add("member", .string(r.member))
        j.add("grid", .string(r.grid))
        j.add("to", .strings(r.to.map(\.address)))
        j.add("cc", .strings(r.cc.map(\.address)))
        j.add("deadline", .string(r.deadline?.description))
        j.add("step", .string(r.step.description))
        j.add("key", .string(r.key))
        j.add("period", .string(r.period))
        j.add("due_at", .string(ISOTime.format(r.dueAt, rt.calendar.timeZone)))
        if !r.openPeriods.isEmpty { j.add("open_periods", .strings(r.openPeriods)) }
    }

    static func json(_ r: DueReminder, _ rt: Runtime) -> String {
        var j = JSONLine()
        fill(&j, r, rt)
        return j.text
    }

    static func format(_ d: Date, _ rt: Runtime) -> String { ISOTime.format(d, rt.calendar.timeZone) }
}

/// ISO 8601 with the branch's offset (`2026-12-17T09:00:00+08:00`), without a formatter per call.
enum ISOTime {
    static func format(_ d: Date, _ tz: TimeZone) -> String {
        let offset = tz.secondsFromGMT(for: d)
        let t = Int((d.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let day = LocalDate(dayNumber: Int((Double(t) / 86400).rounded(.down)))
        let secs = t - day.dayNumber * 86400
        func p(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = offset >= 0 ? "+" : "-"
        let o = abs(offset)
        return "\(day)T\(p(secs / 3600)):\(p(secs / 60 % 60)):\(p(secs % 60))\(sign)\(p(o / 3600)):\(p(o / 60 % 60))"
    }
}

/// Opening the store from the CLI, with errors an operator can act on.
enum StoreAccess {
    static func open(_ rt: Runtime) throws -> Store {
        Platform.makeDirectory(rt.stateDir, mode: 0o770)
        let existed = Platform.fileExists(rt.storePath)
        do {
            let s = try Store(path: rt.storePath)
            if !existed { Platform.chmod(rt.storePath, 0o660) }
            return s
        } catch let e as SQLiteError where e.isBusy {
            throw AppError.temporary("the store \(rt.storePath) is busy: \(e)")
        } catch {
            throw AppError.store(path: rt.storePath, reason: "\(error)")
        }
    }

    /// nil for a store that does not exist yet (read-only commands must not create it).
    static func openIfExists(_ rt: Runtime) throws -> Store? {
        guard Platform.fileExists(rt.storePath) else { return nil }
        return try open(rt)
    }
}
