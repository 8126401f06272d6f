/// Failures that concern the server, not the message: trying the next message would fail the
/// same way, and on a hosted mailbox (QQ, 163) every further failed login counts towards a
/// lock-out. One pass stops talking to the server after the first of them (issue 12: "log in
/// once, fail once").
public enum ServerProblem: Sendable, Equatable {
    /// The server refused the login (535, or libcurl's "login denied").
    case authentication
    /// No SMTP conversation: the host cannot be resolved or reached, or it did not greet in time
    /// (often a STARTTLS URL on the implicit-TLS port 465).
    case connection
    /// The TLS handshake or the certificate check failed.
    case tls
    /// The server went silent: no greeting or no answer until the timeout. Every later message
    /// would wait out its own timeout (500 reminders against a silent server took hours).
    case stall

    /// The prefixes `SMTPTransport.classify` writes for these failures (its own descriptions,
    /// never a server's words), so the class can be read back from a stored reply too.
    static let authenticationPrefix = "authentication failed"

    /// The class of a temporary failure's reply, or nil for one that concerns this message only.
    public init?(reply: String) {
        if reply.hasPrefix(ServerProblem.authenticationPrefix) { self = .authentication }
        else if reply.hasPrefix("TLS:") { self = .tls }
        else if reply.hasPrefix("connect:") || reply.hasPrefix("DNS:") { self = .connection }
        else if reply.hasPrefix("timeout after") { self = .stall }
        else { return nil }
    }
}

extension DeliveryResult {
    /// Why this failure concerns the server rather than the message, if it does.
    public var serverProblem: ServerProblem? {
        guard case .temporary(let reply) = self else { return nil }
        return ServerProblem(reply: reply)
    }

    /// True when a pass must not talk to this server again: the message is deferred as usual and
    /// every other waiting message is deferred without an attempt.
    ///
    /// - Note: the one place that decides which failure classes end a pass (the reminders, the
    ///   acknowledgements and the admin's login check all ask it); extend `ServerProblem` rather
    ///   than adding checks to the send loops.
    public var stopsPass: Bool { serverProblem != nil }
}
