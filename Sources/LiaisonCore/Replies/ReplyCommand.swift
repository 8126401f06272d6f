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
    case register(date: LocalDate, note: String? = nil)
    /// `已转出 [日期]`: the transfer letter went out (`relation.transfer`; 转出待接收 until the receipt).
    case transfer(date: LocalDate, note: String? = nil)
    /// `已接收 [日期]`: the receiving organisation's receipt (回执) came (`transfer.receipt`).
    case received(date: LocalDate, note: String? = nil)

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
        case let .received(date, note): return Record(kind: .received, member: member, date: date, note: note)
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
