/// Reads one line of a reply's own text as a command, the way liaisons and members write on a
/// phone: `已电话联系`, `好的，已联系`, `12-20 已联系`, `【已联系】`, `已于12月20日电话联系，情况正常。`,
/// `联系过了`, `已联系，但未接通` (unreachable), `党费已交 2026年11月`, `已交 2026-11至2026-12`,
/// `已检查`, `已登记`, `已转出`.
///
/// One line in, one verdict out, so that a caller who finds a member id in front of the line
/// (the secretary's grouped daily mail) can read the rest with the same function.
///
/// Never guesses: a command is taken only when its words stand at the start of a clause (after
/// a greeting or "好的，" at most) and nothing before them is more than a date, a time word or
/// how it was done; a date that is there but not understood refuses the command.
public enum ReplyLine {
    /// Which commands to look for.
    public enum Family: Sendable, CaseIterable {
        case contact, dues, inspection, register, transfer, received
    }

    /// The verdict of one line, nil when it holds no command.
    public static func read(_ line: String, context: ReplyContext, only: Family? = nil) -> ReplyUnderstanding? {
        // A command is short: the start of a very long line is enough, and bounds the work.
        let o = Array(line.trimmingWhitespace().prefix(2000))
        let n = o.map(normal)
        guard !n.isEmpty else { return nil }
        let clauses = split(n)
        var ci = 0
        while ci < clauses.count, isCourtesy(String(o[clauses[ci]])) { ci += 1 }
        guard ci < clauses.count else { return nil }
        var c = clauses[ci]
        // "王书记:已联系": a salutation before a colon.
        if let colon = n[c].firstIndex(where: { $0 == ":" }), colon - c.lowerBound <= 12,
           isCourtesy(String(o[c.lowerBound..<colon])) {
            c = (colon + 1)..<c.upperBound
        }
        let next = ci + 1 < clauses.count ? clauses[ci + 1] : nil
        let line = ReplyLineReading(o: o, n: n, clause: c, next: next, context: context)
        if only == nil || only == .contact, let v = line.unreachable() { return v }
        for family in Family.allCases where only == nil || only == family {
            if let v = family == .dues ? line.dues() : line.done(family) { return v }
        }
        return nil
    }

    // MARK: courtesy and undo

    static let courtesyWords: [String] = [
        "收到了", "已收到", "收到", "好的", "好滴", "好嘞", "嗯嗯", "嗯", "谢谢您", "谢谢你", "谢谢", "感谢", "多谢", "已阅", "已读",
        "知道了", "知道", "明白了", "明白", "了解", "辛苦了", "辛苦", "您好", "你好", "抱拳", "握手", "玫瑰", "强",
        "well received", "thank you", "thankyou", "thanks", "noted", "got it", "received", "okay", "ok", "好",
    ].sorted { $0.count > $1.count }
    static let titles = ["书记", "同志", "老师", "主任", "领导", "支书", "大姐", "大哥", "姐", "哥"]

    /// Thanks, acknowledgements and greetings only (`收到，谢谢！`, `王书记好`, `好的👍`).
    public static func isCourtesy(_ line: String) -> Bool {
        // Thanks are short; a long line is never only thanks (and is not walked word by word).
        guard line.utf8.count <= 240 else { return false }
        var s = String(line.map(normal).filter { $0.isLetter || $0.isNumber || $0 == " " })
            .replacingOccurrences(of: " ", with: "")
        let lower = line.lowercased().trimmingWhitespace()
        if lower.hasPrefix("dear ") || lower.hasPrefix("hi ") || lower.hasPrefix("hello") {
            return lower.count <= 30 && !lower.contains(where: { $0.isNumber })
        }
        var changed = true
        while changed && !s.isEmpty {
            changed = false
            for w in courtesyWords where s.hasPrefix(w) {
                s = String(s.dropFirst(w.count))
                changed = true
                break
            }
            if !changed, s.count <= 7 {
                // 王书记, 王书记好, 张老师您好: a name and a title, then perhaps 好.
                for t in titles {
                    if let r = s.range(of: t), s.distance(from: s.startIndex, to: r.lowerBound) <= 3 {
                        let rest = String(s[r.upperBound...])
                        if rest.isEmpty || courtesyWords.contains(rest) || rest == "好" {
                            s = ""
                            changed = true
                            break
                        }
                    }
                }
            }
        }
        return s.isEmpty
    }

    /// A line of a hand-written signature: a phone number, or a name of two to four Chinese
    /// characters.
    public static func isSignatureLine(_ line: String) -> Bool {
        guard line.utf8.count <= 80 else { return false }
        let s = line.trimmingWhitespace()
        let digits = s.filter { $0.isASCII && $0.isNumber }
        if digits.count >= 7, s.allSatisfy({ ($0.isASCII && $0.isNumber) || "-+ ()".contains($0) }) { return true }
        return (2...4).contains(s.count) && s.unicodeScalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) }
            && !isCourtesy(s) && !courtesyWords.contains(where: { s.contains($0) })
    }

    static let undoWords: Set<String> = ["撤销", "撤消", "撤回", "撤销记录", "撤销上一条", "撤销刚才的记录", "undo"]

    /// `撤销` / `undo`, alone on its line.
    public static func isUndo(_ line: String) -> Bool {
        guard line.utf8.count <= 80 else { return false }
        let s = String(line.map(normal).filter { $0.isLetter || $0.isNumber })
        return undoWords.contains(s)
    }

    // MARK: normalising

    static let blanked: Set<Character> = ["【", "】", "〔", "〕", "[", "]", "「", "」", "『", "』", "\u{3000}", "\t", "*"]

    /// Full-width ASCII forms as ASCII, brackets and the ideographic space as a space, ASCII
    /// letters lower-cased: one character for one, so that places found in the normalised
    /// line are places in the line as written.
    static func normal(_ c: Character) -> Character {
        if blanked.contains(c) { return " " }
        guard c.unicodeScalars.count == 1, let u = c.unicodeScalars.first else { return c }
        var v = u.value
        if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }
        if v >= 0x41 && v <= 0x5A { v += 0x20 }
        return Character(Unicode.Scalar(v)!)
    }

    static let clauseEnds: Set<Character> = [",", "。", ";", "!", "?", "…", "~"]

    static func split(_ n: [Character]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        for (i, ch) in n.enumerated() where clauseEnds.contains(ch) {
            // "12.20" and "2026-11~2026-12" are not clause ends; "~" ends a clause only when spaced.
            if ch == "~" { continue }
            if i > start { out.append(start..<i) }
            start = i + 1
        }
        if start < n.count { out.append(start..<n.count) }
        return out.filter { r in r.contains { n[$0] != " " } }
    }
}
