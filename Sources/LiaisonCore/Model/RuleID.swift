/// The fixed rule ids of rules.md. They appear in `due --json`, the log and tests, and never
/// change meaning.
public enum RuleID: String, Sendable, Hashable, CaseIterable, Codable {
    case contactQuarterly = "contact.quarterly"
    case reportPeriodic = "report.periodic"
    case duesMonthly = "dues.monthly"
    case duesArrears = "dues.arrears"
    case certificateCheck = "certificate.check"
    case placementChanged = "placement.changed"
    case relationTransfer = "relation.transfer"
    case incomingRegister = "incoming.register"
    case activityDay = "activity.day"
    case surveyPeak = "survey.peak"
    case contactLost = "contact.lost"
    case membershipReview = "membership.review"
    case evaluationAnnual = "evaluation.annual"
    case digestMonthly = "digest.monthly"
    // Issue 13: the rest of the regulations.
    case departurePrepare = "departure.prepare"
    case transferReceipt = "transfer.receipt"
    case incomingFeedback = "incoming.feedback"
    case probationEnd = "probation.end"

    /// Notices are superseded rather than sent once their moment has passed or they are older
    /// than `catch_up`.
    public var isNotice: Bool {
        switch self {
        case .placementChanged, .activityDay, .surveyPeak, .evaluationAnnual, .digestMonthly, .departurePrepare,
             .probationEnd: return true
        default: return false
        }
    }
}

/// Which message of a thread's period this is (`lead-14`, `overdue`, `repeat-2`, `notice`).
public enum Step: Hashable, Sendable, CustomStringConvertible, Comparable {
    case lead(Int)
    case overdue
    case `repeat`(Int)
    case notice

    public var description: String {
        switch self {
        case .lead(let n): return "lead-\(n)"
        case .overdue: return "overdue"
        case .repeat(let n): return "repeat-\(n)"
        case .notice: return "notice"
        }
    }

    public init?(_ text: String) {
        if text == "overdue" { self = .overdue; return }
        if text == "notice" { self = .notice; return }
        if text.hasPrefix("lead-"), let n = Int(text.dropFirst(5)) { self = .lead(n); return }
        if text.hasPrefix("repeat-"), let n = Int(text.dropFirst(7)) { self = .repeat(n); return }
        return nil
    }

    /// Order of steps within one period: larger lead days come first.
    private var rank: (Int, Int) {
        switch self {
        case .lead(let n): return (0, -n)
        case .notice: return (1, 0)
        case .overdue: return (2, 0)
        case .repeat(let n): return (3, n)
        }
    }

    public static func < (a: Step, b: Step) -> Bool { a.rank < b.rank }

    /// Deadline-style reminders are urgent (`overdue`, `repeat-N`).
    public var isOverdue: Bool {
        switch self {
        case .overdue, .repeat: return true
        default: return false
        }
    }
}
