/// Why a reply's command was not taken, explained in the answer together with the exact line
/// to send instead (`example`): people on a phone copy a line more easily than they read rules.
public enum ReplyProblem: Sendable, Equatable {
    /// A date after the reply's day (`明天`, `12-30` written on 12-22 with a year given).
    case futureDate(LocalDate, example: String)
    /// A date that is there but cannot be read (`2-30`, `上周三`, `13月5日`).
    case invalidDate(String, example: String)
    /// A date before the period the thread is open for (`已联系 12-25` written on 12-22 is
    /// 2025-12-25, a year ago).
    case beforeOpenPeriod(LocalDate, openFrom: LocalDate, example: String)
    /// Dues without a month.
    case missingMonth(example: String)
    /// Dues with a month that cannot be read.
    case invalidMonth(String, example: String)
    case duesTooFarAhead(YearMonth)
    /// "还没联系" and the like: nothing happened yet.
    case notYet(example: String)
    /// The thread is about a grid or the branch, not one member: nothing to record.
    case notAboutOneMember
    /// A report thread: the text came from someone other than the member and is not marked
    /// `汇报：`.
    case reportNotFromMember
    /// `撤销` with nothing this sender recorded in the thread left to take back.
    case nothingToUndo
    /// The kind does not apply to the thread's member (as `liaisond record` refuses it):
    /// an inspection or transfer for a member who is not outgoing, a registration for one who
    /// is not incoming, a contact or report for a local member.
    case doesNotApply(Record.Kind)

    public func text(_ language: Config.Language) -> String {
        switch (self, language) {
        case let (.futureDate(d, ex), .zh):
            return "您回复的日期 \(d.year)年\(d.month)月\(d.day)日 还没有到，所以没有记录。请写已经发生的日期，例如回复这一行：\n\n    \(ex)"
        case let (.futureDate(d, ex), .en):
            return "The date in your reply, \(d), is in the future, so nothing was recorded. Please give the day it happened, e.g. reply with this line:\n\n    \(ex)"
        case let (.invalidDate(s, ex), .zh):
            return "未能看懂日期“\(s)”，所以没有记录。请按“月-日”写日期，例如回复这一行（日期改为实际的那一天）：\n\n    \(ex)"
        case let (.invalidDate(s, ex), .en):
            return "\"\(s)\" could not be read as a date, so nothing was recorded. Please write the date as month-day, e.g. reply with this line (with the real day):\n\n    \(ex)"
        case let (.beforeOpenPeriod(d, from, ex), .zh):
            return "日期 \(d.year)年\(d.month)月\(d.day)日 早于本次提醒所涉及的期间（自\(from.year)年\(from.month)月\(from.day)日起），所以没有记录。不写年份时指最近的那一天；如果是最近发生的，请写完整日期，例如回复这一行：\n\n    \(ex)"
        case let (.beforeOpenPeriod(d, from, ex), .en):
            return "The date \(d) is before the period this reminder is about (from \(from)), so nothing was recorded. A date without a year is the latest such day; if it happened recently, write the full date, e.g. reply with this line:\n\n    \(ex)"
        case let (.missingMonth(ex), .zh): return "请写明党费交到哪个月，例如回复这一行：\n\n    \(ex)"
        case let (.missingMonth(ex), .en): return "Please say through which month the dues are paid, e.g. reply with this line:\n\n    \(ex)"
        case let (.invalidMonth(s, ex), .zh):
            return "未能看懂月份“\(s)”，所以没有记录。请写“年-月”，例如回复这一行（月份改为实际交到的月）：\n\n    \(ex)"
        case let (.invalidMonth(s, ex), .en):
            return "\"\(s)\" could not be read as a month, so nothing was recorded. Please write year-month, e.g. reply with this line (with the real month):\n\n    \(ex)"
        case let (.duesTooFarAhead(m), .zh):
            return "党费交到 \(m.year)年\(m.month)月 超过了12个月，可能是笔误，所以没有记录；如确实如此，请联系支部书记登记。"
        case let (.duesTooFarAhead(m), .en):
            return "Dues paid through \(m) is more than 12 months ahead, probably a typo, so nothing was recorded; if it is right, please ask the secretary to record it."
        case let (.notYet(ex), .zh):
            return "您的回复说还没有办理，所以没有记录。办理后请回复这一行：\n\n    \(ex)"
        case let (.notYet(ex), .en):
            return "Your reply says it has not happened yet, so nothing was recorded. When it has, reply with this line:\n\n    \(ex)"
        case (.notAboutOneMember, .zh): return "这封提醒不是关于某一位党员的，回复中的命令无法记录；请联系支部书记。"
        case (.notAboutOneMember, .en): return "This reminder is not about one member, so a reply command cannot be recorded here; please ask the secretary."
        case (.reportNotFromMember, .zh):
            return "汇报应由党员本人回复；这封回复不是党员本人的邮箱发来的，所以没有作为汇报记录。如果是代党员转交汇报，请在正文第一行以“汇报：”开头，例如：\n\n    汇报：本季度在深圳参加了流动党员学习小组……"
        case (.reportNotFromMember, .en):
            return "A report comes from the member; this reply did not come from the member's own address, so it was not recorded as a report. To pass a report on for the member, start the first line with \"汇报：\", e.g.:\n\n    汇报：This quarter I joined the study group in Shenzhen…"
        case (.nothingToUndo, .zh): return "在这个邮件往来中没有找到您的回复所作、尚未撤销的记录，所以没有撤销任何记录。"
        case let (.doesNotApply(k), .zh):
            return "这位党员不适用“\(MessageComposer.kindName(k, .zh))”的记录（活动证检查和组织关系转出只用于流出党员，编入支部只用于流入党员，联系和汇报只用于流动党员），所以没有记录；如有疑问请联系支部书记。"
        case let (.doesNotApply(k), .en):
            return "A \"\(MessageComposer.kindName(k, .en))\" record does not apply to this member (certificate checks and transfers are for outgoing members, registration for incoming ones, contacts and reports for mobile members), so nothing was recorded; please ask the secretary."
        case (.nothingToUndo, .en): return "There is no record made by your replies in this conversation left to take back, so nothing was withdrawn."
        }
    }
}
