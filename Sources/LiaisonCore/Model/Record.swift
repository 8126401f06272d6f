/// Something that happened and resolves reminders: recorded by a reply or by `liaisond record`.
public struct Record: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case contact, unreachable, report, dues, inspection, transfer, register
    }

    /// Store row id; `log` shows it and `record void --event ID` takes it.
    public var id: Int64
    public var kind: Kind
    public var member: String
    /// The day it happened (for `dues`: the day it was recorded).
    public var date: LocalDate
    public var method: String?
    public var note: String?
    /// `dues` only: paid through this month.
    public var through: YearMonth?

    public init(id: Int64 = 0, kind: Kind, member: String, date: LocalDate, method: String? = nil,
                note: String? = nil, through: YearMonth? = nil) {
        self.id = id
        self.kind = kind
        self.member = member
        self.date = date
        self.method = method
        self.note = note
        self.through = through
    }
}

/// The records that matter to the rules, grouped per member and sorted by date, so that a rule
/// asks "the last contact of M" in O(1) instead of scanning every record.
public struct RecordBook: Sendable {
    public struct MemberRecords: Sendable {
        public var contacts: [LocalDate] = []
        /// Dates of unreachable attempts.
        public var unreachable: [LocalDate] = []
        public var reports: [LocalDate] = []
        public var inspections: [LocalDate] = []
        public var duesThrough: YearMonth?
        public var transferred: LocalDate?
        public var registered: LocalDate?
        public init() {}
    }

    public private(set) var byMember: [String: MemberRecords] = [:]

    public init(_ records: [Record] = []) {
        for r in records { add(r) }
        for k in byMember.keys {
            byMember[k]!.contacts.sort()
            byMember[k]!.unreachable.sort()
            byMember[k]!.reports.sort()
            byMember[k]!.inspections.sort()
        }
    }

    private mutating func add(_ r: Record) {
        var m = byMember[r.member] ?? MemberRecords()
        switch r.kind {
        case .contact: m.contacts.append(r.date)
        case .unreachable: m.unreachable.append(r.date)
        case .report: m.reports.append(r.date)
        case .inspection: m.inspections.append(r.date)
        case .dues:
            if let t = r.through { m.duesThrough = max(m.duesThrough ?? t, t) }
        case .transfer: m.transferred = max(m.transferred ?? r.date, r.date)
        case .register: m.registered = max(m.registered ?? r.date, r.date)
        }
        byMember[r.member] = m
    }

    public subscript(member: String) -> MemberRecords {
        // A fresh store (and `due` without one) has no records: no hashing per member and rule.
        if byMember.isEmpty { return MemberRecords() }
        return byMember[member] ?? MemberRecords()
    }
}
