import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond tick`: one pass — send what is due at T, retry what waits, exit.
enum TickCommand {
    static let help = """
        liaisond tick --config FILE [--at T]

        One pass: takes new replies (when [imap] is set), records what is due at T (default:
        now), sends it over one SMTP connection, retries what waits, and exits.
        Exit 0 when everything due was sent; 75 when something is left queued (server down,
        4xx, TLS failure, a rate cap, the send lock busy, the store locked or its disk full;
        nothing is lost); 69 when some failed for good (5xx, or retry_max_age passed); 73 when
        the store cannot be used as it is (read-only, corrupt, replaced: docs/reliability.md).
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["help"], command: "tick")
        if args.has("help") { return CLI.help(help) }
        let rt = try CLI.loadRuntime(args, command: "tick")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.open(rt)
        let ticker = Ticker(runtime: rt, store: store)
        ticker.logLine = { _, line in Platform.writeError(line) }
        ticker.logLanguage = rt.language
        let result: Ticker.PassResult
        do {
            result = try ticker.tick(now: now)
        } catch {
            // Before anything was sent (deciding, recording what is due): 75 or 73.
            let due = (try? ticker.decide(now: now, firstTick: try store.firstTick()).send.count) ?? 0
            PassFailureNote(time: now, retryAt: nil, due: due, reason: "\(error)").write(storePath: rt.storePath)
            throw StoreFailure.appError(error, path: rt.storePath)
        }
        if let failure = result.storeFailure {
            PassFailureNote(time: now, retryAt: nil, due: 0, reason: failure).write(storePath: rt.storePath)
        } else {
            PassFailureNote.clear(storePath: rt.storePath)
        }
        let t = Localized(language: rt.language)
        var summary = t("已发送 \(result.sent),延后 \(result.deferred),失败 \(result.failed),等待 \(result.heldBack),略过 \(result.superseded)",
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
