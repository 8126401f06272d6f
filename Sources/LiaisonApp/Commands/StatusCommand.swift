import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond status`: where the branch stands — per grid, what is overdue, what the roster
/// lacks, dues, the send queue. Reads only; a branch that never ticked gets no store created.
enum StatusCommand {
    static let help = """
        liaisond status --config FILE [--at T] [--json] [--html FILE]

        Per grid: outgoing and incoming members, contacted this quarter, pending, and quarterly
        contacts overdue (contact.quarterly only; in JSON "overdue").
        Then everything overdue, of every rule (with the last reminder sent), members whose rows lack what a rule
        needs (no liaison, no since date, nobody reachable by e-mail), paused members, dues
        owed or unknown, the send queue (queued, deferred: next try and last server reply),
        delivery failures of the last 30 days, and addresses flagged by bounces.
        --json prints one JSON object per line, each with a "type": grid, overdue, problem,
        paused, dues, queue, failed, flagged, and pass_failed while the last send pass could not
        finish (store locked or disk full: what waits and why, until a pass completes).
        --html FILE also writes the month so far as the monthly report's HTML page (tables per
        grid with bars, names), for a browser.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at", "html"], flags: ["json", "help"], command: "status")
        if args.has("help") { return CLI.help(help) }
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
        } else {
            Platform.write(report.text(rt))
        }
        return ExitCode.ok
    }
}
