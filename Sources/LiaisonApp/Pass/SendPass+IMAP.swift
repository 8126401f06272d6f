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
    /// before the failure stay taken (a batch the store refuses is taken again one message to a
    /// transaction); the rest are read again at the next poll.
    public var error: String?

    public var failed: Bool { error != nil }

    public init() {}
}

extension SendPass {
    /// Messages taken in one store transaction by an IMAP poll, and their bytes at most.
    static let imapBatchMessages = 100
    static let imapBatchBytes = 16 * 1024 * 1024
    /// Messages fetched in one `UID FETCH`, and their listed bytes at most.
    static let imapFetchMessages = 50
    static let imapFetchBytes = 4 * 1024 * 1024

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
    /// and the `Message-ID`s already taken keep anything from being taken twice. Messages are
    /// fetched (`IMAPPrefetch`, on a thread of its own), and taken in one transaction per batch
    /// (`takeBatch`) with the last UID of the batch: a crash loses none and takes none twice,
    /// and 100 replies cost one commit, not 100 (a commit per reply was 39 page writes and 26
    /// lock calls). Taken messages are marked `\Seen`; their acknowledgements go out after the
    /// poll, from the committed outbox.
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
            // Fetched on a thread of its own while the messages before are taken; stopped
            // and joined (this `defer` runs before the one above) before `\Seen` is set.
            let prefetch = IMAPPrefetch(list: list, maxMessages: Self.imapBatchMessages, maxBytes: Self.imapBatchBytes,
                                        groupMessages: Self.imapFetchMessages, groupBytes: Self.imapFetchBytes) { group, bodies in
                for (uid, size) in group where size > ReplyTaker.maxSize {
                    bodies[uid] = Array("X-Liaisond-Not-Fetched: UID \(uid)\r\n\r\n".utf8)
                }
                try session.fetch(uids: group.filter { $0.size <= ReplyTaker.maxSize }.map(\.uid), into: &bodies)
            }
            defer { prefetch.finish() }
            var batch: [IMAPPrefetch.Fetched] = []
            var batchBytes = 0
            func take(_ m: IMAPPrefetch.Fetched) throws -> ReplyTaker.Verdict {
                try taker.take(m.prepared, now: now, source: "imap",
                               imap: IMAPPosition(mailbox: key, uidValidity: validity, lastUID: m.uid))
            }
            func taken(_ m: IMAPPrefetch.Fetched, _ v: ReplyTaker.Verdict) {
                result.seen += 1
                if v == .reply { result.replies += 1 } else { result.others += 1 }
                seenUIDs.append(m.uid)
            }
            func takeBatch() throws {
                defer { batch.removeAll(); batchBytes = 0 }
                // Counted once committed. A batch the store refuses (rolled back) is taken again
                // one message to a transaction, so those before the refused one stay taken.
                if let verdicts = try? store.db.transaction({ try batch.map(take) }) {
                    for (m, v) in zip(batch, verdicts) { taken(m, v) }
                } else {
                    for m in batch { taken(m, try store.db.transaction { try take(m) }) }
                }
            }
            // A fetch that fails (the connection broke) ends the poll after the messages
            // fetched before it are taken.
            var fetchFailure: Error?
            while !shouldStop() {
                let next: IMAPPrefetch.Fetched?
                do { next = try prefetch.next() } catch { fetchFailure = error; break }
                guard let m = next else { break }
                batch.append(m)
                batchBytes += m.bytes.count
                // Small enough that the write lock is held for moments (ingest, record and
                // the daemon wait for it) and the batch's messages fit in memory.
                if batch.count >= Self.imapBatchMessages || batchBytes >= Self.imapBatchBytes { try takeBatch() }
            }
            try takeBatch()
            if let fetchFailure { throw fetchFailure }
        } catch {
            result.error = "\(error)"
            logLine(3, say("IMAP 收取 \(imap.url) 失败：\(error)", "IMAP poll of \(imap.url) failed: \(error)"))
        }
        return result
    }
}
