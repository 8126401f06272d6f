import Foundation

/// Renders the outbox's messages in order on a thread of its own, ahead of the connections that
/// send them (`SendPass.deliver`), but never more than `window` messages ahead of those already
/// sent: a pass of 30,000 reminders holds a few hundred rendered messages, not 30,000. A
/// connection that catches up renders the message itself (`MailRendering` lets whoever asks
/// first render).
///
/// The renderer sleeps when it is `window` ahead and is woken when it is `window / 2` ahead
/// again, so the sending thread wakes it once per `window / 2` messages, not once per message.
final class RenderAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private let window: Int
    private let group = DispatchGroup()
    /// Guarded by `condition`.
    private var next = 0, sent = 0, asleep = false, finished = false

    init(_ renderings: [MailRendering], window: Int = 256) {
        self.window = max(2, window)
        // Acknowledgements come rendered: `ingest` starts no thread for its one answer.
        guard renderings.contains(where: { !$0.isRendered }) else { return }
        DispatchQueue.global().async(group: group) {
            for (i, rendering) in renderings.enumerated() {
                guard self.room(for: i) else { break }
                rendering.prepare()
            }
        }
    }

    /// Waits until message `i` is less than `window` ahead of the sent ones; false once finished.
    private func room(for i: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        next = i
        while !finished && i - sent >= window {
            asleep = true
            condition.wait()
        }
        asleep = false
        return !finished
    }

    /// One message is through (its outcome recorded, whatever it was).
    func messageSent() {
        condition.lock()
        sent += 1
        if asleep && next - sent <= window / 2 { condition.signal() }
        condition.unlock()
    }

    /// Stops the renderer and waits for it: what it has not rendered stays unrendered.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
        group.wait()
    }
}
