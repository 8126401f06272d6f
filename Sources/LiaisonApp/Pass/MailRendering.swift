/// A message's text and MIME, made when first asked for. The pass settles everything the store
/// must know before the first message goes out (threads, bundles) but leaves the words and the
/// MIME to the delivery loop, which makes message i + 1 while the server answers message i:
/// 2,000 reminders no longer wait for 2,000 renderings before the first is sent, nor hold
/// them all at once.
///
/// - Important: not thread-safe: one message is rendered and sent by one connection's thread.
final class MailRendering {
    private var made: SendPass.ComposedMail?
    private var make: (() -> SendPass.ComposedMail)?

    /// A message rendered already (an acknowledgement is rendered when its reply is taken).
    init(_ mail: SendPass.ComposedMail) {
        made = mail
    }

    /// `render` runs once, at the first `mail` or `prepare()`; it must not touch the store.
    init(render: @escaping () -> SendPass.ComposedMail) {
        make = render
    }

    var mail: SendPass.ComposedMail {
        if let made { return made }
        prepare()
        return made!
    }

    /// Renders the message now; false when it was rendered already (nothing done).
    @discardableResult
    func prepare() -> Bool {
        guard made == nil, let make else { return false }
        made = make()
        self.make = nil
        return true
    }
}
