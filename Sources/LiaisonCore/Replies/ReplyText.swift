/// The new text of a reply as lines: what its writer typed, without the quoted history and
/// signature that mail clients add (see `ReplyReader`, which does the work).
public enum ReplyText {
    /// The lines of new text, trimmed, blank lines kept between paragraphs but not at the ends.
    public static func newText(_ body: String) -> [String] {
        ReplyReader.read(body).lines
    }
}
