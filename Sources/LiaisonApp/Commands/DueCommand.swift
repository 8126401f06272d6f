import Foundation
#if canImport(Glibc)
import Glibc
#endif
import LiaisonCore
import LiaisonStore

/// `liaisond due`: what `tick` at the same instant would send. Sends nothing, writes nothing.
enum DueCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond due [--config FILE] [--at T] [--json]

            列出在 T（默认为现在）到期且尚未发送的提醒：规则新判定的，以及重试时间已到的待发提醒。
            --json 每行输出一个 JSON 对象，含 rule、member、grid、to、cc、deadline、step、key、period 和 due_at。
            收件人都没有邮箱地址的提醒也列出，排在最后：文本中注明邮件无法送达，JSON 中带 "unreachable":true
            （其他行没有这个键），to 和 cc 为空。tick 不发送它；status 会列出该党员，直到台账补上地址。
            """, """
            liaisond due [--config FILE] [--at T] [--json]

            Lists the reminders that are due at T (default: now) and not yet sent: new ones the rules
            decide, and queued ones whose retry time has come. --json prints one JSON object per line
            with rule, member, grid, to, cc, deadline, step, key, period and due_at.
            A reminder that nobody it names can receive (no e-mail address in the roster) is listed
            too, after the others: in the text as "unreachable by mail", in JSON with
            "unreachable":true (a key the other lines lack) and empty "to" and "cc". tick sends it to
            no one; status lists the member until the roster gives an address.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["json", "help"], command: "due")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "due")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.openForReading(rt)
        var handled = Set<String>()
        var firstTick: Date?
        var waiting: [StoredReminder] = []
        if let s = store {
            handled = try s.handledKeys()
            firstTick = try s.firstTick()
            waiting = try s.pending(at: now)
        }
        let records = try store?.recordBook() ?? RecordBook()
        let windowStart = rt.config.schedule.windowStart(firstTick: firstTick, now: now)
        if args.has("json") && waiting.isEmpty {
            // Nothing waiting to merge with: decided and written a batch of members at a time.
            writeJSONLines(rt, records: records, now: now, windowStart: windowStart, handled: handled)
            return ExitCode.ok
        }
        let d = RuleEngine().evaluate(ledger: rt.ledger, records: records, config: rt.config, calendar: rt.calendar,
                                      now: now, windowStart: windowStart, handledKeys: handled)
        // As tick does: a new step of a thread replaces an older one still waiting.
        var items: [DueReminder]
        if waiting.isEmpty {
            items = d.send
        } else {
            let gone = Set(RuleEngine.superseded(waiting, thread: \.thread, by: d.send).map(\.waiting.key))
            items = waiting.filter { !gone.contains($0.key) }.map(\.dueReminder) + d.send
        }
        if args.has("json") {
            // A million members give hundreds of MB: bytes straight into one buffer, no String
            // per field (the output is byte for byte what `JSONLine` would write).
            var out = JSONBytesOut(timeZone: rt.calendar.timeZone)
            for r in items { out.line(r, unreachable: false) }
            for r in d.unreachable { out.line(r, unreachable: true) }
            out.finish()
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
                Platform.writeLine(t("无法邮件联系：\(r.rule.rawValue) \(memberLabel(r.member, rt))（无人有邮箱地址）",
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

    static func format(_ d: Date, _ rt: Runtime) -> String { ISOTime.format(d, rt.calendar.timeZone) }
}
