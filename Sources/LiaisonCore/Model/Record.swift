/// Something that happened and resolves reminders: recorded by a reply or by `liaisond record`.
public struct Record: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case contact, unreachable, report, dues, inspection, transfer, register
        /// The receiving organisation confirmed a transfer (回执): the member leaves the branch.
        case received
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
    /// `report` only: the period the report is for (`2026Q4`, `2026H2`) — the period of the
    /// reminder it answered, or `record report --period`. nil: the period containing `date`.
    public var period: String?

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

    public init(id: Int64 = 0, kind: Kind, member: String, date: LocalDate, method: String? = nil,
                note: String? = nil, period: String?) {
        self.init(id: id, kind: kind, member: member, date: date, method: method, note: note, through: nil)
        self.period = period
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
        /// The latest receipt (回执) of a transfer.
        public var received: LocalDate?
        /// Periods named by report records (`Record.period`); such a report counts for that
        /// period only (an overdue Q4 report sent in January is not Q1's).
        public var reportPeriods: [String] = []
        /// Days of the report records that name no period: each counts for the period containing it.
        public var reportsWithoutPeriod: [LocalDate] = []
        public init() {}
    }

    public private(set) var byMember: [String: MemberRecords] = [:]

    public init(_ records: [Record] = []) {
        for r in records { add(r) }
        for k in byMember.keys {
            byMember[k]!.contacts.sort()
            byMember[k]!.unreachable.sort()
            byMember[k]!.reports.sort()
            byMember[k]!.reportsWithoutPeriod.sort()
            byMember[k]!.inspections.sort()
        }
    }

    private mutating func add(_ r: Record) {
        var m = byMember[r.member] ?? MemberRecords()
        switch r.kind {
        case .contact: m.contacts.append(r.date)
        case .unreachable: m.unreachable.append(r.date)
        case .report:
            m.reports.append(r.date)
            if let p = r.period { m.reportPeriods.append(p) } else { m.reportsWithoutPeriod.append(r.date) }
        case .inspection: m.inspections.append(r.date)
        case .dues:
            if let t = r.through { m.duesThrough = max(m.duesThrough ?? t, t) }
        case .transfer: m.transferred = max(m.transferred ?? r.date, r.date)
        case .register: m.registered = max(m.registered ?? r.date, r.date)
        case .received: m.received = max(m.received ?? r.date, r.date)
        }
        byMember[r.member] = m
    }

    public subscript(member: String) -> MemberRecords {
        // A fresh store (and `due` without one) has no records: no hashing per member and rule.
        if byMember.isEmpty { return MemberRecords() }
        return byMember[member] ?? MemberRecords()
    }
}
