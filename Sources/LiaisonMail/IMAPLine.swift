/// One response line of an IMAP server, with the literals it carried.
///
/// A literal (`{12}` CRLF and then 12 bytes) can hold anything, a line that looks like our tag
/// included, so it is never read as text: `text` is the line with each literal left as its
/// `{N}` marker (the marker ends the text chunk before the literal), and `literals` holds the
/// bytes in order. `tokens()` puts them back together.
struct IMAPLine: Equatable {
    var text: [UInt8] = []
    var literals: [[UInt8]] = []

    /// The line as text, literals shown as their `{N}` markers; for error messages and status
    /// lines, which carry none.
    var string: String { String(decoding: text, as: UTF8.self) }

    /// One token of a response (RFC 3501 §4 and §9, the parts a client reads).
    enum Token: Equatable {
        /// An atom or number, `NIL`, a flag (`\Seen`); a bracketed section stays in its atom
        /// (`BODY[]`, `[UIDVALIDITY`…).
        case atom(String)
        case quoted([UInt8])
        case literal([UInt8])
        case open
        case close
    }

    /// The line as tokens. A quoted string's `\"` and `\\` are unescaped.
    func tokens() -> [Token] {
        var out: [Token] = []
        var literal = 0
        var i = 0
        let n = text.count
        func isAtomEnd(_ b: UInt8) -> Bool {
            b == UInt8(ascii: " ") || b == UInt8(ascii: "(") || b == UInt8(ascii: ")") || b == UInt8(ascii: "\"")
        }
        while i < n {
            let b = text[i]
            switch b {
            case UInt8(ascii: " "):
                i += 1
            case UInt8(ascii: "("):
                out.append(.open); i += 1
            case UInt8(ascii: ")"):
                out.append(.close); i += 1
            case UInt8(ascii: "\""):
                var value: [UInt8] = []
                i += 1
                while i < n && text[i] != UInt8(ascii: "\"") {
                    if text[i] == UInt8(ascii: "\\") && i + 1 < n { i += 1 }
                    value.append(text[i]); i += 1
                }
                i += 1
                out.append(.quoted(value))
            case UInt8(ascii: "{"):
                // Only the end of a text chunk holds a `{N}` marker: skip to its `}`.
                while i < n && text[i] != UInt8(ascii: "}") { i += 1 }
                i += 1
                out.append(.literal(literal < literals.count ? literals[literal] : []))
                literal += 1
            default:
                let start = i
                var depth = 0
                while i < n {
                    let c = text[i]
                    if c == UInt8(ascii: "[") { depth += 1 } else if c == UInt8(ascii: "]") { depth = max(0, depth - 1) }
                    else if depth == 0 && isAtomEnd(c) { break }
                    i += 1
                }
                out.append(.atom(String(decoding: text[start..<i], as: UTF8.self)))
            }
        }
        return out
    }
}
