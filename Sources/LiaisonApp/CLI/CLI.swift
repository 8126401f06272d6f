import Foundation
import LiaisonCore
import LiaisonStore

/// The `liaisond` executable: one entry point, one exit path that maps errors to sysexits.
public enum CLI {
    /// The sub-commands and their options, the same in both languages.
    static let usageLines = [
        "liaisond check     [--config FILE] [--connect] [--at T]",
        "liaisond config    [--config FILE]",
        "liaisond due       [--config FILE] [--at T] [--json]",
        "liaisond status    [--config FILE] [--at T] [--json] [--html FILE]",
        "liaisond log       [--config FILE] [--member ID] [--liaison ID] [--rule RULE] [--since DATE] [--event E] [--json]",
        "liaisond log       [--config FILE] --event N [--full] [--json]",
        "liaisond record    [--config FILE] KIND --member ID [--date D] [--method M] [--note TEXT] [--through YYYY-MM] [--period P] [--at T]",
        "liaisond record    [--config FILE] void --event ID [--note WHY]",
        "liaisond export    [--config FILE] --year YYYY [--encoding utf-8|gb18030]",
        "liaisond purge     [--config FILE] --before DATE",
        "liaisond tick      [--config FILE] [--at T]",
        "liaisond ingest    [--config FILE] [--at T] < message.eml",
        "liaisond test-mail [--config FILE] --to ADDR",
        "liaisond backup    [--config FILE] FILE",
        "liaisond migrate   [--config FILE]",
        "liaisond run       [--config FILE] [--log-level LEVEL] [--at T]",
        "liaisond --help | --version | -V",
    ].joined(separator: "\n  ")

    public static let version = "0.1.0"

    static func usage(_ t: Localized) -> String {
        t("""
            liaisond \(version) — 流动党员联络提醒

            用法：
              \(usageLines)

            --config 默认为 $LIAISOND_CONFIG，未设置时为 /etc/liaisond/liaisond.conf。
            T 为带时区的 ISO 8601 时间（2026-12-17T09:00:00+08:00）或日期（当天的 send_at）。
            每个子命令都有 --help。退出码：0 成功，64 用法错误，65 数据有误，66 文件读不了，
            69 服务不可用，70 内部错误，73 状态库打不开，75 暂时失败。
            """, """
            liaisond \(version) — reminders for a party branch's mobile members (流动党员联络提醒)

            Usage:
              \(usageLines)

            --config defaults to $LIAISOND_CONFIG, else /etc/liaisond/liaisond.conf.
            T is ISO 8601 with an offset (2026-12-17T09:00:00+08:00) or a date (send_at that day).
            Every sub-command has --help. Exit codes: 0 ok, 64 usage, 65 bad data, 66 cannot read,
            69 unavailable, 70 internal error, 73 cannot open the store, 75 temporary failure.
            """)
    }

