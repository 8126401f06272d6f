/// The cells of one roster row, read by column, collecting a diagnostic for every bad cell.
///
/// Every accessor keeps going after a problem (returning nil or the default) so that one
/// pass reports all of a row's problems, and `hasErrors` tells the parser to leave the row
/// out of the ledger. Messages name the column as its header is written and quote the value.
struct RosterCells<Column: RosterColumn> {
    let header: RosterHeader<Column>
    let fields: [String]
    let file: String
    let line: Int
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var hasErrors = false

    init(header: RosterHeader<Column>, fields: [String], file: String, line: Int) {
        self.header = header
        self.fields = fields
        self.file = file
        self.line = line
    }

    mutating func error(_ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, message))
        hasErrors = true
    }

    mutating func warning(_ message: String) {
        diagnostics.append(.warning(file: file, line: line, message))
    }

    func name(_ c: Column) -> String { header.name(of: c) }

    /// The cell as written; empty when the column is absent or the row is short.
    func raw(_ c: Column) -> String {
        guard let p = header.position(of: c), p < fields.count else { return "" }
        return fields[p]
    }

    /// The trimmed cell, nil when empty.
    func text(_ c: Column) -> String? {
        let t = raw(c).whitespaceTrimmed
        return t.isEmpty ? nil : t
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
        let r = raw(c)
        if r.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            error("\(name(c)) \(r.quotedForMessage) contains a line break; it is refused because it would go into a mail header (keep it on one line)")
        }
    }

    /// An e-mail address, checked with `Mailbox.isValidAddress`; nil when empty or bad.
    mutating func email(_ c: Column) -> String? {
        let r = raw(c)
        if r.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            error("\(name(c)) \(r.quotedForMessage) contains a line break; it is refused because it would go into a mail header")
            return nil
        }
        guard let t = text(c) else { return nil }
        guard Mailbox.isPlainAddress(t) || Mailbox.isValidAddress(t) else {
            error("\(name(c)) \(t.quotedForMessage) is not a valid e-mail address (write it as name@example.org, one address per cell)")
            return nil
        }
        return t
    }

    mutating func date(_ c: Column) -> LocalDate? {
        guard let t = text(c) else { return nil }
        guard let d = LocalDate.parse(t) else {
            error("\(name(c)) \(t.quotedForMessage) is not a date (use \(LocalDate.acceptedForms))")
            return nil
        }
        return d
    }

    mutating func month(_ c: Column) -> YearMonth? {
        guard let t = text(c) else { return nil }
        guard let m = YearMonth.parse(t) else {
            error("\(name(c)) \(t.quotedForMessage) is not a month (use \(YearMonth.acceptedForms))")
            return nil
        }
        return m
    }

    mutating func yesNo(_ c: Column, default defaultValue: Bool = false) -> Bool {
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
}
