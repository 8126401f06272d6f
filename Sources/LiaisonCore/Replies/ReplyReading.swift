/// A reply's text as its sender wrote it: the sender's own lines, apart from what their mail
/// client added around them.
public struct ReplyReading: Sendable, Equatable {
    /// The sender's own lines, trimmed, in order, with one blank line between paragraphs and
    /// none at either end.
    public var lines: [String]
    /// The own text went on below a forwarded message's banner (a liaison forwarding a
    /// member's mail).
    public var forwarded: Bool

    /// The own text as one string.
    public var text: String { lines.joined(separator: "\n") }
    /// The own lines that are not blank.
    public var nonEmptyLines: [String] { lines.filter { !$0.isEmpty } }
}
