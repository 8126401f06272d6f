extension String {
    /// The same result as `trimmingWhitespace()`, without its cost in the common case.
    ///
    /// A million-row roster has twenty million cells, almost none with whitespace at either
    /// end; looking at the first and last UTF-8 bytes (and, only for a non-ASCII edge, the
    /// scalar there) avoids grapheme breaking and Unicode property lookups per cell.
    var whitespaceTrimmed: String {
        // The edge bytes from contiguous storage (a stack copy for a small string): cheaper
        // than `utf8.first` and `utf8.last`, which index the view twice.
        var firstByte: UInt8 = 0, lastByte: UInt8 = 0
        let nonEmpty: Bool? = utf8.withContiguousStorageIfAvailable { b in
            guard let f = b.first else { return false }
            firstByte = f
            lastByte = b[b.count - 1]
            return true
        }
        switch nonEmpty {
        case false?: return self
        case true?: break
        case nil:
            guard let f = utf8.first, let l = utf8.last else { return self }
            firstByte = f
            lastByte = l
        }
        // An ASCII byte at an edge is that edge's scalar; only a non-ASCII edge is decoded.
        let firstIsSpace = firstByte < 0x80
            ? String.isWhitespace(Unicode.Scalar(firstByte)) : String.isWhitespace(unicodeScalars.first!)
        let lastIsSpace = lastByte < 0x80
            ? String.isWhitespace(Unicode.Scalar(lastByte)) : String.isWhitespace(unicodeScalars.last!)
        return firstIsSpace || lastIsSpace ? trimmingWhitespace() : self
    }

    /// Unicode White_Space, the property `Character.isWhitespace` tests (U+0009–U+000D,
    /// U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
    /// U+3000), as a table-free switch.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x21...0x7E: return false
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default: return false
        }
    }
}
