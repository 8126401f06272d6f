#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Conversion between byte encodings and Swift strings, through the C library's `iconv`.
///
/// Roster files come from Excel or WPS on Chinese Windows (GB18030/GBK) as often as in UTF-8,
/// MIME parts name their own charset, and `export --encoding gb18030` writes GB18030. One
/// converter serves all three, so there is one place that knows charset aliases and one
/// place that treats invalid input as invalid (nil), never as silently dropped bytes.
///
/// `iconv` is used because it ships with Glibc: no third-party package and no Foundation
/// encoding tables that differ between platforms.
public enum Charset {
    /// The `encoding` that `decodeText` reports when the bytes were neither UTF-8 nor
    /// GB18030 and were decoded with replacement characters; the caller reports the file.
    public static let lossyUTF8 = "UTF-8 (lossy)"

    /// Decodes `bytes` written in `charset` (a MIME / IANA name such as `GBK`, `gb2312`,
    /// `Big5`, `ISO-8859-1`, `UTF-8`). Returns nil when the charset is unknown or the bytes are
    /// not valid in it (including a truncated multi-byte sequence at the end).
    ///
    /// GB2312 and GBK are decoded as GB18030, their superset: mail clients and Excel label
    /// text GB2312 that contains GBK characters (e.g. 镕, 啰), which a strict GB2312 decoder
    /// would refuse.
    public static func convert(_ bytes: [UInt8], from charset: String) -> String? {
        let name = iconvName(charset)
        if name == "UTF-8" {
            // No iconv round trip for the common case; a leading BOM is not content.
            let body = hasUTF8BOM(bytes) ? Array(bytes.dropFirst(3)) : bytes
            return String(validating: body, as: UTF8.self)
        }
        guard case .success(let out) = transcode(bytes, from: name, to: "UTF-8") else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes `s` in `charset`. Returns nil when the charset is unknown or `s` holds a
    /// character the charset cannot represent (GB18030 represents every Unicode scalar).
    public static func encode(_ s: String, to charset: String) -> [UInt8]? {
        let name = iconvName(charset)
        if name == "UTF-8" { return Array(s.utf8) }
        guard case .success(let out) = transcode(Array(s.utf8), from: "UTF-8", to: name) else { return nil }
        return out
    }

    /// The 0-based offset of the first byte sequence that is not valid in `charset` (or the
    /// input's length when it ends mid-character); nil when all of `bytes` decodes, or when
    /// the charset is unknown. Lets a caller say where undecodable text starts.
    public static func firstUndecodableOffset(_ bytes: [UInt8], charset: String) -> Int? {
        let name = iconvName(charset)
        if name == "UTF-8" { return firstInvalidUTF8Offset(bytes) }
        if case .invalid(let offset) = transcode(bytes, from: name, to: "UTF-8") { return offset }
        return nil
    }

    /// Decodes a roster file whose encoding nobody declared.
    ///
    /// Order: a UTF-8 BOM (stripped) → UTF-8; a UTF-16 BOM → UTF-16; valid UTF-8 → UTF-8;
    /// otherwise GB18030 (what Excel and WPS save as "CSV" on Chinese Windows). Valid UTF-8 is
    /// tried first because GB18030 text is almost never valid UTF-8, while UTF-8 Chinese text
    /// usually *is* decodable as GB18030 (as mojibake). If nothing fits, the text is decoded
    /// with replacement characters and `encoding` is `Charset.lossyUTF8`, so the caller can
    /// report the file instead of guessing.
    public static func decodeText(_ bytes: [UInt8]) -> (text: String, encoding: String) {
        if hasUTF8BOM(bytes) {
            let body = Array(bytes.dropFirst(3))
            if let s = String(validating: body, as: UTF8.self) { return (s, "UTF-8") }
            return (String(decoding: body, as: UTF8.self), lossyUTF8)
        }
        if bytes.count >= 2 {
            // The BOM tells iconv the byte order and is dropped by it.
            if bytes[0] == 0xFF && bytes[1] == 0xFE, let s = convert(bytes, from: "UTF-16") { return (s, "UTF-16LE") }
            if bytes[0] == 0xFE && bytes[1] == 0xFF, let s = convert(bytes, from: "UTF-16") { return (s, "UTF-16BE") }
        }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, "UTF-8") }
        if let s = convert(bytes, from: "GB18030") { return (s, "GB18030") }
        return (String(decoding: bytes, as: UTF8.self), lossyUTF8)
    }

    /// The 0-based offset of the first byte that is not part of valid UTF-8, or nil when all
    /// of `bytes` is valid. Lets a caller say on which line undecodable text starts.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8Offset($0, from: 0, to: $0.count) }
    }

    /// As `firstInvalidUTF8Offset(_:)`, checked in two halves at once (`perform`, as for
    /// `LedgerParser.parse`). The second half starts at a byte that is not a continuation byte,
    /// so that every sequence the first half starts ends before it when valid: the answer is
    /// the one a single pass gives.
    public static func firstInvalidUTF8Offset(_ bytes: [UInt8], perform: Halves.Perform) -> Int? {
        bytes.withUnsafeBufferPointer { p in
            var cut = p.count / 2
            while cut < p.count && p[cut] & 0xC0 == 0x80 { cut += 1 }
            let (first, second) = Halves.run(perform) { i in
                i == 0 ? firstInvalidUTF8Offset(p, from: 0, to: cut) : firstInvalidUTF8Offset(p, from: cut, to: p.count)
            }
            return first ?? second
        }
    }

    /// The first invalid sequence that starts in `from..<to` (its tail may lie beyond `to`).
    private static func firstInvalidUTF8Offset(_ p: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        let n = p.count
        var i = from
        while i < end {
            // Eight ASCII bytes at a time: a roster is mostly digits, dates and addresses.
            if i + 8 <= n, UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return i
            }
            guard i + len <= n else { return i }
            guard p[i + 1] >= lo && p[i + 1] <= hi else { return i }
            for k in 2..<len where p[i + k] & 0xC0 != 0x80 { return i }
            i += len
        }
        return nil
    }

    // MARK: - iconv

    /// Maps a charset label to the name iconv should use: upper-cased, trimmed, with the
    /// Chinese GB family widened to GB18030.
    static func iconvName(_ charset: String) -> String {
        let name = charset.trimmingWhitespace().uppercased()
        switch name {
        case "GB2312", "GBK", "CP936", "MS936", "WINDOWS-936", "X-GBK", "EUC-CN", "CSGB2312",
             "GB_2312-80", "X-EUC-CN", "CHINESE", "GB18030":
            return "GB18030"
        case "UTF8", "UTF-8", "CSUTF8", "UNICODE-1-1-UTF-8":
            return "UTF-8"
        default:
            return name
        }
    }

    static func hasUTF8BOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    private enum Transcoded {
        case success([UInt8])
        /// Invalid sequence (EILSEQ) or input ending mid-character (EINVAL), at this offset.
        case invalid(at: Int)
        case unknownCharset
    }

    /// Runs iconv over all of `input`, growing the output on E2BIG.
    private static func transcode(_ input: [UInt8], from: String, to: String) -> Transcoded {
        let cd = iconv_open(to, from)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return .unknownCharset }
        defer { iconv_close(cd) }

        var result: [UInt8] = []
        result.reserveCapacity(input.count + input.count / 2 + 16)
        let chunk = Swift.max(4096, Swift.min(input.count * 2 + 16, 1 << 22))
        var buffer = [UInt8](repeating: 0, count: chunk)

        var input = input
        var failedAt = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            buffer.withUnsafeMutableBufferPointer { outBuf in
                let outBase = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress.map {
                    UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                }
                var inLeft = inBuf.count
                var flushing = false
                while true {
                    var outPtr: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = chunk
                    // A final call with no input writes any shift sequence a stateful
                    // encoding (ISO-2022-JP in mail) still owes.
                    let rc = flushing || inPtr == nil
                        ? iconv(cd, nil, nil, &outPtr, &outLeft)
                        : iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let err = errno
                    let produced = chunk - outLeft
                    if produced > 0 {
                        result.append(contentsOf: UnsafeBufferPointer(start: outBuf.baseAddress, count: produced))
                    }
                    // `size_t` imports as `Int`: the C `(size_t)-1` arrives as -1.
                    if rc == -1 {
                        if err == E2BIG { continue }
                        failedAt = inBuf.count - inLeft
                        return
                    }
                    if flushing || inPtr == nil { return }
                    guard inLeft == 0 else {  // not iconv's contract; never loop on it
                        failedAt = inBuf.count - inLeft
                        return
                    }
                    flushing = true
                }
            }
        }
        return failedAt >= 0 ? .invalid(at: failedAt) : .success(result)
    }
}
