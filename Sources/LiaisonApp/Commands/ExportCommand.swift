import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond export`: each member's year as a CSV for Excel/WPS (党务工作记录, 民主评议).
enum ExportCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond export [--config FILE] --year YYYY [--encoding utf-8|gb18030] > 2026.csv

            为台账中的每名党员输出一行 CSV，汇总其全年情况：联系（日期和方式）、未联系上的尝试、汇报（日期和次数，
            不含内容）、党费交至的月份和当年交纳的月数、活动证检查、已发的提醒和逾期事项。
            格式为 RFC 4180（CRLF 换行，中文表头）；默认为带 BOM 的 UTF-8（Excel 可直接打开），或不带 BOM 的 GB18030。
            """, """
            liaisond export [--config FILE] --year YYYY [--encoding utf-8|gb18030] > 2026.csv

            Writes one CSV row per roster member with their year: contacts (dates and methods),
            unreachable attempts, reports (dates and count, never their texts), dues paid through
            and months paid in the year, certificate checks, reminders sent and the overdue ones.
            RFC 4180 with CRLF and Chinese headers; UTF-8 with a BOM by default (Excel opens it
            directly), or GB18030 without a BOM.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "year", "encoding"], flags: ["help"], command: "export")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        guard args.positionals.isEmpty else { throw AppError.usage("export: unexpected argument \"\(args.positionals[0])\"") }
        let yearText = try args.required("year", command: "export")
        guard yearText.count == 4, let year = Int(yearText), (2000...2999).contains(year) else {
            throw AppError.usage("export: --year \"\(yearText)\" is not a year (2026)")
        }
        let encoding = args["encoding"] ?? "utf-8"
        _ = try ExportReport.encode("", encoding: encoding)  // a bad --encoding is a usage error before any work
        let rt = try CLI.loadRuntime(args, command: "export")
        let text = try ExportReport.csv(rt, store: try StoreAccess.openForReading(rt), year: year)
        Platform.flush()
        FileHandle.standardOutput.write(Data(try ExportReport.encode(text, encoding: encoding)))
        return ExitCode.ok
    }
}
