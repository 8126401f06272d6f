/// Which of the record book's entries belongs to the member at each position of the ledger, so
/// that `RuleContext.records(of:)` finds a member's records without hashing its id.
///
/// A table the size of the ledger, except when a few members have records and the ledger is
/// large (one reply's records against a ledger of a million members: a 4 MB table for each
/// of a reply's contexts): then the few positions, looked through in turn.
struct MemberRecordIndex: Sendable {
    /// False when the index cannot stand for the ids: no records at all, or a ledger whose ids
    /// repeat (then only the id says whose records they are).
    let isUsable: Bool
    private let entries: [RecordBook.MemberRecords]
    /// Position → entry (-1: no records). Empty when only `positions` are kept.
    private let entryByPosition: [Int32]
    /// Positions with records (at most `fewPositions`), `entries` in the same order. Empty
    /// when the table is kept.
    private let positions: [Int]
    static let fewPositions = 32

    /// - Parameter tableFrom: the ledger size from which few records are kept as positions.
    init(ledger: Ledger, records: RecordBook, tableFrom: Int = 65_536) {
        isUsable = !records.byMember.isEmpty && ledger.memberIndex.count == ledger.members.count
        guard isUsable else {
            (entries, entryByPosition, positions) = ([], [], [])
            return
        }
        var found: [(position: Int, records: RecordBook.MemberRecords)] = []
        found.reserveCapacity(records.byMember.count)
        for (id, r) in records.byMember {
            if let p = ledger.memberIndex[id] { found.append((p, r)) }
        }
        entries = found.map(\.records)
        if found.count > Self.fewPositions || ledger.members.count < tableFrom {
            var table = [Int32](repeating: -1, count: ledger.members.count)
            for (e, f) in found.enumerated() { table[f.position] = Int32(e) }
            entryByPosition = table
            positions = []
        } else {
            entryByPosition = []
            positions = found.map(\.position)
        }
    }

    /// The records of the member at `position`, empty when it has none.
    func records(at position: Int) -> RecordBook.MemberRecords {
        if !entryByPosition.isEmpty {
            let e = Int(entryByPosition[position])
            return e < 0 ? RecordBook.MemberRecords() : entries[e]
        }
        for (i, p) in positions.enumerated() where p == position { return entries[i] }
        return RecordBook.MemberRecords()
    }
}
