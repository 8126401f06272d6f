import CCurl
import Foundation
import LiaisonCore

/// Why an `SMTPTransport` cannot be set up. Each case reads as a sentence for the operator.
public enum SMTPTransportError: Error, CustomStringConvertible, Equatable, Sendable {
    case unsupportedURL(String)
    case caFileUnreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedURL(let url):
            return "The SMTP URL \(url) is not smtp://host[:port] or smtps://host[:port]."
        case .caFileUnreadable(let path, let reason):
            return "The CA file \(path) cannot be read: \(reason)."
        }
    }
}

/// What `SMTPTransport.send` did, for the log.
public struct SMTPBatchSummary: Sendable, Equatable {
    /// Messages handed to libcurl (the batch may have been stopped early by `each`).
    public var attempted: Int
    /// New connections libcurl opened (`CURLINFO_NUM_CONNECTS` summed); 1 for a batch that
    /// went over one connection.
    public var connections: Int

    public init(attempted: Int, connections: Int) {
        self.attempted = attempted
        self.connections = connections
    }
}

/// Sends messages to one SMTP server through libcurl.
///
/// One easy handle, configured at the first `send`, serves every `send` of the transport, so
/// the messages of all its batches share one connection (libcurl sends QUIT when the transport
/// goes away or at `close()`). A failure that closes the connection does not end the batch:
/// libcurl reconnects for the next message.
///
/// Trust: the certificate chain and the host name are always verified. The trusted CAs are the
/// system's (libcurl's built-in bundle and CA folder) plus `caFile`: setting `CURLOPT_CAINFO`
/// would replace the system bundle, so the system bundle and `caFile` are read once, at `init`,
/// and handed to libcurl together as one in-memory bundle (`CURLOPT_CAINFO_BLOB`).
///
/// - Important: `send` blocks for up to `timeout` per message; call it from a serial queue of
///   its own. It never sleeps: pacing (`max_per_minute`) is the caller's business.
public final class SMTPTransport: Sendable {
    public let settings: SMTPSettings
    private let implicitTLS: Bool
    /// `host:port` as written in the URL, for descriptions.
    let endpoint: String
    /// The URL handed to libcurl, rebuilt from the parsed one (the port always explicit).
    private let curlURL: String
    /// System CAs plus `caFile`, or nil to keep libcurl's defaults.
    private let caBundle: [UInt8]?
    /// The handle every `send` reuses (made at the first): configured once, one connection.
    /// Guarded by `preparedLock` (a transport's sends are serial; the lock makes sure).
    nonisolated(unsafe) private var prepared: PreparedHandle?
    private let preparedLock = NSLock()

    /// - Throws: `SMTPTransportError` when the URL is not smtp/smtps or `caFile` cannot be read.
    public init(settings: SMTPSettings) throws {
        // The config's own parser: one reading of a server URL for `check` and for sending.
        guard case .success(let url) = ConfigParser.parseServerURL(settings.url),
              url.scheme == "smtp" || url.scheme == "smtps" else {
            throw SMTPTransportError.unsupportedURL(settings.url)
        }
        self.settings = settings
        implicitTLS = url.isImplicitTLS
        endpoint = url.authority
        curlURL = "\(url.scheme)://\(url.authority)" + (url.path.isEmpty ? "" : "/\(url.path)")
        if let caFile = settings.caFile {
            guard let extra = FileManager.default.contents(atPath: caFile) else {
                let reason = access(caFile, F_OK) == 0 ? "permission denied" : "no such file"
                throw SMTPTransportError.caFileUnreadable(path: caFile, reason: reason)
            }
            var bundle = Self.systemCABundle()
            if !bundle.isEmpty && bundle.last != UInt8(ascii: "\n") { bundle.append(UInt8(ascii: "\n")) }
            bundle += extra
            caBundle = bundle
        } else {
            caBundle = nil
        }
    }

    /// The bundle libcurl would use by default (Debian: /etc/ssl/certs/ca-certificates.crt).
    private static func systemCABundle() -> [UInt8] {
        let path = (try? CurlEasy())?.info(string: CURLINFO_CAINFO) ?? "/etc/ssl/certs/ca-certificates.crt"
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    }

