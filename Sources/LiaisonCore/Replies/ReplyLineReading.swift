/// One line being read: the characters as written (`o`) and normalised (`n`), the clause
/// holding the command and the clause after it.
struct ReplyLineReading {
    let o: [Character]
    let n: [Character]
    let clause: Range<Int>
    let next: Range<Int>?
    let context: ReplyContext

    var day: LocalDate { context.replyDay }

    func find(_ word: String, in r: Range<Int>) -> Int? {
        // The first character once, compared at each position before anything else: a word
        // is looked for in every clause of every reply.
        guard let first = word.first else { return r.isEmpty ? nil : r.lowerBound }
        var i = r.lowerBound
        while i < r.upperBound {
            if n[i] == first, ReplyDates.starts(n, i, word), i + word.count <= r.upperBound { return i }
            i += 1
        }
        return nil
    }

    func contains(_ words: [String], in r: Range<Int>) -> (Int, String)? {
        var best: (Int, String)?
        for w in words {
            if let i = find(w, in: r), best.map({ i < $0.0 || (i == $0.0 && w.count > $0.1.count) }) ?? true { best = (i, w) }
        }
        return best
    }

    // MARK: words

    static let unreachablePhrases = [
        "没有联系上", "没联系上", "未联系上", "未能联系上", "没能联系上", "联系不上", "暂未联系上", "还没联系上", "还没有联系上",
        "还未联系上", "尚未联系上", "未联络上", "没联络上", "联络不上", "打不通", "无人接听", "没人接听", "没人接", "无人接", "未接通",
        "没接通", "没有接通", "无法接通", "关机", "停机", "联系未果", "联络未果", "未果", "空号", "不在服务区", "无法联系",
        "没有回复", "未回复", "没回复", "不回复", "失联", "unreachable", "not reached", "could not reach", "couldn't reach",
        "no answer", "no reply",
    ]
    static let verbs: [ReplyLine.Family: [String]] = [
        .contact: ["联系", "联络", "电联", "聯繫", "聯絡", "聯系"], .inspection: ["检查", "查验", "核查"], .register: ["登记", "编入"],
        .transfer: ["转出"], .received: ["接收", "回执"],
    ]
    static let englishVerbs: [ReplyLine.Family: [String]] = [
        .contact: ["done", "contacted", "reached"], .inspection: ["checked"], .register: ["registered"],
        .transfer: ["transferred"], .received: ["received"],
    ]
    static let commandWord: [ReplyLine.Family: String] = [
        .contact: "已联系", .dues: "已交", .inspection: "已检查", .register: "已登记", .transfer: "已转出", .received: "已接收",
    ]
    static let negations: Set<Character> = ["未", "没", "不", "无", "别"]
    static let modals = ["请", "要", "将", "会", "需", "准备", "计划", "打算", "再", "尽快"]
    /// Words that may stand before a command: who, when, how.
    static let leadWords = [
        "我", "本人", "已经", "上午", "下午", "晚上", "中午", "早上", "今", "都", "也", "均", "于", "在", "刚", "电话", "打电话",
        "微信", "视频", "语音", "当面", "上门", "见面", "走访", "家访", "短信", "qq", "面谈", "与其", "与他", "与她", "和他", "和她",
        "跟他", "跟她", "同他", "同她", "与本人", "党费", "活动证", "组织关系", "该同志", "该党员", "其", "已", "通过",
    ].sorted { $0.count > $1.count }
    static let partnerWords = ["与其", "与他", "与她", "和他", "和她", "跟他", "跟她", "同他", "同她", "与本人", "与该同志",
                               "与该党员"]
    static let separators: Set<Character> = [" ", ",", ":", ";", "、", "。", "-", "—", ".", "~", "!", "?", "(", ")"]

    // MARK: the commands

