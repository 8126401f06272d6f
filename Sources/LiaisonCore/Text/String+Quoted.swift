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
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) {
                    out += "\\u{\(String(s.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}
