import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond status`: where the branch stands — per grid, what is overdue, what the roster
/// lacks, dues, the send queue. Reads only; a branch that never ticked gets no store created.
enum StatusCommand {
    static let help = """
        liaisond status --config FILE [--at T] [--json]

        Per grid: outgoing and incoming members, contacted this quarter, pending, and quarterly
        contacts overdue (contact.quarterly only; in JSON "overdue").
        Then everything overdue, of every rule (with the last reminder sent), members whose rows lack what a rule
        needs (no liaison, no since date, nobody reachable by e-mail), paused members, dues
        owed or unknown, the send queue (queued, deferred: next try and last server reply),
        delivery failures of the last 30 days, and addresses flagged by bounces.
        --json prints one JSON object per line, each with a "type": grid, overdue, problem,
        paused, dues, queue, failed, flagged.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["json", "help"], command: "status")
        if args.has("help") { return CLI.help(help) }
        guard args.positionals.isEmpty else { throw AppError.usage("status: unexpected argument \"\(args.positionals[0])\"") }
        let rt = try CLI.loadRuntime(args, command: "status")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.openIfExists(rt)
        let report = try StatusReport.build(rt, store: store, now: now)
        if args.has("json") {
            for line in report.jsonLines(rt) { Platform.writeLine(line) }
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