    /// Unreachable: a phrase of failure in the clause.
    func unreachable() -> ReplyUnderstanding? {
        guard let (at, phrase) = contains(Self.unreachablePhrases, in: clause) else { return nil }
        // A long clause that mentions a switched-off phone in passing is prose.
        guard at - clause.lowerBound <= 12 else { return nil }
        guard leadIsPlain(clause.lowerBound..<at, allowAnything: true) else { return nil }
        var removed = Set<Int>()
        // The phrase itself goes from the note only when it opens the line (`未联系上 电话关机`).
        if leadIsPlain(clause.lowerBound..<at, allowAnything: false) { removed.formUnion(at..<(at + phrase.count)) }
        return dated(.contact, in: clause, removed: removed, noteFrom: clause.lowerBound) { date, note in
            .unreachable(date: date, note: note)
        }
    }

    var firstWordIndex: Int {
        var i = clause.lowerBound
        while i < clause.upperBound, n[i] == " " { i += 1 }
        return i
    }

    /// Contact, inspection, register, transfer: a verb marked done (`已…联系`, `联系了`).
    func done(_ family: ReplyLine.Family) -> ReplyUnderstanding? {
        if let v = english(family) { return v }
        guard let words = Self.verbs[family], let (v, verb) = contains(words, in: clause) else { return nil }
        let vEnd = v + verb.count
        var already: Int? = nil
        var k = v - 1
        while k >= clause.lowerBound {
            if n[k] == "已" { already = k; break }
            k -= 1
        }
        var between = (v..<v)
        var suffixEnd = vEnd
        if let a = already {
            var b = a + 1
            if b < v, n[b] == "经" { b += 1 }
            between = b..<v
            if between.contains(where: { Self.negations.contains(n[$0]) }) || contains(Self.modals, in: between) != nil
                || between.count > 14 {
                return nil
            }
            // 已经在联系: still going on, not done.
            if ["在", "正在"].contains(String(n[between])) { return nil }
            guard leadIsPlain(clause.lowerBound..<a, allowAnything: false) else { return nil }
        } else {
            let prefix = clause.lowerBound..<v
            let before = String(n[max(clause.lowerBound, v - 3)..<v])
            if before.contains(where: { Self.negations.contains($0) }) {
                return leadIsPlain(clause.lowerBound..<v, allowAnything: true)
                    ? .refused(.notYet(example: Self.commandWord[family]!)) : nil
            }
            guard vEnd < n.count, ["了", "过", "完", "上", "好"].contains(n[vEnd]) else { return nil }
            if n[vEnd] == "好" && !(vEnd + 1 < n.count && n[vEnd + 1] == "了") { return nil }
            guard leadIsPlain(prefix, allowAnything: false), contains(Self.modals, in: prefix) == nil else { return nil }
            between = clause.lowerBound..<v
        }
        while suffixEnd < clause.upperBound, ["了", "过", "完", "上", "好"].contains(n[suffixEnd]) { suffixEnd += 1 }
        // A negation in the same or the next clause: not reached.
        if family == .contact {
            let tail = vEnd..<clause.upperBound
            if contains(Self.unreachablePhrases, in: tail) != nil
                || next.map({ contains(Self.unreachablePhrases, in: $0) != nil }) == true {
                return dated(.contact, in: clause, removed: [], noteFrom: clause.lowerBound) {
                    .unreachable(date: $0, note: $1)
                }
            }
        }
        var removed = Set(clause.lowerBound..<suffixEnd).subtracting(between)
        // From what stood between 已 and the verb, only how it was done stays in the note.
        for w in Self.partnerWords + ["于", "在"] {
            if let i = find(w, in: between), i == between.lowerBound || removed.contains(i - 1) {
                removed.formUnion(i..<(i + w.count))
            }
        }
        return dated(family, in: clause, removed: removed, noteFrom: clause.lowerBound) { date, note in
            Self.command(family, date: date, note: note)
        }
    }

