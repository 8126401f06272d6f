/// What the roster parser accepts but liaisond must still refuse (issue 14), checked once the
/// roster is read, each problem as `FILE:LINE: message`:
/// - control characters (NUL, ESC, BEL, DEL, C1 controls, U+2028/U+2029) in any text cell: they
///   would reach mail bodies and the operator's terminal raw;
/// - cells longer than a person could mean (a 10 MB name passed `check` and then failed with
///   552 forever);
/// - e-mail addresses that are not plain ASCII: liaisond does not speak SMTPUTF8, and a raw
///   UTF-8 `RCPT TO` came out as `<@.>` in the To header;
/// - dates in the future (`futureDates`), refused as `record` refuses them: a typo such as
///   `2099` would silence a member's reminders for years.
public enum LedgerLimits {
    /// Longest name, in characters.
    public static let maxName = 100
    /// Longest id, grid, phone or certificate number.
    public static let maxShort = 100
    /// Longest note or place.
    public static let maxText = 1000
    /// RFC 5321: 254 characters for a whole address.
    public static let maxAddress = 254

    /// - Parameter perform: runs a body for 0..<n, at once if it can (as for
    ///   `LedgerParser.parse`): the members are checked in two halves with it.
    public static func problems(_ ledger: Ledger, membersFile: String, peopleFile: String,
                                perform: Halves.Perform = Halves.inOrder)
        -> [Diagnostic] {
        var out: [Diagnostic] = []
        for p in ledger.people {
            var c = Cells(file: peopleFile, line: p.line)
            c.check(p.id, "id", max: maxShort)
            c.check(p.name, "name", max: maxName)
            c.check(p.grid, "grid", max: maxShort)
            c.address(p.email)
            out += c.found
        }
        // By index and field: `for m in` copied every member, strings and all.
        let members = ledger.members
        func check(_ range: Range<Int>) -> [Diagnostic] {
            var found: [Diagnostic] = []
            for i in range {
                var c = Cells(file: membersFile, line: members[i].line)
                c.check(members[i].id, "id", max: maxShort)
                c.check(members[i].name, "name", max: maxName)
                c.check(members[i].phone, "phone", max: maxShort)
                c.check(members[i].grid, "grid", max: maxShort)
                c.check(members[i].certificate, "certificate", max: maxShort)
                c.check(members[i].place, "place", max: maxText)
                c.check(members[i].note, "note", max: maxText)
                c.address(members[i].email)
                if !c.found.isEmpty { found += c.found }
            }
            return found
        }
        let middle = members.count / 2
        let (first, second) = Halves.run(perform) { check($0 == 0 ? 0..<middle : middle..<members.count) }
        return out + first + second
    }

    /// The problems of one row's cells.
    private struct Cells {
        let file: String
        let line: Int
        var found: [Diagnostic] = []

        init(file: String, line: Int) {
            self.file = file
            self.line = line
        }

        mutating func check(_ value: String?, _ column: String, max: Int) {
            guard let value, !value.isEmpty else { return }
            if mayHoldForbidden(value), let bad = value.unicodeScalars.first(where: isForbidden) {
                found.append(Diagnostic(file: file, line: line,
                                        "\(column) contains the control character \(describe(bad)); remove it"))
            }
            // Counting characters walks grapheme clusters: only when the bytes could exceed.
            if value.utf8.count > max && value.count > max {
                found.append(Diagnostic(file: file, line: line, "\(column) is \(value.count) characters long (at most \(max))"))
            }
        }

        mutating func address(_ value: String?) {
            guard let value, !value.isEmpty else { return }
            check(value, "email", max: maxAddress)
            if !value.unicodeScalars.allSatisfy(\.isASCII) {
                found.append(Diagnostic(file: file, line: line,
                                        "email \(value) is not a plain ASCII address: liaisond cannot send to internationalised "
                                        + "addresses (SMTPUTF8); give the member's ASCII address (e.g. at qq.com or 163.com)"))
            }
        }
    }

    /// Dates after `today` + 1 day (a time-zone's grace, as `record` allows).
    /// An outgoing member's `since` may lie up to a year ahead: a planned departure is entered
    /// before the day (`departure.prepare` reminds the secretary to prepare it); further out it
    /// is a typo.
    public static func futureDates(_ ledger: Ledger, membersFile: String, today: LocalDate) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let limit = today.adding(days: 1)
        let departureLimit = today.adding(days: 366)
        func add(_ column: String, _ d: LocalDate, _ line: Int) {
            out.append(Diagnostic(file: membersFile, line: line,
                                  "\(column) \(d) is in the future (today is \(today)); a typo must not silence reminders"))
        }
        // Three plain checks per member, no array per member: a million members are read here,
        // by index and field (`for m in` copied every member, strings and all).
        let members = ledger.members
        for i in members.indices {
            if let d = members[i].since, d > (members[i].kind == .outgoing ? departureLimit : limit) {
                add("since", d, members[i].line)
            }
            if let d = members[i].lastContact, d > limit { add("last_contact", d, members[i].line) }
            if let d = members[i].lastReport, d > limit { add("last_report", d, members[i].line) }
        }
        return out
    }

    /// Whether `value` may hold a forbidden character: a byte below 0x20 or DEL, or the lead
    /// byte of the two-byte (C1 controls, U+0080–U+009F) or three-byte (U+2028, U+2029) forms.
    /// Most cells have none of these bytes and are not read scalar by scalar (a million
    /// members' cells were 2 % of `due`).
    static func mayHoldForbidden(_ value: String) -> Bool {
        value.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 { return true }
            return false
        } ?? true
    }

    /// C0 controls but tab, DEL, C1 controls, the line and paragraph separators.
    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v < 0x20 && v != 0x09) || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
    }

    static func describe(_ s: Unicode.Scalar) -> String {
        let names: [UInt32: String] = [0: "NUL", 7: "BEL", 8: "BS", 0x0A: "LF", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL",
                                       0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"]
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + (names[s.value].map { " (\($0))" } ?? "")
    }
}
