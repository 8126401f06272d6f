/// What a rule knows about one obligation that its message says: the months owed, the day
/// counted from, the grid's list of members. One case per rule that has facts, each a plain
/// `Codable` struct (`RuleFacts+Kinds.swift`); the store keeps them as the JSON of this enum,
/// `{"rule":"dues.monthly", …the struct's fields}`.
///
/// Rules build them when they decide (small values, no text formatting), the composer reads
/// them (`ReminderContext`), the store writes and reads them back.
public enum RuleFacts: Sendable, Hashable {
    /// No facts: a reminder made by hand (tests) or one whose facts were purged.
    case absent
    case contactQuarterly(OpenFrom)
    case reportPeriodic(Report)
    case duesMonthly(Dues)
    case duesArrears(Dues)
    case certificateCheck(Certificate)
    case placementChanged(Placement)
    case relationTransfer(Move)
    case incomingRegister(Incoming)
    case activityDay(Activity)
    case surveyPeak(Survey)
    case contactLost(ContactLost)
    case membershipReview(Review)
    case evaluationAnnual(Evaluation)
    case digestMonthly(Digest)
    case departurePrepare(Departure)
    case transferReceipt(Receipt)
    case incomingFeedback(Incoming)
    case probationEnd(Probation)

    /// The rule whose facts these are; nil for `.absent`.
    public var rule: RuleID? {
        switch self {
        case .absent: return nil
        case .contactQuarterly: return .contactQuarterly
        case .reportPeriodic: return .reportPeriodic
        case .duesMonthly: return .duesMonthly
        case .duesArrears: return .duesArrears
        case .certificateCheck: return .certificateCheck
        case .placementChanged: return .placementChanged
        case .relationTransfer: return .relationTransfer
        case .incomingRegister: return .incomingRegister
        case .activityDay: return .activityDay
        case .surveyPeak: return .surveyPeak
        case .contactLost: return .contactLost
        case .membershipReview: return .membershipReview
        case .evaluationAnnual: return .evaluationAnnual
        case .digestMonthly: return .digestMonthly
        case .departurePrepare: return .departurePrepare
        case .transferReceipt: return .transferReceipt
        case .incomingFeedback: return .incomingFeedback
        case .probationEnd: return .probationEnd
        }
    }

    /// The dues variant of `membership.review` (the daily list merges it with `dues.arrears`).
    public var isDuesReview: Bool {
        if case .membershipReview(let r) = self { return r.reason == .dues }
        return false
    }

    /// The dues counted, for the three rules that count them (`membership.review` only for
    /// its dues variant).
    public var dues: Dues? {
        switch self {
        case .duesMonthly(let d), .duesArrears(let d): return d
        case .membershipReview(let r): return r.dues
        default: return nil
        }
    }
}

extension RuleFacts: Codable {
    private enum Key: String, CodingKey { case rule }

    /// `{}` for `.absent`; otherwise the rule id under `rule` and the struct's fields beside it.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        guard let rule else { return }
        try c.encode(rule, forKey: .rule)
        switch self {
        case .absent: break
        case .contactQuarterly(let f): try f.encode(to: encoder)
        case .reportPeriodic(let f): try f.encode(to: encoder)
        case .duesMonthly(let f), .duesArrears(let f): try f.encode(to: encoder)
        case .certificateCheck(let f): try f.encode(to: encoder)
        case .placementChanged(let f): try f.encode(to: encoder)
        case .relationTransfer(let f): try f.encode(to: encoder)
        case .incomingRegister(let f), .incomingFeedback(let f): try f.encode(to: encoder)
        case .activityDay(let f): try f.encode(to: encoder)
        case .surveyPeak(let f): try f.encode(to: encoder)
        case .contactLost(let f): try f.encode(to: encoder)
        case .membershipReview(let f): try f.encode(to: encoder)
        case .evaluationAnnual(let f): try f.encode(to: encoder)
        case .digestMonthly(let f): try f.encode(to: encoder)
        case .departurePrepare(let f): try f.encode(to: encoder)
        case .transferReceipt(let f): try f.encode(to: encoder)
        case .probationEnd(let f): try f.encode(to: encoder)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        guard let rule = try c.decodeIfPresent(RuleID.self, forKey: .rule) else { self = .absent; return }
        switch rule {
        case .contactQuarterly: self = .contactQuarterly(try OpenFrom(from: decoder))
        case .reportPeriodic: self = .reportPeriodic(try Report(from: decoder))
        case .duesMonthly: self = .duesMonthly(try Dues(from: decoder))
        case .duesArrears: self = .duesArrears(try Dues(from: decoder))
        case .certificateCheck: self = .certificateCheck(try Certificate(from: decoder))
        case .placementChanged: self = .placementChanged(try Placement(from: decoder))
        case .relationTransfer: self = .relationTransfer(try Move(from: decoder))
        case .incomingRegister: self = .incomingRegister(try Incoming(from: decoder))
        case .activityDay: self = .activityDay(try Activity(from: decoder))
        case .surveyPeak: self = .surveyPeak(try Survey(from: decoder))
        case .contactLost: self = .contactLost(try ContactLost(from: decoder))
        case .membershipReview: self = .membershipReview(try Review(from: decoder))
        case .evaluationAnnual: self = .evaluationAnnual(try Evaluation(from: decoder))
        case .digestMonthly: self = .digestMonthly(try Digest(from: decoder))
        case .departurePrepare: self = .departurePrepare(try Departure(from: decoder))
        case .transferReceipt: self = .transferReceipt(try Receipt(from: decoder))
        case .incomingFeedback: self = .incomingFeedback(try Incoming(from: decoder))
        case .probationEnd: self = .probationEnd(try Probation(from: decoder))
        }
    }
}
