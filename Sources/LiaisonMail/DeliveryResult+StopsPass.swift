extension DeliveryResult {
    /// True when the failure is the server's or the connection's rather than this message's:
    /// the server could not be reached (`connect:`, `DNS:`), stalled until the timeout, would
    /// not do TLS, or refused the login. Every later message of the pass would meet the same
    /// wall, each after its own timeout (500 reminders against a silent server took hours), so
    /// the pass stops and the rest wait for the same retry without an attempt of their own.
    ///
    /// The one decision for "this failure stops the pass": the reminders, the acknowledgements
    /// and the admin's login check all ask it.
    public var stopsPass: Bool {
        guard case .temporary(let reply) = self else { return false }
        return Self.passStoppingPrefixes.contains { reply.hasPrefix($0) }
    }

    /// The descriptions `SMTPTransport.classify` gives failures that are not about one message.
    static let passStoppingPrefixes = ["connect:", "DNS:", "TLS:", "timeout after", "authentication failed"]
}
