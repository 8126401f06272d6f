/// The words of one message: its subject (ending with the thread's tag) and its plain-text body
/// (`\n` line ends). Addresses and threading headers are the sender's business.
public struct ComposedText: Sendable, Hashable {
    public var subject: String
    public var body: String
}
