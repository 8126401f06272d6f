import Foundation

/// What every rule may look at: the ledger, the records, the config, and "now" — passed in,
/// never read from the clock.
///
/// A class: rules and closures take it by reference, so it is never copied (a copy of a
/// struct this size is a couple of dozen retains, and the engine passes it per member).
public final class RuleContext: Sendable {
    public let ledger: Ledger
    public let records: RecordBook
    public let config: Config
    public let calendar: BranchCalendar
    public let now: Date
    /// The branch-local day of `now`.
    public let today: LocalDate
    /// Periods that ended before this day are not opened (first tick − `catch_up`).
    public let windowStart: LocalDate
    public let secretary: Mailbox
    /// Period boundaries, holidays and schedule values computed once per evaluation.
    public let cache: RuleCache
    /// Where each member's records are, by position in the ledger: see `records(of:)`.
    private let recordIndex: MemberRecordIndex

    public init(ledger: Ledger, records: RecordBook, config: Config, calendar: BranchCalendar,
                now: Date, windowStart: Date) {
        self.ledger = ledger
        self.records = records
        self.config = config
        self.calendar = calendar
        self.now = now
        let today = calendar.day(of: now)
        let start = calendar.day(of: windowStart)
        self.today = today
        self.windowStart = start
        self.secretary = config.branch.secretary
        self.cache = RuleCache(config: config, calendar: calendar, now: now, today: today, windowStart: start)
        self.recordIndex = MemberRecordIndex(ledger: ledger, records: records)
    }

    /// `records[m.id]` without hashing the id: the rules ask about one member's records a
    /// score of times (every `isActive`, `lastContact`, …), and hashing the id each time was a
    /// tenth of `due`'s instructions. The member is found by its roster line.
    public func records(of m: Member) -> RecordBook.MemberRecords {
        guard recordIndex.isUsable, let p = ledger.position(of: m) else { return records[m.id] }
        return recordIndex.records(at: p)
    }

    public var schedule: Config.Schedule { config.schedule }

    /// A member is left alone while paused or once their relation has moved elsewhere.
    public func isActive(_ m: Member) -> Bool {
        !m.paused && effectiveRelation(m) != .transferred
    }

    /// Roster and records merged. A recorded transfer is only 转出待接收 (`transferPending`):
    /// the branch stays responsible until the receipt (`received`) is recorded, or until the
    /// roster itself says 已转出 (条例第二十五条).
    public func effectiveRelation(_ m: Member) -> Member.Relation {
        if m.relation == .transferred { return .transferred }
        let r = records(of: m)
        if let t = r.transferred, let received = r.received, received >= t { return .transferred }
        return m.relation
    }

    /// The day a transfer was recorded whose receipt is not recorded yet (转出待接收), else nil.
    public func transferPending(_ m: Member) -> LocalDate? {
        guard m.relation != .transferred else { return nil }
        let r = records(of: m)
        guard let t = r.transferred else { return nil }
        if let received = r.received, received >= t { return nil }
        return t
    }

    public func effectiveRegistered(_ m: Member) -> Bool {
        m.registered || records(of: m).registered != nil
    }

    /// The later of the roster's `last_contact` and the recorded contacts.
    public func lastContact(_ m: Member) -> LocalDate? {
        max(m.lastContact, records(of: m).contacts.last)
    }

    public func lastReport(_ m: Member) -> LocalDate? {
        max(m.lastReport, records(of: m).reports.last)
    }

    public func duesPaidThrough(_ m: Member) -> YearMonth? {
        max(m.duesPaidThrough, records(of: m).duesThrough)
    }

    /// The later of the last contact and the last report: what the contact variant of
    /// `membership.review` counts from.
    public func lastContactOrReport(_ m: Member) -> LocalDate? {
        let r = records(of: m)
        return max(max(m.lastContact, r.contacts.last), max(m.lastReport, r.reports.last))
    }

    public func memberMailbox(_ m: Member) -> Mailbox? {
        m.email.map { Mailbox(name: m.name, address: $0) }
    }

    public func liaisonMailbox(_ m: Member) -> Mailbox? { ledger.liaison(of: m)?.mailbox }
    public func gridLeaderMailbox(_ m: Member) -> Mailbox? { ledger.gridLeader(of: m)?.mailbox }
}

func max<T: Comparable>(_ a: T?, _ b: T?) -> T? {
    switch (a, b) {
    case let (x?, y?): return Swift.max(x, y)
    case let (x?, nil): return x
    case let (nil, y?): return y
    default: return nil
    }
}
