/// One header field as it appeared in a message: `raw` is the unfolded value (line breaks of
/// folding removed, the folding whitespace kept), `value` the same with RFC 2047 encoded-words
/// decoded and surrounding whitespace trimmed.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var raw: String
    public var value: String
}

/// `type/subtype; name=value; …` with the type lowercased; parameter names lowercased.
public struct ContentType: Sendable, Hashable {
    public var type: String
    public var subtype: String
    public var parameters: [String: String] = [:]

    /// RFC 2045 §5.2: without a Content-Type, `text/plain; charset=us-ascii`.
    public static let `default` = ContentType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])

    public var mimeType: String { type + "/" + subtype }
    public var charset: String? { parameters["charset"] }

    /// Lenient: a value without `/` gives the default.
    public static func parse(_ text: String) -> ContentType {
        let parts = MIMEReader.splitOutsideQuotes(text, on: ";")
        guard let first = parts.first else { return .default }
        let ts = first.trimmingWhitespace().lowercased().split(separator: "/", maxSplits: 1).map {
            String($0).trimmingWhitespace()
        }
        guard ts.count == 2, !ts[0].isEmpty, !ts[1].isEmpty else { return .default }
        var params: [String: String] = [:]
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            let k = String(p[..<eq]).trimmingWhitespace().lowercased()
            var v = String(p[p.index(after: eq)...]).trimmingWhitespace()
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = MIMEReader.unquote(v) }
            if !k.isEmpty, params[k] == nil { params[k] = v }
        }
        return ContentType(type: ts[0], subtype: ts[1], parameters: params)
    }
}

/// A message read back: its header fields in order and its text.
public struct ParsedMessage: Sendable, Hashable {
    public var headers: [HeaderField]
    /// The text of the message (for a multipart message, of its first `text/plain` part),
    /// transfer-decoded, converted from its charset, with `\n` line ends. Empty when there is
    /// no text part.
    public var body: String
    /// The content type of the part `body` came from (`.default` when absent). `text/html`
    /// when the message had no `text/plain` part and `body` is its HTML with tags stripped.
    public var contentType: ContentType
    /// The parts of a report (RFC 3462 `multipart/report`): `message/delivery-status`,
    /// `message/rfc822` and `text/rfc822-headers` parts, transfer-decoded, as text. Empty for
    /// ordinary mail.
    public var reportParts: [ReportPart] = []

    /// The decoded value of the first field with this name (case-insensitive).
    public func header(_ name: String) -> String? { field(name)?.value }

    /// Decoded values of every field with this name, in order.
    public func headers(named name: String) -> [String] {
        let n = name.lowercased()
        return headers.filter { $0.name.lowercased() == n }.map(\.value)
    }

    public func field(_ name: String) -> HeaderField? {
        let n = name.lowercased()
        return headers.first { $0.name.lowercased() == n }
    }

    public var subject: String? { header("Subject") }

    /// The mailboxes of an address header (`From`, `To`, `Cc`, `Reply-To`), display names
    /// decoded; every field of that name is read.
    public func mailboxes(_ name: String) -> [Mailbox] {
        let n = name.lowercased()
        return headers.filter { $0.name.lowercased() == n }.flatMap { MIMEReader.parseAddressList($0.raw) }
    }

    /// `Message-ID` without angle brackets.
    public var messageID: String? { field("Message-ID").flatMap { MIMEReader.messageIDs(in: $0.raw).first } }
    /// `In-Reply-To` ids without angle brackets.
    public var inReplyTo: [String] { field("In-Reply-To").map { MIMEReader.messageIDs(in: $0.raw) } ?? [] }
    /// `References` ids without angle brackets, oldest first.
    public var references: [String] { field("References").map { MIMEReader.messageIDs(in: $0.raw) } ?? [] }
}

/// One part of a report (a bounce): its type and its text.
public struct ReportPart: Sendable, Hashable {
    public var contentType: ContentType
    public var text: String
}

/// Reads RFC 5322 / MIME messages: header fields (unfolded, RFC 2047 decoded), and a text body
/// in base64, quoted-printable, 7bit or 8bit.
///
/// Charsets are handed to `charsetDecoder`, by default `Charset.convert` (iconv: GB18030, GBK,
/// GB2312, Big5 and everything else iconv knows); when it returns nil the bytes are read as
/// UTF-8 with replacement characters, so a reader never fails on a strange charset.
///
/// `multipart/*`: the first `text/plain` part (depth first) is the body; without one, the first
/// `text/html` part with its tags stripped (`HTMLText`, quoted `<blockquote>` lines prefixed
/// with `> `).
public struct MIMEReader: Sendable {
    /// `(bytes, charset name as written) -> text`, nil when the charset is unknown or the bytes
    /// are not valid in it.
    public typealias CharsetDecoder = @Sendable ([UInt8], String) -> String?