    /// Sends the messages in order over one connection, calling `each(index, result)` after every
    /// message; `each` returns false to stop (the rest are not attempted).
    @discardableResult
    public func send(_ batch: [OutgoingMail], each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary {
        send(count: batch.count, message: { i, mail in mail = batch[i] }, whileWaiting: { false }, beforeEndOfData: { _ in true },
             each: each)
    }

    /// The streaming form of `send(_:each:)`, for a send loop that renders each message just
    /// before it goes out and overlaps its store commit with the next message's transfer.
    ///
    /// - `message(i, &mail)` fills message `i` into one buffer the transport keeps for the whole
    ///   batch: render into `mail.data` after `removeAll(keepingCapacity: true)` and 20,000
    ///   messages cost one allocation, not 20,000 resident at once.
    /// - `whileWaiting()` runs on this thread each time a command of the message is out and the
    ///   server's answer not yet read; it returns true when it did some work (the answer is
    ///   looked for again before waiting), false when it had none. It is the time a loop has to
    ///   commit message `i − 1` while the server works, without a thread and a wake-up per
    ///   message: do one piece of work per call. A message that fails before any command of it
    ///   goes out (no valid recipient, a refused reconnect) gets no call at all.
    /// - `beforeEndOfData(i)` runs after message `i`'s envelope went out (and its body but for
    ///   the last piece libcurl reads) and before its end-of-data (the `.` the server answers
    ///   250 to). A loop that commits message `i − 1` makes sure here that the commit is done;
    ///   returning false aborts message `i` before the server can accept it (it is
    ///   reported as a temporary failure, the connection is dropped), so a crash or a failed
    ///   commit repeats at most one message.
    /// - `each(i, result)` as in `send(_:each:)`.
    @discardableResult
    public func send(count: Int, message: (Int, inout OutgoingMail) -> Void, whileWaiting: () -> Bool,
                     beforeEndOfData: (Int) -> Bool, each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary {
        var summary = SMTPBatchSummary(attempted: 0, connections: 0)
        guard count > 0 else { return summary }
        preparedLock.lock()
        defer { preparedLock.unlock() }
        if prepared == nil {
            do {
                let context = TransferContext()
                let easy = try CurlEasy()
                try configure(easy, context: context)
                prepared = PreparedHandle(easy: easy, multi: try CurlMulti(), context: context)
            } catch {
                let result = DeliveryResult.temporary(reply: "internal: cannot set up libcurl: \(error)")
                for index in 0..<count where !each(index, result) { break }
                return summary
            }
        }
        guard let handle = prepared else { return summary }
        return withoutActuallyEscaping(beforeEndOfData) { barrier in
            do {
                let easy = handle.easy, context = handle.context
                context.endOfData = barrier
                defer { context.endOfData = nil }
                for index in 0..<count {
                    // After a failed transaction the server's state is unknown (libcurl sends no
                    // RSET): start the next message on a new connection, as a careful client would,
                    // so one bad transaction cannot turn the next message into a spurious 5xx
                    // ("503 nested MAIL command").
                    try? easy.set(CURLOPT_FRESH_CONNECT, handle.freshConnection)
                    message(index, &context.mail)
                    context.index = index
                    let result = withExtendedLifetime(context) {
                        transfer(handle, whileWaiting: whileWaiting)
                    }
                    if case .accepted = result { handle.freshConnection = false } else { handle.freshConnection = true }
                    summary.attempted += 1
                    summary.connections += easy.info(long: CURLINFO_NUM_CONNECTS)
                    if !each(index, result) { break }
                }
            }
            return summary
        }
    }

    /// Ends the connection (QUIT) now instead of when the transport goes away; the next `send`
    /// connects again.
    public func close() {
        preparedLock.lock()
        prepared = nil
        preparedLock.unlock()
    }

    // MARK: Setup

    func configure(_ easy: CurlEasy, context: TransferContext) throws {
        try easy.set(CURLOPT_URL, curlURL)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        try easy.set(CURLOPT_TIMEOUT_MS, Int(settings.timeout * 1000))
        // Also bounds the QUIT at the end of a batch (libcurl's default is 120 s).
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, max(1, Int(settings.timeout.rounded(.up))))
        try easy.set(CURLOPT_TCP_KEEPALIVE, true)
        if !implicitTLS {
            try easy.set(CURLOPT_USE_SSL, Int(settings.tls == .required ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
        }
        try easy.set(CURLOPT_SSL_VERIFYPEER, true)
        try easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundle { try easy.set(CURLOPT_CAINFO_BLOB, blob: caBundle) }
        if let user = settings.user {
            try easy.set(CURLOPT_USERNAME, user)
            try easy.set(CURLOPT_PASSWORD, settings.password ?? "")
        }
        try easy.setMailRecipientAllowFails(true)
        try easy.set(CURLOPT_UPLOAD, true)

        let userdata = Unmanaged.passUnretained(context).toOpaque()
        try easy.set(CURLOPT_READDATA, pointer: userdata)
        try easy.set(CURLOPT_READFUNCTION, readCallback: { buffer, size, count, userdata in
            guard let buffer, let userdata else { return 0 }
            let context = Unmanaged<TransferContext>.fromOpaque(userdata).takeUnretainedValue()
            return context.read(into: buffer, capacity: size * count)
        })
        try easy.follow(context)
    }

    // MARK: One message

    private func transfer(_ handle: PreparedHandle, whileWaiting: () -> Bool) -> DeliveryResult {
        let easy = handle.easy, context = handle.context
        let mail = context.mail
        // A batch has one sender: it is checked once.
        if mail.from != context.checkedSender {
            guard Mailbox.isValidAddress(mail.from) else {
                return .permanent(reply: "invalid sender address \(mail.from)")
            }
            context.checkedSender = mail.from
        }
        var valid: [String] = []
        var invalid: [RefusedRecipient] = []
        for address in mail.recipients {
            // No SMTPUTF8: a raw UTF-8 RCPT TO is refused here, not garbled on the way (`check`
            // refuses such addresses in the roster already).
            if !address.unicodeScalars.allSatisfy(\.isASCII) {
                invalid.append(RefusedRecipient(address: address, reply: "non-ASCII address (SMTPUTF8 is not supported), not sent"))
            } else if Mailbox.isValidAddress(address) {
                valid.append(address)
            } else {
                invalid.append(RefusedRecipient(address: address, reply: "invalid address, not sent"))
            }
        }
        guard !valid.isEmpty else {
            return .permanent(reply: invalid.isEmpty ? "no recipients" : "no valid recipient address")
        }

        var list: UnsafeMutablePointer<curl_slist>?
        for address in valid {
            guard let extended = curl_slist_append(list, "<\(address)>") else {
                curl_slist_free_all(list)
                return .temporary(reply: "internal: out of memory")
            }
            list = extended
        }
        defer { curl_slist_free_all(list) }
        context.begin()
        let code: CURLcode
        do {
            if mail.from != context.envelopeSender {
                try easy.set(CURLOPT_MAIL_FROM, "<\(mail.from)>")
                context.envelopeSender = mail.from
            }
            try easy.set(CURLOPT_MAIL_RCPT, list: list)
            try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(mail.data.count))
            let performed = Result { try handle.multi.perform(easy, whileWaiting: whileWaiting) }
            // The list is freed below; the handle must not keep pointing at it, whatever happened.
            try easy.set(CURLOPT_MAIL_RCPT, list: nil)
            code = try performed.get()
        } catch {
            return .temporary(reply: "internal: \(error)")
        }
        if code == CURLE_ABORTED_BY_CALLBACK && context.stoppedBeforeEndOfData {
            return .temporary(reply: "not sent: stopped before the end of data (the previous message's record failed)")
        }
        var result = classify(code, transcript: context.transcript, easy: easy)
        if case .accepted(let reply, let refused) = result, !invalid.isEmpty {
            result = .accepted(reply: reply, refused: refused + invalid)
        }
        return result
    }
}

/// One configured easy handle, the multi handle that drives it and keeps its connection, and
/// the context its callbacks reach: made at a transport's first `send`, kept for the next ones
/// (the connection with them), freed with the transport or `close()`.
final class PreparedHandle {
    let easy: CurlEasy
    let multi: CurlMulti
    let context: TransferContext
    /// The last transaction failed: the next message starts on a new connection.
    var freshConnection = false

    init(easy: CurlEasy, multi: CurlMulti, context: TransferContext) {
        self.easy = easy
        self.multi = multi
        self.context = context
    }
}

/// The state the C callbacks reach through their userdata pointer: the message being read out
/// and the transcript being written. Owned by one `PreparedHandle`, used by one thread.
final class TransferContext: CurlConversation {
    /// The one message buffer of a handle: `send(count:message:…)` fills it for each message.
    var mail = OutgoingMail(from: "", recipients: [], data: [])
    /// Index of `mail` in the batch, for `endOfData`.
    var index = 0
    /// Called once the body is read out, before libcurl sends the end-of-data; false aborts.
    var endOfData: ((Int) -> Bool)?
    /// The last `endOfData` said no: the transfer was aborted on purpose.
    private(set) var stoppedBeforeEndOfData = false
    /// `endOfData` was asked for this message.
    private var askedEndOfData = false
    private var offset = 0
    var transcript = SMTPTranscript()
    /// The last sender address found valid (the same for a whole batch).
    var checkedSender: String?
    /// The `MAIL FROM` the handle holds (set again only when it changes).
    var envelopeSender: String?

    func begin() {
        offset = 0
        stoppedBeforeEndOfData = false
        askedEndOfData = false
        transcript.reset()
        forgetPartialLine()
    }

    /// Hands libcurl the next bytes of `mail`. libcurl stops reading once it has the size it
    /// was told (`CURLOPT_INFILESIZE_LARGE`), so the end of data is found here: before the
    /// last piece of the body (all of it, for a message smaller than libcurl's upload buffer)
    /// `endOfData` is asked; then that piece goes out and libcurl sends the end-of-data. The
    /// piece and its closing CRLF go in one chunk (libcurl 7.88 looks for the closing CRLF
    /// within one chunk: a lone LF at a chunk's end arrived as CR CR LF), and one send less
    /// per message than holding back only the last bytes: on loopback each send wakes the
    /// server.
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let remaining = mail.data.count - offset
        let count = min(capacity, remaining)
        if count == remaining, !askedEndOfData, let endOfData {
            askedEndOfData = true
            if !endOfData(index) {
                stoppedBeforeEndOfData = true
                return Int(CURL_READFUNC_ABORT)
            }
        }
        guard count > 0 else { return 0 }
        mail.data.withUnsafeBytes { bytes in
            UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }

    override func received(_ line: String) { transcript.received(line) }

    override func sent(_ line: String) { transcript.sent(line) }
}
