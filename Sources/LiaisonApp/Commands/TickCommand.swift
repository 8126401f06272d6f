import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond tick`: one pass — send what is due at T, retry what waits, exit.
enum TickCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond tick [--config FILE] [--at T]

            执行一轮：收取新回复（设置了 [imap] 时），记录在 T（默认为现在）到期的提醒，经一个 SMTP 连接发出，
            重试等待中的提醒，然后退出。登录被拒、连不上服务器或 TLS 失败时，本轮不再连接该服务器，其余提醒延后，
            不再尝试。
            退出码：全部发出为 0；仍有提醒留在队列中（服务器故障、4xx、TLS 失败、发送限额或发送锁被占用；不会丢失）
            为 75；状态库被锁或磁盘已满也是 75；有提醒最终失败（5xx，或超过 retry_max_age）为 69；状态库无法使用
            （只读、损坏、被替换：见 docs/reliability.md）为 73。
            """, """
            liaisond tick [--config FILE] [--at T]

            One pass: takes new replies (when [imap] is set), records what is due at T (default:
            now), sends it over one SMTP connection, retries what waits, and exits.
            Exit 0 when everything due was sent; 75 when something is left queued (server down,
            4xx, TLS failure, a rate cap, the send lock busy, the store locked or its disk full;
            nothing is lost); 69 when some failed for good (5xx, or retry_max_age passed); 73 when
            the store cannot be used as it is (read-only, corrupt, replaced: docs/reliability.md).
            After a refused login, an unreachable server or a TLS failure the pass stops talking to the
            server: the other reminders wait, without an attempt.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["help"], command: "tick")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "tick")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.open(rt, migrate: false)
        let sendPass = SendPass(runtime: rt, store: store)
        sendPass.logLine = { _, line in Platform.writeError(line) }
        sendPass.logLanguage = rt.language
        let result: SendPass.PassResult
        do {
            result = try sendPass.run(now: now)
        } catch {
            // Before anything was sent (deciding, recording what is due): 75 or 73.
            let due = (try? sendPass.decide(now: now, firstTick: try store.firstTick()).send.count) ?? 0
            PassFailureNote(time: now, retryAt: nil, due: due, reason: "\(error)").write(storePath: rt.storePath)
            throw StoreFailure.appError(error, path: rt.storePath)
        }
        // A root tick must leave nothing behind that the service user cannot open.
        Platform.adoptOwnership([rt.storePath + "-wal", rt.storePath + "-shm", rt.lockPath], of: rt.stateDir)
        if let failure = result.storeFailure {
            PassFailureNote(time: now, retryAt: nil, due: 0, reason: failure).write(storePath: rt.storePath)
        } else {
            PassFailureNote.clear(storePath: rt.storePath)
        }
        let t = Localized(language: rt.language)
        var summary = t("已发送 \(result.sent) 封，延后 \(result.deferred) 封，失败 \(result.failed) 封，等待 \(result.heldBack) 封，略过 \(result.superseded) 封",
                        "sent \(result.sent), deferred \(result.deferred), failed \(result.failed), waiting \(result.heldBack), superseded \(result.superseded)")
        if result.storeFailure != nil {
            // The summary must not claim less (or more) than the server received.
            summary += t("；数据库无法写入，本轮已停止：另有 \(result.unrecorded) 封已发出但未能记录（之后会重发）",
                         "; the store could not be written, the pass stopped: \(result.unrecorded) more sent but not recorded (they go out again)")
        }
        Platform.writeLine(summary)
        return result.exitCode
    }
}
