import Foundation
import LiaisonCore
import LiaisonMail

/// `liaisond check --connect`: logs in to the SMTP server (and the IMAP server, when set) as
/// the service would and says in one line each whether it works, so that a wrong 授权码 or
/// port shows up before the first reminder is due. Sends nothing.
enum ServerCheck {
    /// - Returns: 0 when every login worked, 69 otherwise.
    static func run(_ rt: Runtime) -> Int32 {
        let t = Localized(language: rt.language)
        var ok = true
        let smtp = rt.config.smtp
        let who = smtp.user.map { t("，用户 \($0)", ", user \($0)") } ?? t("，不登录", ", no login")
        let outcome: DeliveryResult
        do {
            outcome = try SendPass.smtpTransport(rt).checkLogin()
        } catch {
            outcome = .temporary(reply: "\(error)")
        }
        if case .accepted = outcome {
            Platform.writeLine(t("SMTP：\(smtp.url)\(who)：可以连接并登录", "SMTP: \(smtp.url)\(who): connected and logged in"))
        } else {
            ok = false
            Platform.writeLine(t("SMTP：\(smtp.url)\(who)：失败：\(outcome.reply)", "SMTP: \(smtp.url)\(who): failed: \(outcome.reply)")
                + (outcome.serverProblem.map { problem in
                    t("。", ". ") + ServerStop(problem: problem, reply: outcome.reply, time: Date(), retryAt: Date()).advice(t)
                } ?? ""))
        }
        if let imap = rt.config.imap {
            let iwho = imap.user.map { t("，用户 \($0)", ", user \($0)") } ?? ""
            do {
                let settings = IMAPSettings(url: imap.url, user: imap.user, password: rt.imapPassword, tls: imap.tls,
                                            caFile: imap.caFile.map { rt.resolve($0) }, sendID: imap.sendID)
                let session = try IMAPSession(settings: settings)
                if imap.sendID { try session.identify(version: CLI.version) }
                // Logs in, selects the folder and searches above any real UID: reads nothing.
                _ = try session.messages(fromUID: 4_000_000_000)
                Platform.writeLine(t("IMAP：\(imap.url)\(iwho)：可以连接并登录", "IMAP: \(imap.url)\(iwho): connected and logged in"))
            } catch {
                ok = false
                // The server's own line often ends with a full stop; ours follows it.
                var said = "\(error)"
                while said.hasSuffix(".") || said.hasSuffix("。") { said.removeLast() }
                Platform.writeLine(t("IMAP：\(imap.url)\(iwho)：失败：\(said)。请检查 [imap] url、user 和 password_file（QQ、163 邮箱填授权码）",
                                     "IMAP: \(imap.url)\(iwho): failed: \(said). Check [imap] url, user and password_file (for QQ/163 mail the 授权码)"))
            }
        }
        return ok ? ExitCode.ok : ExitCode.unavailable
    }
}
