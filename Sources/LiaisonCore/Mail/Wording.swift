/// The words of one language. `MessageComposer` gathers the facts; a wording only chooses how
/// to say them. Implementations: `ChineseWording` (default), `EnglishWording`.
protocol Wording: Sendable {
    func reminder(_ c: ReminderContext) -> ComposedText
    func acknowledgement(recipient: String, recorded: String, nextDeadline: LocalDate?, today: LocalDate,
                         secretary: Mailbox, branch: String) -> ComposedText
    func help(rule: RuleID, recipient: String, problem: String?, secretary: Mailbox, branch: String) -> ComposedText
    func recorded(_ record: Record, memberName: String) -> String
    /// A reminder's parts (the daily list takes each item's subject from it).
    func draft(_ c: ReminderContext) -> Draft
    /// A day as the mails write it (`12月31日`, the year when it is not `today`'s).
    func date(_ d: LocalDate, _ today: LocalDate) -> String
}

/// A reminder before assembly: the subject without its tag, the paragraphs saying what is owed
/// and what to do, the lines saying how to reply, and whether to add "ask the secretary" (not
/// when the secretary is the one reminded).
struct Draft {
    var subject: String
    var paragraphs: [String]
    var reply: [String]
    var askSecretary: Bool = true
}
