/// Reads the INI dialect of the config file, the way systemd reads unit files: `[section]`
/// headers, `key = value` lines, whole-line `#` or `;` comments and blank lines.
///
/// It knows nothing about liaisond's keys; `ConfigParser` gives the entries their meaning.
/// - Important: Comments are whole-line only: in `name = a # b` the value is `a # b`. Values are
///   trimmed and taken literally (no quotes removed, no variables expanded).
/// - Important: A section that appears twice is merged into its first appearance, as systemd
///   does; a key given twice in the merged section is still an error.
public enum INIParser {
    /// One `key = value` line.
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: String
        /// 1-based line number in the file.
        public var line: Int
    }

    /// A `[name]` section with its entries in file order (a repeated section's entries appended).
    public struct Section: Sendable, Equatable {
        public var name: String
        /// Line of the section's first header.
        public var line: Int
        public var entries: [Entry] = []
        /// Later lines that set a key again (each already reported); `entries` keeps the first.
        public var duplicates: [Entry] = []

        /// The entry for `key`, if present.
        public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }
    }

    /// The sections of a file in order of first appearance.
    public struct Document: Sendable, Equatable {
        public var sections: [Section] = []

        public func section(_ name: String) -> Section? { sections.first { $0.name == name } }
    }

    /// Parses `text` and reports every malformed line as an error diagnostic for `file`.
    ///
    /// The document holds whatever could be read, even when there are errors, so that a caller
    /// can go on and report problems in the values too.
    public static func parse(_ text: String, file: String) -> (document: Document, diagnostics: [Diagnostic]) {
        var sections: [Section] = []
        var indexByName: [String: Int] = [:]
        var current: Int?
        // True after a header that could not be read: its keys are skipped without more noise.
        var inBrokenSection = false
        var diagnostics: [Diagnostic] = []
        func error(_ line: Int, _ message: String) {
            diagnostics.append(Diagnostic(file: file, line: line, message))
        }

        for (offset, rawLine) in lines(of: text).enumerated() {
            let lineNumber = offset + 1
            let line = String(rawLine).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }

            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count >= 2 else {
                    if line.contains("]") {
                        error(lineNumber, "unexpected text after section header (comments must be on a line of their own)")
                    } else {
                        error(lineNumber, "missing \"]\" after section name")
                    }
                    current = nil
                    inBrokenSection = true
                    continue
                }
                let name = String(line.dropFirst().dropLast()).trimmingWhitespace()
                guard !name.isEmpty, !name.contains("["), !name.contains("]") else {
                    error(lineNumber, "invalid section header \(line)")
                    current = nil
                    inBrokenSection = true
                    continue
                }
                inBrokenSection = false
                if let existing = indexByName[name] {
                    current = existing
                } else {
                    sections.append(Section(name: name, line: lineNumber))
                    indexByName[name] = sections.count - 1
                    current = sections.count - 1
                }
                continue
            }

            guard let eq = line.firstIndex(of: "=") else {
                error(lineNumber, "missing \"=\" after key \"\(line)\" (expected key = value)")
                continue
            }
            let key = String(line[..<eq]).trimmingWhitespace()
            let value = String(line[line.index(after: eq)...]).trimmingWhitespace()
            guard !key.isEmpty else {
                error(lineNumber, "missing key before \"=\"")
                continue
            }
            guard let index = current else {
                if !inBrokenSection {
                    error(lineNumber, "key \"\(key)\" outside any section (expected a [section] header first)")
                }
                continue
            }
            if let first = sections[index].entry(key) {
                error(lineNumber, "duplicate key \"\(key)\" in [\(sections[index].name)] (first set on line \(first.line))")
                sections[index].duplicates.append(Entry(key: key, value: value, line: lineNumber))
                continue
            }
            sections[index].entries.append(Entry(key: key, value: value, line: lineNumber))
        }
        return (Document(sections: sections), diagnostics)
    }

    /// Splits on LF, CRLF or a lone CR, after dropping a UTF-8 byte order mark.
    static func lines(of text: String) -> [Substring] {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        // "\r\n" is one Character in Swift, so it must be named on its own.
        return body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }
}
