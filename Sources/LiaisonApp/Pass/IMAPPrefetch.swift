import Dispatch
import Foundation
import LiaisonMail

/// The messages of one IMAP poll, fetched on a thread of their own while the poll takes the
/// ones fetched before.
///
/// One `UID FETCH` is a round trip in which the server reads the message from disk; taking a
/// reply (parsing, matching, answering, storing) is CPU of ours. One after the other, each side
/// waits for the other (a poll of 1,000 replies left both cores idle half of the time); side by
/// side, the poll lasts as long as the slower of the two. At most `maxMessages` messages or
/// `maxBytes` bytes wait between the two, so memory stays that of a batch.
///
/// - Important: the session is used by the fetching thread only, until `finish()` returned.
final class IMAPPrefetch: @unchecked Sendable {
    struct Fetched {
        var uid: Int64
        /// The size the server gave (the message is not fetched when it is over `ReplyTaker.maxSize`).
        var size: Int
        var bytes: [UInt8]
    }

    private let condition = NSCondition()
    private var waiting: [Fetched] = []
    private var first = 0
    private var waitingBytes = 0
    private var done = false
    private var cancelled = false
    private var failure: Error?
    private let fetched = DispatchGroup()
    private let maxMessages: Int
    private let maxBytes: Int

    /// Starts fetching `list` in order.
    init(session: IMAPSession, list: [(uid: Int64, size: Int)], maxMessages: Int, maxBytes: Int) {
        self.maxMessages = max(1, maxMessages)
        self.maxBytes = maxBytes
        let box = UncheckedBox(session)
        DispatchQueue.global().async(group: fetched) { [self] in
            run(box.value, list)
        }
    }

    private func run(_ session: IMAPSession, _ list: [(uid: Int64, size: Int)]) {
        for (uid, size) in list {
            condition.lock()
            while !cancelled && waiting.count - first > 0
                    && (waiting.count - first >= maxMessages || waitingBytes >= maxBytes) {
                condition.wait()
            }
            let stop = cancelled
            condition.unlock()
            if stop { break }
            let message: Fetched
            do {
                let bytes = size > ReplyTaker.maxSize ? Array("X-Liaisond-Not-Fetched: UID \(uid)\r\n\r\n".utf8)
                    : try session.fetch(uid: uid)
                message = Fetched(uid: uid, size: size, bytes: bytes)
            } catch {
                condition.lock()
                failure = error
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.lock()
            waiting.append(message)
            waitingBytes += message.bytes.count
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next message in UID order; nil when all were handed out. Throws the fetch's error
    /// once the messages fetched before it were handed out.
    func next() throws -> Fetched? {
        condition.lock()
        defer { condition.unlock() }
        while first == waiting.count && !done { condition.wait() }
        if first < waiting.count {
            let m = waiting[first]
            waiting[first].bytes = []
            first += 1
            waitingBytes -= m.bytes.count
            if first == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                first = 0
            } else if first >= maxMessages {
                // A consumer that never quite catches up must not keep every message's entry.
                waiting.removeFirst(first)
                first = 0
            }
            condition.broadcast()
            return m
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops fetching after the message in flight and waits for the thread: the session is the
    /// caller's again.
    func finish() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        fetched.wait()
    }
}
