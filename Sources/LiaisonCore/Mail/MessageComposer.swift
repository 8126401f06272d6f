import Foundation

/// Turns what the rules decided into words: the subject and body of every reminder, and of the
/// acknowledgement and help texts sent in answer to replies. Chinese by default, English when
/// the config says `language = en`.
///
/// Every text says, politely and briefly, what is owed, by when, what to do, how to reply
/// (the reply commands of interface.md) and whom to ask (the secretary), and is signed with the
/// branch's name. The subject ends with the thread's tag (`… [联络#K3F9Q2M7XA4PLD8W]`), so a
/// phone's preview line shows the matter first.
///
/// Pure: the sending day comes from `DueReminder.dueAt` (in the branch's zone), the token and
/// the language are passed in.
///
/// ## Facts read
/// `DueReminder.facts` is the rule's own `RuleFacts` case (see each rule's doc and
/// `RuleFacts+Kinds.swift`); `ReminderContext` reads it, typed, and the language files ask it
/// by the keys of docs/rules.md (`ReminderContext.fact`, `RuleFacts.fields`). `digest.monthly`
/// also carries the store's `failures` and `replies`, set by the app before rendering.
/// Each has a fallback from the ledger or the period, for reminders stored without them.
public struct MessageComposer: Sendable {
    public let config: Config
    public let ledger: Ledger

    public init(config: Config, ledger: Ledger) {
        self.config = config
        self.ledger = ledger
    }

    /// Subject and body of a reminder. `token` is the thread's token (`ThreadTag.token`).
    public func compose(_ reminder: DueReminder, token: String, language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let text = wording(lang).reminder(context(for: reminder))
        return ComposedText(subject: text.subject + " " + ThreadTag.tag(rule: reminder.rule, token: token, language: lang),
                            body: text.body)
    }

    /// The acknowledgement of an accepted reply, in the same thread (sent to the replier only).
    ///
    /// - Parameters:
    ///   - recorded: what was recorded, in words (see `recordedText(_:language:)`).
    ///   - nextDeadline: the next deadline of the thread, if there is one.
    ///   - at: when it is sent; dates in that year are written without the year.
    public func acknowledgement(rule: RuleID, token: String, recipient: Mailbox?, recorded: String,
                                nextDeadline: LocalDate?, at: Date, language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let text = wording(lang).acknowledgement(recipient: recipient?.name ?? "", recorded: recorded,
                                                 nextDeadline: nextDeadline, today: localDay(at),
                                                 secretary: config.branch.secretary, branch: config.branch.name)
        return ComposedText(subject: text.subject + " " + ThreadTag.tag(rule: rule, token: token, language: lang),
                            body: text.body)
    }

    /// The list of reply commands, sent when a reply was not understood. `problem` says what
    /// was wrong when it is known (e.g. a date in the future).
    public func help(rule: RuleID, token: String, recipient: Mailbox?, problem: String? = nil,
                     language: Config.Language? = nil) -> ComposedText {
        let lang = language ?? config.branch.language
        let text = wording(lang).help(rule: rule, recipient: recipient?.name ?? "", problem: problem,
                                      secretary: config.branch.secretary, branch: config.branch.name)
        return ComposedText(subject: text.subject + " " + ThreadTag.tag(rule: rule, token: token, language: lang),
                            body: text.body)
    }

    /// A record in words, for an acknowledgement: `2026年12月20日与张伟的联系(电话)`.
    public func recordedText(_ record: Record, language: Config.Language? = nil) -> String {
        let lang = language ?? config.branch.language
        let name = ledger.member(record.member)?.name ?? record.member
        return wording(lang).recorded(record, memberName: name)
    }

    func wording(_ language: Config.Language) -> any Wording {
        switch language {
        case .zh: return ChineseWording()
        case .en: return EnglishWording()
        }
    }

    func localDay(_ at: Date) -> LocalDate {
        let zone = TimeZone(identifier: config.branch.timezone) ?? TimeZone(identifier: "UTC")!
        return MIMEWriter.localDayAndSecond(of: at, offset: zone.secondsFromGMT(for: at)).0
    }

}

/// A period id taken apart: `2026Q4`, `2026H2`, `2026-11`, `2026-11-05`, `2026`.
enum PeriodID: Equatable {
    case quarter(year: Int, q: Int)
    case half(year: Int, h: Int)
    case month(YearMonth)
    case day(LocalDate)
    case year(Int)
    case other(String)

    init(_ s: String) {
        let t = s.trimmingWhitespace()
        let u = Array(t.uppercased())
        if u.count == 6, let y = Int(String(u[0..<4])), let n = Int(String(u[5])) {
            if u[4] == "Q", (1...4).contains(n) { self = .quarter(year: y, q: n); return }
            if u[4] == "H", (1...2).contains(n) { self = .half(year: y, h: n); return }
        }
        if let ym = YearMonth.iso(t) { self = .month(ym); return }
        if let d = LocalDate.iso(t) { self = .day(d); return }
        if t.count == 4, let y = Int(t) { self = .year(y); return }
        self = .other(t)
    }

    /// The last day of a month period (`2026-11` → 2026-11-30).
    var monthEnd: LocalDate? {
        guard case .month(let ym) = self else { return nil }
        return ym.day(31)
    }

    var year: Int? {
        switch self {
        case .quarter(let y, _), .half(let y, _), .year(let y): return y
        case .month(let ym): return ym.year
        case .day(let d): return d.year
        case .other: return nil
        }
    }

    var isHalfYear: Bool {
        if case .half = self { return true }
        return false
    }
}

/// How many members an `evaluation.annual` mail lists before pointing to the export.
enum EvaluationList {
    static let limit = 500
}
