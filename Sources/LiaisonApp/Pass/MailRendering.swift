import Synchronization

/// A message's text and MIME, made when first asked for. The pass settles everything the store
/// must know before the first message goes out (threads, bundles) and leaves the words and the
/// MIME to the delivery, where a thread of their own renders the messages in order while the
/// connections send them (`RenderAhead`): the first message no longer waits for the last
/// one's rendering, and the sending thread, busy with the wire and the commits, does not
/// render at all unless it catches up.
///
/// Thread-safe: whoever asks first renders (the renderer thread or a connection); the other
/// waits for it on the lock, and the closure runs once.
final class MailRendering: Sendable {
    private enum State {
        case pending(() -> SendPass.ComposedMail)
        case made(SendPass.ComposedMail)
    }

    private let state: Mutex<State>

    /// A message rendered already (an acknowledgement is rendered when its reply is taken).
    init(_ mail: SendPass.ComposedMail) {
        state = Mutex(.made(mail))
    }

    /// `render` runs once, at the first `mail` or `prepare()`, on whichever thread asks; it
    /// must not touch the store.
    init(render: sending @escaping () -> SendPass.ComposedMail) {
        state = Mutex(.pending(render))
    }

    var mail: SendPass.ComposedMail {
        state.withLock { state in
            switch state {
            case .made(let mail):
                return mail
            case .pending(let render):
                let mail = render()
                state = .made(mail)
                return mail
            }
        }
    }

    /// Lets the body go once the message's outcome is recorded (the envelope, subject and
    /// Message-ID stay, for anything that still names the message).
    func release() {
        state.withLock { state in
            if case .made(var mail) = state {
                mail.data = []
                state = .made(mail)
            }
        }
    }

    /// Made already (an acknowledgement always is).
    var isRendered: Bool {
        state.withLock { state in
            if case .made = state { return true }
            return false
        }
    }

    /// Renders the message now, unless it is already.
    func prepare() {
        state.withLock { state in
            if case .pending(let render) = state { state = .made(render()) }
        }
    }
}
