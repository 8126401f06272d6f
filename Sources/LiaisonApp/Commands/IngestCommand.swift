import Foundation
import LiaisonCore
import LiaisonStore

/// `liaisond ingest`: takes one e-mail from standard input, as a mail delivery agent (Postfix
/// `pipe`, `.forward`, procmail) runs it, and sends the acknowledgement itself.
///
/// Exits 0 when the message was taken, whatever the verdict — recorded, rejected, ignored or
/// malformed, all logged; never a bounce that would answer a forger — and 75 when it could not
/// be stored (or the config cannot be read), so the mail server keeps it and retries. An
/// acknowledgement that cannot be sent now (send lock busy, SMTP down) stays queued for the next
/// `tick` or daemon pass: still 0.
enum IngestCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond ingest [--config FILE] [--at T] < message.eml

            从标准输入读取一封回复邮件（供邮件服务器以管道交给程序）：找到对应的事项，记录其内容，并在同一会话中
            发送回执。输出处理结果（reply、rejected、ignored、bounce、duplicate）。
            邮件已收下时退出码为 0（不论结果如何）；无法存入状态库时为 75（邮件服务器应稍后重试）。
            """, """
            liaisond ingest [--config FILE] [--at T] < message.eml

            Takes one reply e-mail from standard input (for a mail server's pipe to a program):
            matches it to its thread, records what it says, and sends the acknowledgement in the
            same thread. Prints the verdict (reply, rejected, ignored, bounce, duplicate).
            Exit 0 when the message was taken, whatever the verdict; 75 when it could not be stored
            (the mail server should try again later).
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        do {
            let args = try Arguments(argv, options: ["config", "at"], flags: ["help"], command: "ingest")
            if args.has("help") { return CLI.help(help(CLI.localized(args))) }
            let rt = try CLI.loadRuntime(args, command: "ingest")
            let now = try CLI.now(args, rt)
            var bytes = Platform.readStandardInput(limit: ReplyTaker.maxSize)
            var size = bytes.count
            if size > ReplyTaker.maxSize {
                // Read the rest so the mail server sees the whole message delivered, keep only the head.
                size += drainStandardInput()
                bytes = Array(bytes.prefix(256 * 1024))
            }
            let t = Localized(language: rt.language)
            let store = try StoreAccess.open(rt, migrate: false)
            let verdict: ReplyTaker.Verdict
            do {
                // On disk before the mail server is told the message was delivered (it then
                // deletes it); the acknowledgement's bookkeeping after it may be undone by a
                // power cut like any reminder's (at worst the acknowledgement goes again).
                try store.syncEachCommit(true)
                verdict = try ReplyTaker(runtime: rt, store: store).take(bytes, size: size, now: now, source: "ingest")
                try store.syncEachCommit(false)
            } catch {
                throw AppError.temporary(t("ingest：数据库 \(rt.storePath) 无法写入：\(error)",
                                           "ingest: the store \(rt.storePath) cannot be written: \(error)"))
            }
            let sendPass = SendPass(runtime: rt, store: store)
            sendPass.logLine = { level, line in if level <= 4 { Platform.writeError(line) } }
            sendPass.logLanguage = rt.language
            do {
                _ = try sendPass.deliverWaiting(now: now, reminders: false)
            } catch {
                Platform.writeError(t("liaisond: ingest：回执留在队列中，稍后再发：\(error)",
                                      "liaisond: ingest: the acknowledgement stays queued: \(error)"))
            }
            Platform.writeLine(verdict.rawValue)
            return ExitCode.ok
        } catch {
            // A delivery agent answers 0 or 75: anything else would make the mail server bounce
            // the message — to its sender, who may be a forger.
            Platform.writeError("liaisond: ingest: \(error)")
            return ExitCode.tempFail
        }
    }

    /// Reads standard input to its end; returns how many bytes there were.
    private static func drainStandardInput() -> Int {
        var total = 0
        while true {
            let chunk = Platform.readStandardInput(limit: 1 << 20)
            if chunk.isEmpty { return total }
            total += chunk.count
        }
    }
}
