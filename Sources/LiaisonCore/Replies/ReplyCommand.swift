/// What a reply asks for: one of the reply commands of interface.md, or, in a report thread,
/// the report itself.
public enum ReplyCommand: Sendable, Equatable {
    /// `已联系 [日期] [备注]` / `done [date] [note]`.
    case contact(date: LocalDate, note: String?)
    /// `未联系上 [备注]` / `unreachable [note]` (on the day of the reply).
    case unreachable(date: LocalDate, note: String?)
    /// `已交 2026-11` / `paid 2026-11`.
    case dues(through: YearMonth, note: String?)
    /// The text of a reply in a `report.periodic` thread.
    case report(date: LocalDate, text: String)
    /// `已转出 [备注]` / `transferred [note]`: the transfer letter went out (转出待接收).
    case transfer(date: LocalDate, note: String?)
    /// `已接收 [备注]` / `received [note]`: the receiving organisation's receipt (回执) came.
    case received(date: LocalDate, note: String?)

    /// The record this command makes for a member.
    public func record(member: String) -> Record {
        switch self {
        case let .contact(date, note): return Record(kind: .contact, member: member, date: date, note: note)
        case let .unreachable(date, note): return Record(kind: .unreachable, member: member, date: date, note: note)
        case let .dues(through, note):
            // Dated the first day of the month paid through; `through` is what counts.
            return Record(kind: .dues, member: member, date: LocalDate(year: through.year, month: through.month, day: 1)!,
                          note: note, through: through)
        case let .report(date, text): return Record(kind: .report, member: member, date: date, note: text)
        case let .transfer(date, note): return Record(kind: .transfer, member: member, date: date, note: note)
        case let .received(date, note): return Record(kind: .received, member: member, date: date, note: note)
        }
    }
}

/// Why a command was not taken, explained in the help answer.
public enum ReplyProblem: Sendable, Equatable {
    case futureDate(LocalDate)
    case invalidDate(String)
    case missingMonth
    case duesTooFarAhead(YearMonth)
    /// The thread is about a grid or the branch, not one member: nothing to record.
    case notAboutOneMember

    public func text(_ language: Config.Language) -> String {
        switch (self, language) {
        case let (.futureDate(d), .zh):
            return "您回复的日期 \(d.year)年\(d.month)月\(d.day)日 还没有到,所以没有记录。请写已经发生的日期,例如“已联系 12-20”。"
        case let (.futureDate(d), .en):
            return "The date in your reply, \(d), is in the future, so nothing was recorded. Please give the day it happened, e.g. \"done 12-20\"."
        case let (.invalidDate(s), .zh): return "“\(s)”不是一个日期,所以没有记录。"
        case let (.invalidDate(s), .en): return "\"\(s)\" is not a date, so nothing was recorded."
        case (.missingMonth, .zh): return "请写明党费交到哪个月,例如“已交 2026-11”。"
        case (.missingMonth, .en): return "Please say through which month the dues are paid, e.g. \"paid 2026-11\"."
        case let (.duesTooFarAhead(m), .zh):
            return "党费交到 \(m.year)年\(m.month)月 超过了12个月,可能是笔误,所以没有记录;如确实如此,请联系支部书记登记。"
        case let (.duesTooFarAhead(m), .en):
            return "Dues paid through \(m) is more than 12 months ahead, probably a typo, so nothing was recorded; if it is right, please ask the secretary to record it."
        case (.notAboutOneMember, .zh): return "这封提醒不是关于某一位党员的,回复中的命令无法记录;请联系支部书记。"
        case (.notAboutOneMember, .en): return "This reminder is not about one member, so a reply command cannot be recorded here; please ask the secretary."
        }
    }
}

/// The verdict on a reply's text.
public enum ReplyUnderstanding: Sendable, Equatable {
    case command(ReplyCommand)
    case refused(ReplyProblem)
    case unrecognised
}

/// Reads the reply commands of interface.md from a reply's text.
///
/// The first line of new text (quotes and signature dropped, `ReplyText`) that is a command,
/// among the first five non-empty ones, counts; lines before it (a greeting such as
/// "王书记您好,") are fine. Full-width digits and punctuation (Chinese input methods) are read as
/// their ASCII forms.
public enum ReplyParser {
    /// Lines of new text searched for a command.
    public static let commandLines = 5

