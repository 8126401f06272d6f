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

    public var description: String {
        switch self {
        case .unsupportedURL(let u): return "The IMAP URL \(u) is not imap://host[:port]/MAILBOX or imaps://host[:port]/MAILBOX."
        case let .caFileUnreadable(path, reason): return "The CA file \(path) cannot be read: \(reason)."
        case let .failed(command, error, line):
            return "IMAP \(command) failed: \(error.message)\(error.detail.isEmpty ? "" : " (\(error.detail))")"
                + (line.map { "; the server said: \($0)" } ?? "")
        case let .unexpected(command, detail): return "IMAP \(command): unexpected answer: \(detail)"
        }
    }
}

/// One IMAP connection through libcurl: `ID`, the UIDs and sizes of new messages, fetching one
/// message by UID, setting `\Seen`.
///
/// How it is done with libcurl (7.88):
/// - Every request on one easy handle reuses its connection; libcurl logs in once and selects
///   the URL's mailbox once, before the first request that names it.
/// - `ID` (RFC 2971) must come before `SELECT` on 163.com: it is sent as `CURLOPT_CUSTOMREQUEST`
///   on the URL *without* a mailbox (`imap://host/`), which libcurl runs right after login
///   without selecting anything; the next request, on the mailbox URL, then selects.
/// - New messages: `UID SEARCH UID N:*` as a custom request (the untagged `* SEARCH …` line
///   arrives in the write callback), then `UID FETCH set (UID RFC822.SIZE)` in small batches,
///   so an oversized message is never downloaded. `N:*` always includes the highest UID, even
///   when it is below N, so UIDs below N are dropped.
/// - `UIDVALIDITY`: libcurl does not expose it, but the header callback sees every server line,
///   the `SELECT` answer `* OK [UIDVALIDITY v]` included.
/// - A message: `imap://host/MAILBOX/;UID=u` (libcurl sends `UID FETCH u BODY[]`, which also
///   sets `\Seen`); `UID STORE set +FLAGS.SILENT (\Seen)` as a custom request makes sure.
///   `SELECT`/`EXAMINE` are never sent as custom requests.
///
/// - Important: not thread-safe; blocking. Any error closes the connection (libcurl), so a
///   session is not reused after a throw.
public final class IMAPSession {
    public let settings: IMAPSettings
    private let easy: CurlEasy
    private let context = IMAPContext()
    /// `scheme://host:port` without a path.
    private let serverURL: String
    /// The mailbox URL without a trailing slash.
    private let mailboxURL: String
    /// `UIDVALIDITY` of the selected mailbox, once a request has selected it.
    public var uidValidity: Int64? { context.uidValidity }
    /// The commands sent, in order (no passwords: authentication lines are left out).
    public var commands: [String] { context.commands }

