/// RFC 4180 CSV for spreadsheet users: CRLF line ends, fields quoted when they hold a comma,
/// quote, CR or LF. A field that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`
/// first) is prefixed with `'`, so roster or reply text can never run as one in Excel/WPS.
struct CSVWriter {
    private(set) var text = ""

    mutating func row(_ fields: [String]) {
        text += fields.map(CSVWriter.field).joined(separator: ",") + "\r\n"
    }

    static func field(_ raw: String) -> String {
        var s = raw
        if let f = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(f) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
