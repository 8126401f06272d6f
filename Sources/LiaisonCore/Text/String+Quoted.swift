extension String {
    /// The string in double quotes for a one-line diagnostic: quotes, backslashes and control
    /// characters escaped (a line break in a value must not split a `FILE:LINE: message`
    /// line, nor let a value forge a second one), and cut after 60 scalars.
    public var quotedForMessage: String {
        var out = "\""
        var count = 0
        for s in unicodeScalars {
            if count == 60 { out += "…"; break }
            count += 1
            if let e = s.backslashEscape {
                out += e
            } else if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) {
                out += "\\u{\(String(s.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out + "\""
    }
}

extension Unicode.Scalar {
    /// `\"`, `\\`, `\n`, `\r`, `\t`: the escapes a JSON string and a diagnostic's quoted value
    /// share (each then writes other controls its own way); nil for any other scalar.
    public var backslashEscape: String? {
        switch self {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return nil
        }
    }
}
