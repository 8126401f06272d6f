import CCurl
import Foundation
import LiaisonCore

/// How to reach the mailbox replies arrive in. Paths are used as given.
public struct IMAPSettings: Sendable, Equatable {
    /// `imaps://host[:993]/MAILBOX` (implicit TLS) or `imap://host[:143]/MAILBOX` (STARTTLS
    /// unless `tls` is `.none`). Without a mailbox, `INBOX`.
    public var url: String
    public var user: String?
    public var password: String?
    public var tls: Config.TLSMode
    /// A PEM bundle trusted in addition to the system CAs.
    public var caFile: String?
    /// Send `ID ("name" "liaisond")` (RFC 2971) before selecting the mailbox (163.com needs it).
    public var sendID: Bool
    public var connectTimeout: Double
    /// Seconds allowed for one command (a fetch included).
    public var timeout: Double

    public init(url: String, user: String? = nil, password: String? = nil, tls: Config.TLSMode = .required,
                caFile: String? = nil, sendID: Bool = false, connectTimeout: Double = 30, timeout: Double = 120) {
        self.url = url
        self.user = user
        self.password = password
        self.tls = tls
        self.caFile = caFile
        self.sendID = sendID
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }
}

extension IMAPSettings: CustomStringConvertible {
    /// Never shows the password.
    public var description: String {
        "IMAPSettings(url: \(url), user: \(user ?? "-"), password: \(password == nil ? "-" : "<secret>"), "
            + "tls: \(tls.rawValue), id: \(sendID))"
    }
}

/// Why an IMAP session failed, as a sentence for the operator.
public enum IMAPError: Error, CustomStringConvertible, Sendable {
    case unsupportedURL(String)
    case caFileUnreadable(path: String, reason: String)
    /// libcurl's error and the server's last line, when there was one.
    case failed(command: String, error: CurlError, serverLine: String?)
    case unexpected(command: String, detail: String)
    /// The server answered `NO` or `BAD`.
    case refused(command: String, serverLine: String)

    public var description: String {
        switch self {
        case .unsupportedURL(let u): return "The IMAP URL \(u) is not imap://host[:port]/MAILBOX or imaps://host[:port]/MAILBOX."
        case let .caFileUnreadable(path, reason): return "The CA file \(path) cannot be read: \(reason)."
        case let .failed(command, error, line):
            return "IMAP \(command) failed: \(error.message)\(error.detail.isEmpty ? "" : " (\(error.detail))")"
                + (line.map { "; the server said: \($0)" } ?? "")
        case let .unexpected(command, detail): return "IMAP \(command): unexpected answer: \(detail)"
        case let .refused(command, line): return "IMAP \(command) was refused; the server said: \(line)"
        }
    }
}

/// One IMAP session: `ID`, the UIDs and sizes of new messages, fetching messages by UID,
/// setting `\Seen`.
///
/// libcurl connects, starts TLS and logs in (`IMAPConnection`); the commands after that are
/// ours, so that one `UID FETCH` brings a batch of messages:
/// - `ID` (RFC 2971) comes before `SELECT` (163.com requires it); the mailbox is selected
///   before the first command that needs it, and its `SELECT` answer gives `UIDVALIDITY`.
/// - New messages: `UID SEARCH UID N:*`, then `UID FETCH set (UID RFC822.SIZE)`, so an
///   oversized message is never downloaded. `N:*` always includes the highest UID, even when
///   it is below N, so UIDs below N are dropped.
/// - Messages are fetched with `BODY.PEEK[]`, which leaves `\Seen` alone (setting it costs
///   the server a write per message); `markSeen` sets it for the taken ones in one command.
///
/// - Important: not thread-safe; blocking. After an error other than a refused command the
///   session is not reused: every later command throws again.
public final class IMAPSession {
    public let settings: IMAPSettings
    private let easy: CurlEasy
    private let context = IMAPContext()
    private var connection: IMAPConnection?
    /// The mailbox name as the URL's path gives it (sent in modified UTF-7: `IMAPMailboxName`).
    private let mailbox: String
    private var selected = false
    /// `UIDVALIDITY` of the selected mailbox, once a command has selected it.
    public private(set) var uidValidity: Int64?
    /// The commands sent, in order (no passwords: authentication lines are left out).
    public var commands: [String] { context.commands + (connection?.commands ?? []) }

