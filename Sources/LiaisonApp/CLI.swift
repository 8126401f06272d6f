import Foundation
import LiaisonCore

/// The `liaisond` executable: one entry point, one exit path that maps errors to sysexits.
public enum CLI {
    public static let version = "0.1.0"

    static let usage = """
        liaisond \(version) — reminders for a party branch's mobile members (流动党员联络提醒)

        Usage:
          liaisond run      --config FILE [--log-level LEVEL]
          liaisond check    --config FILE
          liaisond due      --config FILE [--at T] [--json]
          liaisond tick     --config FILE [--at T]
          liaisond log      --config FILE [--member ID] [--liaison ID] [--rule RULE] [--since DATE] [--event E] [--json]
          liaisond log      --config FILE --event N [--full] [--json]
          liaisond status   --config FILE [--at T] [--json]
          liaisond record   --config FILE KIND --member ID [--date D] [--method M] [--note TEXT] [--through YYYY-MM] [--at T]
          liaisond record   --config FILE void --event ID [--note WHY]
          liaisond export   --config FILE --year YYYY [--encoding utf-8|gb18030]
          liaisond purge    --config FILE --before DATE
          liaisond ingest   --config FILE [--at T] < message.eml
          liaisond --help | --version

        T is ISO 8601 with an offset (2026-12-17T09:00:00+08:00) or a date (send_at that day).
        Every sub-command has --help. Exit codes: 0 ok, 64 usage, 65 bad data, 69 unavailable,
        70 internal error, 75 temporary failure.
        """

    public static func main(_ arguments: [String]) -> Never {
        Platform.exit(run(arguments))
    }

    /// Runs a command line and returns its exit code (tests call this directly).
    public static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            Platform.writeError(usage)
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "--help", "-h", "help":
                Platform.writeLine(usage)
                return ExitCode.ok
            case "--version":
                Platform.writeLine("liaisond \(version)")
                return ExitCode.ok
            case "check": return try CheckCommand.run(rest)
            case "due": return try DueCommand.run(rest)
            case "tick": return try TickCommand.run(rest)
            case "log": return try LogCommand.run(rest)
            case "record": return try RecordCommand.run(rest)
            case "status": return try StatusCommand.run(rest)
            case "export": return try ExportCommand.run(rest)
            case "purge": return try PurgeCommand.run(rest)
            case "ingest": return try IngestCommand.run(rest)
            case "run": return try RunCommand.run(rest)
            default:
                throw AppError.usage("unknown sub-command \"\(command)\"\n\n\(usage)")
            }
        } catch let e as AppError {
            Platform.flush()
            Platform.writeError(prefix(e))
            return e.exitCode
        } catch {
            Platform.flush()
            Platform.writeError("liaisond: internal error: \(error)")
            return ExitCode.software
        }
    }

    private static func prefix(_ e: AppError) -> String {
        if case .badData = e { return e.description }
        return "liaisond: \(e.description)"
    }

    /// Loads the config named by `--config`, printing warnings to stderr.
    static func loadRuntime(_ args: Arguments, command: String) throws -> Runtime {
        let path = try args.required("config", command: command)
        let rt = try Runtime.load(configPath: path)
        for w in rt.warnings { Platform.writeError(w.description) }
        return rt
    }

    /// `--at`, or the real clock.
    static func now(_ args: Arguments, _ rt: Runtime) throws -> Date {
        guard let at = args["at"] else { return Date() }
        guard let d = TimeArgument.parse(at, calendar: rt.calendar) else {
            throw AppError.usage("--at \"\(at)\" is not a time: use 2026-12-17T09:00:00+08:00, …Z, or a date 2026-12-17")
        }
        return d
    }

    static func help(_ text: String) -> Int32 {
        Platform.writeLine(text)
        return ExitCode.ok
    }
}
