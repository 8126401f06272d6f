// The MIME writer as it was before the byte-level rewrite (2026-11-29), kept to check that
// the fast one renders exactly the same bytes (MIMEWriterEquivalenceTests).
import Foundation
@testable import LiaisonCore

/// Turns a `MIMEMessage` into RFC 5322 bytes: header fields folded at 78 columns where the text
/// allows, RFC 2047 encoded-words (UTF-8, B encoding) for anything that is not plain ASCII, and a
/// base64 `text/plain; charset=UTF-8` body in lines of 76.
///
/// Pure: the same message always renders to the same bytes.
enum LegacyMIMEWriter {
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

    static func render(_ m: MIMEMessage) -> [UInt8] {
        var lines: [String] = []
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
        lines.append("Content-Type: text/plain; charset=UTF-8")
        lines.append("Content-Transfer-Encoding: base64")

        var out = lines.joined(separator: "\r\n") + "\r\n\r\n"
        out += base64Lines(Array(canonicalLineEnds(m.body).utf8))
        return Array(out.utf8)
    }

    // MARK: - Date

    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 5322 §3.3 date-time, computed by hand (no locale): `Sun, 29 Nov 2026 09:00:00 +0800`.
    static func dateHeader(_ date: Date, timeZone: TimeZone) -> String {
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
        String(String.UnicodeScalarView(id.unicodeScalars.filter {
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
        let words = sanitize(text).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
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
    static func encodedWords(_ text: String) -> [String] {
        let units = encodingUnits(text)
        var words: [String] = []
        var i = 0
        while i < units.count {
            let (word, next) = encodedWord(units, from: i, maxBytes: bytesPerEncodedWord)
            words.append(word)
            i = next
        }
        return words
    }

    /// The UTF-8 of each character; a grapheme cluster too long for one word is split between
    /// its scalars.
    static func encodingUnits(_ text: String) -> [[UInt8]] {
        var units: [[UInt8]] = []
        for c in text {
            let bytes = Array(String(c).utf8)
            if bytes.count <= bytesPerEncodedWord {
                units.append(bytes)
            } else {
                for u in c.unicodeScalars { units.append(Array(String(u).utf8)) }
            }
        }
        return units
    }

    /// One encoded-word from `units[from...]` holding at most `maxBytes` bytes (at least one
    /// unit), and the index of the first unit left over.
    static func encodedWord(_ units: [[UInt8]], from: Int, maxBytes: Int) -> (String, Int) {
        var chunk: [UInt8] = units[from]
        var i = from + 1
        while i < units.count, chunk.count + units[i].count <= maxBytes {
            chunk += units[i]
            i += 1
        }
        return ("=?UTF-8?B?" + base64(chunk) + "?=", i)
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
        let forbidden: Set<Unicode.Scalar> = ["<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        return String(String.UnicodeScalarView(a.unicodeScalars.filter {
            $0.value > 0x20 && $0.value < 0x7F && !forbidden.contains($0)
        }))
    }

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
                while i < units.count {
                    var cap = encodedCapacity(width: foldWidth - line.utf8.count - 1)
                    if cap < units[i].count && lineHasToken {
                        lines.append(line)
                        line = ""
                        cap = encodedCapacity(width: foldWidth - 1)
                    }
                    let (word, next) = encodedWord(units, from: i, maxBytes: Swift.max(cap, units[i].count))
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

    /// Any of `\r\n`, `\r`, `\n` → CRLF (the canonical form of text/plain, RFC 2046 §4.1.1).
    static func canonicalLineEnds(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        var prevCR = false
        for u in s.unicodeScalars {
            if u == "\r" {
                out += "\r\n"
                prevCR = true
                continue
            }
            if u == "\n" {
                if !prevCR { out += "\r\n" }
            } else {
                out.unicodeScalars.append(u)
            }
            prevCR = false
        }
        return out
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8]) -> String {
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

    /// Base64 in lines of 76 characters, each ended by CRLF.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let all = Array(base64(bytes).utf8)
        var out = ""
        var i = 0
        while i < all.count {
            let end = Swift.min(i + 76, all.count)
            out += String(decoding: all[i..<end], as: UTF8.self) + "\r\n"
            i = end
        }
        return out
    }
}
