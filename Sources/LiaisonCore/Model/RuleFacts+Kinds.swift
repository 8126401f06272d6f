/// The facts of each rule (see the rule's documentation for when each is set).
extension RuleFacts {
    /// `contact.quarterly`: the oldest open quarter when it is older than the periods carried
    /// (the message names it), else nil.
    public struct OpenFrom: Sendable, Hashable, Codable {
        public var openFrom: String?
    }

    /// `report.periodic`.
    public struct Report: Sendable, Hashable, Codable {
        public var every: Member.ReportEvery
        /// As `OpenFrom.openFrom`.
        public var openFrom: String?
    }

    /// `dues.monthly`, `dues.arrears` and the dues variant of `membership.review`
    /// (`DuesArithmetic`); for a member paying at the 流入地 only `paidThrough` and `paidAtInflow`.
    public struct Dues: Sendable, Hashable, Codable {
        public var paidThrough: YearMonth?
        /// The months owed, first and last (as of the counted month; for the rules that count
        /// ended months only, up to the month before).
        public var owedFrom: YearMonth?
        public var owedThrough: YearMonth?
        /// How many months are owed.
        public var months: Int?
        /// The day the month was counted.
        public var duesDay: LocalDate?
        /// The member pays at the 流入地: the message asks to confirm the payment there.
        public var paidAtInflow = false

    }

    /// `certificate.check`.
    public struct Certificate: Sendable, Hashable, Codable {
        public var interval: Member.CheckEvery
        public var certificate: String
        public var countedFrom: LocalDate
    }

    /// `placement.changed`: months away (3, 6) and since when.
    public struct Placement: Sendable, Hashable, Codable {
        public var months: Int
        public var since: LocalDate
    }

    /// `relation.transfer`.
    public struct Move: Sendable, Hashable, Codable {
        public var since: LocalDate
        public var place: String?
    }

    /// `incoming.register` and `incoming.feedback`: the register of 第二篇 3, when known;
    /// `count` is which feedback this is (feedback only).
    public struct Incoming: Sendable, Hashable, Codable {
        public var since: LocalDate
        public var place: String?
        public var origin: String?
        public var joined: LocalDate?
        public var address: String?
        public var count: Int?
    }

    /// `activity.day`: the day, and `[activity]` of the config as it was when decided.
    public struct Activity: Sendable, Hashable, Codable {
        public var day: LocalDate
        /// `time` as written in the config (`09:30`).
        public var time: String?
        public var place: String?
        public var topic: String?
    }

    /// `survey.peak`: the holiday and the grid's mobile members, in roster order.
    public struct Survey: Sendable, Hashable, Codable {
        /// `spring-festival` or `national-day`.
        public var holiday: String
        public var holidayDate: LocalDate
        public var members: [SurveyEntry]
    }

    /// One member of a `survey.peak` list.
    public struct SurveyEntry: Sendable, Hashable, Codable {
        public var name: String
        public var phone: String?
        public var kind: Member.Kind
    }

    /// `contact.lost`.
    public struct ContactLost: Sendable, Hashable, Codable {
        public enum Reason: String, Sendable, Hashable, Codable {
            case noContact = "no-contact"
            case unreachable
        }
        public var reason: Reason
        public var countedFrom: LocalDate
        public var lastContact: LocalDate?
        /// Attempts recorded unreachable since the last contact.
        public var unreachable: Int
    }

    /// `membership.review`: the dues variant carries the dues counted, the contact variant the
    /// day it counts from.
    public struct Review: Sendable, Hashable, Codable {
        public enum Reason: String, Sendable, Hashable, Codable {
            case dues
            case noContact = "no-contact"
        }
        public var reason: Reason
        public var dues: Dues?
        public var countedFrom: LocalDate?
    }

    /// `evaluation.annual`: to a liaison, the member's counts of the year; to the secretary,
    /// the whole roster (`members`) and whose liaison is asked for the 流入地 opinion.
    public struct Evaluation: Sendable, Hashable, Codable {
        public var year: Int
        public var contacts: Int?
        public var reports: Int?
        public var members: [EvaluationEntry]?
        public var opinionAsked: [String] = []
    }

    /// One roster member in the secretary's `evaluation.annual` list.
    public struct EvaluationEntry: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var kind: Member.Kind
        public var contacts: Int
        public var reports: Int
        /// nil: unknown.
        public var duesThrough: YearMonth?
        /// `paused` or `transferred`, when the rules leave the member alone.
        public var flag: String?
    }

    /// `digest.monthly`: the quarter's contact counts (`ContactTally`), and from the store the
    /// month's delivery failures and replies (set by the app, never by the rule).
    public struct Digest: Sendable, Hashable, Codable {
        public var quarter: String
        public var grids: [ContactTally]
        public var noLiaison: Int
        public var failures: Int?
        public var replies: Int?

        /// The branch's totals.
        public var total: ContactTally {
            var t = ContactTally(grid: nil)
            for g in grids {
                t.contacted += g.contacted
                t.pending += g.pending
                t.overdue += g.overdue
            }
            return t
        }
    }

    /// `departure.prepare`.
    public struct Departure: Sendable, Hashable, Codable {
        public var since: LocalDate
        public var destination: String?
        /// As `ConfigParser.format` writes it (`8month`).
        public var expectedLength: String?
        public var adviseTransfer = false
        /// No liaison is named in the roster.
        public var noLiaison = false
    }

    /// `transfer.receipt`: which check this is since the transfer.
    public struct Receipt: Sendable, Hashable, Codable {
        public var transferred: LocalDate
        public var count: Int
        public var place: String?
    }

    /// `probation.end`.
    public struct Probation: Sendable, Hashable, Codable {
        public var end: LocalDate
    }
}

extension Member.Kind: Codable {}
extension Member.ReportEvery: Codable {}
extension Member.CheckEvery: Codable {}
