/// An RFC 4180 CSV parser that keeps physical line numbers and reports malformed input
/// instead of guessing.
///
/// Rosters are edited by hand in Excel, WPS and text editors, so the reader accepts what they
/// write (CRLF or LF, a trailing newline or none, a UTF-8 BOM, blank lines between rows) and
/// reports what they cannot have meant (an unterminated quote, a stray quote in an unquoted
/// field) with the line an operator can find.
///
/// It works on the string's UTF-8 bytes: every structural character (`"` `,` CR LF) is ASCII,
/// and in UTF-8 no byte of a multi-byte character is ASCII, so fields are slices of the input
/// and are copied once. Walking `Character`s would be slower and wrong besides: `"\r\n"` is a
/// single `Character`.
public enum CSVReader {
    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// Splits `text` into rows of fields.
    ///
    /// - Rows end at CRLF, LF or a lone CR; inside quotes these are field content and still
    ///   count as physical lines (CRLF counts once).
    /// - Empty physical lines are skipped. A line of only commas is a row of empty fields.
    /// - A leading U+FEFF (BOM) is ignored.
    /// - Each problem is reported at the line where its row starts; the row is still returned
    ///   (best effort), so a caller that wants only clean rows drops rows whose line has a
    ///   problem.
    public static func parse(_ text: String) -> (rows: [CSVRow], problems: [(line: Int, message: String)]) {
        var rows: [CSVRow] = []
        let problems = forEachRow(in: text) { row, _ in rows.append(row) }
        return (rows, problems)
    }

    /// Streams the rows of `text` to `body` one at a time, with whether the row has a problem,
    /// and returns the problems (same rules as `parse`). Lets a caller that turns rows into
    /// its own values (a million-row roster) avoid holding every field of the file at once.
    @discardableResult
    public static func forEachRow(in text: String, _ body: (CSVRow, _ hasProblem: Bool) -> Void)
        -> [(line: Int, message: String)] {
        var text = text
        return text.withUTF8 { scan($0, body) }
    }

    /// As `forEachRow(in:)`, over bytes already known to be valid UTF-8 (a roster file read
    /// from disk): no decoded copy of the whole file is made.
    static func forEachRow(inUTF8 buf: UnsafeBufferPointer<UInt8>, _ body: (CSVRow, _ hasProblem: Bool) -> Void)
        -> [(line: Int, message: String)] {
        scan(buf, body)
    }

    /// As `forEachRow(inUTF8:)`, with each field as the bytes it stands for instead of a
    /// `String`: a field without `""` is a slice of `buf`, one with them (or with text after
    /// its closing quote) a slice of a scratch buffer. The slices are valid only during `body`.
    /// A roster reader turns dates, yes/no and choices into values straight from these and
    /// makes a `String` only for the text it keeps.
    static func forEachRawRow(inUTF8 buf: UnsafeBufferPointer<UInt8>, _ body: (CSVRawRow, _ hasProblem: Bool) -> Void)
        -> [(line: Int, message: String)] {
        scanRaw(buf, from: 0, line: 1, stopAt: Int.max, maxRows: Int.max, body).problems
    }

    /// Where a partial scan stopped: the offset and physical line of the next row, and the
    /// problems of the rows read.
    struct Stop {
        var problems: [(line: Int, message: String)]
        var offset: Int
        var line: Int
    }

    /// As `forEachRawRow(inUTF8:)` over part of `buf`: from `start` (the first byte of a row,
    /// on physical line `line`) until a row would start at or after `stopAt`, or `maxRows`
    /// rows were read. A roster parser reads two halves of a file this way at once: when the
    /// first half's scan stops exactly where the second began, the second began at a row (and
    /// not inside a quoted value) and both halves read what one scan would have.
    static func forEachRawRow(inUTF8 buf: UnsafeBufferPointer<UInt8>, from start: Int, line: Int,
                              stopAt: Int = Int.max, maxRows: Int = Int.max,
                              _ body: (CSVRawRow, _ hasProblem: Bool) -> Void) -> Stop {
        scanRaw(buf, from: start, line: line, stopAt: stopAt, maxRows: maxRows, body)
    }

