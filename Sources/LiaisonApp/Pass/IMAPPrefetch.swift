import Dispatch
import Foundation

/// The messages of one IMAP poll, fetched on a thread of their own while the poll takes the
/// ones fetched before.
///
/// One `UID FETCH` is a round trip in which the server reads the message from disk; taking a
/// reply (parsing, matching, answering, storing) is CPU of ours. One after the other, each side
/// waits for the other (a poll of 1,000 replies left both cores idle half of the time); side by
/// side, the poll lasts as long as the slower of the two. At most `maxMessages` messages or
/// `maxBytes` bytes wait between the two, so memory stays that of a batch.
///
/// - Important: `fetch` runs on the fetching thread only, one call at a time, and never after
///   `finish()` returned: whatever it uses (the IMAP session) is the caller's again then.
final class IMAPPrefetch: @unchecked Sendable {
    struct Fetched {
        var uid: Int64
        /// The size the server gave.
        var size: Int
        var bytes: [UInt8]
    }

    private let condition = NSCondition()
    private var waiting: [Fetched] = []
    private var waitingBytes = 0
    private var done = false
    private var cancelled = false
    private var failure: Error?
    private let fetched = DispatchGroup()
    private let maxMessages: Int
    private let maxBytes: Int

    /// Starts fetching `list` in order with `fetch(uid, size)`.
    init(list: [(uid: Int64, size: Int)], maxMessages: Int, maxBytes: Int,
         fetch: @escaping (Int64, Int) throws -> [UInt8]) {
        self.maxMessages = max(1, maxMessages)
        self.maxBytes = maxBytes
        let box = UncheckedBox(fetch)
        DispatchQueue.global().async(group: fetched) { [self] in
            run(list, box.value)
        }
    }

    private func run(_ list: [(uid: Int64, size: Int)], _ fetch: (Int64, Int) throws -> [UInt8]) {
        defer { locked { done = true } }
        for (uid, size) in list {
            condition.lock()
            while !cancelled && !waiting.isEmpty && (waiting.count >= maxMessages || waitingBytes >= maxBytes) {
                condition.wait()
            }
            let stop = cancelled
            condition.unlock()
            if stop { return }
            do {
                let message = Fetched(uid: uid, size: size, bytes: try fetch(uid, size))
                locked {
                    waiting.append(message)
                    waitingBytes += message.bytes.count
                }
            } catch {
                locked { failure = error }
                return
            }
        }
    }

    /// The next message in UID order; nil when all were handed out. Throws the fetch's error
    /// once the messages fetched before it were handed out.
    func next() throws -> Fetched? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !done { condition.wait() }
        if !waiting.isEmpty {
            // At most a batch waits: moving the rest up costs nothing beside a FETCH.
            let m = waiting.removeFirst()
            waitingBytes -= m.bytes.count
            condition.broadcast()
            return m
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops fetching after the message in flight and waits for the thread.
    func finish() {
        locked { cancelled = true }
        fetched.wait()
    }

    /// Runs `body` under the lock and wakes the other side.
    private func locked(_ body: () -> Void) {
        condition.lock()
        body()
        condition.broadcast()
        condition.unlock()
    }
}