    /// The command a dated verb of `family` stands for.
    static func command(_ family: ReplyLine.Family, date: LocalDate, note: String?) -> ReplyCommand {
        switch family {
        case .contact: return .contact(date: date, note: note)
        case .inspection: return .inspection(date: date, note: note)
        case .register: return .register(date: date, note: note)
        case .transfer: return .transfer(date: date, note: note)
        case .received: return .received(date: date, note: note)
        case .dues: fatalError("dues are read by dues()")
        }
    }

    /// `done`, `contacted`, `checked` … as the first word.
    func english(_ family: ReplyLine.Family) -> ReplyUnderstanding? {
        let i = firstWordIndex
        for w in Self.englishVerbs[family] ?? [] where ReplyDates.starts(n, i, w) {
            let e = i + w.count
            if e < n.count, n[e].isLetter || n[e].isNumber { continue }
            return dated(family, in: clause, removed: Set(clause.lowerBound..<e), noteFrom: clause.lowerBound) { date, note in
                Self.command(family, date: date, note: note)
            }
        }
        return nil
    }

    /// True when the text before a command holds only dates, time words and how it was done
    /// (`今天`, `12-20`, `我`, `电话`); with `allowAnything`, only a short text is required
    /// (`电话打不通`, `手机关机`).
    func leadIsPlain(_ r: Range<Int>, allowAnything: Bool) -> Bool {
        if allowAnything { return r.count <= 12 }
        var s = Array(n[r])
        // Dates go first.
        var i = 0
        while i < s.count {
            if let f = ReplyDates.date(in: s, at: i) {
                s.removeSubrange(f.range)
                continue
            }
            i += 1
        }
        var str = String(s).filter { !Self.separators.contains($0) }
        var changed = true
        while changed && !str.isEmpty {
            changed = false
            for w in Self.leadWords where str.hasPrefix(w) {
                str = String(str.dropFirst(w.count))
                changed = true
                break
            }
        }
        return str.isEmpty
    }

    // MARK: dates

    /// Builds the command with its date and note, or the refusal: the first date in the clause
    /// (or at the start of the next one); none means the reply's day.
    func dated(_ family: ReplyLine.Family, in r: Range<Int>, removed: Set<Int>, noteFrom: Int,
               _ make: (LocalDate, String?) -> ReplyCommand) -> ReplyUnderstanding {
        var found: ReplyDates.Found? = nil
        var i = r.lowerBound
        while i < r.upperBound, found == nil {
            if let f = ReplyDates.date(in: n, at: i), f.range.upperBound <= r.upperBound { found = f }
            i += 1
        }
        if found == nil, let nx = next {
            var j = nx.lowerBound
            while j < nx.upperBound, n[j] == " " { j += 1 }
            if let f = ReplyDates.date(in: n, at: j) { found = f }
        }
        var note = noteText(from: noteFrom, removing: removed.union(found?.range ?? 0..<0))
        func example(_ d: LocalDate) -> String {
            "\(Self.commandWord[family]!) \(d.month)-\(d.day)" + (note.map { " " + $0 } ?? "")
        }
        // A month without a day (`12月联系的`) is a date not understood.
        if found == nil, let m = monthWithoutDay(in: r) {
            note = noteText(from: noteFrom, removing: removed.union(m.range))
            return .refused(.invalidDate(m.text, example: example(day)))
        }
        guard let f = found else { return .command(make(day, note)) }
        let text = String(o[f.range])
        let date: LocalDate
        switch f.value {
        case .unreadable: return .refused(.invalidDate(text, example: example(day)))
        case .date(let d): date = d
        case .relative(let back): date = day.adding(days: -back)
        case let .monthDay(m, d):
            guard let p = Self.nearestPast(month: m, day: d, before: day) else {
                return .refused(.invalidDate(text, example: example(day)))
            }
            date = p
        case .day(let d):
            guard let p = Self.nearestPast(day: d, before: day) else {
                return .refused(.invalidDate(text, example: example(day)))
            }
            date = p
        }
        if date > day { return .refused(.futureDate(date, example: example(day))) }
        if let from = context.openFrom, date < from {
            return .refused(.beforeOpenPeriod(date, openFrom: from, example: example(day)))
        }
        if note?.isEmpty == true { note = nil }
        return .command(make(date, note))
    }

