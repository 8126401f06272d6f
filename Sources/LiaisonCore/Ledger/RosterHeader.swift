/// Where each known column sits in a roster file, read from its header row.
///
/// Headers are matched trimmed, English case-insensitively (`-` and `_` alike) and Chinese
/// exactly. Cells are later named in messages by the header *as written*, so an operator whose
/// file says `流动时间` reads `流动时间 "2026-13-01" is not a date`, not an English name
/// they never typed.
struct RosterHeader<Column: RosterColumn>: Sendable {
    /// Line of the header row.
    let line: Int
    /// Number of header cells; a row with more fields than this is refused.
    let fieldCount: Int
    private let positions: [Int?]
    private let names: [String]

    func position(of column: Column) -> Int? { positions[column.rawValue] }

    /// The header as written in the file, or the English name when the column is absent.
    func name(of column: Column) -> String { names[column.rawValue] }

    func has(_ column: Column) -> Bool { positions[column.rawValue] != nil }

    /// Reads the header row. Unknown, empty and repeated headers are reported and ignored;
    /// returns nil (after reporting) only when a required column is missing, because then no
    /// row can be read.
    static func read(_ row: CSVRow, file: String, into diagnostics: inout [Diagnostic]) -> RosterHeader? {
        var lookup: [String: Column] = [:]
        for c in Column.allCases {
            lookup[c.english] = c
            lookup[c.chinese] = c
            for other in c.synonyms { lookup[other] = c }
        }
        var positions = [Int?](repeating: nil, count: Column.allCases.count)
        var names = Column.allCases.map(\.english)
        for (k, raw) in row.fields.enumerated() {
            let text = raw.trimmingWhitespace()
            if text.isEmpty {
                diagnostics.append(.warning(file: file, line: row.line,
                    "column \(k + 1) has no header; its values are ignored"))
                continue
            }
            guard let column = lookup[text] ?? lookup[englishKey(text)] else {
                let known = Column.allCases.map(\.bothNames).joined(separator: ", ")
                diagnostics.append(Diagnostic(file: file, line: row.line,
                    "unknown column \(text.quotedForMessage) (known columns: \(known))"))
                continue
            }
            if let earlier = positions[column.rawValue] {
                diagnostics.append(Diagnostic(file: file, line: row.line,
                    "column \(text.quotedForMessage) appears twice (columns \(earlier + 1) and \(k + 1)); keep one"))
                continue
            }
            positions[column.rawValue] = k
            names[column.rawValue] = text
        }
        var complete = true
        for c in Column.required where positions[c.rawValue] == nil {
            diagnostics.append(Diagnostic(file: file, line: row.line,
                "required column \(c.english) (\(c.chinese)) is missing from the header row"))
            complete = false
        }
        guard complete else { return nil }
        return RosterHeader(line: row.line, fieldCount: row.fields.count, positions: positions, names: names)
    }

    /// Lower-cased ASCII with `-` read as `_` (`Fixed-Place` → `fixed_place`).
    private static func englishKey(_ s: String) -> String {
        String(decoding: s.utf8.map { b -> UInt8 in
            if b >= 0x41 && b <= 0x5A { return b + 0x20 }
            return b == 0x2D ? 0x5F : b
        }, as: UTF8.self)
    }
}