    /// - Throws: `IMAPError.unsupportedURL`, `.caFileUnreadable`, or libcurl's set-up errors.
    public init(settings: IMAPSettings) throws {
        // The config's own parser: one reading of a server URL for `check` and for polling.
        guard case .success(let url) = ConfigParser.parseServerURL(settings.url),
              url.scheme == "imap" || url.scheme == "imaps" else {
            throw IMAPError.unsupportedURL(settings.url)
        }
        self.settings = settings
        var path = url.path
        while path.hasSuffix("/") { path.removeLast() }
        while path.hasPrefix("/") { path.removeFirst() }
        mailbox = path.isEmpty ? "INBOX" : path
        easy = try CurlEasy()
        try configure(serverURL: "\(url.scheme)://\(url.authority)/", implicitTLS: url.isImplicitTLS)
    }

    deinit {
        connection?.logout()
    }

    private func configure(serverURL: String, implicitTLS: Bool) throws {
        try easy.set(CURLOPT_URL, serverURL)
        try easy.set(CURLOPT_CONNECT_ONLY, 1)
        try easy.set(CURLOPT_PROTOCOLS_STR, "imap,imaps")
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        try easy.set(CURLOPT_TIMEOUT_MS, Int((settings.connectTimeout + settings.timeout) * 1000))
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, Int(settings.timeout.rounded(.up))))
        if !implicitTLS {
            try easy.set(CURLOPT_USE_SSL, Int(settings.tls == .required ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
        }
        try easy.set(CURLOPT_SSL_VERIFYPEER, true)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = settings.caFile {
            guard let extra = FileManager.default.contents(atPath: caFile) else {
                throw IMAPError.caFileUnreadable(path: caFile, reason: access(caFile, F_OK) == 0 ? "permission denied" : "no such file")
            }
            let system = easy.info(string: CURLINFO_CAINFO) ?? "/etc/ssl/certs/ca-certificates.crt"
            var bundle = FileManager.default.contents(atPath: system).map { [UInt8]($0) } ?? []
            if !bundle.isEmpty && bundle.last != UInt8(ascii: "\n") { bundle.append(UInt8(ascii: "\n")) }
            try easy.set(CURLOPT_CAINFO_BLOB, blob: bundle + [UInt8](extra))
        }
        if let user = settings.user {
            try easy.set(CURLOPT_USERNAME, user)
            try easy.set(CURLOPT_PASSWORD, settings.password ?? "")
        }
        try easy.follow(context)
    }

    /// The logged-in connection, opened on first use.
    private func open() throws -> IMAPConnection {
        if let connection { return connection }
        do {
            let c = try withExtendedLifetime(context) { try IMAPConnection(easy: easy, timeout: settings.timeout) }
            connection = c
            return c
        } catch IMAPError.failed(let command, let error, _) {
            throw IMAPError.failed(command: command, error: error, serverLine: context.lastLine)
        }
    }

    /// The connection with the mailbox selected.
    private func selectedMailbox() throws -> IMAPConnection {
        let c = try open()
        guard !selected else { return c }
        try c.run("SELECT \(Self.quoted(IMAPMailboxName.encode(mailbox)))", label: "SELECT") { line in
            if let v = Self.uidValidity(in: line.string) { uidValidity = v }
        }
        selected = true
        return c
    }

    /// `ID ("name" "liaisond")`, before the mailbox is selected.
    public func identify(version: String = "") throws {
        let fields = version.isEmpty ? "(\"name\" \"liaisond\")" : "(\"name\" \"liaisond\" \"version\" \(Self.quoted(version)))"
        try open().run("ID \(fields)", label: "ID")
    }

    /// UIDs (ascending) and sizes of the messages with a UID ≥ `fromUID`; selects the mailbox
    /// on first use, which sets `uidValidity`.
    public func messages(fromUID: Int64) throws -> [(uid: Int64, size: Int)] {
        let from = max(1, fromUID)
        let found = try searchUIDs(command: "UID SEARCH UID \(from):*").filter { $0 >= from }
        var out: [(uid: Int64, size: Int)] = []
        var i = 0
        while i < found.count {
            let chunk = Array(found[i..<min(found.count, i + Self.sizeBatch)])
            let sizes = try fetchSizes(chunk)
            for uid in chunk { out.append((uid, sizes[uid] ?? 0)) }
            i += Self.sizeBatch
        }
        return out
    }

    /// UIDs per `UID FETCH (RFC822.SIZE)` command: the UID set of a command stays short even
    /// when the UIDs are scattered.
    static let sizeBatch = 2000

    /// The UIDs of a `UID SEARCH` answer (`* SEARCH 1 2 3`), ascending.
    func searchUIDs(command: String) throws -> [Int64] {
        var uids: [Int64] = []
        try selectedMailbox().run(command, label: "UID SEARCH") { line in
            let words = line.string.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { return }
            uids += words.dropFirst(2).compactMap { Int64($0) }
        }
        return Array(Set(uids)).sorted()
    }

    /// `UID → RFC822.SIZE` for these UIDs.
    func fetchSizes(_ uids: [Int64]) throws -> [Int64: Int] {
        guard !uids.isEmpty else { return [:] }
        var out: [Int64: Int] = [:]
        try selectedMailbox().run("UID FETCH \(Self.uidSet(uids)) (UID RFC822.SIZE)", label: "UID FETCH") { line in
            guard let items = Self.fetchItems(line), let uid = items.uid, let size = items.size else { return }
            out[uid] = size
        }
        return out
    }

    /// The bytes of these messages, exactly, by UID, in one command; `\Seen` is left alone.
    /// What arrived before a failure is in `bodies` when this throws. A UID the server gave
    /// nothing for (expunged since it was listed) is an error too: the next listing no longer
    /// has it.
    public func fetch(uids: [Int64], into bodies: inout [Int64: [UInt8]]) throws {
        guard !uids.isEmpty else { return }
        let label = "UID FETCH \(Self.uidSet(uids)) BODY.PEEK[]"
        var got: [Int64: [UInt8]] = [:]
        defer { bodies.merge(got) { _, new in new } }
        try selectedMailbox().run("UID FETCH \(Self.uidSet(uids)) (UID BODY.PEEK[])", label: label) { line in
            guard let items = Self.fetchItems(line), let uid = items.uid, let body = items.body else { return }
            got[uid] = body
        }
        if let missing = uids.first(where: { got[$0] == nil }) {
            throw IMAPError.unexpected(command: label, detail: "the server gave no message for UID \(missing)")
        }
    }

    /// One message's bytes exactly; `\Seen` is left alone.
    public func fetch(uid: Int64) throws -> [UInt8] {
        var bodies: [Int64: [UInt8]] = [:]
        try fetch(uids: [uid], into: &bodies)
        return bodies[uid] ?? []
    }

    /// Sets `\Seen` on these UIDs (one command, ranges compressed).
    public func markSeen(uids: [Int64]) throws {
        guard !uids.isEmpty else { return }
        try selectedMailbox().run("UID STORE \(Self.uidSet(uids)) +FLAGS.SILENT (\\Seen)", label: "UID STORE")
    }

    /// `1:3,7,9:10`.
    static func uidSet(_ uids: [Int64]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i]):\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }

    /// An IMAP quoted string.
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `v` of a `* OK [UIDVALIDITY v]` line.
    static func uidValidity(in line: String) -> Int64? {
        guard let r = line.range(of: "[UIDVALIDITY ") else { return nil }
        return Int64(line[r.upperBound...].prefix { $0.isNumber })
    }

    /// The items of an untagged `* n FETCH (…)` line that a poll asks for; nil for other lines.
    static func fetchItems(_ line: IMAPLine) -> (uid: Int64?, size: Int?, body: [UInt8]?)? {
        let tokens = line.tokens()
        guard tokens.count >= 4, tokens[0] == .atom("*"), case .atom(let verb) = tokens[2], verb.uppercased() == "FETCH",
              tokens[3] == .open else { return nil }
        var uid: Int64?, size: Int?, body: [UInt8]?
        var i = 4
        while i + 1 < tokens.count, case .atom(let name) = tokens[i] {
            let value = tokens[i + 1]
            switch (name.uppercased(), value) {
            case ("UID", .atom(let v)): uid = Int64(v)
            case ("RFC822.SIZE", .atom(let v)): size = Int(v)
            case ("BODY[]", .literal(let bytes)), ("BODY[]", .quoted(let bytes)): body = bytes
            default: break
            }
            // A parenthesised value (FLAGS) is skipped whole.
            i += 1
            if tokens[i] == .open {
                var depth = 0
                repeat {
                    if tokens[i] == .open { depth += 1 } else if tokens[i] == .close { depth -= 1 }
                    i += 1
                } while depth > 0 && i < tokens.count
            } else {
                i += 1
            }
        }
        return (uid, size, body)
    }
}

/// What libcurl's callbacks reach while it connects and logs in; owned by one `IMAPSession`.
final class IMAPContext: CurlConversation {
    var lastLine: String?
    var commands: [String] = []

    override func received(_ line: String) {
        lastLine = line
    }

    override func sent(_ line: String) {
        let words = line.split(separator: " ", maxSplits: 2)
        // Tagged commands only; authentication payloads are not kept.
        guard words.count >= 2 else { return }
        let verb = words[1].uppercased()
        if verb == "AUTHENTICATE" || verb == "LOGIN" { commands.append("\(words[1]) …"); return }
        commands.append(String(line.drop(while: { $0 != " " }).dropFirst()))
    }
}
