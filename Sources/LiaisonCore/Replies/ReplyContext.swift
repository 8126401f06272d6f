/// What a reply is read against.
public struct ReplyContext: Sendable, Equatable {
    /// The day of the reply, in the branch's zone: no date may be after it.
    public var replyDay: LocalDate
    /// The first day of the period the thread is open for: an earlier date is refused. nil:
    /// no lower bound (tests, threads without a period).
    public var openFrom: LocalDate?
    /// A `report.periodic` thread: text without a command is the report.
    public var isReportThread: Bool
    /// The sender is the member the thread is about (their report needs no `汇报：`).
    public var fromMember: Bool

    public init(replyDay: LocalDate, openFrom: LocalDate? = nil, isReportThread: Bool = false, fromMember: Bool = true) {
        self.replyDay = replyDay
        self.openFrom = openFrom
        self.isReportThread = isReportThread
        self.fromMember = fromMember
    }
}
