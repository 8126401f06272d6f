/// The client commands and server lines of one message's transfer, in the order they happened,
/// grouped into exchanges (one command and the complete reply to it).
///
/// While libcurl opens the connection it shows server lines to `CURLOPT_HEADERFUNCTION` and the
/// commands it sends to `CURLOPT_DEBUGFUNCTION` (`CURLINFO_HEADER_OUT`); the commands of each
/// message are ours (`SMTPConnection`), written here as they go out, several at a time when the
/// server offers PIPELINING. A reply answers the oldest command still without one (RFC 2920
/// keeps the order), so the pairing is exact: this is how refused `RCPT TO` are found.
struct SMTPTranscript {
    struct Exchange: Equatable {
        /// The command as sent (`RCPT TO:<a@b.c>`); nil for the greeting, `.` for the end of the
        /// message after `DATA`. `AUTH` arguments are not kept.
        var command: String?
        var lines: [String] = []

        /// The reply code, from the last line.
        var code: Int? { lines.last.flatMap(SMTPTranscript.code(of:)) }
        /// The lines joined with a space, as Postfix logs a multi-line reply.
        var reply: String { lines.joined(separator: " ") }
        /// The command verb, upper-cased (`RCPT`, `MAIL`, `DATA`, `.`).
        var verb: String? {
            command.map { String($0.prefix { $0 != " " && $0 != ":" }).uppercased() }
        }
        /// The address inside `<…>` of a MAIL or RCPT command.
        var address: String? {
            guard let command, let lt = command.firstIndex(of: "<"),
                  let gt = command[lt...].firstIndex(of: ">") else { return nil }
            return String(command[command.index(after: lt)..<gt])
        }
        var isComplete: Bool { lines.last.map(SMTPTranscript.isLastLine) ?? false }
    }

    private(set) var exchanges: [Exchange] = []

    mutating func reset() { exchanges.removeAll(keepingCapacity: true) }

    /// A command libcurl sent.
    mutating func sent(_ command: String) {
        var command = command
        if command.uppercased().hasPrefix("AUTH") { command = "AUTH" }
        // A continuation of a multi-step AUTH (base64 credentials) is no command to remember.
        if let last = exchanges.last, last.verb == "AUTH", last.code == 334 {
            command = "AUTH"
        }
        exchanges.append(Exchange(command: command))
    }

    /// A line the server sent (without CRLF).
    mutating func received(_ line: String) {
        if let open = exchanges.firstIndex(where: { !$0.isComplete }) {
            exchanges[open].lines.append(line)
            return
        }
        // The greeting, or a line nobody asked for (a `421` before closing).
        exchanges.append(Exchange(command: nil, lines: [line]))
    }

    /// The extensions of the last EHLO reply (`PIPELINING`, `SIZE`, …), upper-cased keywords.
    var extensions: Set<String> {
        guard let ehlo = exchanges.last(where: { $0.verb == "EHLO" && $0.code == 250 }) else { return [] }
        return Set(ehlo.lines.dropFirst().compactMap { line in
            line.dropFirst(4).split(separator: " ").first.map { $0.uppercased() }
        })
    }

    /// The reply to the end of the message: the server's verdict on it.
    var finalReply: Exchange? { exchanges.last { $0.verb == "." && $0.isComplete } }

    /// Every RCPT TO with its reply.
    var recipientReplies: [Exchange] { exchanges.filter { $0.verb == "RCPT" && $0.isComplete } }

    /// The last reply with a 4xx or 5xx code.
    var lastFailure: Exchange? { exchanges.last { ($0.code ?? 0) >= 400 && $0.isComplete } }

    /// The last complete reply of any kind.
    var lastReply: Exchange? { exchanges.last { $0.isComplete } }

    func exchange(verb: String) -> Exchange? { exchanges.last { $0.verb == verb } }

    static func code(of line: String) -> Int? {
        let digits = line.utf8.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// `250 ok` or a bare `250` ends a reply; `250-…` continues it.
    static func isLastLine(_ line: String) -> Bool {
        let bytes = Array(line.utf8)
        return code(of: line) != nil && (bytes.count == 3 || bytes[3] != UInt8(ascii: "-"))
    }
}
