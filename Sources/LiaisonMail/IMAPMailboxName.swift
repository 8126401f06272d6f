import Foundation

/// A folder name as the config writes it (`回复`), as IMAP names it on the wire.
///
/// IMAP4rev1 names folders in modified UTF-7 (RFC 3501 §5.1.3): ASCII as it is, `&` as `&-`,
/// other characters as `&`, the base64 of their UTF-16 (with `,` for `/`, no padding) and `-`.
/// A secretary who made a folder 回复 in her mail client writes `imaps://host/回复`; the server
/// knows it as `&Vt5ZDQ-`. A name without non-ASCII characters is sent as it is, so a name
/// already written in modified UTF-7 still works.
enum IMAPMailboxName {
    static func encode(_ name: String) -> String {
        guard !name.unicodeScalars.allSatisfy(\.isASCII) else { return name }
        var out = ""
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            var bytes: [UInt8] = []
            for unit in pending { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            out += "&" + base64(bytes) + "-"
            pending.removeAll()
        }
        for scalar in name.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out += scalar == "&" ? "&-" : String(scalar)
            } else {
                pending += Array(String(scalar).utf16)
            }
        }
        flush()
        return out
    }

    /// RFC 3501's base64: `,` instead of `/`, no `=` padding.
    private static func base64(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString().replacingOccurrences(of: "/", with: ",")
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }
}
