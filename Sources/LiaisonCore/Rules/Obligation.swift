import Foundation

/// One open period of one thread, before it is turned into a decision: what is owed, by when,
/// and on which days its steps fall. Rules produce these; `RuleEngine` picks the step that is
/// due, marks the ones it skipped as superseded, and collapses each thread to one message.
public struct Obligation: Sendable {
    /// How the steps of a period are laid out in time.
    public enum Schedule: Sendable {
        /// `lead-N` at D − N for each lead day, `overdue` at D + 1, `repeat-k` every
        /// `repeat_days` after that.
        case deadline(LocalDate)
        /// `overdue` on the day D the threshold is crossed, then `repeat-k`.
        case threshold(LocalDate)
        /// One `notice` on a day; `expires` is the moment after which it makes no sense
        /// (the activity day, the holiday).
        case notice(LocalDate, expires: LocalDate?)
    }

    public var rule: RuleID
    public var member: String?
    public var grid: String?
    public var period: String
    /// Orders periods of one thread: the newest one is sent.
    public var periodStart: LocalDate
    /// Last day of the period, nil for open-ended conditions; periods that ended before the
    /// catch-up window of a fresh store are not opened.
    public var periodEnd: LocalDate?
    public var schedule: Schedule
    /// Who is reminded, in the order of rules.md ("who is reminded"); nil for people without
    /// an address. The first with an address is To.
    public var recipients: [Mailbox?]
    /// Added (as Cc) from `overdue` on.
    public var overdueRecipients: [Mailbox?]
    /// Steps whose day is before this are not sent (e.g. before the member left).
    public var notBefore: LocalDate?
    /// A deadline's own first step, `lead-N` N days before it, besides `lead_days`: a notice
    /// that must go out at once ("及时"), such as `incoming.register` on the day of arrival.
    public var firstLead: Int?
    /// Facts for the wording; see `DueReminder.facts`.
    public var facts: RuleFacts

    public init(rule: RuleID, member: String?, grid: String?, period: String, periodStart: LocalDate,
                periodEnd: LocalDate?, schedule: Schedule, recipients: [Mailbox?],
                overdueRecipients: [Mailbox?] = [], notBefore: LocalDate? = nil, facts: RuleFacts = .absent) {
        self.rule = rule
        self.member = member
        self.grid = grid
        self.period = period
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.schedule = schedule
        self.recipients = recipients
        self.overdueRecipients = overdueRecipients
        self.notBefore = notBefore
        self.facts = facts
    }

    public var deadline: LocalDate? {
        switch schedule {
        case .deadline(let d), .threshold(let d): return d
        case .notice: return nil
        }
    }

    /// To and Cc for a step: nobody without an address; if the first named has none, the first
    /// Cc becomes To; the same address is never named twice.
    public func addresses(for step: Step) -> (to: [Mailbox], cc: [Mailbox]) {
        // Built straight into To and Cc: no list in between (one decision per reminder listed).
        var first: Mailbox?
        var cc: [Mailbox] = []
        func add(_ m: Mailbox) {
            guard let f = first else { first = m; return }
            if Obligation.sameAddress(f.address, m.address) { return }
            for seen in cc where Obligation.sameAddress(seen.address, m.address) { return }
            cc.append(m)
        }
        for case let m? in recipients { add(m) }
        if step.isOverdue { for case let m? in overdueRecipients { add(m) } }
        guard let first else { return ([], []) }
        return ([first], cc)
    }

    /// `a.lowercased() == b.lowercased()`, without allocating for ASCII addresses.
    static func sameAddress(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        var ascii = true
        let folded: Bool? = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                guard x.count == y.count else {
                    ascii = !x.contains { $0 >= 0x80 } && !y.contains { $0 >= 0x80 }
                    return false
                }
                for i in 0..<x.count {
                    let p = x[i], q = y[i]
                    if p >= 0x80 || q >= 0x80 { ascii = false; return false }
                    if p == q { continue }
                    let lp = p >= 0x41 && p <= 0x5A ? p | 0x20 : p
                    let lq = q >= 0x41 && q <= 0x5A ? q | 0x20 : q
                    if lp != lq { return false }
                }
                return true
            } ?? nil
        } ?? nil
        if let folded, ascii { return folded }
        return a.lowercased() == b.lowercased()
    }
}