    /// - Parameters:
    ///   - body: the reply's text as `MIMEReader` decoded it.
    ///   - isReportThread: a `report.periodic` thread, where text without a command is the report.
    ///   - replyDay: the day of the reply, in the branch's zone: a date without a year is the
    ///     latest such day not after it; a later date is refused.
    public static func understand(_ body: String, isReportThread: Bool, replyDay: LocalDate) -> ReplyUnderstanding {
        let lines = ReplyText.newText(body)
        for line in lines.filter({ !$0.isEmpty }).prefix(commandLines) {
            if let verdict = command(in: line, replyDay: replyDay) { return verdict }
        }
        if isReportThread {
            let text = lines.joined(separator: "\n").trimmingWhitespace()
            if !text.isEmpty { return .command(.report(date: replyDay, text: text)) }
        }
        return .unrecognised
    }

    static let contactWords = ["已联系", "已联络", "done"]
    static let unreachableWords = ["未联系上", "没联系上", "未能联系上", "联系不上", "unreachable"]
    static let duesWords = ["已交党费", "已缴党费", "已交", "已缴", "paid"]
    static let transferWords = ["已转出", "transferred"]
    static let receivedWords = ["已接收", "已回执", "received"]

    /// The verdict of one line, nil when it is not a command.
    public static func command(in rawLine: String, replyDay: LocalDate) -> ReplyUnderstanding? {
        let line = normalise(rawLine)
        if let rest = after(unreachableWords, in: line) {
            return .command(.unreachable(date: replyDay, note: note(rest)))
        }
        if let rest = after(contactWords, in: line) {
            var cursor = Substring(rest)
            skipSeparators(&cursor)
            switch DateToken.read(&cursor, replyDay: replyDay) {
            case .none:
                return .command(.contact(date: replyDay, note: note(cursor)))
            case .invalid(let s):
                return .refused(.invalidDate(s))
            case .date(let d):
                if d > replyDay { return .refused(.futureDate(d)) }
                return .command(.contact(date: d, note: note(cursor)))
            }
        }
        if let rest = after(transferWords, in: line) { return .command(.transfer(date: replyDay, note: note(rest))) }
        if let rest = after(receivedWords, in: line) { return .command(.received(date: replyDay, note: note(rest))) }
        if let rest = after(duesWords, in: line) {
            var cursor = Substring(rest)
            skipSeparators(&cursor)
            guard let month = DateToken.readMonth(&cursor) else { return .refused(.missingMonth) }
            if replyDay.yearMonth.months(until: month) > 12 { return .refused(.duesTooFarAhead(month)) }
            return .command(.dues(through: month, note: note(cursor)))
        }
        return nil
    }

    /// The rest of the line after one of the words at its start; an English word must end there
    /// (`done,` yes, `doneness` no).
    static func after(_ words: [String], in line: String) -> String? {
        let lower = line.lowercased()
        for w in words where lower.hasPrefix(w) {
            let rest = line.unicodeScalars.dropFirst(w.unicodeScalars.count)
            if w.unicodeScalars.first!.isASCII, let next = rest.first,
               next.properties.isAlphabetic || ("0"..."9").contains(next) {
                continue
            }
            return String(String.UnicodeScalarView(rest))
        }
        return nil
    }

    static let separatorScalars: Set<Unicode.Scalar> = [" ", "\t", ",", ":", ";", "、", "，", "：", "-", "—", "。", "."]

    static func skipSeparators(_ s: inout Substring) {
        while let f = s.unicodeScalars.first, separatorScalars.contains(f) { s = Substring(s.unicodeScalars.dropFirst()) }
    }

    static func note<S: StringProtocol>(_ rest: S) -> String? {
        var s = Substring(String(rest))
        skipSeparators(&s)
        let t = String(s).trimmingWhitespace()
        return t.isEmpty ? nil : String(t.prefix(500))
    }

