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
        4xx, TLS failure, a rate cap, or the send lock busy; nothing is lost); 69 when some
        failed for good (5xx, or retry_max_age passed).
        """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "at"], flags: ["help"], command: "tick")
        if args.has("help") { return CLI.help(help) }
        let rt = try CLI.loadRuntime(args, command: "tick")
        let now = try CLI.now(args, rt)
        let store = try StoreAccess.open(rt, migrate: false)
        let ticker = Ticker(runtime: rt, store: store)
        ticker.logLine = { _, line in Platform.writeError(line) }
        ticker.logLanguage = rt.language
        let result = try ticker.tick(now: now)
        // A root tick must leave nothing behind that the service user cannot open.
        Platform.adoptOwnership([rt.storePath + "-wal", rt.storePath + "-shm", rt.lockPath], of: rt.stateDir)
        let t = Localized(language: rt.language)
        Platform.writeLine(t("已发送 \(result.sent),延后 \(result.deferred),失败 \(result.failed),等待 \(result.heldBack),略过 \(result.superseded)",
                             "sent \(result.sent), deferred \(result.deferred), failed \(result.failed), waiting \(result.heldBack), superseded \(result.superseded)"))
        return result.exitCode
    }
}
