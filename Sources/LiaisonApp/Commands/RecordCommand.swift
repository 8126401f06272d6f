import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond record`: what happened outside e-mail — a phone call, dues paid at the office.
enum RecordCommand {
    static let help = """
        liaisond record --config FILE KIND --member ID [--date D] [--method M] [--note TEXT] [--through YYYY-MM] [--at T]
        liaisond record --config FILE void --event ID [--note WHY]

        KIND: contact, unreachable, report, dues (with --through YYYY-MM), inspection, transfer,
        register. --date defaults to today; a date more than one day ahead, or dues paid more than
        12 months ahead, is refused (exit 65). void withdraws an earlier record by the id that
        `liaisond log` shows (#ID).
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "member", "date", "method", "note", "through", "at", "event"],
                                 flags: ["help"], command: "record", maxPositionals: 1)
        if args.has("help") { return CLI.help(help) }
        guard args.positionals.count == 1, let kindText = args.positionals.first else {
            throw AppError.usage("record: give one KIND (contact, unreachable, report, dues, inspection, transfer, register, void)")
        }
        let rt = try CLI.loadRuntime(args, command: "record")
        let now = try CLI.now(args, rt)
        let t = Localized(language: rt.language)
        if kindText == "void" {
            guard let idText = args["event"], let id = Int64(idText.hasPrefix("#") ? String(idText.dropFirst()) : idText) else {
                throw AppError.usage("record void: --event ID is required (the #ID that liaisond log shows)")
            }
            let store = try StoreAccess.open(rt)
            guard let r = try store.voidRecord(id: id, note: args["note"], now: now) else {
                throw AppError.badData(["record void: no record #\(id) (or it is already withdrawn)"])
            }
            Platform.writeLine(t("已撤销记录 #\(id)(\(r.record.kind.rawValue) \(r.record.member) \(r.record.date))",
                                 "withdrew record #\(id) (\(r.record.kind.rawValue) \(r.record.member) \(r.record.date))"))
            return ExitCode.ok
        }
        guard let kind = Record.Kind(rawValue: kindText) else {
            throw AppError.usage("record: unknown KIND \"\(kindText)\" (contact, unreachable, report, dues, inspection, transfer, register, void)")
        }
        let memberID = try args.required("member", command: "record")
        guard rt.ledger.member(memberID) != nil else {
            throw AppError.badData(["record: no member \"\(memberID)\" in \(rt.membersPath)"])
        }
        let today = rt.calendar.day(of: now)
        var date = today
        if let d = args["date"] {
            guard let parsed = LocalDate.parse(d) else {
                throw AppError.badData(["record: --date \"\(d)\" is not a date (2026-12-20, 2026/12/20, 2026年12月20日)"])
            }
            date = parsed
        }
        if date > today.adding(days: 1) {
            throw AppError.badData(["record: --date \(date) is in the future (today is \(today)); a typo must not silence reminders"])
        }
        var through: YearMonth?
        if kind == .dues {
            guard let th = args["through"] else { throw AppError.usage("record dues: --through YYYY-MM is required") }
            guard let ym = YearMonth.parse(th) else {
                throw AppError.badData(["record: --through \"\(th)\" is not a month (2026-11, 2026年11月)"])
            }
            if ym > today.yearMonth.adding(months: 12) {
                throw AppError.badData(["record: --through \(ym) is more than 12 months ahead; a typo must not silence reminders"])
            }
            through = ym
        } else if args["through"] != nil {
            throw AppError.usage("record: --through is only for dues")
        }
        let store = try StoreAccess.open(rt)
        let rec = Record(kind: kind, member: memberID, date: date, method: args["method"], note: args["note"], through: through)
        let id = try store.addRecord(rec, source: "cli", now: now)
        Platform.writeLine(t("已记录 #\(id):\(kind.rawValue) \(memberID) \(date)" + (through.map { " 至 \($0)" } ?? ""),
                             "recorded #\(id): \(kind.rawValue) \(memberID) \(date)" + (through.map { " through \($0)" } ?? "")))
        return ExitCode.ok
    }
}