    /// Full-width ASCII forms (U+FF01–FF5E) and the ideographic space as ASCII; trimmed.
    public static func normalise(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value >= 0xFF01 && u.value <= 0xFF5E, let a = Unicode.Scalar(u.value - 0xFEE0) {
                // Keep the Chinese comma and colon forms recognisable as separators either way.
                out.append(a)
            } else if u.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return String(out).trimmingWhitespace()
    }
}

/// Dates and months as people type them in a reply.
enum DateToken {
    enum Result: Equatable {
        case none
        case invalid(String)
        case date(LocalDate)
    }

    /// A date at the start of `s` (consumed when found): `2026-12-20`, `2026/12/20`,
    /// `2026.12.20`, `2026年12月20日`, `12-20`, `12/20`, `12.20`, `12月20日`/`号`, `今天`, `昨天`,
    /// `前天`, `today`, `yesterday`.
    static func read(_ s: inout Substring, replyDay: LocalDate) -> Result {
        let lower = s.lowercased()
        for (word, back) in [("今天", 0), ("今日", 0), ("昨天", 1), ("昨日", 1), ("前天", 2), ("today", 0), ("yesterday", 1)]
            where lower.hasPrefix(word) {
            s = s.dropFirst(word.count)
            return .date(replyDay.adding(days: -back))
        }
        var c = s
        guard let a = number(&c) else { return .none }
        let start = s
        func text() -> String { String(start[start.startIndex..<c.startIndex]) }
        if c.hasPrefix("年") || ((c.hasPrefix("-") || c.hasPrefix("/") || c.hasPrefix(".")) && a.digits == 4) {
            // Year first.
            let chinese = c.hasPrefix("年")
            c = c.dropFirst()
            guard let m = number(&c) else { return .none }
            if chinese { guard c.hasPrefix("月") else { return .none }; c = c.dropFirst() }
            else { guard c.hasPrefix("-") || c.hasPrefix("/") || c.hasPrefix(".") else { return .none }; c = c.dropFirst() }
            guard let d = number(&c) else { return .none }
            if c.hasPrefix("日") || c.hasPrefix("号") { c = c.dropFirst() }
            let t = text()
            s = c
            guard let date = LocalDate(year: a.value, month: m.value, day: d.value) else { return .invalid(t) }
            return .date(date)
        }
        let chinese = c.hasPrefix("月")
        guard chinese || c.hasPrefix("-") || c.hasPrefix("/") || c.hasPrefix("."), a.digits <= 2 else { return .none }
        c = c.dropFirst()
        guard let d = number(&c), d.digits <= 2 else { return .none }
        if c.hasPrefix("日") || c.hasPrefix("号") { c = c.dropFirst() } else if chinese { return .none }
        let t = text()
        s = c
        guard LocalDate(year: 2024, month: a.value, day: d.value) != nil else { return .invalid(t) }
        // The latest such day not after the reply (29 February: the latest leap year's).
        var year = replyDay.year
        while year > replyDay.year - 8 {
            if let date = LocalDate(year: year, month: a.value, day: d.value), date <= replyDay { return .date(date) }
            year -= 1
        }
        return .invalid(t)
    }

    /// A month at the start of `s`: `2026-11`, `2026/11`, `2026.11`, `2026年11月`.
    static func readMonth(_ s: inout Substring) -> YearMonth? {
        var c = s
        guard let y = number(&c), y.digits == 4 else { return nil }
        guard c.hasPrefix("年") || c.hasPrefix("-") || c.hasPrefix("/") || c.hasPrefix(".") else { return nil }
        let chinese = c.hasPrefix("年")
        c = c.dropFirst()
        guard let m = number(&c), m.digits <= 2 else { return nil }
        if chinese && c.hasPrefix("月") { c = c.dropFirst() }
        guard let ym = YearMonth(year: y.value, month: m.value) else { return nil }
        s = c
        return ym
    }

    static func number(_ s: inout Substring) -> (value: Int, digits: Int)? {
        var v = 0, n = 0
        while let f = s.unicodeScalars.first, ("0"..."9").contains(f), n < 5 {
            v = v * 10 + Int(f.value - 48)
            n += 1
            s = Substring(s.unicodeScalars.dropFirst())
        }
        return n == 0 ? nil : (v, n)
    }
}
