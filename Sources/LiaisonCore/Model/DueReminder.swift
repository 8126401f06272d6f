import Foundation

/// What the rules decided: one message of one thread that should go out at `dueAt`.
///
/// The core returns these; the app records and sends them. Addresses are resolved from the
/// ledger when the decision is made; a reminder that waits for a later pass gets the current
/// ones from that pass's decision (`RuleEngine.Decisions.waiting`).
public struct DueReminder: Hashable, Sendable {
    public var rule: RuleID
    /// Member id; nil for grid- and branch-level rules.
    public var member: String?
    public var grid: String?
    /// Period id: `2026Q4`, `2026H2`, `2026-11`, or a date for threshold rules.
    public var period: String
    public var step: Step
    public var deadline: LocalDate?
    /// When it was due (send time on its day, after quiet days).
    public var dueAt: Date
    public var to: [Mailbox]
    public var cc: [Mailbox]
    /// Older periods of the same thread that are still open; the message names them.
    public var openPeriods: [String]
    /// What the rule knows that the message says (dues months owed, the grid's list, …).
    public var facts: RuleFacts
    /// Nothing was sent before in this thread: set by the sender from the thread's history
    /// just before wording (a first message never says "again"); not stored.
    public var opensThread: Bool

    public init(rule: RuleID, member: String?, grid: String?, period: String, step: Step,
                deadline: LocalDate?, dueAt: Date, to: [Mailbox], cc: [Mailbox],
                openPeriods: [String] = [], facts: RuleFacts = .absent, opensThread: Bool = false) {
        self.rule = rule
        self.member = member
        self.grid = grid
        self.period = period
        self.step = step
        self.deadline = deadline
        self.dueAt = dueAt
        self.to = to
        self.cc = cc
        self.openPeriods = openPeriods
        self.facts = facts
        self.opensThread = opensThread
    }

    /// The dedup key: each (rule, member, period, step) is sent at most once.
    public var key: String { DueReminder.key(rule: rule, subject: threadSubject, period: period, step: step) }

    /// The thread: all messages about one (rule, member) — or (rule, grid) / (rule, branch).
    public var threadKey: String { "\(rule.rawValue)|\(threadSubject)" }

    var threadSubject: String { DueReminder.subject(member: member, grid: grid) }

    /// Who a thread is about in keys: the member id, `grid:G`, or `branch`.
    static func subject(member: String?, grid: String?) -> String {
        if let m = member { return m }
        if let g = grid { return "grid:\(g)" }
        return "branch"
    }

    public static func key(rule: RuleID, subject: String, period: String, step: Step) -> String {
        "\(rule.rawValue)|\(subject)|\(period)|\(step)"
    }
}
