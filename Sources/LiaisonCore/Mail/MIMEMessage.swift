import Foundation

/// One outgoing e-mail: a reminder, an acknowledgement or a help text, as liaisond sends it.
///
/// Everything the rendering needs is a stored value — the date, the zone for its offset, the
/// message id — so that `rendered()` is a pure function of the message: it never reads the
/// clock, a random source, the environment or the locale.
///
/// - Important: `rendered()` never lets a header value break its line. CR, LF and other control
///   characters in any value (subject, display names, ids, extra headers) are replaced by a space
///   or dropped, so roster data cannot inject a header even if it slipped past `check`.
public struct MIMEMessage: Sendable, Hashable {
    /// A header added after the standard ones (e.g. `X-Liaisond-Rule`). The name must be
    /// printable ASCII without `:`; names that would override a header the writer produces
    /// itself are dropped.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var from: Mailbox
    public var to: [Mailbox]
    public var cc: [Mailbox]
    public var subject: String
    /// Plain text; any line ending (`\n`, `\r\n`, `\r`) is sent as CRLF.
    public var body: String
    public var date: Date
    /// The zone whose offset the `Date` header carries (the branch's zone).
    public var timeZone: TimeZone
    /// Without angle brackets: `20261201T090000.K3F9Q2M7XA4PLD8W@example.org`.
    public var messageID: String
    /// Without angle brackets.
    public var inReplyTo: String?
    /// Without angle brackets, oldest first.
    public var references: [String]
    /// RFC 3834: `auto-generated` for reminders, `auto-replied` for acknowledgements.
    public var autoSubmitted: String
    public var extraHeaders: [Header]
    /// An HTML alternative of `body` (the monthly report's tables); with it, or with an
    /// attachment, the message is `multipart/mixed` around `multipart/alternative`.
    public var html: String? = nil
    public var attachments: [Attachment] = []

    /// A file sent with the message (the monthly report's ledger table).
    public struct Attachment: Sendable, Hashable {
        /// Shown to the reader; non-ASCII names are encoded (RFC 2231 and RFC 2047).
        public var filename: String
        /// E.g. `text/csv; charset=GB18030`.
        public var contentType: String
        public var data: [UInt8]
        public init(filename: String, contentType: String, data: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.data = data
        }
    }

    public init(from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], subject: String, body: String,
                date: Date, timeZone: TimeZone, messageID: String, inReplyTo: String? = nil,
                references: [String] = [], autoSubmitted: String = "auto-generated",
                extraHeaders: [Header] = []) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.body = body
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.autoSubmitted = autoSubmitted
        self.extraHeaders = extraHeaders
    }

    /// The whole message as sent over SMTP (RFC 5322, CRLF line ends, 7-bit clean).
    public func rendered() -> [UInt8] {
        MIMEWriter.render(self)
    }
}
