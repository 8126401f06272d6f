import Foundation

/// Turns a `MIMEMessage` into RFC 5322 bytes: header fields folded at 78 columns where the text
/// allows, RFC 2047 encoded-words (UTF-8, B encoding) for anything that is not plain ASCII, and a
/// base64 `text/plain; charset=UTF-8` body in lines of 76.
///
/// Pure: the same message always renders to the same bytes.
public enum MIMEWriter {
    /// The soft limit of RFC 5322 §2.1.1; lines only exceed it when a single unbreakable token
    /// (an address, a message id) is longer.
    static let foldWidth = 78
    /// An encoded-word is at most 75 characters (RFC 2047 §2): `=?UTF-8?B?` + 60 base64
    /// characters + `?=` = 72, i.e. 45 bytes of UTF-8 per word.
    static let bytesPerEncodedWord = 45

    /// Headers `render` writes itself; `extraHeaders` cannot override them.
    static let reservedHeaders: Set<String> = [
        "date", "from", "to", "cc", "bcc", "subject", "message-id", "in-reply-to", "references",
        "auto-submitted", "mime-version", "content-type", "content-transfer-encoding", "sender",
        "reply-to", "return-path",
    ]

    /// A piece of a header value for folding: an atom is never split; encoded text becomes as
    /// many encoded-words as needed, the first sized to what is left of the current line.
    enum FoldToken: Equatable {
        case atom(String)
        case encoded(String)
    }

    public static func render(_ m: MIMEMessage) -> [UInt8] {
        // Bytes straight into one buffer: each header line, CRLF, a blank line, the body.
        var lines = HeaderLines()
        lines.out.reserveCapacity(1024 + m.body.utf8.count * 3)
        lines.append("Date: " + dateHeader(m.date, timeZone: m.timeZone))
        lines.append(fold(name: "From", tokens: addressListTokens([m.from])))
        if !m.to.isEmpty { lines.append(fold(name: "To", tokens: addressListTokens(m.to))) }
        if !m.cc.isEmpty { lines.append(fold(name: "Cc", tokens: addressListTokens(m.cc))) }
        lines.append(fold(name: "Subject", tokens: unstructuredTokens(m.subject)))
        lines.append("Message-ID: <" + cleanID(m.messageID) + ">")
        if let r = m.inReplyTo.map(cleanID), !r.isEmpty {
            lines.append(fold(name: "In-Reply-To", tokens: [.atom("<" + r + ">")]))
        }
        let refs = m.references.map(cleanID).filter { !$0.isEmpty }
        if !refs.isEmpty {
            lines.append(fold(name: "References", tokens: refs.map { .atom("<" + $0 + ">") }))
        }
        let auto = cleanToken(m.autoSubmitted)
        lines.append("Auto-Submitted: " + (auto.isEmpty ? "auto-generated" : auto))
        for h in m.extraHeaders where isValidFieldName(h.name) && !reservedHeaders.contains(h.name.lowercased()) {
            lines.append(fold(name: h.name, tokens: unstructuredTokens(h.value)))
        }
        lines.append("MIME-Version: 1.0")
        if m.html != nil || !m.attachments.isEmpty {
            return renderMultipart(m, headers: lines)
        }
        lines.append("Content-Type: text/plain; charset=UTF-8")
        lines.append("Content-Transfer-Encoding: base64")

        var out = lines.out
        lines.out = []
        out.append(13)
        out.append(10)
        appendBase64Lines(canonicalLineEndBytes(m.body), to: &out)
        return out
    }

