/// Turns the two roster files (`members.csv`, `people.csv`) into a `Ledger`, reporting every
/// problem as a `Diagnostic` (interface.md, "Roster files").
///
/// It takes bytes, not paths: the core does no I/O, and the encoding (UTF-8 or GB18030) is
/// detected here so that `check`, `run` and a `SIGHUP` reload all read a roster alike.
///
/// Validation never stops at the first problem: a secretary fixing a roster wants the whole
/// list in one `check`. A row with an error is left out of the ledger and the good rows are
/// kept; the caller decides whether errors make the roster unusable (a reload keeps the old
/// one). Warnings (an outgoing member without a liaison) keep the row.
///
/// - Important: Linear in the size of the files (one pass per file, hash lookups for ids), so
///   a million-member roster parses in seconds.
public enum LedgerParser {
    public static func parse(members: [UInt8], membersFile: String,
                             people: [UInt8], peopleFile: String) -> (ledger: Ledger, diagnostics: [Diagnostic]) {
        var peopleDiagnostics: [Diagnostic] = []
        let (persons, personIDs) = withUTF8Text(people, file: peopleFile, into: &peopleDiagnostics) { text, d in
            parsePeople(text, file: peopleFile, into: &d)
        }

        var memberDiagnostics: [Diagnostic] = []
        let (memberRows, memberIndex) = withUTF8Text(members, file: membersFile, into: &memberDiagnostics) { text, d in
            parseMembers(text, file: membersFile, personIDs: personIDs, peopleFile: peopleFile, into: &d)
        }

        return (Ledger(members: memberRows, people: persons, memberIndex: memberIndex),
                memberDiagnostics + peopleDiagnostics)
    }

    // MARK: - Text

