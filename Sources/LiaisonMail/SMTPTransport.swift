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
    /// Messages tried (the batch may have been stopped early by `each`).
    public var attempted: Int
    /// Connections opened; 1 for a batch that went over one connection.
    public var connections: Int

    public init(attempted: Int, connections: Int) {
        self.attempted = attempted
        self.connections = connections
    }
}

/// Sends messages to one SMTP server: libcurl connects (TLS, EHLO, AUTH), the commands of each
/// message are ours (`SMTPConnection`, pipelined when the server offers it).
///
/// One connection, opened at the first message, serves every `send` of the transport, so the
/// messages of all its batches share it (QUIT when the transport goes away or at `close()`).
/// A failure does not end the batch: after any message that was not accepted the server's state
/// is unknown, and the next message opens a new connection, as a careful client would (one
/// bad transaction cannot turn the next message into a spurious `503 nested MAIL command`).
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
    /// The connection every `send` reuses and the buffers of its messages. Guarded by
    /// `sessionLock` (a transport's sends are serial; the lock makes sure).
    nonisolated(unsafe) private let session = SendSession()
    private let sessionLock = NSLock()

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
    /// - `beforeEndOfData(i)` runs once the server answered message `i`'s `DATA` with `354` and
    ///   before the message and its end of data (the `.` the server answers 250 to) go out. A
    ///   loop that commits message `i − 1` makes sure here that the commit is done;
    ///   returning false aborts message `i` before the server can accept it (it is
    ///   reported as a temporary failure, the connection is dropped), so a crash or a failed
    ///   commit repeats at most one message.
    /// - `each(i, result)` as in `send(_:each:)`.
    @discardableResult
    public func send(count: Int, message: (Int, inout OutgoingMail) -> Void, whileWaiting: () -> Bool,
                     beforeEndOfData: (Int) -> Bool, each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary {
        var summary = SMTPBatchSummary(attempted: 0, connections: 0)
        guard count > 0 else { return summary }
        sessionLock.lock()
        defer { sessionLock.unlock() }
        for index in 0..<count {
            message(index, &session.mail)
            let result = transfer(session, index: index, summary: &summary, whileWaiting: whileWaiting,
                                  beforeEndOfData: beforeEndOfData)
            if case .accepted = result {} else { session.abandon() }
            summary.attempted += 1
            if !each(index, result) { break }
        }
        return summary
    }

    /// Whether the open connection sends each envelope at once (the server offers PIPELINING);
    /// nil without one. Not from inside a `send`'s callbacks (the send holds the lock).
    var pipelinesEnvelopes: Bool? { sessionLock.withLock { session.connection?.pipelining } }

    /// Ends the connection (QUIT) now instead of when the transport goes away; the next `send`
    /// connects again.
    public func close() {
        sessionLock.withLock { session.close(quitWithin: settings.timeout) }
    }

    deinit {
        session.close(quitWithin: settings.timeout)
    }

    // MARK: Setup

    /// A handle that opens a connection and stops there (`CURLOPT_CONNECT_ONLY`): the greeting,
    /// EHLO, STARTTLS and AUTH are libcurl's, heard by `conversation`.
    func configure(_ easy: CurlEasy, conversation: CurlConversation) throws {
        try easy.set(CURLOPT_URL, curlURL)
        try easy.set(CURLOPT_CONNECT_ONLY, 1)
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
        try easy.follow(conversation)
    }

    /// Why `openConnection` has no connection to give: the failure as a send reports it.
    struct NotConnected: Error {
        let result: DeliveryResult
    }

    /// libcurl connects, greets, starts TLS and logs in (`CURLOPT_CONNECT_ONLY`), heard into
    /// `context`'s transcript; the commands after that are the returned connection's.
    func openConnection(heardBy context: TransferContext) throws(NotConnected) -> SMTPConnection {
        do {
            let easy = try CurlEasy()
            try configure(easy, conversation: context)
            let code = withExtendedLifetime(context) { easy.perform() }
            guard code == CURLE_OK else { throw NotConnected(result: classify(code, transcript: context.transcript, easy: easy)) }
            return try SMTPConnection(easy: easy, extensions: context.transcript.extensions)
        } catch let failure as NotConnected {
            throw failure
        } catch {
            throw NotConnected(result: .temporary(reply: "internal: cannot set up libcurl: \(error)"))
        }
    }

    // MARK: One message

    private func transfer(_ handle: SendSession, index: Int, summary: inout SMTPBatchSummary,
                          whileWaiting: () -> Bool, beforeEndOfData: (Int) -> Bool) -> DeliveryResult {
        let mail = handle.mail
        // A batch has one sender: it is checked once.
        if mail.from != handle.checkedSender {
            guard Mailbox.isValidAddress(mail.from) else {
                return .permanent(reply: "invalid sender address \(mail.from)")
            }
            handle.checkedSender = mail.from
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

        let context = handle.context
        context.begin()
        // `timeout` bounds the message from connecting (when it must) to the final reply.
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(settings.timeout * 1e9)
        if let stale = handle.connection, stale.isStale() { handle.abandon() }
        let connection: SMTPConnection
        if let open = handle.connection {
            connection = open
        } else {
            do {
                connection = try openConnection(heardBy: context)
            } catch {
                return error.result
            }
            handle.connection = connection
            summary.connections += 1
        }

        let size = connection.announcesSize ? " SIZE=\(mail.data.count)" : ""
        let envelope = ["MAIL FROM:<\(mail.from)>\(size)"] + valid.map { "RCPT TO:<\($0)>" } + ["DATA"]
        var result: DeliveryResult
        do {
            result = try exchange(envelope, mail, on: connection, index: index, deadline: deadline,
                                  transcript: &context.transcript, whileWaiting: whileWaiting,
                                  beforeEndOfData: beforeEndOfData)
        } catch {
            result = classify(error.code, transcript: context.transcript, easy: connection.easy)
        }
        if case .accepted(let reply, let refused) = result, !invalid.isEmpty {
            result = .accepted(reply: reply, refused: refused + invalid)
        }
        return result
    }

    /// One message's commands and replies; a refusal ends it at once (the connection is dropped
    /// after it, so the replies to the rest of a pipelined envelope need not be read).
    private func exchange(_ envelope: [String], _ mail: OutgoingMail, on connection: SMTPConnection, index: Int,
                          deadline: UInt64, transcript: inout SMTPTranscript, whileWaiting: () -> Bool,
                          beforeEndOfData: (Int) -> Bool) throws(SMTPConnection.Failure) -> DeliveryResult {
        func refused() -> DeliveryResult {
            classify(CURLE_WEIRD_SERVER_REPLY, transcript: transcript, easy: connection.easy)
        }
        if connection.pipelining {
            try connection.send(commands: envelope, deadline: deadline, transcript: &transcript)
        }
        var accepted = 0
        for (n, command) in envelope.enumerated() {
            if !connection.pipelining {
                try connection.send(commands: [command], deadline: deadline, transcript: &transcript)
            }
            let code = try connection.reply(deadline: deadline, transcript: &transcript, whileWaiting: whileWaiting)
            switch n {
            case 0:
                guard code / 100 == 2 else { return refused() }
            case envelope.count - 1:
                guard code == 354 else { return refused() }
            default:
                // A refused recipient does not stop the others; none accepted stops the message.
                if code / 100 == 2 { accepted += 1 }
                if n == envelope.count - 2 && accepted == 0 { return refused() }
            }
        }
        guard beforeEndOfData(index) else {
            return .temporary(reply: "not sent: stopped before the end of data (the previous message's record failed)")
        }
        try connection.send(message: mail.data, deadline: deadline, transcript: &transcript)
        let code = try connection.reply(deadline: deadline, transcript: &transcript, whileWaiting: whileWaiting)
        guard code / 100 == 2 else { return refused() }
        return classify(CURLE_OK, transcript: transcript, easy: connection.easy)
    }
}

/// A transport's connection (none before the first message and after a failure), the one
/// message buffer `send(count:message:…)` fills for each message, and the transcript its
/// connection's handshake and commands are heard into.
final class SendSession {
    var connection: SMTPConnection?
    /// The one message buffer of a transport: `send(count:message:…)` fills it for each message.
    var mail = OutgoingMail(from: "", recipients: [], data: [])
    let context = TransferContext()
    /// The last sender address found valid (the same for a whole batch).
    var checkedSender: String?

    /// Drops the connection without a word: after a failure the server's state is unknown.
    func abandon() {
        connection?.close(quit: false, deadline: 0)
        connection = nil
    }

    func close(quitWithin seconds: Double) {
        connection?.close(quit: true, deadline: DispatchTime.now().uptimeNanoseconds + UInt64(min(seconds, 5) * 1e9))
        connection = nil
    }
}

/// What the C callbacks reach through their userdata pointer while libcurl opens a connection,
/// and where our own commands are written down: one message's transcript. Owned by one
/// `SendSession`, used by one thread.
final class TransferContext: CurlConversation {
    var transcript = SMTPTranscript()

    func begin() {
        transcript.reset()
        forgetPartialLine()
    }

    override func received(_ line: String) { transcript.received(line) }

    override func sent(_ line: String) { transcript.sent(line) }
}
