import Foundation
import LiaisonCore
import LiaisonMail
import LiaisonStore

/// What one IMAP poll did.
public struct PollResult: Sendable, Equatable {
    /// Messages looked at (new UIDs).
    public var seen = 0
    /// Replies accepted (recorded or answered with the commands).
    public var replies = 0
    /// Rejected, ignored, bounces and duplicates.
    public var others = 0
    /// Why the poll failed (connection, login, TLS, store); nil when it did not. Messages taken
    /// before the failure stay taken.
    public var error: String?

    public var failed: Bool { error != nil }

    public init() {}
}

extension SendPass {
    /// The key of the IMAP position in the store: server, user and mailbox.
    var imapMailboxKey: String {
        guard let imap = runtime.config.imap else { return "" }
        return "\(imap.user ?? "")|\(imap.url)"
    }

    /// Takes new replies from the `[imap]` mailbox; their acknowledgements are queued, for the
    /// delivery of the same pass. Nothing is thrown: a failure is reported in `PollResult.error`
    /// and logged.
    ///
    /// New messages are those with a UID above the last one taken, within the stored
    /// `UIDVALIDITY`; when the server's `UIDVALIDITY` changed, the whole mailbox is read again
    /// and the `Message-ID`s already taken keep anything from being taken twice. Each message's
    /// UID is stored in the transaction that takes it. Taken messages are marked `\Seen`.
    public func pollIMAP(now: Date) -> PollResult {
        var result = PollResult()
        guard let imap = runtime.config.imap else { return result }
        let key = imapMailboxKey
        do {
            let settings = IMAPSettings(url: imap.url, user: imap.user, password: runtime.imapPassword, tls: imap.tls,
                                        caFile: imap.caFile.map { runtime.resolve($0) }, sendID: imap.sendID)
            let session = try IMAPSession(settings: settings)
            if imap.sendID { try session.identify(version: CLI.version) }
            let stored = try store.imapState(mailbox: key)
            var list = try session.messages(fromUID: (stored?.lastUID ?? 0) + 1)
            guard let validity = session.uidValidity else {
                throw IMAPError.unexpected(command: "SELECT", detail: "no UIDVALIDITY")
            }
            if let stored, stored.uidValidity != validity {
                logLine(4, say("IMAP：\(imap.url) 的 UIDVALIDITY 已变(\(stored.uidValidity) → \(validity))：重新读取整个邮箱；已收过的邮件按 Message-ID 识别，不会重复处理",
                               "IMAP: UIDVALIDITY of \(imap.url) changed (\(stored.uidValidity) → \(validity)): reading the whole mailbox again; messages taken before are recognised by Message-ID"))
                list = try session.messages(fromUID: 1)
            }
            let taker = ReplyTaker(runtime: runtime, store: store, engine: engine, random: random)
            var seenUIDs: [Int64] = []
            defer {
                if !seenUIDs.isEmpty {
                    do { try session.markSeen(uids: seenUIDs) } catch { logLine(4, say("IMAP：\(error)", "IMAP: \(error)")) }
                }
            }
            for (uid, size) in list {
                if shouldStop() { break }
                let position = IMAPPosition(mailbox: key, uidValidity: validity, lastUID: uid)
                let bytes = size > ReplyTaker.maxSize ? Array("X-Liaisond-Not-Fetched: UID \(uid)\r\n\r\n".utf8)
                    : try session.fetch(uid: uid)
                let verdict = try taker.take(bytes, size: max(size, bytes.count), now: now, source: "imap", imap: position)
                result.seen += 1
                if verdict == .reply { result.replies += 1 } else { result.others += 1 }
                seenUIDs.append(uid)
            }
        } catch {
            result.error = "\(error)"
            logLine(3, say("IMAP 收取 \(imap.url) 失败：\(error)", "IMAP poll of \(imap.url) failed: \(error)"))
        }
        return result
    }
}
