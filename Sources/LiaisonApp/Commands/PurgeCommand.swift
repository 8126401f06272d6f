import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond purge`: drops personal data older than a day — log rows, the texts kept with
/// reminders, record notes — keeping what the rules need so nothing is sent again.
enum PurgeCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond purge [--config FILE] --before DATE [--at T]

            删除早于 DATE（支部时区的零点）的日志；清除此前判定的提醒所存的事实、地址和服务器应答，以及此前日期的
            记录所附的备注（汇报内容、联系备注）。保留：每条提醒的键和状态（不会重复判定或发送），每条记录的类型、
            日期、方式和党费月份（规则和导出要用）。等待中的提醒不受影响。明天以后的 DATE 不予执行（退出码 65）。
            输出删除了哪些内容。
            """, """
            liaisond purge [--config FILE] --before DATE [--at T]

            Deletes log rows older than DATE (midnight in the branch's time zone), clears the
            facts, addresses and server replies kept with reminders decided before it, and the
            notes (report texts, contact notes) of records dated before it. Kept: every reminder's
            key and state (nothing is decided or sent twice) and every record's kind, date, method
            and dues month (the rules and the export need them). Waiting reminders are not touched.
            A DATE more than one day ahead is refused (exit 65). Prints what was removed.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "before", "at"], flags: ["help"], command: "purge")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        guard args.positionals.isEmpty else { throw AppError.usage("purge: unexpected argument \"\(args.positionals[0])\"") }
        let beforeText = try args.required("before", command: "purge")
        let rt = try CLI.loadRuntime(args, command: "purge")
        let t = Localized(language: rt.language)
        guard let day = LocalDate.parse(beforeText) else {
            throw AppError.usage(t("purge：--before “\(beforeText)”不是日期（如 2025-01-01)",
                                   "purge: --before \"\(beforeText)\" is not a date (2025-01-01)"))
        }
        let today = rt.calendar.day(of: try CLI.now(args, rt))
        if day > today.adding(days: 1) {
            throw AppError.badData([t("purge：--before \(day) 是将来的日期（今天是 \(today)），未清除；以免笔误清空日志",
                                      "purge: --before \(day) is in the future (today is \(today)); a typo must not wipe the log")])
        }
        guard let store = try StoreAccess.openIfExists(rt) else {
            Platform.writeLine(t("没有可清除的数据（尚未运行过）。", "Nothing to purge (nothing has run yet)."))
            return ExitCode.ok
        }
        let c = try store.purge(before: rt.calendar.startOfDay(day), day: day)
        Platform.writeLine(t("已清除 \(day) 之前的数据：日志 \(c.logRows) 条，提醒内容 \(c.reminderTexts) 条，记录备注 \(c.recordNotes) 条。",
                             "Purged data before \(day): \(c.logRows) log rows, \(c.reminderTexts) reminder texts, \(c.recordNotes) record notes."))
        return ExitCode.ok
    }
}
