import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond run`: the daemon (foreground; systemd `Type=notify`).
enum RunCommand {
    static let help = """
        liaisond run --config FILE [--log-level err|warning|notice|info|debug]

        Runs in the foreground as a systemd Type=notify service: loads and checks the config and
        roster (exit 65 with every problem), says READY=1, sends what is due at once, then sleeps
        until the next send time, retry or poll. SIGHUP reloads the config and roster (an invalid
        one keeps the running one); SIGTERM lets the message in flight finish and exits 0.
        Log lines on stderr carry journald priorities (<3> error … <7> debug); default level info.
        """

    static func run(_ argv: [String]) throws -> Int32 {
        Daemon.holdSignals()
        let args = try Arguments(argv, options: ["config", "log-level"], flags: ["help"], command: "run")
        if args.has("help") { return CLI.help(help) }
        var level = DaemonLog.Priority.info
        if let name = args["log-level"] {
            guard let l = DaemonLog.Priority(name: name) else {
                throw AppError.usage("run: --log-level \"\(name)\" is not one of err, warning, notice, info, debug")
            }
            level = l
        }
        let log = DaemonLog(level: level)
        let path = CLI.configPath(args)
        let daemon: Daemon
        do {
            let rt = try Runtime.load(configPath: path)
            for w in rt.warnings { log(.warning, w.description) }
            try checkStateDirectory(rt)
            let store = try StoreAccess.open(rt)
            daemon = Daemon(configPath: path, ticker: Ticker(runtime: rt, store: store), log: log)
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

    /// Under systemd (`StateDirectory=`), only the state folder is writable: a store anywhere
    /// else would fail later, or worse, be one the admins' commands do not read. The store's
    /// path comes from the config alone, so the fix belongs in the config.
    static func checkStateDirectory(_ rt: Runtime,
                                    environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let sd = environment["STATE_DIRECTORY"], !sd.isEmpty else { return }
        let dirs = sd.split(separator: ":").map { String($0).hasSuffix("/") ? String($0.dropLast()) : String($0) }
        guard !dirs.contains(rt.stateDir) else { return }
        let suggested = ((dirs.first ?? sd) as NSString).appendingPathComponent("liaisond.sqlite")
        throw AppError.store(path: rt.storePath, reason: "it is outside the service's state directory \(dirs.first ?? sd); "
                             + "set [store] path = \(suggested) in \(rt.configPath), so that the service and every "
                             + "command use the same store")
    }
}
