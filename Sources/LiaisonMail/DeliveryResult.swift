/// What became of one message handed to the SMTP server.
///
/// `reply` is the server's own line when there is one (multi-line replies joined with a space,
/// e.g. `250 2.0.0 Ok: queued as 4F2`); otherwise it is liaisond's description of what failed,
/// e.g. `connect: connection refused (127.0.0.1:2525)` or `TLS: certificate not trusted (unknown CA)`.
public enum DeliveryResult: Sendable, Equatable {
    /// The server took the message for at least one recipient; `refused` lists the others.
    case accepted(reply: String, refused: [RefusedRecipient])
    /// Try again later: a 4xx reply, or no usable answer (connection refused, timeout,
    /// disconnect, TLS or authentication failure).
    case temporary(reply: String)
    /// The server refused the message for good (a 5xx reply to MAIL, RCPT or DATA).
    case permanent(reply: String)

    /// The server line or liaisond's description, whatever the case.
    public var reply: String {
        switch self {
        case .accepted(let reply, _), .temporary(let reply), .permanent(let reply): return reply
        }
    }
}

/// A recipient the server refused while it accepted the message for others.
public struct RefusedRecipient: Sendable, Equatable, CustomStringConvertible {
    /// The bare address as given in `OutgoingMail.recipients`.
    public var address: String
    /// The server's reply to `RCPT TO` (or liaisond's reason, for an address it did not send).
    public var reply: String

    /// A 4xx reply: the address may work later (mailbox full, greylisting).
    public var isTemporary: Bool { reply.first == "4" }

    public var description: String { "\(address): \(reply)" }
}
