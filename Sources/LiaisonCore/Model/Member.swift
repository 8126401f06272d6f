/// One row of `members.csv`: a party member of the branch or living in the community.
public struct Member: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable {
        /// 流出: lives or works elsewhere.
        case outgoing
        /// 流入: from elsewhere, living or working in the community.
        case incoming
        /// 直管: neither.
        case local
    }

    public enum Relation: String, Sendable, Hashable {
        case retained
        case transferred
        case transferredIn = "transferred-in"
    }

    public enum ReportEvery: String, Sendable, Hashable {
        case quarter
        case halfYear = "half-year"
    }

    /// Where a member pays their dues (`党费交纳地`).
    public enum DuesAt: String, Sendable, Hashable {
        /// 本支部: to this branch (the default).
        case branch
        /// 流入地: to the party organisation where they are, with the 流动党员活动证.
        case inflow
    }

    public enum CheckEvery: String, Sendable, Hashable {
        case halfYear = "half-year"
        case year
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var email: String?
    public var phone: String?
    public var since: LocalDate?
    public var place: String?
    public var fixedPlace: Bool
    public var relation: Relation
    public var registered: Bool
    /// Id of a person in people.csv.
    public var liaison: String?
    public var grid: String?
    public var reportEvery: ReportEvery
    public var certificate: String?
    public var certificateCheck: CheckEvery
    public var duesPaidThrough: YearMonth?
    public var lastContact: LocalDate?
    public var lastReport: LocalDate?
    public var paused: Bool
    public var note: String?
    /// Line in members.csv where the row starts, for messages that point back to it.
    public var line: Int
    /// Whether the roster gave `report_every`; when not, `[rules] report_every` applies.
    public var reportEveryGiven: Bool = true
    /// `外出地点`: where an outgoing member goes (the departure record); `place` is kept as 流向.
    public var destination: String?
    /// `预计外出时长`: how long the trip is expected to last.
    public var expectedLength: Duration?
    /// `入党时间`, `原党组织`, `住址`: the incoming member's register (第二篇 3).
    public var joined: LocalDate?
    public var origin: String?
    public var address: String?
    /// `预备期满`: the day the probation ends, for probationary members.
    public var probationEnd: LocalDate?
    /// `党费交纳地`.
    public var duesAt: DuesAt = .branch

    public init(
        id: String, name: String, kind: Kind, email: String? = nil, phone: String? = nil,
        since: LocalDate? = nil, place: String? = nil, fixedPlace: Bool = false,
        relation: Relation = .retained, registered: Bool = false, liaison: String? = nil,
        grid: String? = nil, reportEvery: ReportEvery = .quarter, certificate: String? = nil,
        certificateCheck: CheckEvery = .halfYear, duesPaidThrough: YearMonth? = nil,
        lastContact: LocalDate? = nil, lastReport: LocalDate? = nil, paused: Bool = false,
        note: String? = nil, line: Int = 0, reportEveryGiven: Bool = true, destination: String? = nil,
        expectedLength: Duration? = nil, joined: LocalDate? = nil, origin: String? = nil,
        address: String? = nil, probationEnd: LocalDate? = nil, duesAt: DuesAt = .branch
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.email = email
        self.phone = phone
        self.since = since
        self.place = place
        self.fixedPlace = fixedPlace
        self.relation = relation
        self.registered = registered
        self.liaison = liaison
        self.grid = grid
        self.reportEvery = reportEvery
        self.certificate = certificate
        self.certificateCheck = certificateCheck
        self.duesPaidThrough = duesPaidThrough
        self.lastContact = lastContact
        self.lastReport = lastReport
        self.paused = paused
        self.note = note
        self.line = line
        self.reportEveryGiven = reportEveryGiven
        self.destination = destination
        self.expectedLength = expectedLength
        self.joined = joined
        self.origin = origin
        self.address = address
        self.probationEnd = probationEnd
        self.duesAt = duesAt
    }
}
