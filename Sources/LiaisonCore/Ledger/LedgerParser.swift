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
    /// - Parameters:
    ///   - perform: runs a body for 0..<n, at once if it can (the app passes
    ///     `DispatchQueue.concurrentPerform`); a members file of `splitBytes` or more is read in
    ///     two halves with it. Ledger and diagnostics are the same either way.
    public static func parse(members: [UInt8], membersFile: String,
                             people: [UInt8], peopleFile: String,
                             perform: Halves.Perform = Halves.inOrder,
                             splitBytes: Int = LedgerParser.splitBytes)
        -> (ledger: Ledger, diagnostics: [Diagnostic]) {
        var peopleDiagnostics: [Diagnostic] = []
        let (persons, personIDs) = withUTF8Text(people, file: peopleFile, into: &peopleDiagnostics) { text, d in
            parsePeople(text, file: peopleFile, into: &d)
        }

        var memberDiagnostics: [Diagnostic] = []
        let (memberRows, memberIndex) = withUTF8Text(members, file: membersFile, into: &memberDiagnostics,
                                                     perform: perform, splitBytes: splitBytes) { text, d in
            parseMembers(text, file: membersFile, personIDs: personIDs, peopleFile: peopleFile, perform: perform,
                         splitBytes: splitBytes, into: &d)
        }

        return (Ledger(members: memberRows, people: persons, memberIndex: memberIndex),
                memberDiagnostics + peopleDiagnostics)
    }

    // MARK: - Text

    /// Runs `body` over the UTF-8 text of a roster file: the file's own bytes when they are
    /// UTF-8 already (a million-member roster is 130 MB: no decoded copy), else the text
    /// `decode` makes of them. The BOM, if any, is skipped either way.
    private static func withUTF8Text<T>(_ bytes: [UInt8], file: String, into diagnostics: inout [Diagnostic],
                                        perform: Halves.Perform = Halves.inOrder, splitBytes: Int = Int.max,
                                        _ body: (UnsafeBufferPointer<UInt8>, inout [Diagnostic]) -> T) -> T {
        let start = Charset.hasUTF8BOM(bytes) ? 3 : 0
        let valid = if bytes.count >= splitBytes {
            Charset.firstInvalidUTF8Offset(bytes, perform: perform) == nil
        } else {
            Charset.firstInvalidUTF8Offset(bytes) == nil
        }
        if valid {
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
        let part = scanRecords(text, file: file, from: 0, line: 1, header: nil, headerRead: false) { r, cells, _ in
            row(r, &cells)
        }
        finish(part, file: file, into: &diagnostics)
        return part.header != nil
    }

    /// The records of part of a roster file, and what was found in it, before they are merged
    /// into the file's diagnostics.
    private struct RecordPart<Column: RosterColumn> {
        var header: RosterHeader<Column>?
        var sawHeader: Bool
        /// Diagnostics of the header and the cells, in line order.
        var found: [Diagnostic]
        /// CSV syntax problems.
        var problems: [(line: Int, message: String)]
        /// Where the scan stopped: the next row's offset and line.
        var end: Int
        var endLine: Int
    }

    /// Reads the records of `text` from `start` (a row's first byte, on physical line `line`)
    /// until a row would start at `stopAt`. Until the header is read (`headerRead`), the first
    /// non-blank row is the header; after, every row is a record under `header` (none when the
    /// header was unusable). `row` gets each record's cells
    /// and how many diagnostics were found before them.
    private static func scanRecords<Column: RosterColumn>(
        _ text: UnsafeBufferPointer<UInt8>, file: String, from start: Int, line: Int, stopAt: Int = Int.max,
        header given: RosterHeader<Column>?, headerRead: Bool,
        row: (CSVRawRow, inout RosterCells<Column>, _ foundBefore: Int) -> Void) -> RecordPart<Column> {
        var sawHeader = headerRead
        var header = given
        var found: [Diagnostic] = []
        let stop = CSVReader.forEachRawRow(inUTF8: text, from: start, line: line, stopAt: stopAt) { r, hasProblem in
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
            row(r, &cells, found.count)
            found.append(contentsOf: cells.diagnostics)
        }
        return RecordPart(header: header, sawHeader: sawHeader, found: found, problems: stop.problems,
                          end: stop.offset, endLine: stop.line)
    }

    /// Merges a file's records' diagnostics into `diagnostics`, in line order.
    private static func finish<Column: RosterColumn>(_ part: RecordPart<Column>, file: String,
                                                     into diagnostics: inout [Diagnostic]) {
        // Syntax problems first would reorder by line; merge them in line order instead.
        if !part.problems.isEmpty {
            let mapped = part.problems.map { Diagnostic(file: file, line: $0.line, $0.message) }
            diagnostics = mergeByLine(diagnostics, mapped)
        }
        if !part.sawHeader {
            diagnostics.append(Diagnostic(file: file, line: 1,
                "the file is empty; its first row must be the column headers (for example id,name,…)"))
        }
        diagnostics = mergeByLine(diagnostics, part.found)
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

    /// Member rows of this many bytes or more are read in two halves at once (`perform`).
    public static let splitBytes = 1 << 20

    /// A member row with an id, read but not yet checked against the ids of the rows before
    /// it (which the other half of the file may hold).
    private struct MemberCandidate {
        let id: String
        let line: Int
        /// Where the row's member is in its part's `members`; nil when the row has an error of
        /// its own.
        let member: Int?
        /// Where a "repeated id" error goes in its part's `found`: after the row's cell
        /// problems, before its warnings.
        let errorSlot: Int
    }

    private struct MemberPart {
        var records: RecordPart<MemberColumn>
        var members: MemberSink
        /// Rows not yet checked for repeated ids (those of the second half).
        var candidates: [MemberCandidate] = []
    }

    /// Where one part of the file puts its members: straight into the ledger's array, from
    /// `start` up to `limit` (each half has its own region, so no member is copied to join
    /// them: at a million members that copy, and the fresh pages it filled, took 0.6 s on one
    /// core); past `limit`, into `overflow` (a second half with more rows than estimated).
    private struct MemberSink {
        let base: UnsafeMutablePointer<Member>?
        let start: Int
        let limit: Int
        /// Members in the region, from `start`.
        private(set) var count = 0
        private(set) var overflow: [Member] = []

        var total: Int { count + overflow.count }

        mutating func append(_ m: Member) {
            if let base, overflow.isEmpty, start + count < limit {
                (base + start + count).initialize(to: m)
                count += 1
            } else {
                overflow.append(m)
            }
        }

        mutating func removeLast() {
            if !overflow.isEmpty {
                overflow.removeLast()
            } else if let base, count > 0 {
                count -= 1
                (base + start + count).deinitialize(count: 1)
            }
        }

        /// Gives up the region's members (a second half read again in one pass).
        mutating func discard() {
            if let base, count > 0 { (base + start).deinitialize(count: count) }
            count = 0
            overflow = []
        }

        /// Moves the region's members, but those at `left`, down to `to`; returns where the
        /// next part's go. The region's slots are uninitialized after.
        mutating func move(to: Int, leaving left: Set<Int>) -> Int {
            guard let base, count > 0 else { return to }
            var to = to
            var k = 0
            while k < count {
                if left.contains(k) {
                    (base + start + k).deinitialize(count: 1)
                    k += 1
                    continue
                }
                var run = 1  // members kept in a row, moved at once
                while k + run < count && !left.contains(k + run) { run += 1 }
                if to != start + k { (base + to).moveInitialize(from: base + start + k, count: run) }
                to += run
                k += run
            }
            count = 0
            return to
        }

        /// The overflow's members, but those at `left` (counted from the region's start).
        mutating func takeOverflow(leaving left: Set<Int>) -> [Member] {
            defer { overflow = [] }
            guard !left.isEmpty else { return overflow }
            let first = count
            return overflow.indices.filter { !left.contains(first + $0) }.map { overflow[$0] }
        }
    }

    /// The ids of the member rows read so far, in row order: the first row with an id keeps it.
    private struct MemberIDs {
        /// id → index in the ledger's members of the member with that id, or −line of a first
        /// row with the id that had errors. Without such rows it is the ledger's member index as
        /// it is (one dictionary of a million ids, not two).
        var index: [String: Int] = [:]
        /// Lines of the members kept so far, by index.
        var lines: [Int] = []
        var badFirstRows = 0

        /// Claims the row's id; the "repeated id" error when an earlier row has it (the row is
        /// then left out).
        mutating func claim(_ c: MemberCandidate, file: String) -> Diagnostic? {
            var first = Int.min
            func claim(_ slot: inout Int) {
                if slot == Int.min { slot = c.member != nil ? lines.count : -c.line } else { first = slot }
            }
            claim(&index[c.id, default: Int.min])  // one hash of the id, whether new or not
            if first != Int.min {
                let line = first >= 0 ? lines[first] : -first
                return Diagnostic(file: file, line: c.line, "id \(c.id.quotedForMessage) is already used on line \(line); ids must be unique")
            }
            if c.member == nil { badFirstRows += 1 } else { lines.append(c.line) }
            return nil
        }
    }

    private static func parseMembers(_ text: UnsafeBufferPointer<UInt8>, file: String, personIDs: Set<String>?, peopleFile: String,
                                     perform: Halves.Perform, splitBytes: Int,
                                     into diagnostics: inout [Diagnostic]) -> (members: [Member], index: [String: Int]) {
        var ids = MemberIDs()
        /// Reads the rows from `from` on into `members`. With `ids`, each row's id is claimed as
        /// it is read (the first part of the file); without, the rows are kept as candidates to
        /// claim later.
        func part(from: Int, line: Int, stopAt: Int = Int.max, header: RosterHeader<MemberColumn>?,
                  headerRead: Bool, into members: MemberSink, claiming ids: UnsafeMutablePointer<MemberIDs>?) -> MemberPart {
            var members = members
            var candidates: [MemberCandidate] = []
            let records = scanRecords(text, file: file, from: from, line: line, stopAt: stopAt, header: header,
                                      headerRead: headerRead) { row, r, foundBefore in
                // After a few hundred rows, room for the rest of the file at their average length.
                if members.total == 256, let base = text.baseAddress, let here = row.fields.first?.baseAddress,
                   here > base + from, here < base + text.count {
                    let estimate = (text.count - from) / Swift.max(1, (here - base - from) / 257) + 1024
                    if let ids { ids.pointee.index.reserveCapacity(estimate); ids.pointee.lines.reserveCapacity(estimate) }
                    else { candidates.reserveCapacity(estimate) }
                }
                guard let c = memberCandidate(&r, personIDs: personIDs, peopleFile: peopleFile,
                                              foundBefore: foundBefore, into: &members) else { return }
                guard let ids else { candidates.append(c); return }
                if let repeated = ids.pointee.claim(c, file: file) {
                    r.insert(repeated, at: c.errorSlot - foundBefore)
                    if c.member != nil { members.removeLast() }
                }
            }
            return MemberPart(records: records, members: members, candidates: candidates)
        }

        // Room for the first half's rows (at most its lines) and, after it, the second half's
        // (estimated from the first half's lines per byte, an eighth more).
        let cut = splitPoint(text, file: file, minimum: splitBytes)
        let firstRows = cut.map { CSVReader.line(at: $0.split, in: text) - 1 } ?? 0
        let secondRows = cut.map { firstRows * (text.count - $0.split) / Swift.max(1, $0.split) / 8 * 9 + 1024 } ?? 0
        var parts: [MemberPart] = []
        var overflow: [[Member]] = []
        var regionEnds: [Int] = []
        var members = [Member](unsafeUninitializedCapacity: firstRows + secondRows) { buffer, initialized in
            let base = buffer.baseAddress
            withUnsafeMutablePointer(to: &ids) { ids in
                guard let (header, split) = cut else {
                    parts = [part(from: 0, line: 1, header: nil, headerRead: false,
                                  into: MemberSink(base: nil, start: 0, limit: 0), claiming: ids)]
                    return
                }
                // The second half starts at the row after the cut. The first half's scan stops
                // where the second began only if that was a row's start (not inside a quoted
                // value); if it was not, the rest is read again after the first half.
                let line = firstRows + 1
                var (first, second) = Halves.run(perform) { i in
                    i == 0
                        ? part(from: 0, line: 1, stopAt: split, header: nil, headerRead: false,
                               into: MemberSink(base: base, start: 0, limit: firstRows), claiming: ids)
                        : part(from: split, line: line, header: header, headerRead: true,
                               into: MemberSink(base: base, start: firstRows, limit: buffer.count), claiming: nil)
                }
                if first.records.end == split && first.records.endLine == line {
                    parts = [first, second]
                } else {
                    second.members.discard()
                    parts = [first, part(from: first.records.end, line: first.records.endLine, header: first.records.header,
                                         headerRead: first.records.sawHeader,
                                         into: MemberSink(base: base, start: firstRows, limit: buffer.count), claiming: ids)]
                }
            }

            // The second half's ids, claimed after the first half's.
            var next = 0
            for p in parts.indices {
                var repeated: [(slot: Int, diagnostic: Diagnostic)] = []
                var left: Set<Int> = []
                for c in parts[p].candidates {
                    guard let d = ids.claim(c, file: file) else { continue }
                    repeated.append((c.errorSlot, d))
                    if let m = c.member { left.insert(m) }
                }
                parts[p].candidates = []
                if !repeated.isEmpty {
                    var found: [Diagnostic] = []
                    found.reserveCapacity(parts[p].records.found.count + repeated.count)
                    var r = 0
                    for (i, d) in parts[p].records.found.enumerated() {
                        while r < repeated.count && repeated[r].slot == i { found.append(repeated[r].diagnostic); r += 1 }
                        found.append(d)
                    }
                    for x in repeated[r...] { found.append(x.diagnostic) }
                    parts[p].records.found = found
                }
                // Each part's members close up behind the part before (no copy: a move).
                overflow.append(parts[p].members.takeOverflow(leaving: left))
                next = parts[p].members.move(to: next, leaving: left)
                regionEnds.append(next)
            }
            initialized = next
        }
        // A part's overflow follows its region: a second half longer than estimated is appended;
        // a first half longer than its region (which its lines rule out) is inserted in place.
        if members.isEmpty && overflow.count == 1 {
            members = overflow[0]  // a file read in one pass: its members were never in the buffer
        } else {
            for p in overflow.indices.reversed() where !overflow[p].isEmpty {
                if p == overflow.count - 1 { members.append(contentsOf: overflow[p]) }
                else { members.insert(contentsOf: overflow[p], at: regionEnds[p]) }
            }
        }

        var index = ids.index
        ids.index = [:]
        if ids.badFirstRows > 0 { index = index.filter { $0.value >= 0 } }
        var whole = parts[0].records
        for p in parts.dropFirst() {
            whole.found += p.records.found
            whole.problems += p.records.problems
        }
        finish(whole, file: file, into: &diagnostics)
        return (members, index)
    }

    /// Where to cut a members file into two halves read at once, and its header; nil when the
    /// file is small, or its header unusable (then its rows are not read).
    private static func splitPoint(_ text: UnsafeBufferPointer<UInt8>, file: String,
                                   minimum: Int) -> (header: RosterHeader<MemberColumn>, split: Int)? {
        guard text.count >= minimum else { return nil }
        var header: RosterHeader<MemberColumn>?
        var unused: [Diagnostic] = []
        let end = CSVReader.forEachRawRow(inUTF8: text, from: 0, line: 1, maxRows: 1) { r, _ in
            header = RosterHeader<MemberColumn>.read(r.row, file: file, into: &unused)
        }.offset
        guard let header else { return nil }
        // The first half claims its ids as it reads them, which makes its rows about a quarter
        // slower than the second half's: it gets 7/16 of the bytes, and both end together.
        var i = Swift.max(end, text.count / 16 * 7)
        while i < text.count && text[i] != 0x0A { i += 1 }
        return i + 1 < text.count ? (header, i + 1) : nil
    }

    /// Reads one member row (its problems go to `r.diagnostics`), appending its member to
    /// `members` when it has no error; nil when it has no id.
    private static func memberCandidate(_ r: inout RosterCells<MemberColumn>, personIDs: Set<String>?,
                                        peopleFile: String, foundBefore: Int,
                                        into members: inout MemberSink) -> MemberCandidate? {
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

        // The row is kept when it has no error so far (the warnings below are not errors); a
        // repeated id, found once every row before it is read, may still leave it out.
        let kept = !r.hasErrors && name != nil && kind != nil
        let errorSlot = foundBefore + r.diagnostics.count
        // Paused and transferred members get no reminders, so a missing liaison costs nothing.
        if kind == .outgoing, liaison == nil, !paused, relation != .transferred {
            r.warning("outgoing member \(id ?? "") has no \(r.name(.liaison)); nobody will be reminded to contact them (put the id of a person in \(peopleFile) there)")
        }
        if duesAt == .inflow, let kind, kind != .outgoing {
            r.warning("\(r.name(.duesAt)) is 流入地 for a member who is not outgoing; it applies only to outgoing members, who get no dues reminders from this branch")
        } else if duesAt == .inflow, certificate == nil {
            r.warning("\(r.name(.duesAt)) is 流入地 but \(r.name(.certificate)) is empty: paying dues where one is needs the 流动党员活动证")
        }
        guard let id else { return nil }
        guard kept, let name, let kind else {
            return MemberCandidate(id: id, line: r.line, member: nil, errorSlot: errorSlot)
        }
        // Made whole in one call: a `var` set field by field was copied on the way out.
        members.append(Member(id: id, name: name, kind: kind, email: email, phone: phone, since: since, place: place,
                              fixedPlace: fixedPlace, relation: relation, registered: registered, liaison: liaison,
                              grid: grid, reportEvery: reportEvery, certificate: certificate,
                              certificateCheck: certificateCheck, duesPaidThrough: dues, lastContact: lastContact,
                              lastReport: lastReport, paused: paused, note: note, line: r.line,
                              reportEveryGiven: reportEveryGiven, destination: destination, expectedLength: expectedLength,
                              joined: joined, origin: origin, address: address, probationEnd: probationEnd, duesAt: duesAt))
        return MemberCandidate(id: id, line: r.line, member: members.total - 1, errorSlot: errorSlot)
    }

    private static func tooManyFields(_ line: Int, _ count: Int, _ columns: Int, file: String) -> Diagnostic {
        Diagnostic(file: file, line: line,
                   "the row has \(count) fields but the header has \(columns) columns (put a value that contains a comma in double quotes)")
    }
}
