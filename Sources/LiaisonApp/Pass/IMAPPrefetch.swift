import Dispatch
import Foundation

/// The messages of one IMAP poll, fetched on a thread of their own while the poll takes the
/// ones fetched before.
///
/// Messages are fetched in groups, one `UID FETCH` each (`groupMessages` messages or
/// `groupBytes` bytes by their listed sizes at most): one round trip per message left the
/// server and us waiting on each other. Taking a reply (parsing, matching, answering,
/// storing) is CPU of ours; side by side, the poll lasts as long as the slower of the two. A
/// group is fetched once fewer than `maxMessages` messages and `maxBytes` bytes wait, so
/// memory stays that of a batch and a group.
///
/// - Important: `fetch` runs on the fetching thread only, one call at a time, and never after
///   `finish()` returned: whatever it uses (the IMAP session) is the caller's again then.
final class IMAPPrefetch: @unchecked Sendable {
    struct Fetched {
        var uid: Int64
        /// The size the server gave.
        var size: Int
        /// The message read on the fetching thread (`ReplyTaker.Prepared` is pure): the poll's
        /// own thread is left the part that needs the store.
        var prepared: ReplyTaker.Prepared
        var bytes: [UInt8] { prepared.bytes }
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

    /// Starts fetching `list` in order: `fetch(group, &bodies)` puts each message of the group
    /// into `bodies` by UID; when it throws, the messages before the first one missing are
    /// handed out and then the error.
    init(list: [(uid: Int64, size: Int)], maxMessages: Int, maxBytes: Int, groupMessages: Int, groupBytes: Int,
         fetch: @escaping ([(uid: Int64, size: Int)], inout [Int64: [UInt8]]) throws -> Void) {
        self.maxMessages = max(1, maxMessages)
        self.maxBytes = maxBytes
        let groups = Self.groups(list, messages: groupMessages, bytes: groupBytes)
        let box = UncheckedBox(fetch)
        DispatchQueue.global().async(group: fetched) { [self] in
            run(groups, box.value)
        }
    }

    /// `list` cut into runs of at most `messages` messages and `bytes` bytes (a message
    /// larger than `bytes` alone).
    static func groups(_ list: [(uid: Int64, size: Int)], messages: Int, bytes: Int) -> [[(uid: Int64, size: Int)]] {
        var out: [[(uid: Int64, size: Int)]] = []
        var current: [(uid: Int64, size: Int)] = []
        var currentBytes = 0
        for m in list {
            if !current.isEmpty && (current.count >= max(1, messages) || currentBytes + m.size > bytes) {
                out.append(current)
                current = []
                currentBytes = 0
            }
            current.append(m)
            currentBytes += m.size
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    private func run(_ groups: [[(uid: Int64, size: Int)]], _ fetch: ([(uid: Int64, size: Int)], inout [Int64: [UInt8]]) throws -> Void) {
        defer { locked { done = true } }
        for group in groups {
            condition.lock()
            while !cancelled && !waiting.isEmpty && (waiting.count >= maxMessages || waitingBytes >= maxBytes) {
                condition.wait()
            }
            let stop = cancelled
            condition.unlock()
            if stop { return }
            var bodies: [Int64: [UInt8]] = [:]
            var error: Error?
            do { try fetch(group, &bodies) } catch let e { error = e }
            var messages: [Fetched] = []
            for (uid, size) in group {
                guard let bytes = bodies.removeValue(forKey: uid) else { break }
                messages.append(Fetched(uid: uid, size: size, prepared: ReplyTaker.Prepared(bytes, size: max(size, bytes.count))))
            }
            if error == nil && messages.count < group.count {
                error = NotFetched(uid: group[messages.count].uid)
            }
            locked {
                waiting += messages
                waitingBytes += messages.reduce(0) { $0 + $1.bytes.count }
                if let error { failure = error }
            }
            if error != nil { return }
        }
    }

    /// A `fetch` that neither threw nor gave a message.
    struct NotFetched: Error, CustomStringConvertible {
        var uid: Int64
        var description: String { "IMAP: the message with UID \(uid) was not fetched" }
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
