import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

/// A pass that stopped talking to the SMTP server (`DeliveryResult.stopsPass`): what failed,
/// when, and what the admin should check. Kept in the store's meta table so that `status` can
/// show it until a message goes through again.
struct ServerStop: Equatable {
    /// How the messages held back are marked in the queue (`last_smtp`): the failed message's
    /// reply between the two. `status` says it in the reader's language.
    static let untriedMark = (prefix: "not tried: ", suffix: " (an earlier message)")

    /// The stored mark in Chinese, the reply itself as it is; anything else unchanged.
    static func untriedText(_ stored: String, zh: Bool) -> String {
        let (prefix, suffix) = untriedMark
        guard zh, stored.hasPrefix(prefix), stored.hasSuffix(suffix) else { return stored }
        return "未尝试（前一封失败：\(stored.dropFirst(prefix.count).dropLast(suffix.count))）"
    }

    var problem: ServerProblem
    /// The failure as `DeliveryResult.reply` gave it (never contains the password).
    var reply: String
    var time: Date
    /// When the messages held back are tried again.
    var retryAt: Date

    static let metaKey = "smtp_stop"

    /// What to look at, in the reader's language.
    func advice(_ t: Localized) -> String {
        switch problem {
        case .authentication:
            return t("SMTP 服务器拒绝登录：请检查 [smtp] user 和 password_file（QQ、163 邮箱填的是授权码，不是登录密码）",
                     "the SMTP server refused the login: check [smtp] user and password_file (for QQ/163 mail the "
                        + "授权码 (authorisation code), not the login password)")
        case .connection:
            return t("连不上 SMTP 服务器：请检查 [smtp] url 的主机、端口和协议（465 端口用 smtps://，587 端口用 smtp://）",
                     "cannot reach the SMTP server: check the host, port and scheme of [smtp] url "
                        + "(smtps:// for port 465, smtp:// for 587)")
        case .stall:
            return t("SMTP 服务器没有应答（超时）：请检查服务器是否正常、[smtp] url 的端口和协议",
                     "the SMTP server did not answer in time: check that it works, and the port and scheme of [smtp] url")
        case .tls:
            return t("与 SMTP 服务器的 TLS 连接失败：请检查 [smtp] url 的端口和协议（465 端口用 smtps://，587 端口用 smtp://）和 ca_file",
                     "TLS with the SMTP server failed: check the port and scheme of [smtp] url "
                        + "(smtps:// for port 465, smtp:// for 587) and ca_file")
        }
    }

    /// One line for the journal or `tick`'s stderr.
    func logLine(_ t: Localized, heldBack: Int, timeZone: TimeZone) -> String {
        let at = ISOTime.format(retryAt, timeZone)
        return t("\(advice(t))。（\(reply)）本轮不再连接该服务器：另有 \(heldBack) 封延后到 \(at)，未再尝试",
                 "\(advice(t)) (\(reply)); this pass stops talking to the server: \(heldBack) more wait "
                    + "until \(at) without an attempt")
    }

    /// The failure as the failed message's log row names it (`LogDetail.serverStopped`).
    static func logDetail(_ problem: ServerProblem) -> LogDetail.ServerFailure {
        switch problem {
        case .authentication: return .authentication
        case .connection: return .connection
        case .tls: return .tls
        case .stall: return .stall
        }
    }

    // MARK: the store

    func save(to store: Store) throws {
        try store.setMeta(ServerStop.metaKey, [String(time.timeIntervalSince1970), String(retryAt.timeIntervalSince1970),
                                                reply].joined(separator: "\t"))
    }

    static func clear(in store: Store) throws { try store.setMeta(metaKey, "") }

    static func load(from store: Store) throws -> ServerStop? {
        guard let v = try store.meta(metaKey), !v.isEmpty else { return nil }
        let parts = v.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let t = Double(parts[0]), let r = Double(parts[1]),
              let problem = ServerProblem(reply: parts[2]) else { return nil }
        return ServerStop(problem: problem, reply: parts[2], time: Date(timeIntervalSince1970: t),
                          retryAt: Date(timeIntervalSince1970: r))
    }
}

extension SendPass {
    /// After a failure that `stopsPass`: the messages not yet tried wait, without an attempt,
    /// until the failed one is retried (each marked with why, for `status`); the admin is told
    /// once what to check. A store that cannot record this stops the pass as any write would.
    func stopPass(after outcome: DeliveryResult, attempt: Int, untried: [OutboxMessage], now: Date,
                  into result: inout PassResult) {
        guard let problem = outcome.serverProblem, result.storeFailure == nil else { return }
        let stop = ServerStop(problem: problem, reply: outcome.reply, time: now,
                              retryAt: now.addingTimeInterval(backoff(attempt: attempt)))
        let heldBack = untried.reduce(0) { $0 + $1.count }
        do {
            try postpone(untried, until: stop.retryAt, reason: ServerStop.untriedMark.prefix + outcome.reply + ServerStop.untriedMark.suffix)
            try stop.save(to: store)
        } catch {
            result.storeFailure = "\(error)"
            logLine(3, say("数据库无法写入：\(error)", "store cannot be written: \(error)"))
            return
        }
        result.heldBack += heldBack
        logLine(3, stop.logLine(Localized(language: logLanguage), heldBack: heldBack, timeZone: runtime.calendar.timeZone))
    }

    /// A message went through: the stop `status` shows is over.
    func serverWorksAgain() {
        guard serverStopSaved else { return }
        serverStopSaved = false
        try? ServerStop.clear(in: store)
    }
}