    /// - Throws: `IMAPError.unsupportedURL`, `.caFileUnreadable`, or libcurl's set-up errors.
    public init(settings: IMAPSettings) throws {
        // The config's own parser: one reading of a server URL for `check` and for polling.
        guard case .success(let url) = ConfigParser.parseServerURL(settings.url),
              url.scheme == "imap" || url.scheme == "imaps" else {
            throw IMAPError.unsupportedURL(settings.url)
        }
        self.settings = settings
        serverURL = "\(url.scheme)://\(url.authority)"
        var path = url.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.isEmpty { path = "INBOX" }
        mailboxURL = serverURL + "/" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path)
        easy = try CurlEasy()
        try configure(implicitTLS: url.isImplicitTLS)
    }

    private func configure(implicitTLS: Bool) throws {
        try easy.set(CURLOPT_PROTOCOLS_STR, "imap,imaps")
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        try easy.set(CURLOPT_TIMEOUT_MS, Int(settings.timeout * 1000))
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
        let userdata = Unmanaged.passUnretained(context).toOpaque()
        try easy.set(CURLOPT_WRITEDATA, pointer: userdata)
        try easy.set(CURLOPT_WRITEFUNCTION, writeCallback: { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            let ctx = Unmanaged<IMAPContext>.fromOpaque(userdata).takeUnretainedValue()
            ctx.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        try easy.follow(context)
    }

    /// Runs one request: `url`, an optional custom command; returns what the write callback got.
    private func perform(url: String, command: String?, label: String) throws -> [UInt8] {
        context.body.removeAll(keepingCapacity: true)
        context.lastLine = nil
        try easy.set(CURLOPT_URL, url)
        if let command { try easy.set(CURLOPT_CUSTOMREQUEST, command) } else { try easy.clear(CURLOPT_CUSTOMREQUEST) }
        let code = withExtendedLifetime(context) { easy.perform() }
        if command != nil { try easy.clear(CURLOPT_CUSTOMREQUEST) }
        guard code == CURLE_OK else {
            throw IMAPError.failed(command: label, error: easy.error(for: code), serverLine: context.lastLine)
        }
        return context.body
    }

    /// `ID ("name" "liaisond")`, before the mailbox is selected.
    public func identify(version: String = "") throws {
        let fields = version.isEmpty ? "(\"name\" \"liaisond\")" : "(\"name\" \"liaisond\" \"version\" \"\(version)\")"
        _ = try perform(url: serverURL + "/", command: "ID \(fields)", label: "ID")
    }

    /// UIDs (ascending) and sizes of the messages with a UID ≥ `fromUID`; selects the mailbox
    /// on first use, which sets `uidValidity`.
    ///
    /// - Important: libcurl 7.88 counts every line of an untagged answer against its 300 KB
    ///   limit on response headers in a way that grows faster than the answer (a
    ///   `UID FETCH 1:* (RFC822.SIZE)` of 1,000 messages fails with "Too large response
    ///   headers" after a few dozen lines). So the UIDs come from one `UID SEARCH` (one line),
    ///   and the sizes from `UID FETCH` of at most `sizeBatch` UIDs at a time.
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

    /// UIDs per `UID FETCH (RFC822.SIZE)` request (see `messages(fromUID:)`).
    static let sizeBatch = 40

    /// The UIDs of a `UID SEARCH` answer (`* SEARCH 1 2 3`), ascending.
    func searchUIDs(command: String) throws -> [Int64] {
        let text = String(decoding: try perform(url: mailboxURL, command: command, label: "UID SEARCH"), as: UTF8.self)
        var uids: [Int64] = []
        // "\r\n" is one Character: split on both forms.
        for line in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            uids += words.dropFirst(2).compactMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        return Array(Set(uids)).sorted()
    }

    /// `UID → RFC822.SIZE` for these UIDs.
    func fetchSizes(_ uids: [Int64]) throws -> [Int64: Int] {
        guard !uids.isEmpty else { return [:] }
        let text = String(decoding: try perform(url: mailboxURL, command: "UID FETCH \(Self.uidSet(uids)) (UID RFC822.SIZE)",
                                                label: "UID FETCH"), as: UTF8.self)
        var out: [Int64: Int] = [:]
        for line in text.split(whereSeparator: { $0 == "\r\n" || $0 == "\n" }) {
            guard line.contains("FETCH") else { continue }
            let words = line.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
                .split(separator: " ").map(String.init)
            var uid: Int64?, size: Int?
            for (i, w) in words.enumerated() where i + 1 < words.count {
                if w.uppercased() == "UID" { uid = Int64(words[i + 1].trimmingCharacters(in: .whitespacesAndNewlines)) }
                if w.uppercased() == "RFC822.SIZE" { size = Int(words[i + 1].trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
            if let uid, let size { out[uid] = size }
        }
        return out
    }

    /// The message's bytes exactly (this also sets `\Seen`).
    public func fetch(uid: Int64) throws -> [UInt8] {
        try perform(url: mailboxURL + "/;UID=\(uid)", command: nil, label: "UID FETCH \(uid) BODY[]")
    }

    /// Sets `\Seen` on these UIDs (one command, ranges compressed).
    public func markSeen(uids: [Int64]) throws {
        guard !uids.isEmpty else { return }
        _ = try perform(url: mailboxURL, command: "UID STORE \(Self.uidSet(uids)) +FLAGS.SILENT (\\Seen)", label: "UID STORE")
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
}

/// What the callbacks reach through userdata; owned by one `IMAPSession`.
final class IMAPContext: CurlConversation {
    var body: [UInt8] = []
    var uidValidity: Int64?
    var lastLine: String?
    var commands: [String] = []

    override func received(_ line: String) {
        lastLine = line
        if let r = line.range(of: "[UIDVALIDITY ") {
            let digits = line[r.upperBound...].prefix { $0.isNumber }
            if let v = Int64(digits) { uidValidity = v }
        }
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
