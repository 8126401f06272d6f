/// The cells of one roster row, read by column, collecting a diagnostic for every bad cell.
///
/// Cells are the bytes of the row (see `CSVRawRow`): dates, months, yes/no cells are read
/// straight from them in the common forms, and a `String` is made only for text that is kept
/// or for the rarer forms (then through the same parsers as before, so results and messages
/// are unchanged).
///
/// Every accessor keeps going after a problem (returning nil or the default) so that one
/// pass reports all of a row's problems, and `hasErrors` tells the parser to leave the row
/// out of the ledger. Messages name the column as its header is written and quote the value.
struct RosterCells<Column: RosterColumn> {
    let header: RosterHeader<Column>
    let fields: [UnsafeBufferPointer<UInt8>]
    let file: String
    let line: Int
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var hasErrors = false

    init(header: RosterHeader<Column>, fields: [UnsafeBufferPointer<UInt8>], file: String, line: Int) {
        self.header = header
        self.fields = fields
        self.file = file
        self.line = line
    }

    mutating func error(_ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, message))
        hasErrors = true
    }

    /// An error found after the row was read (its id repeats an earlier row's), put among the
    /// row's diagnostics where reading it would have put it.
    mutating func insert(_ error: Diagnostic, at position: Int) {
        diagnostics.insert(error, at: position)
        hasErrors = true
    }

    mutating func warning(_ message: String) {
        diagnostics.append(.warning(file: file, line: line, message))
    }

    func name(_ c: Column) -> String { header.name(of: c) }

    /// The cell's bytes as written; empty when the column is absent or the row is short.
    func bytes(_ c: Column) -> UnsafeBufferPointer<UInt8> {
        guard let p = header.position(of: c), p < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        return fields[p]
    }

    /// The cell as written; empty when the column is absent or the row is short.
    func raw(_ c: Column) -> String { String(decoding: bytes(c), as: UTF8.self) }

    /// The trimmed cell, nil when empty.
    func text(_ c: Column) -> String? {
        let b = bytes(c)
        if b.isEmpty { return nil }
        // Nothing to trim (the usual cell): the bytes as they are.
        if RosterCells.edgesAreNotWhitespace(b) { return String(decoding: b, as: UTF8.self) }
        let t = String(decoding: b, as: UTF8.self).whitespaceTrimmed
        return t.isEmpty ? nil : t
    }

    /// True when neither the first nor the last scalar of non-empty UTF-8 `b` is Unicode
    /// White_Space (see `String.isWhitespace`). Decides from the edge bytes; false (let the
    /// caller trim) when an edge scalar's lead byte is one whitespace can start with.
    static func edgesAreNotWhitespace(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0 else { return false }
        let f = b[0]
        if f < 0x80 {
            if f <= 0x20 || f == 0x7F { return false }
        } else if !leadCannotStartWhitespace(f) {
            return false
        }
        let l = b[n - 1]
        if l < 0x80 { return l > 0x20 && l != 0x7F }
        // The lead byte of the last scalar (at most three continuation bytes before it).
        var k = n - 1
        while k > 0 && n - k < 4 && b[k] & 0xC0 == 0x80 { k -= 1 }
        return leadCannotStartWhitespace(b[k])
    }

    /// Non-ASCII whitespace is U+0085, U+00A0 (lead 0xC2), U+1680 (0xE1), U+2000… (0xE2) and
    /// U+3000 (0xE3); a scalar with any other lead byte is not whitespace.
    private static func leadCannotStartWhitespace(_ lead: UInt8) -> Bool {
        lead >= 0xC3 && lead != 0xE1 && lead != 0xE2 && lead != 0xE3
    }

    /// A cell that must not be empty; `why` completes "… is empty; …".
    mutating func required(_ c: Column, _ why: String) -> String? {
        guard let t = text(c) else {
            error("\(name(c)) is empty; \(why)")
            return nil
        }
        return t
    }

    /// A cell that ends up in a mail header (a name) or in reminder keys (an id): a CR or LF
    /// in it could forge a header, so it is refused rather than cleaned.
    mutating func refuseLineBreaks(_ c: Column) {
        if bytes(c).contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            let r = raw(c)
            error("\(name(c)) \(r.quotedForMessage) contains a line break; it is refused because it would go into a mail header (keep it on one line)")
        }
    }

    /// An e-mail address, checked with `Mailbox.isValidAddress`; nil when empty or bad.
    mutating func email(_ c: Column) -> String? {
        if bytes(c).contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            let r = raw(c)
            error("\(name(c)) \(r.quotedForMessage) contains a line break; it is refused because it would go into a mail header")
            return nil
        }
        guard let t = text(c) else { return nil }
        guard Mailbox.isValidAddress(t) else {
            error("\(name(c)) \(t.quotedForMessage) is not a valid e-mail address (write it as name@example.org, one address per cell)")
            return nil
        }
        return t
    }

    mutating func date(_ c: Column) -> LocalDate? {
        if let d = RosterCells.asciiDate(bytes(c)) { return d }
        return choice(c, "a date", forms: LocalDate.acceptedForms, default: nil) { LocalDate.parse($0) }
    }

    mutating func month(_ c: Column) -> YearMonth? {
        if let m = RosterCells.asciiMonth(bytes(c)) { return m }
        return choice(c, "a month", forms: YearMonth.acceptedForms, default: nil) { YearMonth.parse($0) }
    }

    mutating func yesNo(_ c: Column, default defaultValue: Bool = false) -> Bool {
        let b = bytes(c)
        // The usual spellings, as `LedgerValues.yesNo` reads them.
        if b.isEmpty { return defaultValue }
        if b.count == 1 {
            if b[0] == 0x31 { return true }
            if b[0] == 0x30 { return false }
        } else if b.count == 3 {
            if b[0] == 0xE6 && b[1] == 0x98 && b[2] == 0xAF { return true }   // 是
            if b[0] == 0xE5 && b[1] == 0x90 && b[2] == 0xA6 { return false }  // 否
        }
        guard let t = text(c) else { return defaultValue }
        guard let v = LedgerValues.yesNo(t, default: defaultValue) else {
            error("\(name(c)) \(t.quotedForMessage) is not yes or no (use \(LedgerValues.yesNoForms); empty means \(defaultValue ? "yes" : "no"))")
            return defaultValue
        }
        return v
    }

    /// An enumerated cell; `what` names the kind of value ("a kind"), `forms` lists the accepted
    /// spellings. Empty gives `defaultValue` (nil for a required one, reported by the caller).
    mutating func choice<T>(_ c: Column, _ what: String, forms: String, default defaultValue: T?,
                            _ parse: (String) -> T?) -> T? {
        guard let t = text(c) else { return defaultValue }
        guard let v = parse(t) else {
            error("\(name(c)) \(t.quotedForMessage) is not \(what) (use \(forms))")
            return defaultValue
        }
        return v
    }

    /// `YYYY-M-D`, `YYYY/M/D` or `YYYY.M.D` in ASCII with nothing around it, when it is a real
    /// day; nil for everything else (which `LocalDate.parse` then reads or refuses).
    static func asciiDate(_ b: UnsafeBufferPointer<UInt8>) -> LocalDate? {
        guard b.count >= 8, b.count <= 10, let y = fourDigits(b) else { return nil }
        let sep = b[4]
        guard sep == 0x2D || sep == 0x2F || sep == 0x2E else { return nil }
        var i = 5
        guard let m = oneOrTwoDigits(b, &i), i < b.count, b[i] == sep else { return nil }
        i += 1
        guard let d = oneOrTwoDigits(b, &i), i == b.count else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    /// `YYYY-M`, `YYYY/M` or `YYYY.M` in ASCII with nothing around it; nil for everything else.
    static func asciiMonth(_ b: UnsafeBufferPointer<UInt8>) -> YearMonth? {
        guard b.count >= 6, b.count <= 7, let y = fourDigits(b) else { return nil }
        let sep = b[4]
        guard sep == 0x2D || sep == 0x2F || sep == 0x2E else { return nil }
        var i = 5
        guard let m = oneOrTwoDigits(b, &i), i == b.count else { return nil }
        return YearMonth(year: y, month: m)
    }

    private static func fourDigits(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var v = 0
        for k in 0..<4 {
            let d = b[k] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    private static func oneOrTwoDigits(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        var v = 0
        let start = i
        while i < b.count && i - start < 3 {
            let d = b[i] &- 0x30
            guard d < 10 else { break }
            v = v * 10 + Int(d)
            i += 1
        }
        let width = i - start
        return width >= 1 && width <= 2 ? v : nil
    }
}
