/// Cuts the bytes an IMAP server sends into response lines, literals read by their length.
///
/// Fed whatever the socket gave (`append`), it hands out whole lines (`nextLine`). A literal is
/// taken by its byte count, never by scanning for a line end, so a message body holding a
/// line such as `L7 OK` cannot end a command early.
struct IMAPResponseReader {
    /// What a hostile or broken server may not make us hold.
    struct Limits {
        /// Bytes of one line's text, literals not counted (a `SEARCH` of every UID of a big
        /// mailbox is a long line).
        var lineBytes = 64 * 1024 * 1024
        var literalBytes = 256 * 1024 * 1024
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case lineTooLong(Int)
        case literalTooLong(Int)

        var description: String {
            switch self {
            case .lineTooLong(let n): return "the server sent a line longer than \(n) bytes"
            case .literalTooLong(let n): return "the server announced a literal of \(n) bytes"
            }
        }
    }

    let limits: Limits
    private var buffer: [UInt8] = []
    /// Where unread bytes of `buffer` start.
    private var start = 0
    /// Where the search for a line end resumes (bytes before it hold none).
    private var scanned = 0
    private var line = IMAPLine()
    /// Bytes of the literal being read still to come; nil between literals.
    private var literalLeft: Int?

    init(limits: Limits = Limits()) {
        self.limits = limits
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next whole line, or nil until more bytes come.
    mutating func nextLine() throws -> IMAPLine? {
        while true {
            if let left = literalLeft {
                let take = min(left, buffer.count - start)
                if take > 0 {
                    line.literals[line.literals.count - 1].append(contentsOf: buffer[start..<(start + take)])
                    start += take
                }
                if take < left { literalLeft = left - take; scanned = start; return nil }
                literalLeft = nil
                scanned = start
            }
            guard let lf = buffer[max(scanned, start)...].firstIndex(of: UInt8(ascii: "\n")) else {
                scanned = buffer.count
                if buffer.count - start + line.text.count > limits.lineBytes { throw Problem.lineTooLong(limits.lineBytes) }
                return nil
            }
            var end = lf
            if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            line.text.append(contentsOf: buffer[start..<end])
            start = lf + 1
            scanned = start
            if line.text.count > limits.lineBytes { throw Problem.lineTooLong(limits.lineBytes) }
            if let size = Self.literalSize(endOf: line.text) {
                guard size <= limits.literalBytes else { throw Problem.literalTooLong(size) }
                line.literals.append([])
                line.literals[line.literals.count - 1].reserveCapacity(size)
                literalLeft = size
                continue
            }
            defer { line = IMAPLine() }
            return line
        }
    }

    /// N when `text` ends with a literal marker `{N}` (or the client form `{N+}`).
    static func literalSize(endOf text: [UInt8]) -> Int? {
        guard text.last == UInt8(ascii: "}") else { return nil }
        var i = text.count - 2
        if i >= 0 && text[i] == UInt8(ascii: "+") { i -= 1 }
        var value = 0
        var digits = 0
        var scale = 1
        while i >= 0, let d = Self.digit(text[i]) {
            guard digits < 12 else { return nil }
            value += d * scale
            scale *= 10
            digits += 1
            i -= 1
        }
        guard digits > 0, i >= 0, text[i] == UInt8(ascii: "{") else { return nil }
        return value
    }

    private static func digit(_ b: UInt8) -> Int? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b - UInt8(ascii: "0")) : nil
    }
}
