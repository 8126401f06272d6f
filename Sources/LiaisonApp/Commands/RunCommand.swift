import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond run`: the daemon (foreground; systemd `Type=notify`).
enum RunCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond run [--config FILE] [--log-level err|warning|notice|info|debug] [--at T]

            作为 systemd Type=notify 服务在前台运行：读取并检查配置和台账（有问题时全部列出，以 65 退出），
            发出 READY=1，立即发送到期的提醒，然后休眠到下一个发送、重试或收信时间。SIGHUP 重新读取配置和台账
            （新的无效时继续使用旧的）；SIGTERM 等正在发送的邮件发完后以 0 退出。
            标准错误输出的日志行带 journald 优先级（<3> 错误 … <7> 调试），默认级别 info；日志为英文，便于检索。
            状态库需要升级时，先复制为 liaisond.sqlite.bak-vN 再升级。在 systemd 下（设置了 STATE_DIRECTORY），
            状态库必须位于该目录中。
            --at T 让守护进程的时钟从 T 开始（之后按实际时间走）：用于以测试邮箱试运行某一天，切勿用于正式服务。
            """, """
            liaisond run [--config FILE] [--log-level err|warning|notice|info|debug] [--at T]

            Runs in the foreground as a systemd Type=notify service: loads and checks the config and
            roster (exit 65 with every problem), says READY=1, sends what is due at once, then sleeps
            until the next send time, retry or poll. SIGHUP reloads the config and roster (an invalid
            one keeps the running one); SIGTERM lets the message in flight finish and exits 0.
            Log lines on stderr carry journald priorities (<3> error … <7> debug); default level info.
            An older store is copied to liaisond.sqlite.bak-vN, then upgraded. Under systemd
            (STATE_DIRECTORY set) the store must be in that folder.
            --at T starts the daemon's clock at T (it then advances in real time): for trying a
            roster out on a given day with a test mailbox, never for the service.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        Daemon.holdSignals()
        let args = try Arguments(argv, options: ["config", "log-level", "at"], flags: ["help"], command: "run")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
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
            let clock = try CLI.at(args, rt).map(Clock.starting(at:)) ?? .system
            try rt.refuseFutureDates(at: clock.now())
            let store = try StoreAccess.open(rt)
            daemon = Daemon(configPath: path, sendPass: SendPass(runtime: rt, store: store), log: log, clock: clock)
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
