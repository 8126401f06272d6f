/// A read position in a string's Unicode scalars, for the small hand-written value grammars of
/// the roster (dates, months) and of replies.
///
/// Scalars rather than `Character`s: the grammars are made of digits and single-scalar
/// separators, and scalars are cheaper to walk when a million roster cells are parsed.
/// Full-width digits (０–９, as typed with a Chinese input method) read as ASCII digits.
struct ScalarCursor {
    private let scalars: String.UnicodeScalarView
    private var index: String.UnicodeScalarView.Index

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
    }

    var isAtEnd: Bool { index == scalars.endIndex }

    /// Reads a run of at most `maxDigits` digits (a longer run fails); nil when there is none.
    mutating func number(maxDigits: Int) -> (value: Int, width: Int)? {
        var value = 0
        var width = 0
        while index < scalars.endIndex, let d = ScalarCursor.digit(scalars[index]) {
            width += 1
            if width > maxDigits { return nil }
            value = value * 10 + d
            scalars.formIndex(after: &index)
        }
        return width == 0 ? nil : (value, width)
    }

    /// Reads one scalar, with full-width ASCII forms (U+FF01…U+FF5E) folded to ASCII.
    mutating func next() -> Unicode.Scalar? {
        guard index < scalars.endIndex else { return nil }
        let s = scalars[index]
        scalars.formIndex(after: &index)
        return ScalarCursor.foldWidth(s)
    }

    /// Consumes `expected` if it is next.
    mutating func take(_ expected: Unicode.Scalar) -> Bool {
        guard index < scalars.endIndex, ScalarCursor.foldWidth(scalars[index]) == expected else { return false }
        scalars.formIndex(after: &index)
        return true
    }

    static func digit(_ s: Unicode.Scalar) -> Int? {
        switch s.value {
        case 0x30...0x39: return Int(s.value - 0x30)
        case 0xFF10...0xFF19: return Int(s.value - 0xFF10)
        default: return nil
        }
    }

    static func foldWidth(_ s: Unicode.Scalar) -> Unicode.Scalar {
        if (0xFF01...0xFF5E).contains(s.value), let a = Unicode.Scalar(s.value - 0xFEE0) { return a }
        return s
    }
}
