/// One message to hand to the SMTP server: the envelope and the complete message.
public struct OutgoingMail: Sendable, Equatable {
    /// Bare envelope sender, `local@domain` (MAIL FROM).
    public var from: String
    /// Bare envelope recipients (one RCPT TO each).
    public var recipients: [String]
    /// The complete RFC 5322 message with CRLF line ends; libcurl dot-stuffs it.
    public var data: [UInt8]

    public init(from: String, recipients: [String], data: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.data = data
    }
}