    /// `multipart/mixed`: `multipart/alternative` (the text, the HTML), then each attachment.
    /// Boundaries start with `=_`, which base64 never writes.
    private static func renderMultipart(_ m: MIMEMessage, headers: HeaderLines) -> [UInt8] {
        var lines = headers
        let seed = String(m.messageID.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) }
            .prefix(40).map(Character.init))
        let mixed = "=_liaisond_mixed_" + seed, alt = "=_liaisond_alt_" + seed
        lines.append("Content-Type: multipart/mixed; boundary=\"\(mixed)\"")
        lines.append("")
        lines.append("--" + mixed)
        lines.append("Content-Type: multipart/alternative; boundary=\"\(alt)\"")
        lines.append("")
        lines.append("--" + alt)
        lines.append("Content-Type: text/plain; charset=UTF-8")
        lines.append("Content-Transfer-Encoding: base64")
        lines.append("")
        appendBase64Lines(canonicalLineEndBytes(m.body), to: &lines.out)
        if let html = m.html {
            lines.append("--" + alt)
            lines.append("Content-Type: text/html; charset=UTF-8")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            appendBase64Lines(canonicalLineEndBytes(html), to: &lines.out)
        }
        lines.append("--" + alt + "--")
        for a in m.attachments {
            lines.append("--" + mixed)
            let type = sanitize(a.contentType).isEmpty ? "application/octet-stream" : sanitize(a.contentType)
            // RFC 2231 for readers that follow it, an RFC 2047 word for those that do not
            // (Outlook, QQ Mail and 163 show either).
            let encoded = encodedWords(a.filename).joined()
            let pct = a.filename.utf8.map { b -> String in
                let c = Character(Unicode.Scalar(b))
                let hex = Array("0123456789ABCDEF")
                return (b < 0x80 && (c.isLetter || c.isNumber || "-._".contains(c))) ? String(c)
                    : "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }.joined()
            lines.append("Content-Type: \(type);")
            lines.append(" name=\"\(encoded)\"")
            lines.append("Content-Disposition: attachment;")
            lines.append(" filename*=UTF-8''\(pct)")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            appendBase64Lines(a.data, to: &lines.out)
        }
        lines.append("--" + mixed + "--")
        return lines.out
    }

    /// Appends each line and its CRLF to a byte buffer.
    private struct HeaderLines {
        var out: [UInt8] = []
        mutating func append(_ line: String) {
            out.append(contentsOf: line.utf8)
            out.append(13)
            out.append(10)
        }
    }

    // MARK: - Date

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5322 §3.3 date-time, computed by hand (no locale): `Sun, 29 Nov 2026 09:00:00 +0800`.
    public static func dateHeader(_ date: Date, timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let (day, secondOfDay) = localDayAndSecond(of: date, offset: offset)
        let h = secondOfDay / 3600, mi = secondOfDay % 3600 / 60, s = secondOfDay % 60
        let offMinutes = abs(offset) / 60
        let sign = offset < 0 ? "-" : "+"
        return "\(weekdays[day.weekday - 1]), \(day.day) \(months[day.month - 1]) \(pad(day.year, 4)) "
            + "\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)) \(sign)\(pad(offMinutes / 60, 2))\(pad(offMinutes % 60, 2))"
    }

    /// The civil day and the second within it of an instant at a fixed UTC offset.
    static func localDayAndSecond(of date: Date, offset: Int) -> (LocalDate, Int) {
        let t = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let dayNumber = t >= 0 ? t / 86400 : (t - 86399) / 86400
        return (LocalDate(dayNumber: dayNumber), t - dayNumber * 86400)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    // MARK: - Header values

    /// Replaces CR, LF and every other control character by a space (runs collapse to one), so
    /// a value can never end its header line early.
    static func sanitize(_ text: String) -> String {
        // Most values need no change: no control, no run of spaces, nothing to trim.
        if let f = text.unicodeScalars.first, let l = text.unicodeScalars.last,
           !CharacterSet.whitespaces.contains(f), !CharacterSet.whitespaces.contains(l) {
            var clean = true
            var lastWasSpace = false
            for u in text.unicodeScalars {
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    clean = false
                    break
                }
                if u == " " {
                    if lastWasSpace { clean = false; break }
                    lastWasSpace = true
                } else {
                    lastWasSpace = false
                }
            }
            if clean { return text }
        }
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for u in text.unicodeScalars {
            let isControl = u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value)
                || u.value == 0x2028 || u.value == 0x2029
            if isControl || u == " " {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(u)
                lastWasSpace = false
            }
        }
        return String(out).trimmingCharacters(in: .whitespaces)
    }

    /// A message id without brackets, whitespace or controls.
    static func cleanID(_ id: String) -> String {
        if id.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }) { return id }
        return String(String.UnicodeScalarView(id.unicodeScalars.filter {
            $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">"
        }))
    }

    /// A header token (`auto-generated`): printable ASCII only.
    static func cleanToken(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && $0 != ";" }))
    }

    static func isValidFieldName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != ":" }
    }

    /// The words of an unstructured value (Subject), ready for folding: plain ASCII words stay
    /// as they are; runs of words that need encoding become encoded text. The spaces inside a
    /// run are encoded with it, because whitespace between two encoded-words is not text.
    static func unstructuredTokens(_ text: String) -> [FoldToken] {
        let clean = sanitize(text)
        // Split on the byte when no space can be part of a larger character (a combining mark
        // after it); otherwise split on characters.
        let words = clean.unicodeScalars.allSatisfy({ isStandalone($0.value) })
            ? clean.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true).map { String(Substring($0)) }
            : clean.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var tokens: [FoldToken] = []
        var run: [String] = []
        func flush() {
            if !run.isEmpty { tokens.append(.encoded(run.joined(separator: " "))) }
            run = []
        }
        for w in words {
            if needsEncoding(w) { run.append(w) } else { flush(); tokens.append(.atom(w)) }
        }
        flush()
        return tokens
    }

    /// Non-ASCII, something a decoder could mistake for an encoded-word, or too long to fold.
    static func needsEncoding(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.value > 0x7E } || word.contains("=?") || word.utf8.count > foldWidth - 2
    }

    /// `text` as one or more UTF-8 B encoded-words of at most 75 characters each, split between
    /// characters, never inside a UTF-8 sequence.
    public static func encodedWords(_ text: String) -> [String] {
        let units = encodingUnits(text)
        var words: [String] = []
        var i = 0
        while i < units.ends.count {
            let (word, next) = encodedWord(units, from: i, maxBytes: bytesPerEncodedWord)
            words.append(word)
            i = next
        }
        return words
    }

    /// The UTF-8 of each character; a grapheme cluster too long for one word is split between
    /// its scalars.
    /// The text's UTF-8 and where each unit ends in it (unit k is `bytes[ends[k-1]..<ends[k]]`).
    struct Units {
        var bytes: [UInt8]
        var ends: [Int]
        func start(_ k: Int) -> Int { k == 0 ? 0 : ends[k - 1] }
        func count(_ k: Int) -> Int { ends[k] - start(k) }
    }

    /// Scalars that always stand alone as a character (no combining, joining or pairing rule
    /// of UAX #29 applies to them): printable ASCII and Latin-1, CJK ideographs, most CJK and
    /// general punctuation, fullwidth ASCII. Text made only of them needs no grapheme breaking.
    static func isStandalone(_ v: UInt32) -> Bool {
        switch v {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0xFF, 0x2010...0x2027, 0x3000...0x3029, 0x3030...0x303F,
             0x4E00...0x9FFF, 0xFF01...0xFF5E:
            return true
        default:
            return false
        }
    }

    static func encodingUnits(_ text: String) -> Units {
        var ends: [Int] = []
        ends.reserveCapacity(text.utf8.count)
        var pos = 0
        if text.unicodeScalars.allSatisfy({ isStandalone($0.value) }) {
            for u in text.unicodeScalars {
                pos += UTF8.width(u)
                ends.append(pos)
            }
            return Units(bytes: Array(text.utf8), ends: ends)
        }
        for c in text {
            let n = c.utf8.count
            if n <= bytesPerEncodedWord {
                pos += n
                ends.append(pos)
            } else {
                for u in c.unicodeScalars {
                    pos += UTF8.width(u)
                    ends.append(pos)
                }
            }
        }
        return Units(bytes: Array(text.utf8), ends: ends)
    }

    /// One encoded-word from unit `from` on holding at most `maxBytes` bytes (at least one
    /// unit), and the index of the first unit left over.
    static func encodedWord(_ units: Units, from: Int, maxBytes: Int) -> (String, Int) {
        let start = units.start(from)
        var i = from + 1
        while i < units.ends.count, units.ends[i] - start <= maxBytes { i += 1 }
        var out: [UInt8] = Array("=?UTF-8?B?".utf8)
        out.reserveCapacity(12 + (units.ends[i - 1] - start + 2) / 3 * 4)
        appendBase64(units.bytes[start..<units.ends[i - 1]], to: &out)
        out.append(UInt8(ascii: "?"))
        out.append(UInt8(ascii: "="))
        return (String(decoding: out, as: UTF8.self), i)
    }

    /// Bytes of UTF-8 an encoded-word may carry in `width` columns (`=?UTF-8?B?` and `?=` are 12).
    static func encodedCapacity(width: Int) -> Int {
        let w = Swift.min(width, 75)
        return w < 16 ? 0 : (w - 12) / 4 * 3
    }

    /// `Name <addr>` tokens for an address list, commas attached; display names with specials
    /// are quoted, non-ASCII ones encoded.
    static func addressListTokens(_ boxes: [Mailbox]) -> [FoldToken] {
        var tokens: [FoldToken] = []
        for (i, b) in boxes.enumerated() {
            let addr = cleanAddress(b.address)
            let name = sanitize(b.name)
            let comma = i < boxes.count - 1 ? "," : ""
            if name.isEmpty {
                tokens.append(.atom(addr + comma))
            } else {
                tokens += phraseTokens(name)
                tokens.append(.atom("<" + addr + ">" + comma))
            }
        }
        return tokens
    }

    static func phraseTokens(_ name: String) -> [FoldToken] {
        if name.unicodeScalars.contains(where: { $0.value > 0x7E }) || name.contains("=?") {
            return [.encoded(name)]
        }
        if name.unicodeScalars.allSatisfy({ $0 == " " || isAtext($0) }) {
            return name.split(separator: " ").map { .atom(String($0)) }
        }
        var q = "\""
        for u in name.unicodeScalars {
            if u == "\"" || u == "\\" { q += "\\" }
            q.unicodeScalars.append(u)
        }
        return [.atom(q + "\"")]
    }

    static func isAtext(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        default: return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(u)
        }
    }

    /// The address with anything that could end it or the header removed.
    static func cleanAddress(_ a: String) -> String {
        if a.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !cleanAddressForbidden.contains($0) }) { return a }
        let forbidden: Set<Unicode.Scalar> = ["<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        return String(String.UnicodeScalarView(a.unicodeScalars.filter {
            $0.value > 0x20 && $0.value < 0x7F && !forbidden.contains($0)
        }))
    }

    private static let cleanAddressForbidden: [UInt8] = Array("<>(),;:\\\"[]".utf8)

    /// `Name: tok tok` with a fold (CRLF + space) before any token that would push the line past
    /// 78 characters. An atom longer than a line stays whole; encoded text is cut into
    /// encoded-words that fill each line.
    static func fold(name: String, tokens: [FoldToken]) -> String {
        var lines: [String] = []
        var line = name + ":"
        var lineHasToken = false
        func put(_ t: String) {
            if lineHasToken && line.utf8.count + 1 + t.utf8.count > foldWidth {
                lines.append(line)
                line = ""
            }
            line += " " + t
            lineHasToken = true
        }
        for token in tokens {
            switch token {
            case .atom(let t):
                put(t)
            case .encoded(let text):
                let units = encodingUnits(text)
                var i = 0
                while i < units.ends.count {
                    var cap = encodedCapacity(width: foldWidth - line.utf8.count - 1)
                    if cap < units.count(i) && lineHasToken {
                        lines.append(line)
                        line = ""
                        cap = encodedCapacity(width: foldWidth - 1)
                    }
                    let (word, next) = encodedWord(units, from: i, maxBytes: Swift.max(cap, units.count(i)))
                    line += " " + word
                    lineHasToken = true
                    i = next
                }
            }
        }
        if !lineHasToken { line += " " }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    // MARK: - Body

    /// Any of `\r\n`, `\r`, `\n` → CRLF (the canonical form of text/plain, RFC 2046 §4.1.1),
    /// on bytes (CR and LF never occur inside a UTF-8 sequence).
    static func canonicalLineEndBytes(_ s: String) -> [UInt8] {
        var s = s
        return s.withUTF8 { src in
            // At most two bytes out per byte in.
            [UInt8](unsafeUninitializedCapacity: src.count * 2) { dst, count in
                var n = 0
                var prevCR = false
                for b in src {
                    if b == 13 {
                        dst[n] = 13
                        dst[n + 1] = 10
                        n += 2
                        prevCR = true
                        continue
                    }
                    if b == 10 {
                        if !prevCR {
                            dst[n] = 13
                            dst[n + 1] = 10
                            n += 2
                        }
                    } else {
                        dst[n] = b
                        n += 1
                    }
                    prevCR = false
                }
                count = n
            }
        }
    }

    /// Base64 of `bytes` appended to `out`.
    static func appendBase64(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        let n = bytes.count
        let chars = (n + 2) / 3 * 4
        let base = out.count
        out.append(contentsOf: repeatElement(0, count: chars))
        bytes.withUnsafeBufferPointer { b in
            alphabet.withUnsafeBufferPointer { a in
                out.withUnsafeMutableBufferPointer { o in
                    var i = 0
                    var j = base
                    while i + 3 <= n {
                        let b0 = b[i], b1 = b[i + 1], b2 = b[i + 2]
                        o[j] = a[Int(b0 >> 2)]
                        o[j + 1] = a[Int((b0 & 0x03) << 4 | b1 >> 4)]
                        o[j + 2] = a[Int((b1 & 0x0F) << 2 | b2 >> 6)]
                        o[j + 3] = a[Int(b2 & 0x3F)]
                        i += 3
                        j += 4
                    }
                    if i < n {
                        let b0 = b[i]
                        let b1: UInt8 = i + 1 < n ? b[i + 1] : 0
                        o[j] = a[Int(b0 >> 2)]
                        o[j + 1] = a[Int((b0 & 0x03) << 4 | b1 >> 4)]
                        o[j + 2] = i + 1 < n ? a[Int((b1 & 0x0F) << 2)] : UInt8(ascii: "=")
                        o[j + 3] = UInt8(ascii: "=")
                    }
                }
            }
        }
    }

    /// Base64 in lines of 76 characters, each ended by CRLF, appended to `out`.
    static func appendBase64Lines(_ bytes: [UInt8], to out: inout [UInt8]) {
        // 57 bytes of input are exactly 76 characters of output.
        var i = 0
        while i < bytes.count {
            let end = Swift.min(i + 57, bytes.count)
            appendBase64(bytes[i..<end], to: &out)
            out.append(13)
            out.append(10)
            i = end
        }
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
