/// What a reply asks for: one of the reply commands of interface.md, or, in a report thread,
/// the report itself.
public enum ReplyCommand: Sendable, Equatable {
    /// `已联系 [日期] [备注]` / `done [date] [note]`.
    case contact(date: LocalDate, note: String?)
    /// `未联系上 [备注]` / `unreachable [note]`, and any contact phrase carrying a negation.
    case unreachable(date: LocalDate, note: String?)
    /// `已交 2026-11` / `paid 2026-11`.
    case dues(through: YearMonth, note: String?)
    /// The text of a reply in a `report.periodic` thread.
    case report(date: LocalDate, text: String)
    /// `已检查 [日期]`: the 流动党员活动证 was checked (`certificate.check`).
    case inspection(date: LocalDate, note: String?)
    /// `已登记` / `已编入 [日期]`: an incoming member was placed in the branch (`incoming.register`).
    case register(date: LocalDate, note: String?)
    /// `已转出 [日期]`: the membership was transferred (`relation.transfer`).
    case transfer(date: LocalDate, note: String?)

    /// The longest report kept in a record; the whole text stays in the stored message.
    public static let reportCap = 20_000

    /// The record this command makes for a member.
    public func record(member: String) -> Record {
        switch self {
        case let .contact(date, note): return Record(kind: .contact, member: member, date: date, note: note)
        case let .unreachable(date, note): return Record(kind: .unreachable, member: member, date: date, note: note)
        case let .dues(through, note):
            // Dated the first day of the month paid through; `through` is what counts.
            return Record(kind: .dues, member: member, date: LocalDate(year: through.year, month: through.month, day: 1)!,
                          note: note, through: through)
        case let .report(date, text):
            return Record(kind: .report, member: member, date: date, note: String(text.prefix(Self.reportCap)))
        case let .inspection(date, note): return Record(kind: .inspection, member: member, date: date, note: note)
        case let .register(date, note): return Record(kind: .register, member: member, date: date, note: note)
        case let .transfer(date, note): return Record(kind: .transfer, member: member, date: date, note: note)
        }
    }
}

/// The verdict on a reply's text.
public enum ReplyUnderstanding: Sendable, Equatable {
    case command(ReplyCommand)
    /// Something was meant but cannot be taken: nothing is recorded, the answer says why and
    /// gives the line to send.
    case refused(ReplyProblem)
    /// `撤销` / `undo`: take back the last record this thread made.
    case undo
    /// Only thanks and greetings (`收到`, `好的`, `谢谢`, `已阅`): answered politely, nothing
    /// recorded.
    case courtesy
    case unrecognised
}

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

/// Reads a reply: first its own words (`ReplyReader`), then, line by line (`ReplyLine`), a
/// command; in a report thread, the report.
///
/// The first line of own text that is a command, among the first five non-empty ones, counts;
/// lines before it (a greeting such as "王书记您好，") are fine.
public enum ReplyParser {
    /// Lines of new text searched for a command.
    public static let commandLines = 5

    /// As `understand(_:context:)` with only the reply's day and the kind of thread.
    public static func understand(_ body: String, isReportThread: Bool, replyDay: LocalDate) -> ReplyUnderstanding {
        understand(body, context: ReplyContext(replyDay: replyDay, isReportThread: isReportThread))
    }

    public static func understand(_ body: String, context: ReplyContext) -> ReplyUnderstanding {
        understand(reading: ReplyReader.read(body), context: context)
    }

    public static func understand(reading: ReplyReading, context: ReplyContext) -> ReplyUnderstanding {
        let lines = reading.nonEmptyLines
        guard !lines.isEmpty else { return .unrecognised }
        // 撤销 as the first words (after a greeting).
        if let first = lines.first(where: { !ReplyLine.isCourtesy($0) }), ReplyLine.isUndo(first) { return .undo }
        // Thanks above a signature (a name, a phone number) is still only thanks.
        if lines.contains(where: ReplyLine.isCourtesy),
           lines.allSatisfy({ ReplyLine.isCourtesy($0)
               || (ReplyLine.isSignatureLine($0) && ReplyLine.read($0, context: context) == nil) }) {
            return .courtesy
        }
        if context.isReportThread {
            return report(lines: reading.lines, context: context)
        }
        for line in lines.prefix(commandLines) {
            if let verdict = ReplyLine.read(line, context: context) { return verdict }
        }
        return .unrecognised
    }

    /// The prefixes by which a liaison marks a report sent on the member's behalf.
    static let reportPrefixes = ["汇报：", "汇报:", "报告：", "报告:", "汇报 ", "report:"]

    /// A reply in a report thread: dues said on the first line are dues; otherwise the text is
    /// the member's report — from the member's own address, or marked `汇报：` by a liaison.
    static func report(lines: [String], context: ReplyContext) -> ReplyUnderstanding {
        let nonEmpty = lines.filter { !$0.isEmpty }
        // Only a short first line that is a dues command counts as one: a report may well say
        // "已交党费" in passing.
        if let first = nonEmpty.first, first.count <= 30, let v = ReplyLine.read(first, context: context, only: .dues) {
            return v
        }
        // The marker may follow a greeting line.
        var text = lines
        var marked = false
        if let k = text.firstIndex(where: { l in reportPrefixes.contains { l.lowercased().hasPrefix($0) } }),
           text[..<k].allSatisfy({ $0.isEmpty || ReplyLine.isCourtesy($0) }) {
            let p = reportPrefixes.first { text[k].lowercased().hasPrefix($0) }!
            text[k] = String(text[k].dropFirst(p.count)).trimmingWhitespace()
            text.removeFirst(k)
            marked = true
        }
        guard context.fromMember || marked else { return .refused(.reportNotFromMember) }
        let body = text.joined(separator: "\n").trimmingWhitespace()
        guard !body.isEmpty else { return .unrecognised }
        return .command(.report(date: context.replyDay, text: body))
    }
}