    /// Runs `body` over the UTF-8 text of a roster file: the file's own bytes when they are
    /// UTF-8 already (a million-member roster is 130 MB: no decoded copy), else the text
    /// `decode` makes of them. The BOM, if any, is skipped either way.
    private static func withUTF8Text<T>(_ bytes: [UInt8], file: String, into diagnostics: inout [Diagnostic],
                                        _ body: (UnsafeBufferPointer<UInt8>, inout [Diagnostic]) -> T) -> T {
        let start = Charset.hasUTF8BOM(bytes) ? 3 : 0
        if Charset.firstInvalidUTF8Offset(bytes) == nil {
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start...]), &diagnostics) }
        }
        var text = decode(bytes, file: file, into: &diagnostics)
        return text.withUTF8 { body($0, &diagnostics) }
    }

    /// Decodes a roster file, reporting text that is neither UTF-8 nor GB18030 at the line
    /// where it stops being UTF-8 (the rest is read with replacement characters so that its
    /// other problems are still listed).
    static func decode(_ bytes: [UInt8], file: String, into diagnostics: inout [Diagnostic]) -> String {
        let (text, encoding) = Charset.decodeText(bytes)
        guard encoding == Charset.lossyUTF8 else { return text }
        func line(at offset: Int?) -> Int {
            guard let offset else { return 1 }
            var n = 1
            for k in 0..<Swift.min(offset, bytes.count) where bytes[k] == 0x0A { n += 1 }
            return n
        }
        let utf8Line = line(at: Charset.firstInvalidUTF8Offset(bytes))
        let gbLine = line(at: Charset.firstUndecodableOffset(bytes, charset: "GB18030"))
        diagnostics.append(Diagnostic(file: file, line: utf8Line,
            "the file is neither UTF-8 text (invalid from line \(utf8Line)) nor GB18030/GBK text (invalid from line \(gbLine)); save it again as \"CSV UTF-8\" or as \"CSV (逗号分隔)\""))
        return text
    }

    /// Streams the rows of a roster file as cells under its header: the first non-blank row is
    /// the header; each other row goes to `row`, minus rows of only empty cells (which Excel
    /// leaves below a table) and rows with more fields than the header has columns (refused
    /// here). The header's and the cells' diagnostics are merged in line order. CSV syntax
    /// problems are reported and their rows skipped. Returns whether the header was usable.
    private static func forEachRecord<Column: RosterColumn>(_ text: UnsafeBufferPointer<UInt8>, file: String,
                                                            into diagnostics: inout [Diagnostic],
                                                            row: (CSVRawRow, inout RosterCells<Column>) -> Void) -> Bool {
        var sawHeader = false
        var header: RosterHeader<Column>?
        var found: [Diagnostic] = []
        let problems = CSVReader.forEachRawRow(inUTF8: text) { r, hasProblem in
            if !sawHeader {
                sawHeader = true
                header = RosterHeader<Column>.read(r.row, file: file, into: &found)
                return
            }
            guard let header, !hasProblem else { return }
            if r.fields.allSatisfy(isBlank) { return }
            guard r.fields.count <= header.fieldCount else {
                found.append(tooManyFields(r.line, r.fields.count, header.fieldCount, file: file))
                return
            }
            var cells = RosterCells(header: header, fields: r.fields, file: file, line: r.line)
            row(r, &cells)
            found.append(contentsOf: cells.diagnostics)
        }
        // Syntax problems first would reorder by line; merge them in line order instead.
        if !problems.isEmpty {
            let mapped = problems.map { Diagnostic(file: file, line: $0.line, $0.message) }
            diagnostics = mergeByLine(diagnostics, mapped)
        }
        if !sawHeader {
            diagnostics.append(Diagnostic(file: file, line: 1,
                "the file is empty; its first row must be the column headers (for example id,name,…)"))
        }
        diagnostics = mergeByLine(diagnostics, found)
        return header != nil
    }

    /// Whether a cell is empty once trimmed; a cell starting with a visible ASCII character is
    /// answered without making a `String` of it.
    private static func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let f = cell.first else { return true }
        if f > 0x20 && f < 0x7F { return false }
        return String(decoding: cell, as: UTF8.self).whitespaceTrimmed.isEmpty
    }

    /// Stable merge of two lists each in line order; on the same line `a`'s come first.
    private static func mergeByLine(_ a: [Diagnostic], _ b: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].line <= b[j].line) {
                out.append(a[i]); i += 1
            } else {
                out.append(b[j]); j += 1
            }
        }
        return out
    }

    // MARK: - people.csv

    /// Returns the good persons and the ids of every person row (good or not), so that a
    /// member naming a person whose row is broken gets no second, misleading "unknown liaison"
    /// error; nil ids when the file's header is unusable (then liaisons are not checked).
    private static func parsePeople(_ text: UnsafeBufferPointer<UInt8>, file: String, into diagnostics: inout [Diagnostic])
        -> (people: [Person], ids: Set<String>?) {
        var people: [Person] = []
        var firstLine: [String: Int] = [:]
        let usable = forEachRecord(text, file: file, into: &diagnostics) { (row, r: inout RosterCells<PersonColumn>) in
            r.refuseLineBreaks(.id)
            let id = r.required(.id, "every person needs an id, which members.csv names in its liaison column")
            r.refuseLineBreaks(.name)
            let name = r.required(.name, "the name goes into the reminders' greeting and address line")
            let email = r.email(.email)
            let role = r.choice(.role, "a role", forms: LedgerValues.roleForms, default: .liaison, LedgerValues.role)
            let grid = r.text(.grid)
            if let id {
                if let first = firstLine[id] {
                    r.error("id \(id.quotedForMessage) is already used on line \(first); ids must be unique")
                } else {
                    firstLine[id] = row.line
                }
            }
            if role == .gridLeader && grid == nil && !r.hasErrors {
                r.warning("grid leader \(id ?? "") has no \(r.name(.grid)); no grid's reminders will reach them")
            }
            if !r.hasErrors, let id, let name, let role {
                people.append(Person(id: id, name: name, email: email, role: role, grid: grid, line: row.line))
            }
        }
        return (people, usable ? Set(firstLine.keys) : nil)
    }

    // MARK: - members.csv

    private static func parseMembers(_ text: UnsafeBufferPointer<UInt8>, file: String, personIDs: Set<String>?, peopleFile: String,
                                     into diagnostics: inout [Diagnostic]) -> (members: [Member], index: [String: Int]) {
        var members: [Member] = []
        // id → index in `members` of the member with that id, or −line of a first row with the
        // id that had errors. Without such rows it is the ledger's member index as it is (one
        // dictionary of a million ids, not two).
        var index: [String: Int] = [:]
        var badFirstRows = 0
        _ = forEachRecord(text, file: file, into: &diagnostics) { (row, r: inout RosterCells<MemberColumn>) in
            // After a few hundred rows, room for the whole file at their average length: the
            // index is kept as the ledger's, so it is not reserved for rows of 64 bytes.
            if members.count == 256, let base = text.baseAddress, let here = row.fields.first?.baseAddress,
               here > base, here < base + text.count {
                let estimate = text.count / Swift.max(1, (here - base) / 257) + 1024
                members.reserveCapacity(estimate)
                index.reserveCapacity(estimate)
            }
            if let m = member(&r, personIDs: personIDs, peopleFile: peopleFile, members: members,
                              index: &index, badFirstRows: &badFirstRows) {
                members.append(m)
            }
        }
        if badFirstRows > 0 { index = index.filter { $0.value >= 0 } }
        return (members, index)
    }

    /// Reads one member row; nil when it has an error (all of which are in `r.diagnostics`).
    private static func member(_ r: inout RosterCells<MemberColumn>, personIDs: Set<String>?, peopleFile: String,
                               members: [Member], index: inout [String: Int], badFirstRows: inout Int) -> Member? {
        r.refuseLineBreaks(.id)
        let id = r.required(.id, "every member needs a unique id (replies and `record --member` use it)")
        r.refuseLineBreaks(.name)
        let name = r.required(.name, "the name goes into reminders")
        let kindText = r.text(.kind)
        if kindText == nil {
            r.error("\(r.name(.kind)) is empty; use \(LedgerValues.kindForms)")
        }
        let kind = r.choice(.kind, "a kind of member", forms: LedgerValues.kindForms, default: nil, LedgerValues.kind)
        let email = r.email(.email)
        let phone = r.text(.phone)
        let since = r.date(.since)
        if r.text(.since) == nil, let kind, kind != .local {
            let what = kind == .outgoing ? "the day they left" : "the day they arrived"
            r.error("\(r.name(.since)) is empty; an \(kind.rawValue) member needs \(what) (use \(LocalDate.acceptedForms))")
        }
        let place = r.text(.place)
        let fixedPlace = r.yesNo(.fixedPlace)
        let relation = r.choice(.relation, "a relation", forms: LedgerValues.relationForms,
                                default: .retained, LedgerValues.relation) ?? .retained
        let registered = r.yesNo(.registered)
        let liaison = r.text(.liaison)
        if let liaison, let personIDs, !personIDs.contains(liaison) {
            r.error("\(r.name(.liaison)) \(liaison.quotedForMessage) is not an id in \(peopleFile)")
        }
        let grid = r.text(.grid)
        let reportEvery = r.choice(.reportEvery, "a report period", forms: LedgerValues.reportEveryForms,
                                   default: .quarter, LedgerValues.reportEvery) ?? .quarter
        let certificate = r.text(.certificate)
        let certificateCheck = r.choice(.certificateCheck, "a check period", forms: LedgerValues.certificateCheckForms,
                                        default: .halfYear, LedgerValues.certificateCheck) ?? .halfYear
        let dues = r.month(.duesPaidThrough)
        let lastContact = r.date(.lastContact)
        let lastReport = r.date(.lastReport)
        let paused = r.yesNo(.paused)
        let note = r.text(.note)
        let destination = r.text(.destination)
        let expectedLength = r.choice(.expectedLength, "a length of time", forms: LedgerValues.expectedLengthForms,
                                      default: nil, LedgerValues.expectedLength)
        let joined = r.date(.joined)
        let origin = r.text(.origin)
        let address = r.text(.address)
        let probationEnd = r.date(.probationEnd)
        let duesAt = r.choice(.duesAt, "a place of payment", forms: LedgerValues.duesAtForms, default: .branch,
                              LedgerValues.duesAt) ?? .branch
        let reportEveryGiven = r.text(.reportEvery) != nil

        if let id {
            // The row is kept when it has no error so far (the warning below is not one).
            let kept = !r.hasErrors && name != nil && kind != nil
            var first = Int.min
            func claim(_ slot: inout Int) {
                if slot == Int.min { slot = kept ? members.count : -r.line } else { first = slot }
            }
            claim(&index[id, default: Int.min])  // one hash of the id, whether new or not
            if first != Int.min {
                let line = first >= 0 ? members[first].line : -first
                r.error("id \(id.quotedForMessage) is already used on line \(line); ids must be unique")
            } else if !kept {
                badFirstRows += 1
            }
        }
        // Paused and transferred members get no reminders, so a missing liaison costs nothing.
        if kind == .outgoing, liaison == nil, !paused, relation != .transferred {
            r.warning("outgoing member \(id ?? "") has no \(r.name(.liaison)); nobody will be reminded to contact them (put the id of a person in \(peopleFile) there)")
        }
        if duesAt == .inflow, let kind, kind != .outgoing {
            r.warning("\(r.name(.duesAt)) is 流入地 for a member who is not outgoing; it applies only to outgoing members, who get no dues reminders from this branch")
        } else if duesAt == .inflow, certificate == nil {
            r.warning("\(r.name(.duesAt)) is 流入地 but \(r.name(.certificate)) is empty: paying dues where one is needs the 流动党员活动证")
        }
        guard !r.hasErrors, let id, let name, let kind else { return nil }
        // Made whole in one call: a `var` set field by field was copied on the way out.
        return Member(id: id, name: name, kind: kind, email: email, phone: phone, since: since, place: place,
                      fixedPlace: fixedPlace, relation: relation, registered: registered, liaison: liaison,
                      grid: grid, reportEvery: reportEvery, certificate: certificate,
                      certificateCheck: certificateCheck, duesPaidThrough: dues, lastContact: lastContact,
                      lastReport: lastReport, paused: paused, note: note, line: r.line,
                      reportEveryGiven: reportEveryGiven, destination: destination, expectedLength: expectedLength,
                      joined: joined, origin: origin, address: address, probationEnd: probationEnd, duesAt: duesAt)
    }

    private static func tooManyFields(_ line: Int, _ count: Int, _ columns: Int, file: String) -> Diagnostic {
        Diagnostic(file: file, line: line,
                   "the row has \(count) fields but the header has \(columns) columns (put a value that contains a comma in double quotes)")
    }
}