    public var charsetDecoder: CharsetDecoder

    public init(charsetDecoder: @escaping CharsetDecoder = MIMEReader.iconvCharsets) {
        self.charsetDecoder = charsetDecoder
    }

    /// UTF-8, US-ASCII (read as UTF-8, a superset) and ISO-8859-1.
    public static let builtinCharsets: CharsetDecoder = { bytes, charset in
        switch charset.lowercased() {
        case "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968":
            return String(validating: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1", "iso_8859-1", "l1":
            return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        default:
            return nil
        }
    }

    /// Every charset iconv knows (`Charset.convert`), then the built-in ones.
    public static let iconvCharsets: CharsetDecoder = { bytes, charset in
        Charset.convert(bytes, from: charset) ?? builtinCharsets(bytes, charset)
    }

    /// Parses with every charset iconv knows.
    public static func parse(_ bytes: [UInt8]) -> ParsedMessage? { MIMEReader().parse(bytes) }

    /// Nil when the bytes do not start with a header block (no `Name: value` field at all).
    public func parse(_ bytes: [UInt8]) -> ParsedMessage? {
        let entity = Self.splitEntity(bytes)
        let headers = headerFields(entity.header)
        guard !headers.isEmpty else { return nil }
        var found = Found()
        walk(headers: headers, body: entity.body, depth: 0, into: &found)
        if let plain = found.plain {
            return ParsedMessage(headers: headers, body: plain.1, contentType: plain.0, reportParts: found.report)
        }
        if let html = found.html {
            return ParsedMessage(headers: headers, body: HTMLText.plainText(html.1), contentType: html.0,
                                 reportParts: found.report)
        }
        return ParsedMessage(headers: headers, body: "", contentType: found.firstType ?? .default,
                             reportParts: found.report)
    }

    /// Header fields only (the body is not read): for a message too large to take, whose
    /// `Message-ID` and `From` are still logged.
    public func parseHeaders(_ bytes: [UInt8]) -> ParsedMessage? {
        let headers = headerFields(Self.splitEntity(bytes).header)
        return headers.isEmpty ? nil : ParsedMessage(headers: headers, body: "", contentType: .default)
    }

    // MARK: - Entities

    /// Header block and body of an entity: split at the first empty line (CRLF or LF). Without
    /// one, all is header.
    static func splitEntity(_ bytes: [UInt8]) -> (header: ArraySlice<UInt8>, body: ArraySlice<UInt8>) {
        var i = 0
        var lineStart = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                let line = bytes[lineStart..<i]
                if line.isEmpty || (line.count == 1 && line.first == 0x0D) {
                    return (bytes[0..<lineStart], bytes[(i + 1)...])
                }
                lineStart = i + 1
            }
            i += 1
        }
        return (bytes[...], [])
    }

    /// Lines of the header block unfolded into fields; lines that are neither a field nor a
    /// continuation (an mbox `From ` line) are skipped.
    func headerFields(_ block: ArraySlice<UInt8>) -> [HeaderField] {
        var fields: [(name: String, raw: String)] = []
        for lineBytes in block.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = lineBytes
            if line.last == 0x0D { line = line.dropLast() }
            let text = Self.headerText(line)
            if let f = text.unicodeScalars.first, f == " " || f == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].raw += text }
                continue
            }
            guard let colon = text.firstIndex(of: ":") else { continue }
            let name = String(text[..<colon]).trimmingWhitespace()
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else { continue }
            fields.append((name, String(text[text.index(after: colon)...])))
        }
        return fields.map { HeaderField(name: $0.name, raw: $0.raw, value: decodeEncodedWords($0.raw).trimmingWhitespace()) }
    }

    /// Header bytes as text: UTF-8 (RFC 6532) when valid, else byte by byte (Latin-1).
    static func headerText(_ bytes: ArraySlice<UInt8>) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// What a walk over the entities found: the first text/plain and text/html texts, the
    /// first content type seen, and the parts of a report.
    struct Found {
        var plain: (ContentType, String)?
        var html: (ContentType, String)?
        var firstType: ContentType?
        var report: [ReportPart] = []
    }

    /// Walks an entity (depth-limited against hostile nesting), decoding text parts until a
    /// text/plain one is found; report parts are collected wherever they are.
    func walk(headers: [HeaderField], body: ArraySlice<UInt8>, depth: Int, into found: inout Found) {
        let type = headers.first { $0.name.lowercased() == "content-type" }.map { ContentType.parse($0.value) } ?? .default
        let cte = headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value.lowercased() ?? "7bit"
        if found.firstType == nil { found.firstType = type }
        if type.type == "multipart" {
            guard depth < 8, let boundary = type.parameters["boundary"], !boundary.isEmpty else { return }
            for part in Self.multipartParts(body, boundary: boundary) {
                let e = Self.splitEntity(Array(part))
                walk(headers: headerFields(e.header), body: e.body, depth: depth + 1, into: &found)
            }
            return
        }
        let isAttachment = headers.first { $0.name.lowercased() == "content-disposition" }?.value.lowercased()
            .hasPrefix("attachment") ?? false
        switch type.mimeType {
        case "text/plain" where found.plain == nil && !isAttachment:
            found.plain = (type, decodeText(Array(body), transferEncoding: cte, charset: type.charset ?? "us-ascii"))
        case "text/html" where found.html == nil && found.plain == nil && !isAttachment:
            found.html = (type, decodeText(Array(body), transferEncoding: cte, charset: type.charset ?? "us-ascii"))
        case "message/delivery-status", "message/global-delivery-status", "message/rfc822", "message/global",
             "text/rfc822-headers", "message/global-headers":
            guard found.report.count < 8 else { return }
            // Only the header block of an enclosed message matters (its Message-ID).
            var bytes = Array(body.prefix(256 * 1024))
            if type.type == "message" && type.subtype != "delivery-status" && type.subtype != "global-delivery-status" {
                bytes = Array(Self.splitEntity(bytes).header)
            }
            found.report.append(ReportPart(contentType: type,
                                           text: decodeText(bytes, transferEncoding: cte, charset: type.charset ?? "utf-8")))
        default:
            return
        }
    }

    /// The bodies between `--boundary` lines, up to `--boundary--`.
    static func multipartParts(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var current: Int? = nil
        var lineStart = body.startIndex
        var i = body.startIndex
        while lineStart < body.endIndex {
            while i < body.endIndex && body[i] != 0x0A { i += 1 }
            var line = body[lineStart..<i]
            if line.last == 0x0D { line = line.dropLast() }
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let isClose = rest.starts(with: [0x2D, 0x2D])
                if isClose || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    if let s = current {
                        // The CRLF before a delimiter belongs to the delimiter.
                        var end = lineStart
                        if end > s, body[end - 1] == 0x0A { end -= 1 }
                        if end > s, body[end - 1] == 0x0D { end -= 1 }
                        parts.append(body[s..<end])
                    }
                    if isClose { return parts }
                    current = Swift.min(i + 1, body.endIndex)
                }
            }
            i = Swift.min(i + 1, body.endIndex)
            lineStart = i
        }
        if let s = current, s < body.endIndex { parts.append(body[s...]) }
        return parts
    }

    /// Transfer-decodes and converts a text body; line ends become `\n`.
    public func decodeText(_ bytes: [UInt8], transferEncoding: String, charset: String) -> String {
        let raw: [UInt8]
        switch transferEncoding.trimmingWhitespace().lowercased() {
        case "base64": raw = Self.decodeBase64(bytes)
        case "quoted-printable": raw = Self.decodeQuotedPrintable(bytes)
        default: raw = bytes
        }
        let text = decode(raw, charset: charset)
        return text.replacingCRLF()
    }

    func decode(_ bytes: [UInt8], charset: String) -> String {
        let cs = charset.trimmingWhitespace()
        return charsetDecoder(bytes, cs) ?? Self.builtinCharsets(bytes, cs) ?? String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Transfer encodings

    /// Lenient base64: characters outside the alphabet (line breaks) are skipped; decoding stops
    /// at padding.
    public static func decodeBase64<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3)
        var acc: UInt32 = 0
        var n = 0
        for c in input {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            case UInt8(ascii: "="):
                if n == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
                if n == 3 { out.append(UInt8(truncatingIfNeeded: acc >> 10)); out.append(UInt8(truncatingIfNeeded: acc >> 2)) }
                return out
            default: continue
            }
            acc = acc << 6 | v
            n += 1
            if n == 4 {
                out.append(UInt8(truncatingIfNeeded: acc >> 16))
                out.append(UInt8(truncatingIfNeeded: acc >> 8))
                out.append(UInt8(truncatingIfNeeded: acc))
                acc = 0
                n = 0
            }
        }
        if n == 2 { out.append(UInt8(truncatingIfNeeded: acc >> 4)) }
        if n == 3 { out.append(UInt8(truncatingIfNeeded: acc >> 10)); out.append(UInt8(truncatingIfNeeded: acc >> 2)) }
        return out
    }

    /// RFC 2045 §6.7: `=XX` escapes, soft line breaks (`=` at line end), trailing whitespace on
    /// a line dropped. A malformed `=` is kept literally.
    public static func decodeQuotedPrintable(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var lines: [ArraySlice<UInt8>] = input.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true, input.last == 0x0A { lines.removeLast() }
        for (li, var line) in lines.enumerated() {
            let hadLF = li < lines.count - 1 || input.last == 0x0A
            if line.last == 0x0D { line = line.dropLast() }
            while let l = line.last, l == 0x20 || l == 0x09 { line = line.dropLast() }
            var soft = false
            var i = line.startIndex
            while i < line.endIndex {
                let c = line[i]
                if c == UInt8(ascii: "=") {
                    if i + 1 == line.endIndex { soft = true; break }
                    if i + 2 < line.endIndex, let h = hex(line[i + 1]), let l = hex(line[i + 2]) {
                        out.append(h << 4 | l)
                        i += 3
                        continue
                    }
                }
                out.append(c)
                i += 1
            }
            if hadLF && !soft { out += [0x0D, 0x0A] }
        }
        return out
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    // MARK: - RFC 2047

    private enum Segment {
        case text(String)
        case encoded(charset: String, bytes: [UInt8])
    }

    /// Decodes `=?charset?B|Q?…?=` words. Whitespace between two encoded-words is dropped;
    /// adjacent words in the same charset are joined before conversion, so a sender that split
    /// a multi-byte character across words is still read. A malformed or unconvertible word is
    /// left as written.
    public func decodeEncodedWords(_ text: String) -> String {
        let s = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var literal = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "=", i + 1 < s.count, s[i + 1] == "?", let (seg, end) = Self.encodedWord(s, at: i) {
                if !literal.isEmpty { segments.append(.text(String(literal))); literal = String.UnicodeScalarView() }
                segments.append(seg)
                i = end
            } else {
                literal.append(s[i])
                i += 1
            }
        }
        if !literal.isEmpty { segments.append(.text(String(literal))) }

        // Drop whitespace between encoded words, then merge same-charset neighbours.
        var merged: [Segment] = []
        for (k, seg) in segments.enumerated() {
            if case .text(let t) = seg, t.allSatisfy({ $0 == " " || $0 == "\t" }),
               k > 0, k < segments.count - 1,
               case .encoded = segments[k - 1], case .encoded = segments[k + 1] {
                continue
            }
            if case .encoded(let cs, let b) = seg, case .encoded(let pcs, let pb)? = merged.last,
               pcs.lowercased() == cs.lowercased() {
                merged[merged.count - 1] = .encoded(charset: pcs, bytes: pb + b)
                continue
            }
            merged.append(seg)
        }
        var out = ""
        for seg in merged {
            switch seg {
            case .text(let t): out += t
            case .encoded(let cs, let b): out += charsetDecoder(b, cs) ?? Self.builtinCharsets(b, cs)
                ?? String(decoding: b, as: UTF8.self)
            }
        }
        return out
    }

    /// One encoded-word starting at `i` (which points at `=?`), and the index after it.
    private static func encodedWord(_ s: [Unicode.Scalar], at start: Int) -> (Segment, Int)? {
        var i = start + 2
        var charset = String.UnicodeScalarView()
        while i < s.count, s[i] != "?" {
            guard s[i].value > 0x20, s[i].value < 0x7F else { return nil }
            charset.append(s[i])
            i += 1
        }
        guard i + 2 < s.count, !charset.isEmpty, s[i + 2] == "?" else { return nil }
        let enc = s[i + 1]
        i += 3
        var payload: [UInt8] = []
        while i + 1 < s.count, !(s[i] == "?" && s[i + 1] == "=") {
            guard s[i].value > 0x20, s[i].value < 0x7F else { return nil }
            payload.append(UInt8(s[i].value))
            i += 1
        }
        guard i + 1 < s.count else { return nil }
        // RFC 2231 language suffix: `UTF-8*zh`.
        let cs = String(String(charset).split(separator: "*", maxSplits: 1).first ?? "")
        let bytes: [UInt8]
        switch enc {
        case "B", "b": bytes = decodeBase64(payload)
        case "Q", "q": bytes = decodeQ(payload)
        default: return nil
        }
        return (.encoded(charset: cs, bytes: bytes), i + 2)
    }

    static func decodeQ(_ p: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < p.count {
            if p[i] == UInt8(ascii: "_") {
                out.append(0x20)
            } else if p[i] == UInt8(ascii: "="), i + 2 < p.count, let h = hex(p[i + 1]), let l = hex(p[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            } else {
                out.append(p[i])
            }
            i += 1
        }
        return out
    }

    // MARK: - Structured fields

    /// `<id>` contents in order (Message-ID, In-Reply-To, References).
    public static func messageIDs(in raw: String) -> [String] {
        var ids: [String] = []
        var current: String? = nil
        for c in raw {
            if c == "<" { current = "" } else if c == ">" {
                if let id = current?.trimmingWhitespace(), !id.isEmpty { ids.append(id) }
                current = nil
            } else if current != nil { current!.append(c) }
        }
        return ids
    }

    /// Splits on `sep` outside double quotes, angle brackets and comments.
    static func splitOutsideQuotes(_ s: String, on sep: Character) -> [String] {
        var parts: [String] = []
        var cur = ""
        var inQuote = false, escaped = false, angle = 0, comment = 0
        for c in s {
            if escaped { cur.append(c); escaped = false; continue }
            switch c {
            case "\\" where inQuote || comment > 0: escaped = true
            case "\"" where comment == 0: inQuote.toggle()
            case "(" where !inQuote: comment += 1
            case ")" where !inQuote && comment > 0: comment -= 1
            case "<" where !inQuote && comment == 0: angle += 1
            case ">" where !inQuote && comment == 0 && angle > 0: angle -= 1
            case sep where !inQuote && angle == 0 && comment == 0:
                parts.append(cur)
                cur = ""
                continue
            default: break
            }
            cur.append(c)
        }
        parts.append(cur)
        return parts
    }

    /// `"a \"b\""` → `a "b"`.
    static func unquote(_ s: String) -> String {
        var out = ""
        var escaped = false
        for c in s.dropFirst().dropLast() {
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
        }
        return out
    }

    /// Removes `(comments)` outside quotes.
    static func stripComments(_ s: String) -> String {
        var out = ""
        var inQuote = false, escaped = false, depth = 0
        for c in s {
            if escaped { if depth == 0 { out.append(c) }; escaped = false; continue }
            if c == "\\" && (inQuote || depth > 0) { escaped = true; if depth == 0 { out.append(c) }; continue }
            if c == "\"" && depth == 0 { inQuote.toggle() }
            if !inQuote && c == "(" { depth += 1; continue }
            if !inQuote && c == ")" && depth > 0 { depth -= 1; continue }
            if depth == 0 { out.append(c) }
        }
        return out
    }

    /// `Name <a@b>, "Q, Name" <c@d>, e@f` → mailboxes; display names unquoted and decoded.
    /// Group names (`team: a@b;`) are dropped, their members kept.
    public static func parseAddressList(_ raw: String) -> [Mailbox] {
        MIMEReader().addressList(raw)
    }

    public func addressList(_ raw: String) -> [Mailbox] {
        var out: [Mailbox] = []
        for var part in Self.splitOutsideQuotes(Self.stripComments(raw), on: ",") {
            part = part.trimmingWhitespace()
            // A group: `name: member, member;`
            if let colon = Self.splitOutsideQuotes(part, on: ":").first, colon.count < part.count,
               !colon.contains("<") {
                part = String(part.dropFirst(colon.count + 1)).trimmingWhitespace()
            }
            if part.hasSuffix(";") { part = String(part.dropLast()).trimmingWhitespace() }
            if part.isEmpty { continue }
            if let lt = part.lastIndex(of: "<"), let gt = part.lastIndex(of: ">"), lt < gt {
                let addr = String(part[part.index(after: lt)..<gt]).trimmingWhitespace()
                var name = String(part[..<lt]).trimmingWhitespace()
                if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = Self.unquote(name) }
                name = decodeEncodedWords(name).trimmingWhitespace()
                if addr.contains("@") { out.append(Mailbox(name: name, address: addr)) }
            } else if part.contains("@") {
                out.append(Mailbox(name: "", address: part))
            }
        }
        return out
    }
}

extension String {
    /// `\r\n` and lone `\r` → `\n`.
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var prevCR = false
        for u in unicodeScalars {
            if u == "\r" { out.append("\n"); prevCR = true; continue }
            if u == "\n" && prevCR { prevCR = false; continue }
            out.append(u)
            prevCR = false
        }
        return String(out)
    }
}
