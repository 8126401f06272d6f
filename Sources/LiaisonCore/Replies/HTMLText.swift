/// HTML as plain text, for mail that has no `text/plain` part (QQ Mail and Outlook on some
/// phones send HTML only).
///
/// Not an HTML parser: tags are dropped, block elements (`<p>`, `<div>`, `<br>`, `<li>`, `<tr>`)
/// end a line, `<head>`, `<style>` and `<script>` are dropped with their content, entities are
/// decoded, and text inside `<blockquote>` is written as `> ` lines — so the quoted history
/// that HTML clients put in a blockquote is recognised as a quote afterwards.
public enum HTMLText {
    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "ul", "ol",
        "blockquote", "body", "section", "article", "header", "footer",
    ]
    static let droppedTags: Set<String> = ["head", "style", "script", "title"]

    public static func plainText(_ html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var quoteDepth = 0
        var atLineStart = true
        var dropping: String? = nil
        var i = 0

        func newline() {
            out.append("\n")
            atLineStart = true
        }
        func emit(_ u: Unicode.Scalar) {
            if u == "\n" { newline(); return }
            if atLineStart {
                if u == " " || u == "\t" { return }
                for _ in 0..<quoteDepth { out.append(">"); out.append(" ") }
                atLineStart = false
            }
            out.append(u)
        }

        while i < s.count {
            let c = s[i]
            if c == "<" {
                // A comment.
                if i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < s.count, !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = j + 3
                    continue
                }
                var j = i + 1
                var inQuote: Unicode.Scalar? = nil
                while j < s.count {
                    if let q = inQuote { if s[j] == q { inQuote = nil } } else if s[j] == "\"" || s[j] == "'" {
                        inQuote = s[j]
                    } else if s[j] == ">" { break }
                    j += 1
                }
                let inner = String(String.UnicodeScalarView(s[(i + 1)..<min(j, s.count)]))
                i = j + 1
                let closing = inner.hasPrefix("/")
                let name = String(inner.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }))
                    .lowercased()
                if let d = dropping {
                    if closing && name == d { dropping = nil }
                    continue
                }
                if droppedTags.contains(name) && !closing && !inner.hasSuffix("/") {
                    dropping = name
                    continue
                }
                if blockTags.contains(name) {
                    if name == "br" || !atLineStart { newline() }
                    if name == "blockquote" { quoteDepth = max(0, quoteDepth + (closing ? -1 : 1)) }
                }
                continue
            }
            if dropping != nil { i += 1; continue }
            if c == "&", let (decoded, end) = entity(s, at: i) {
                for u in decoded.unicodeScalars { emit(u == "\u{A0}" ? " " : u) }
                i = end
                continue
            }
            if c == "\r" { i += 1; continue }
            // Source line breaks are spaces in HTML.
            if c == "\n" || c == "\t" {
                if !atLineStart, out.last != " " { out.append(" ") }
                i += 1
                continue
            }
            if c == " ", !atLineStart, out.last == " " { i += 1; continue }
            emit(c == "\u{A0}" ? " " : c)
            i += 1
        }
        // Trailing spaces of each line, and runs of blank lines, go.
        var lines: [Substring] = String(out).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.reversed().drop(while: { $0 == " " }).reversed() }.map { Substring(String($0)) }
        var collapsed: [Substring] = []
        for l in lines where !(l.isEmpty && (collapsed.last?.isEmpty ?? true)) { collapsed.append(l) }
        lines = collapsed
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    static let named: [String: String] = [
        "nbsp": "\u{A0}", "lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'", "ensp": " ", "emsp": " ",
        "mdash": "—", "ndash": "–", "hellip": "…", "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’",
        "middot": "·", "copy": "©",
    ]

    /// `&name;`, `&#NNN;`, `&#xHH;` at `i`: the text and the index after it.
    static func entity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 1
        var name = ""
        while j < s.count, j - i <= 10, s[j] != ";" {
            name.unicodeScalars.append(s[j])
            j += 1
        }
        guard j < s.count, s[j] == ";", !name.isEmpty else { return nil }
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16)
                : UInt32(digits)
            guard let v = value, let u = Unicode.Scalar(v) else { return nil }
            return (String(u), j + 1)
        }
        guard let t = named[name.lowercased()] else { return nil }
        return (t, j + 1)
    }
}
