import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond status`: where the branch stands — per grid, what is overdue, what the roster
/// lacks, dues, the send queue. Reads only; a branch that never ticked gets no store created.
enum StatusCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond status [--config FILE] [--at T] [--json] [--html FILE]

            按网格列出流出和流入党员人数、本季度已联系、待联系和逾期未联系的人数（仅 contact.quarterly；
            JSON 中为 "overdue"）。然后列出各规则的全部逾期事项（附最近一次提醒）、台账缺项的党员（没有联系人、
            没有流动时间、谁都收不到邮件）、暂停提醒的党员、欠交或不详的党费、发送队列（待发、延后：下次尝试和
            最近的服务器应答）、近30天的投递失败、被退信标记的地址，以及发送暂停的原因和状态库的路径。
            --json 每行输出一个 JSON 对象，各带 "type"：grid、overdue、problem、paused、dues、queue、failed、flagged，
            发送暂停时还有 smtp_stop，上一轮发送未能完成（状态库被锁或磁盘已满）时还有 pass_failed。
            --html FILE 另把本月至今的情况写成月报的 HTML 页面（按网格的表格、进度条和名单），供浏览器打开。
            """, """
            liaisond status [--config FILE] [--at T] [--json] [--html FILE]

            Per grid: outgoing and incoming members, contacted this quarter, pending, and quarterly
            contacts overdue (contact.quarterly only; in JSON "overdue").
            Then everything overdue, of every rule (with the last reminder sent), members whose rows lack what a rule
            needs (no liaison, no since date, nobody reachable by e-mail), paused members, dues
            owed or unknown, the send queue (queued, deferred: next try and last server reply),
            delivery failures of the last 30 days, addresses flagged by bounces, why sending
            stopped (a refused login, an unreachable server) and the store's path.
            --json prints one JSON object per line, each with a "type": grid, overdue, problem,
            paused, dues, queue, failed, flagged, smtp_stop while sending is stopped, and pass_failed
            while the last send pass could not finish (store locked or disk full: what waits and why).
            --html FILE also writes the month so far as the monthly report's HTML page (tables per
            grid with bars, names), for a browser.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at", "html"], flags: ["json", "help"], command: "status")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        guard args.positionals.isEmpty else { throw AppError.usage("status: unexpected argument \"\(args.positionals[0])\"") }
        let rt = try CLI.loadRuntime(args, command: "status")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.openForReading(rt)
        let report = try StatusReport.build(rt, store: store, now: now)
        if let path = args["html"] {
            // The month so far, as the report of its first day of next month would show it.
            let today = rt.calendar.day(of: now)
            let page = try MonthlyReportBuilder.build(rt, store: store, sentOn: today.yearMonth.adding(months: 1).firstDay,
                                                      asOf: today)
                .html(language: rt.config.branch.language, branch: rt.config.branch.name)
            do {
                try Data(page.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw AppError.usage("status: --html \(path): \(error.localizedDescription)")
            }
        }
        if args.has("json") {
            for line in report.jsonLines(rt) { Platform.writeLine(line) }
            if let store, let stop = try ServerStop.load(from: store) {
                var j = JSONLine()
                j.add("type", .string("smtp_stop"))
                j.add("problem", .string("\(stop.problem)"))
                j.add("reply", .string(stop.reply))
                j.add("time", .string(ISOTime.format(stop.time, rt.calendar.timeZone)))
                j.add("next_try", .string(ISOTime.format(stop.retryAt, rt.calendar.timeZone)))
                j.add("advice", .string(stop.advice(Localized(language: rt.language))))
                Platform.writeLine(j.text)
            }
        } else {
            let t = Localized(language: rt.language)
            Platform.write(report.text(rt))
            if let store, let stop = try ServerStop.load(from: store) {
                let when = String(ISOTime.format(stop.time, rt.calendar.timeZone).prefix(16)).replacingOccurrences(of: "T", with: " ")
                let next = String(ISOTime.format(stop.retryAt, rt.calendar.timeZone).prefix(16)).replacingOccurrences(of: "T", with: " ")
                Platform.writeLine(t("\n发送暂停（\(when)）：\(stop.advice(t))。\n  服务器应答：\(stop.reply)\n  下次尝试：\(next)",
                                     "\nSending stopped (\(when)): \(stop.advice(t)).\n  Server: \(stop.reply)\n  Next try: \(next)"))
            }
            // Which store this is, so an admin can tell it is the service's.
            Platform.writeLine(store != nil ? t("\n状态库：\(rt.storePath)", "\nStore: \(rt.storePath)")
                : t("\n状态库：\(rt.storePath)（尚不存在：服务尚未运行过，或此配置指向的不是服务的状态库）",
                    "\nStore: \(rt.storePath) (does not exist yet: the service has not run, or this config names another store)"))
        }
        return ExitCode.ok
    }
}
