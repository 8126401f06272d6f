import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond run`: the daemon (foreground; systemd `Type=notify`).
enum RunCommand {
    static let help = """
        liaisond run --config FILE [--log-level err|warning|notice|info|debug] [--at T]

        Runs in the foreground as a systemd Type=notify service: loads and checks the config and
        roster (exit 65 with every problem), says READY=1, sends what is due at once, then sleeps
        until the next send time, retry or poll. SIGHUP reloads the config and roster (an invalid
        one keeps the running one); SIGTERM lets the message in flight finish and exits 0.
        Log lines on stderr carry journald priorities (<3> error … <7> debug); default level info.
        --at T starts the daemon's clock at T (it then advances in real time): for trying a
        roster out on a given day with a test mailbox, never for the service.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        Daemon.holdSignals()
        let args = try Arguments(argv, options: ["config", "log-level", "at"], flags: ["help"], command: "run")
        if args.has("help") { return CLI.help(help) }
        var level = DaemonLog.Priority.info
        if let name = args["log-level"] {
            guard let l = DaemonLog.Priority(name: name) else {
                throw AppError.usage("run: --log-level \"\(name)\" is not one of err, warning, notice, info, debug")
            }
            level = l
        }
        let log = DaemonLog(level: level)
        let path = try args.required("config", command: "run")
        let daemon: Daemon
        do {
            let rt = try Runtime.load(configPath: path)
            for w in rt.warnings { log(.warning, w.description) }
            let clock = try CLI.at(args, rt).map(Clock.starting(at:)) ?? .system
            try rt.refuseFutureDates(at: clock.now())
            let store = try StoreAccess.open(rt)
            daemon = Daemon(configPath: path, ticker: Ticker(runtime: rt, store: store), log: log, clock: clock)
        } catch let e as AppError {
            // journald sees these as errors too.
            if case .badData(let lines) = e {
                for l in lines { log(.error, l) }
            } else {
                log(.error, "liaisond: \(e.description)")
            }
            return e.exitCode
        }
        daemon.run()
    }
}
