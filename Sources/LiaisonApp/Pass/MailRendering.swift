import Foundation

/// A message's text and MIME, made when first asked for. The pass settles everything the store
/// must know before the first message goes out (threads, bundles) and leaves the words and the
/// MIME to the delivery, where a thread of their own renders the messages in order while the
/// connections send them (`RenderAhead`): the first message no longer waits for the last
/// one's rendering, and the sending thread, busy with the wire and the commits, does not
/// render at all unless it catches up.
///
/// Thread-safe: whoever asks first renders (the renderer thread or a connection); the other
/// waits for it on the lock, and the closure runs once. (An `NSLock`, not `Mutex`: the
/// ThreadSanitizer run of `make sanitize` sees through a pthread mutex, not through
/// `Mutex`'s futex.)
final class MailRendering: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`: the message once made, else the closure that makes it.
    private var made: SendPass.ComposedMail?
    private var render: (() -> SendPass.ComposedMail)?

    /// A message rendered already (an acknowledgement is rendered when its reply is taken).
    init(_ mail: SendPass.ComposedMail) {
        made = mail
    }

    /// `render` runs once, at the first `mail` or `prepare()`, on whichever thread asks; it
    /// must not touch the store.
    init(render: @escaping @Sendable () -> SendPass.ComposedMail) {
        self.render = render
    }

    var mail: SendPass.ComposedMail {
        lock.lock()
        defer { lock.unlock() }
        return makeLocked()
    }

    /// Made already (an acknowledgement always is).
    var isRendered: Bool {
        lock.lock()
        defer { lock.unlock() }
        return made != nil
    }

    /// Renders the message now, unless it is already.
    func prepare() {
        lock.lock()
        defer { lock.unlock() }
        _ = makeLocked()
    }

    /// Lets the body go once the message's outcome is recorded (the envelope, subject and
    /// Message-ID stay, for anything that still names the message).
    func release() {
        lock.lock()
        defer { lock.unlock() }
        made?.data = []
    }

    private func makeLocked() -> SendPass.ComposedMail {
        if let made { return made }
        let mail = render!()
        made = mail
        render = nil
        return mail
    }
}
