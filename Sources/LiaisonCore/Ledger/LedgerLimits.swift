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

    public static func problems(_ ledger: Ledger, membersFile: String, peopleFile: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ value: String?, _ column: String, max: Int, file: String, line: Int) {
            guard let value, !value.isEmpty else { return }
            if let bad = value.unicodeScalars.first(where: isForbidden) {
                out.append(Diagnostic(file: file, line: line,
                                      "\(column) contains the control character \(describe(bad)); remove it"))
            }
            // Counting characters walks grapheme clusters: only when the bytes could exceed.
            if value.utf8.count > max && value.count > max {
                out.append(Diagnostic(file: file, line: line, "\(column) is \(value.count) characters long (at most \(max))"))
            }
        }
        func address(_ value: String?, file: String, line: Int) {
            guard let value, !value.isEmpty else { return }
            check(value, "email", max: maxAddress, file: file, line: line)
            if !value.unicodeScalars.allSatisfy(\.isASCII) {
                out.append(Diagnostic(file: file, line: line,
                                      "email \(value) is not a plain ASCII address: liaisond cannot send to internationalised "
                                      + "addresses (SMTPUTF8); give the member's ASCII address (e.g. at qq.com or 163.com)"))
            }
        }
        for p in ledger.people {
            check(p.id, "id", max: maxShort, file: peopleFile, line: p.line)
            check(p.name, "name", max: maxName, file: peopleFile, line: p.line)
            check(p.grid, "grid", max: maxShort, file: peopleFile, line: p.line)
            address(p.email, file: peopleFile, line: p.line)
        }
        for m in ledger.members {
            check(m.id, "id", max: maxShort, file: membersFile, line: m.line)
            check(m.name, "name", max: maxName, file: membersFile, line: m.line)
            check(m.phone, "phone", max: maxShort, file: membersFile, line: m.line)
            check(m.grid, "grid", max: maxShort, file: membersFile, line: m.line)
            check(m.certificate, "certificate", max: maxShort, file: membersFile, line: m.line)
            check(m.place, "place", max: maxText, file: membersFile, line: m.line)
            check(m.note, "note", max: maxText, file: membersFile, line: m.line)
            address(m.email, file: membersFile, line: m.line)
        }
        return out
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
