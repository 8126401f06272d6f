import Foundation
import LiaisonCore
import LiaisonMail

/// `liaisond test-mail --to ADDR`: sends one short message through the configured server, the
/// way reminders go, so an admin can see a real delivery (and where it lands: inbox or spam).
/// Writes nothing to the store.
enum TestMailCommand {
    static func help(_ t: Localized) -> String {
        t("""
            liaisond test-mail [--config FILE] --to ADDR

            经配置的 SMTP 服务器给 ADDR 发一封测试邮件，与提醒的发法相同；不写入状态库。
            退出码：0 已被服务器接收；75 暂时失败（可稍后再试）；69 被拒收。
            """, """
            liaisond test-mail [--config FILE] --to ADDR

            Sends one test message to ADDR through the configured SMTP server, the way reminders
            go; writes nothing to the store. Exit 0 when the server took it, 75 on a temporary
            failure, 69 when it was refused.
            """)
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["config", "to"], flags: ["help"], command: "test-mail")
        if args.has("help") { return CLI.help(help(CLI.localized(args))) }
        let rt = try CLI.loadRuntime(args, command: "test-mail")
        let t = Localized(language: rt.language)
        guard let to = args["to"] else {
            throw AppError.usage(t("test-mail：缺少 --to ADDR（收件地址）", "test-mail: --to ADDR is required"))
        }
        guard let rcpt = Mailbox.parse(to) else {
            throw AppError.usage(t("test-mail：--to “\(to)”不是邮件地址", "test-mail: --to \"\(to)\" is not an address"))
        }
        let now = Date()
        let domain = rt.config.smtp.from.address.split(separator: "@").last.map(String.init) ?? "liaisond.invalid"
        let id = "\(ThreadTag.token(from: Platform.secureRandomBytes(10))).test@\(domain)"
        let message = MIMEMessage(
            from: rt.config.smtp.from, to: [rcpt], subject: t("liaisond 测试邮件", "liaisond test message"),
            body: t("这是 liaisond 的测试邮件(\(rt.config.branch.name)）。收到即说明邮箱设置可用，无需回复。\n",
                    "This is a test message from liaisond (\(rt.config.branch.name)). If it arrived, the mailbox settings work; no reply is needed.\n"),
            date: now, timeZone: rt.calendar.timeZone, messageID: id, inReplyTo: nil, references: [],
            autoSubmitted: "auto-generated")
        var outcome = DeliveryResult.temporary(reply: "not sent")
        let transport = try SendPass.smtpTransport(rt)
        transport.send([OutgoingMail(from: rt.config.smtp.from.address, recipients: [rcpt.address], data: message.rendered())]) {
            _, result in
            outcome = result
            return true
        }
        switch outcome {
        case .accepted(let reply, _):
            Platform.writeLine(t("已发送给 \(rcpt.address)：\(reply)", "sent to \(rcpt.address): \(reply)"))
            return ExitCode.ok
        case .temporary(let reply):
            let advice = outcome.serverProblem.map {
                t("。", ". ") + ServerStop(problem: $0, reply: reply, time: now, retryAt: now).advice(t)
            } ?? ""
            Platform.writeError(t("test-mail：暂时失败：\(reply)", "test-mail: temporary failure: \(reply)") + advice)
            return ExitCode.tempFail
        case .permanent(let reply):
            Platform.writeError(t("test-mail：被拒收：\(reply)", "test-mail: refused: \(reply)"))
            return ExitCode.unavailable
        }
    }
}