    /// The physical line of offset `end` in `buf`, counted as the scanner counts (LF, CR and
    /// CRLF each end one line), for a scan that starts there.
    static func line(at end: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 1
        var i = 0
        while i < end {
            // Eight bytes at a time, counting the LFs of a word without a CR (half a
            // million-member roster is 70 MB, counted before its second half can start).
            if i + 8 <= end, let base = buf.baseAddress {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if zeroBytes(w ^ 0x0D0D_0D0D_0D0D_0D0D) == 0 {
                    n += zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A).nonzeroBitCount
                    i += 8
                    continue
                }
            }
            let c = buf[i]
            if c == lf { n += 1 } else if c == cr, i + 1 >= buf.count || buf[i + 1] != lf { n += 1 }
            i += 1
        }
        return n
    }

    /// The high bit of each zero byte of `w`, and only of those.
    private static func zeroBytes(_ w: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((w & low7) &+ low7) | w | low7)
    }

    private static func scan(_ buf: UnsafeBufferPointer<UInt8>, _ body: (CSVRow, Bool) -> Void)
        -> [(line: Int, message: String)] {
        forEachRawRow(inUTF8: buf) { raw, hasProblem in
            body(CSVRow(line: raw.line, fields: raw.fields.map { String(decoding: $0, as: UTF8.self) }), hasProblem)
        }
    }

    private static func scanRaw(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, line firstLine: Int,
                                stopAt: Int, maxRows: Int, _ body: (CSVRawRow, Bool) -> Void) -> Stop {
        let n = buf.count
        var i = start
        if start == 0 && n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { i = 3 }
        var line = firstLine
        var rows = 0
        var problems: [(line: Int, message: String)] = []
        // Unescaped values of the current row (fields with `""` or text after the quote).
        var scratch: [UInt8] = []
        // Fields of the current row; those in `scratch` are fixed up once the row is complete
        // (the scratch buffer may move while it grows).
        var fields: [UnsafeBufferPointer<UInt8>] = []
        var inScratch: [(field: Int, from: Int, to: Int)] = []
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

        func slice(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: buf[from..<to])
        }
        func string(_ from: Int, _ to: Int) -> String {
            String(decoding: slice(from, to), as: UTF8.self)
        }
        func isDelimiter(_ c: UInt8) -> Bool { c == comma || c == cr || c == lf }

        while i < n && i < stopAt && rows < maxRows {
            // Blank physical line between rows.
            if buf[i] == lf { line += 1; i += 1; continue }
            if buf[i] == cr {
                line += 1
                i += 1
                if i < n && buf[i] == lf { i += 1 }
                continue
            }

            let rowLine = line
            let problemsBefore = problems.count
            fields.removeAll(keepingCapacity: true)
            if !inScratch.isEmpty {
                inScratch.removeAll(keepingCapacity: true)
                scratch.removeAll(keepingCapacity: true)
            }
            var rowOpen = true
            while rowOpen {
                if i < n && buf[i] == quote {
                    let openLine = line
                    i += 1
                    var segmentStart = i
                    let contentStart = i
                    var scratchStart = -1
                    var closed = false
                    while i < n {
                        let c = buf[i]
                        if c == quote {
                            if i + 1 < n && buf[i + 1] == quote {
                                // `""` is one quote: copy what precedes it plus one `"`.
                                if scratchStart < 0 { scratchStart = scratch.count }
                                scratch.append(contentsOf: slice(segmentStart, i + 1))
                                i += 2
                                segmentStart = i
                                continue
                            }
                            closed = true
                            break
                        } else if c == lf {
                            line += 1
                        } else if c == cr {
                            line += 1
                            if i + 1 < n && buf[i + 1] == lf { i += 1 }
                        }
                        i += 1
                    }
                    // The value: a slice of the input, or from `scratchStart` in the scratch.
                    if scratchStart >= 0 { scratch.append(contentsOf: slice(segmentStart, i)) }
                    let valueEnd = i
                    guard closed else {
                        problems.append((rowLine, "a quoted field opened on line \(openLine) is never closed (a value that starts with \" must end with \"; write a quote inside a value as \"\")"))
                        if scratchStart >= 0 {
                            inScratch.append((fields.count, scratchStart, scratch.count))
                            fields.append(empty)
                        } else {
                            fields.append(slice(contentStart, valueEnd))
                        }
                        break
                    }
                    i += 1
                    if i < n && !isDelimiter(buf[i]) {
                        let start = i
                        while i < n && !isDelimiter(buf[i]) { i += 1 }
                        let extra = string(start, i)
                        problems.append((rowLine, "text \"\(extra)\" follows the closing quote of a field (quote the whole value, and write a quote inside it as \"\")"))
                        if scratchStart < 0 {
                            scratchStart = scratch.count
                            scratch.append(contentsOf: slice(contentStart, valueEnd))
                        }
                        scratch.append(contentsOf: slice(start, i))
                    }
                    if scratchStart >= 0 {
                        inScratch.append((fields.count, scratchStart, scratch.count))
                        fields.append(empty)
                    } else {
                        fields.append(slice(contentStart, valueEnd))
                    }
                } else {
                    let start = i
                    var strayQuote = false
                    while i < n {
                        let c = buf[i]
                        if isDelimiter(c) { break }
                        if c == quote { strayQuote = true }
                        i += 1
                    }
                    if strayQuote {
                        let value = string(start, i)
                        problems.append((rowLine, "field \"\(value)\" contains a quote but does not start with one (quote the whole value and write the quote as \"\")"))
                    }
                    fields.append(slice(start, i))
                }

                if i >= n {
                    rowOpen = false
                } else if buf[i] == comma {
                    i += 1  // at the end of input this leaves one more (empty) field to read
                } else {
                    if buf[i] == cr && i + 1 < n && buf[i + 1] == lf { i += 1 }
                    i += 1
                    line += 1
                    rowOpen = false
                }
            }
            let hasProblem = problems.count != problemsBefore
            rows += 1
            if inScratch.isEmpty {
                body(CSVRawRow(line: rowLine, fields: fields), hasProblem)
            } else {
                scratch.withUnsafeBufferPointer { s in
                    for f in inScratch { fields[f.field] = UnsafeBufferPointer(rebasing: s[f.from..<f.to]) }
                    body(CSVRawRow(line: rowLine, fields: fields), hasProblem)
                }
            }
        }
        return Stop(problems: problems, offset: i, line: line)
    }
}

/// A CSV row whose fields are the bytes of their values (UTF-8), valid only inside the
/// `CSVReader.forEachRawRow` callback that receives it.
struct CSVRawRow {
    let line: Int
    let fields: [UnsafeBufferPointer<UInt8>]

    /// The row with its fields as strings (for a header row, or a test).
    var row: CSVRow { CSVRow(line: line, fields: fields.map { String(decoding: $0, as: UTF8.self) }) }
}