    /// `12月` with no day after it, not part of a date.
    func monthWithoutDay(in r: Range<Int>) -> (text: String, range: Range<Int>)? {
        var i = r.lowerBound
        while i < r.upperBound {
            if let num = ReplyDates.number(n, at: i), !(i > 0 && ReplyDates.isDigit(n[i - 1])), num.end < n.count,
               n[num.end] == "月", num.digits <= 2 || num.chinese {
                return (String(o[i...num.end]), i..<(num.end + 1))
            }
            i += 1
        }
        return nil
    }

    /// The latest month-day on or before `day` (29 February: the latest leap year's).
    static func nearestPast(month: Int, day d: Int, before day: LocalDate) -> LocalDate? {
        var year = day.year
        while year > day.year - 8 {
            if let date = LocalDate(year: year, month: month, day: d), date <= day { return date }
            year -= 1
        }
        return nil
    }

    /// The latest day `d` of a month on or before `day`.
    static func nearestPast(day d: Int, before day: LocalDate) -> LocalDate? {
        var ym = day.yearMonth
        for _ in 0..<3 {
            if let date = LocalDate(year: ym.year, month: ym.month, day: d), date <= day { return date }
            ym = ym.adding(months: -1)
        }
        return nil
    }

    /// The line as written from `start` to its end, without the removed places, separators
    /// trimmed at both ends; nil when nothing is left.
    func noteText(from start: Int, removing removed: Set<Int>) -> String? {
        var kept: [Int] = []
        for i in start..<o.count where !removed.contains(i) { kept.append(i) }
        while let f = kept.first, Self.separators.contains(n[f]) || ["了", "过"].contains(n[f]) { kept.removeFirst() }
        while let l = kept.last, Self.separators.contains(n[l]) { kept.removeLast() }
        let s = String(kept.map { o[$0] }).trimmingWhitespace()
        return s.isEmpty ? nil : String(s.prefix(500))
    }

    // MARK: dues

    static let duesVerbs = [
        "已交纳", "已缴纳", "已交至", "已交到", "已缴至", "已缴到", "已交党费", "已缴党费", "党费已交", "党费已缴", "已收党费",
        "已收到党费", "已交", "已缴", "已繳", "paid",
    ].sorted { $0.count > $1.count }

    func dues() -> ReplyUnderstanding? {
        guard let (v, verb) = contains(Self.duesVerbs, in: clause) else { return nil }
        if verb == "paid", v != firstWordIndex { return nil }
        if verb == "paid", v + 4 < n.count, n[v + 4].isLetter { return nil }
        guard leadIsPlain(clause.lowerBound..<v, allowAnything: false) else { return nil }
        var c = v + verb.count
        // 已交党费至, 已交纳至, 已交到: the words between the verb and the month.
        for w in ["党费", "至", "到", "了", ":", " ", "至", "到", "党费", " "] {
            while c < n.count, ReplyDates.starts(n, c, w) { c += w.count }
        }
        let example = "已交 \(day.yearMonth)"
        switch ReplyDates.months(in: n, from: c) {
        case .none:
            return .refused(.missingMonth(example: example))
        case .unreadable(let s):
            return .refused(.invalidMonth(s.isEmpty ? String(o[c..<min(o.count, c + 8)]) : s, example: example))
        case let .month(last, year, end):
            let ym: YearMonth
            if let y = year {
                guard let m = YearMonth(year: y, month: last) else { return .refused(.invalidMonth(String(o[c..<end]), example: example)) }
                ym = m
            } else {
                // The latest such month not in the future.
                ym = YearMonth(year: last <= day.month ? day.year : day.year - 1, month: last)!
            }
            if day.yearMonth.months(until: ym) > 12 { return .refused(.duesTooFarAhead(ym)) }
            let note = noteText(from: end, removing: [])
            return .command(.dues(through: ym, note: note))
        }
    }
}