    /// The language of help and usage, before (or without) a loaded config: `$LIAISOND_LANG`
    /// (`zh` or `en`), else the `language` of the config the command would read, else Chinese.
    /// Reading only `[branch] language` means a broken config still gets help in its language.
    static func language(configPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Config.Language {
        if let l = environment["LIAISOND_LANG"].flatMap(Config.Language.init(rawValue:)) { return l }
        let path = configPath ?? Runtime.defaultConfigPath(environment: environment)
        guard let bytes = try? Platform.readFile(path) else { return .zh }
        let document = INIParser.parse(String(decoding: bytes, as: UTF8.self), file: path).document
        return document.section("branch")?.entry("language").flatMap { Config.Language(rawValue: $0.value) } ?? .zh
    }

    /// Help texts' `Localized`, from the command line's `--config` (see `language(configPath:)`).
    static func localized(_ args: Arguments) -> Localized {
        Localized(language: language(configPath: args["config"]))
    }

    /// Before any argument is read: `--config FILE` or `--config=FILE` found by a plain scan.
    static func localized(scanning arguments: [String]) -> Localized {
        var path: String?
        for (i, a) in arguments.enumerated() {
            if a == "--config", i + 1 < arguments.count { path = arguments[i + 1] }
            if a.hasPrefix("--config=") { path = String(a.dropFirst("--config=".count)) }
        }
        return Localized(language: language(configPath: path))
    }

    public static func main(_ arguments: [String]) -> Never {
        keepsRuntimeUntilExit = true
        Platform.exit(run(arguments))
    }

    /// Set by `main`, whose process ends when the command returns: freeing a large roster
    /// member by member would only delay that end (0.16 s of a million members' strings, on
    /// top of the kernel's unmapping), so the loaded runtime is kept until `exit`. Tests call
    /// `run` many times in one process and leave it unset.
    nonisolated(unsafe) static var keepsRuntimeUntilExit = false
    nonisolated(unsafe) private static var keptRuntimes: [Runtime] = []

    /// Runs a command line and returns its exit code (tests call this directly).
    public static func run(_ arguments: [String]) -> Int32 {
        let t = localized(scanning: arguments)
        Localized.cli = t
        guard let command = arguments.first else {
            Platform.writeError(usage(t))
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "--help", "-h", "help":
                Platform.writeLine(usage(t))
                return ExitCode.ok
            case "--version", "-V", "version":
                Platform.writeLine("liaisond \(version)")
                return ExitCode.ok
            case "config": return try ConfigCommand.run(rest)
            case "migrate": return try MigrateCommand.run(rest)
            case "backup": return try BackupCommand.run(rest)
            case "test-mail": return try TestMailCommand.run(rest)
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
                throw AppError.usage(t("未知的子命令“\(command)”\n\n", "unknown sub-command \"\(command)\"\n\n") + usage(t))
            }
        } catch let e as AppError {
            Platform.flush()
            Platform.writeError(prefix(e))
            return e.exitCode
        } catch let e as SQLiteError {
            // A store that failed after it was opened (disk full, locked, gone bad): 75 or 73.
            let app = StoreFailure.appError(e, path: nil)
            Platform.flush()
            Platform.writeError(prefix(app))
            return app.exitCode
        } catch {
            Platform.flush()
            Platform.writeError(Localized.cli("liaisond：内部错误：\(error)", "liaisond: internal error: \(error)"))
            return ExitCode.software
        }
    }

    private static func prefix(_ e: AppError) -> String {
        if case .badData = e { return e.description }
        return Localized.cli("liaisond：", "liaisond: ") + e.description
    }

    /// Loads the config named by `--config`, printing warnings to stderr.
    static func loadRuntime(_ args: Arguments, command: String) throws -> Runtime {
        let path = configPath(args)
        let rt: Runtime
        do {
            rt = try Runtime.load(configPath: path)
        } catch AppError.cannotRead(let p, let reason) where p == path && Platform.fileExists(p) {
            // The installed config is root:liaisond 0640: an admin reads it through the group.
            throw AppError.cannotRead(path: p, reason: reason + Runtime.groupHint)
        } catch AppError.cannotRead(let p, let reason) where p == path && args["config"] == nil {
            throw AppError.cannotRead(path: p, reason: reason + Localized.cli(
                "（默认的配置文件；可用 --config FILE 或 LIAISOND_CONFIG 指定其他文件）",
                " (the default config; give another with --config FILE or LIAISOND_CONFIG)"))
        }
        Localized.cli = Localized(language: rt.language)
        for w in rt.warnings { Platform.writeError(w.description) }
        if keepsRuntimeUntilExit { keptRuntimes.append(rt) }
        return rt
    }

    /// `--config`, else `$LIAISOND_CONFIG`, else /etc/liaisond/liaisond.conf.
    static func configPath(_ args: Arguments) -> String {
        args["config"] ?? Runtime.defaultConfigPath()
    }

    /// `--at`, or the real clock: "now" for everything a one-shot command does. Roster dates
    /// after it are refused, as `record` refuses them.
    static func now(_ args: Arguments, _ rt: Runtime) throws -> Date {
        let now = try at(args, rt) ?? Clock.system.now()
        try rt.refuseFutureDates(at: now)
        return now
    }

    /// The instant `--at` names, if given.
    static func at(_ args: Arguments, _ rt: Runtime) throws -> Date? {
        guard let at = args["at"] else { return nil }
        guard let d = TimeArgument.parse(at, calendar: rt.calendar) else {
            throw AppError.usage(Localized(language: rt.language)(
                "--at “\(at)”不是时间：请写 2026-12-17T09:00:00+08:00、…Z 或日期 2026-12-17",
                "--at \"\(at)\" is not a time: use 2026-12-17T09:00:00+08:00, …Z, or a date 2026-12-17"))
        }
        return d
    }

    static func help(_ text: String) -> Int32 {
        Platform.writeLine(text)
        return ExitCode.ok
    }
}
