import Foundation

/// What the rules decided: one message of one thread that should go out at `dueAt`.
///
/// The core returns these; the app records and sends them. Addresses are resolved from the
/// ledger when the decision is made and again when the message is sent.
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
    public var to: [Mailbox] {
        get { toList.array }
        set { toList = MailboxList(newValue) }
    }
    public var cc: [Mailbox] {
        get { ccList.array }
        set { ccList = MailboxList(newValue) }
    }
    /// To and Cc as stored: most decisions name one To and no Cc, which needs no array.
    var toList: MailboxList
    var ccList: MailboxList
    /// Older periods of the same thread that are still open; the message names them.
    public var openPeriods: [String]
    /// Extra facts for the wording (e.g. dues months owed), rule-specific. Built when first
    /// read: `due` lists hundreds of thousands of decisions and words none of them.
    public var facts: [String: String] {
        get { factsSource.dictionary }
        set { factsSource = .value(newValue) }
    }
    var factsSource: FactsSource

    public init(rule: RuleID, member: String?, grid: String?, period: String, step: Step,
                deadline: LocalDate?, dueAt: Date, to: [Mailbox], cc: [Mailbox],
                openPeriods: [String] = [], facts: [String: String] = [:]) {
        self.rule = rule
        self.member = member
        self.grid = grid
        self.period = period
        self.step = step
        self.deadline = deadline
        self.dueAt = dueAt
        self.toList = MailboxList(to)
        self.ccList = MailboxList(cc)
        self.openPeriods = openPeriods
        self.factsSource = facts.isEmpty ? .none : .value(facts)
    }

    init(rule: RuleID, member: String?, grid: String?, period: String, step: Step,
         deadline: LocalDate?, dueAt: Date, to: MailboxList, cc: MailboxList, factsSource: FactsSource) {
        self.rule = rule
        self.member = member
        self.grid = grid
        self.period = period
        self.step = step
        self.deadline = deadline
        self.dueAt = dueAt
        self.toList = to
        self.ccList = cc
        self.openPeriods = []
        self.factsSource = factsSource
    }

    /// Whether To is empty, without building the list.
    public var hasTo: Bool { !toList.isEmpty }

    /// Each To, then each Cc (`isCc`), in order, without building the lists (`due --json`
    /// writes hundreds of thousands).
    public func forEachAddress(_ body: (_ mailbox: Mailbox, _ isCc: Bool) -> Void) {
        toList.forEach { body($0, false) }
        ccList.forEach { body($0, true) }
    }

    public static func == (a: DueReminder, b: DueReminder) -> Bool {
        a.rule == b.rule && a.member == b.member && a.grid == b.grid && a.period == b.period && a.step == b.step
            && a.deadline == b.deadline && a.dueAt == b.dueAt && a.to == b.to && a.cc == b.cc
            && a.openPeriods == b.openPeriods && a.facts == b.facts
    }

    public func hash(into h: inout Hasher) {
        h.combine(rule)
        h.combine(member)
        h.combine(grid)
        h.combine(period)
        h.combine(step)
        h.combine(deadline)
        h.combine(dueAt)
        h.combine(to)
        h.combine(cc)
        h.combine(openPeriods)
        h.combine(facts)
    }

    /// The dedup key: each (rule, member, period, step) is sent at most once.
    public var key: String { DueReminder.key(rule: rule, subject: threadSubject, period: period, step: step) }

    /// The thread: all messages about one (rule, member) — or (rule, grid) / (rule, branch).
    public var threadKey: String { "\(rule.rawValue)|\(threadSubject)" }

    var threadSubject: String {
        if let m = member { return m }
        if let g = grid { return "grid:\(g)" }
        return "branch"
    }

    public static func key(rule: RuleID, subject: String, period: String, step: Step) -> String {
        "\(rule.rawValue)|\(subject)|\(period)|\(step)"
    }
}

/// The facts of an obligation or decision as a rule gives them: none, a dictionary, or a recipe
/// that builds the dictionary when someone reads it (the composer, the store). Most decisions
/// are only listed or counted, so most recipes never run.
enum FactsSource: Sendable {
    case none
    case value([String: String])
    case deferred(@Sendable () -> [String: String])

    var dictionary: [String: String] {
        switch self {
        case .none: return [:]
        case .value(let d): return d
        case .deferred(let make): return make()
        }
    }
}

/// A list of mailboxes that holds none or one without an array.
enum MailboxList: Sendable {
    case none
    case one(Mailbox)
    case many([Mailbox])

    init(_ list: [Mailbox]) {
        switch list.count {
        case 0: self = .none
        case 1: self = .one(list[0])
        default: self = .many(list)
        }
    }

    var array: [Mailbox] {
        switch self {
        case .none: return []
        case .one(let m): return [m]
        case .many(let l): return l
        }
    }

    var isEmpty: Bool {
        if case .none = self { return true }
        return false
    }

    func forEach(_ body: (Mailbox) -> Void) {
        switch self {
        case .none: break
        case .one(let m): body(m)
        case .many(let l): for m in l { body(m) }
        }
    }
}
