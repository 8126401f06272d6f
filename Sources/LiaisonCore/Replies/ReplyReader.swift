/// Separates a reply's own words from quotes, attribution lines, original-message blocks,
/// forwarded banners and signatures — wherever they stand: above the quote (top-posting),
/// below it (bottom-posting) or between quoted lines (interleaved).
///
/// Why a walk over lines and not "cut at the first marker": people on phones write under the
/// quote as often as above it, and a cut at the attribution line loses the report below it.
/// The rules:
/// - `>` lines (also HTML `<blockquote>`, see `HTMLText`) are quotes; the text around them is
///   kept.
/// - An attribution line ("On … wrote:", "在 … 写道：", "… 于2026年…写道：", "Am … schrieb …:",
///   wrapped over up to three lines) followed by `>` lines is dropped and reading goes on; one
///   followed by unmarked text introduces the quoted original, which runs to the end.
/// - An original-message separator (`-----Original Message-----` in many languages,
///   `------------------ 原始邮件 ------------------`, QQ's `------------------ Original
///   ------------------`) or a quoted header block (`发件人:/发送时间:`, `From:/Sent:`, after a
///   rule of dashes or underscores or not) starts the original: the rest goes.
/// - A forwarded banner (`---------- 转发的邮件 ---------`, `Begin forwarded message:`) or a
///   header block whose subject is a forward (`FW:`, `转发：`): the banner and its header lines
///   go, the forwarded text below is kept (it is what the liaison passes on).
/// - WeChat's quote `「…」` followed by `- - - - -` goes, and the text after it is kept.
/// - A `-- ` line starts a signature (dropped up to the next quote); a phone signature
///   (`发自我的iPhone`, `Sent from my Huawei`, `来自微信`) is dropped when it is the whole line
///   and names a device: a line of prose that merely starts like one stays.
public enum ReplyReader {
    /// - Parameter subject: the message's subject; when it says the message is a forward
    ///   (`Fwd:`, `转发：`), an original-message separator is read as a forwarded banner (QQ Mail
    ///   writes the same `原始邮件` line for both).
    public static func read(_ body: String, subject: String? = nil) -> ReplyReading {
        let isForward = subject.map { s in
            let l = s.lowercased().trimmingWhitespace()
            return forwardSubjects.contains { l.hasPrefix($0) } || l.hasPrefix("转发") || l.hasPrefix("fwd") || l.hasPrefix("fw:")
        } ?? false
        let t = body.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingWhitespace() }
        var out: [String] = []
        var forwarded = false
        var inSignature = false
        var i = 0
        scan: while i < t.count {
            let l = t[i]
            if isQuote(l) {
                inSignature = false
                i += 1
                continue
            }
            if let k = attributionLength(t, at: i) {
                let j = nextNonBlank(t, after: i + k - 1)
                if j == nil || isQuote(t[j!]) {
                    inSignature = false
                    i += k
                    continue
                }
                break scan
            }
            let bare = stripped(l)
            if !bare.isEmpty, ReplyMarkers.forwardBanners.contains(bare), l.count > bare.count || bare.count > 8 {
                forwarded = true
                inSignature = false
                i = skipHeaderBlock(t, from: i + 1)
                continue
            }
            if !bare.isEmpty, ReplyMarkers.originalSeparators.contains(bare), l.count > bare.count || bare.count > 8 {
                if !isForward { break scan }
                forwarded = true
                inSignature = false
                i = skipHeaderBlock(t, from: i + 1)
                continue
            }
            // A header block (`From: … Sent: …`), directly or under a rule, starts the quoted
            // original, or a forwarded message whose text is read on.
            let rule = isRule(l)
            if let block = rule ? nextNonBlank(t, after: i).flatMap({ headerBlock(t, at: $0) }) : headerBlock(t, at: i) {
                guard block.isForward else { break scan }
                forwarded = true
                inSignature = false
                i = block.end
                continue
            }
            if rule {
                i += 1
                continue
            }
            if let end = weChatQuoteEnd(t, at: i) {
                i = end
                continue
            }
            if isWeChatSeparator(l) {
                i += 1
                continue
            }
            if l == "--" || l == "—" || l == "-- " {
                inSignature = true
                i += 1
                continue
            }
            if isSignature(l) || inSignature {
                i += 1
                continue
            }
            out.append(l)
            i += 1
        }
        while out.first?.isEmpty == true { out.removeFirst() }
        while out.last?.isEmpty == true { out.removeLast() }
        var collapsed: [String] = []
        for l in out where !(l.isEmpty && collapsed.last?.isEmpty == true) { collapsed.append(l) }
        return ReplyReading(lines: collapsed, forwarded: forwarded)
    }

    // MARK: quotes

    static func isQuote(_ l: String) -> Bool { l.hasPrefix(">") || l.hasPrefix("＞") }

    static func nextNonBlank(_ t: [String], after i: Int) -> Int? {
        var j = i + 1
        while j < t.count, t[j].isEmpty { j += 1 }
        return j < t.count ? j : nil
    }

    // MARK: attribution lines

    static let attributionOpeners = ["on ", "在", "于", "am ", "le ", "el ", "il ", "em ", "op ", "den ", "w dniu",
                                     "dnia ", "el día", "i dag", "вт,", "пн,", "ср,", "чт,", "пт,", "сб,", "вс,"]

    /// The number of lines (1–3) of an attribution line starting at `i`, nil when there is none.
    static func attributionLength(_ t: [String], at i: Int) -> Int? {
        guard !t[i].isEmpty, !isQuote(t[i]) else { return nil }
        if isAttribution(t[i]) { return 1 }
        let first = t[i].lowercased()
        let opens = attributionOpeners.contains { first.hasPrefix($0) } || first.first?.isNumber == true
            || first.contains("<") || first.contains("@")
        // The client's words carry a date or an address, and a sentence of the writer's ends
        // with its punctuation: "On my way home I called him." is not the start of one.
        guard opens, first.count < 200, first.contains(where: { $0.isNumber || $0 == "<" || $0 == "@" }),
              let last = first.last, !"。.!！?？".contains(last) else { return nil }
        var joined = t[i]
        for k in 1...2 where i + k < t.count {
            let next = t[i + k]
            if next.isEmpty || isQuote(next) { return nil }
            joined += " " + next
            if isAttribution(joined) { return k + 1 }
        }
        return nil
    }

    static func isAttribution(_ line: String) -> Bool {
        let l = line.lowercased()
        guard l.count <= 300 else { return false }
        // A date, a time or an address: the client's words, not a sentence of the writer's.
        guard l.contains(where: { $0.isNumber }) || l.contains("@") || l.contains("<") else { return false }
        if ReplyMarkers.attributionEndings.contains(where: { l.hasSuffix($0) }) { return true }
        if l.hasSuffix(":") || l.hasSuffix("：") {
            if ReplyMarkers.attributionVerbs.contains(where: { l.contains($0) }) { return true }
            if l.hasSuffix("pisze:") || l.hasSuffix("schreef:") { return true }
            // Gmail in Russian and some others: "чт, 17 дек. 2026 г. в 09:00, X <a@b>:".
            if l.hasSuffix(">:") && l.contains("@") { return true }
        }
        return false
    }

    // MARK: separators and header blocks

    static let ruleScalars: Set<Character> = ["-", "_", "=", "—", "–", "*", " ", ":", "：", "\u{A0}", "─", "━"]

    /// The line without the dashes, spaces and colons around it, lower-cased.
    static func stripped(_ l: String) -> String {
        var s = Substring(l.lowercased())
        while let f = s.first, ruleScalars.contains(f) { s = s.dropFirst() }
        while let f = s.last, ruleScalars.contains(f) { s = s.dropLast() }
        return String(s)
    }

    /// A line of only dashes or underscores (Outlook's rule above a quoted header block).
    static func isRule(_ l: String) -> Bool {
        l.count >= 5 && l.allSatisfy { $0 == "-" || $0 == "_" || $0 == "—" || $0 == "─" || $0 == "=" }
    }

    /// The field name of a `name: value` line (`*From:*` as Outlook's HTML gives it), lower-cased.
    static func fieldName(_ line: String) -> String? {
        var l = Substring(line.lowercased())
        while l.first == "*" { l = l.dropFirst() }
        guard let colon = l.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        var name = l[..<colon]
        while name.last == "*" || name.last == " " { name = name.dropLast() }
        guard !name.isEmpty, name.count <= 16 else { return nil }
        return String(name)
    }

    static func isField(_ l: String, _ names: [String]) -> Bool {
        guard let n = fieldName(l) else { return false }
        return names.contains(n)
    }

    static func fieldValue(_ line: String) -> String {
        guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return "" }
        var v = Substring(line[line.index(after: colon)...])
        while v.first == "*" || v.first == " " { v = v.dropFirst() }
        return String(v)
    }

    static let forwardSubjects = ["fw:", "fwd:", "fw：", "fwd：", "转发:", "转发：", "轉寄:", "轉寄：", "wg:", "tr:", "rv:",
                                  "i:", "enc:", "doorst:", "vs:", "vb:", "pd:", "fw ", "wg ", "переслать:"]

    /// A quoted header block at `i`: a sender field and, within five lines, a date, recipient
    /// or subject field. `end` is the first line after its fields; `isForward` when its subject
    /// says so.
    static func headerBlock(_ t: [String], at i: Int) -> (end: Int, isForward: Bool)? {
        guard isField(t[i], ReplyMarkers.fromFields) else { return nil }
        let others = ReplyMarkers.whenFields + ReplyMarkers.otherFields
        var fields = 1
        var j = i + 1
        var isForward = false
        var lastField = i
        while j < t.count, j <= lastField + 3 {
            let l = t[j]
            if l.isEmpty {
                if fields >= 2 { break }
                j += 1
                continue
            }
            guard let name = fieldName(l), others.contains(name) || ReplyMarkers.fromFields.contains(name) else {
                // A recipient list wrapped over lines.
                if fields >= 2 && j == lastField + 1 && !l.contains(where: { ReplyMarkers.sentencePunctuation.contains($0) }) {
                    j += 1
                    continue
                }
                break
            }
            if ["subject", "主题", "主旨", "betreff", "objet", "asunto", "oggetto", "assunto", "onderwerp", "ämne",
                "emne", "temat", "тема"].contains(name) {
                let v = fieldValue(l).lowercased()
                if forwardSubjects.contains(where: { v.hasPrefix($0) }) { isForward = true }
            }
            fields += 1
            lastField = j
            j += 1
        }
        guard fields >= 2 else { return nil }
        return (lastField + 1, isForward)
    }

    /// After a forwarded banner: the header lines of the forwarded message, and blank lines.
    static func skipHeaderBlock(_ t: [String], from i: Int) -> Int {
        var j = i
        while j < t.count, t[j].isEmpty { j += 1 }
        if j < t.count, let block = headerBlock(t, at: j) { return block.end }
        // Apple Mail and Gmail name the sender first too, but some clients start with the date.
        let all = ReplyMarkers.fromFields + ReplyMarkers.whenFields + ReplyMarkers.otherFields
        while j < t.count, isField(t[j], all) { j += 1 }
        return j
    }

    // MARK: WeChat

    /// WeChat quotes with `「name：text」` (one or more lines) and a line `- - - - - - -`: the
    /// index after the separator, nil when the line does not start such a quote.
    static func weChatQuoteEnd(_ t: [String], at i: Int) -> Int? {
        guard t[i].hasPrefix("「") else { return nil }
        var j = i
        while j < t.count, j < i + 30 {
            if t[j].hasSuffix("」") {
                guard let k = nextNonBlank(t, after: j), isWeChatSeparator(t[k]) else { return nil }
                return k + 1
            }
            j += 1
        }
        return nil
    }

    static func isWeChatSeparator(_ l: String) -> Bool {
        l.count >= 5 && l.contains(" ") && l.filter({ $0 == "-" }).count >= 3 && l.allSatisfy { $0 == "-" || $0 == " " }
    }

    // MARK: signatures

    static func isSignature(_ line: String) -> Bool {
        let l = line.lowercased()
        guard l.count <= ReplyMarkers.signatureMaxLength,
              let prefix = ReplyMarkers.signaturePrefixes.first(where: { l.hasPrefix($0) }) else { return false }
        let rest = l.dropFirst(prefix.count)
        if rest.contains(where: { ReplyMarkers.sentencePunctuation.contains($0) }) { return false }
        return ReplyMarkers.deviceWords.contains { l.contains($0) }
    }
}
