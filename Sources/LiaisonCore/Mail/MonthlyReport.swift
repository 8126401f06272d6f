/// The monthly report (流动党员管理月报, `digest.monthly`) about the month that ended: what the
/// secretary needs to see once a month, with names, in plain text and as HTML tables with
/// bars (inline CSS only: QQ Mail, 163, Outlook and phone clients drop `<style>` blocks).
///
/// Pure: the app gathers the figures (ledger, records, store) into this value; rendering
/// reads nothing else.
public struct MonthlyReport: Sendable, Equatable {
    public struct Contact: Sendable, Equatable {
        public var id: String
        public var name: String
        /// The liaison's name (for members not contacted: whom to ask).
        public var liaison: String?
        /// The latest contact in the quarter, and how.
        public var date: LocalDate?
        public var method: String?
        public init(id: String, name: String, liaison: String?, date: LocalDate? = nil, method: String? = nil) {
            self.id = id
            self.name = name
            self.liaison = liaison
            self.date = date
            self.method = method
        }
    }

    /// One grid's quarter.
    public struct Grid: Sendable, Equatable {
        /// nil: members without a grid.
        public var grid: String?
        public var contacted: [Contact]
        public var notContacted: [Contact]
        /// Reports received in the month, and members whose report for a period that ended
        /// with the month is missing.
        public var reportsReceived: Int
        public var reportsMissing: Int
        /// Members of the grid owing three months of dues or more.
        public var arrears: Int
        public var members: Int
        public init(grid: String?, contacted: [Contact], notContacted: [Contact], reportsReceived: Int, reportsMissing: Int,
                    arrears: Int, members: Int) {
            self.grid = grid
            self.contacted = contacted
            self.notContacted = notContacted
            self.reportsReceived = reportsReceived
            self.reportsMissing = reportsMissing
            self.arrears = arrears
            self.members = members
        }
    }

    /// A member named in a list, with what the list says of them.
    public struct Named: Sendable, Equatable {
        public var id: String
        public var name: String
        public var detail: String
        public init(id: String, name: String, detail: String) {
            self.id = id
            self.name = name
            self.detail = detail
        }
    }

    /// A mail that did not arrive, or a reply that was not taken.
    public struct MailProblem: Sendable, Equatable {
        public var day: LocalDate
        public var who: String
        public var what: String
        public init(day: LocalDate, who: String, what: String) {
            self.day = day
            self.who = who
            self.what = what
        }
    }

    /// The month that ended.
    public var month: YearMonth
    /// The quarter the contact figures describe (`2026Q4`), its first and last month.
    public var quarter: String
    /// The month is the quarter's last: the figures are the quarter's final result.
    public var quarterEnded: Bool
    public var grids: [Grid]
    public var reportsReceived: [Named]
    public var reportsMissing: [Named]
    /// Three months or more, most owed first.
    public var arrears: [Named]
    public var openTransfers: [Named]
    public var openRegistrations: [Named]
    public var failed: [MailProblem]
    public var rejected: [MailProblem]
    /// Members without a liaison (outgoing).
    public var noLiaison: [Named]
    public var replies: Int
    /// Set for a month not yet over (`status --html`): the figures run to this day.
    public var asOf: LocalDate? = nil

    public init(month: YearMonth, quarter: String, quarterEnded: Bool, grids: [Grid], reportsReceived: [Named],
                reportsMissing: [Named], arrears: [Named], openTransfers: [Named], openRegistrations: [Named],
                failed: [MailProblem], rejected: [MailProblem], noLiaison: [Named], replies: Int) {
        self.month = month
        self.quarter = quarter
        self.quarterEnded = quarterEnded
        self.grids = grids
        self.reportsReceived = reportsReceived
        self.reportsMissing = reportsMissing
        self.arrears = arrears
        self.openTransfers = openTransfers
        self.openRegistrations = openRegistrations
        self.failed = failed
        self.rejected = rejected
        self.noLiaison = noLiaison
        self.replies = replies
    }

    /// `2026年12月台账.csv`: the attachment's name.
    public func csvName(_ language: Config.Language) -> String {
        language == .zh ? "\(month.year)年\(month.month)月台账.csv" : "ledger-\(month).csv"
    }

    public var contacted: Int { grids.reduce(0) { $0 + $1.contacted.count } }
    public var notContacted: Int { grids.reduce(0) { $0 + $1.notContacted.count } }
}
