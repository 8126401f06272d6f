import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond export`: each member's year as a CSV for Excel/WPS (党务工作记录, 民主评议).
enum ExportCommand {
    static let help = """
        liaisond export --config FILE --year YYYY [--encoding utf-8|gb18030] > 2026.csv

        Writes one CSV row per roster member with their year: contacts (dates and methods),
        unreachable attempts, reports (dates and count, never their texts), dues paid through
        and months paid in the year, certificate checks, reminders sent and the overdue ones.
        RFC 4180 with CRLF and Chinese headers; UTF-8 with a BOM by default (Excel opens it
        directly), or GB18030 without a BOM.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "year", "encoding"], flags: ["help"], command: "export")
        if args.has("help") { return CLI.help(help) }
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
