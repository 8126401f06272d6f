import Foundation

/// Why a log row says what it says, as a code with typed arguments, rendered in the reader's
/// language only when it is shown (`log`, `status`, the monthly report; `LogDetail+Text`).
///
/// The store keeps the case name as the row's `code` and the arguments as a JSON object
/// (`stored`, `init(code:arguments:)`), so a Chinese secretary and an English script read the
/// same row, and a new wording never needs the old rows rewritten. Addresses, ids, dates, notes
/// and server replies are arguments: they are shown as they were written.
public enum LogDetail: Sendable, Equatable, Codable {
    // MARK: deciding (`superseded`, and `failed` for nobody to send to)

    /// An older step still waiting for a retry gave way to `step` of the same thread.
    case laterStepDue(step: String)
    /// A notice whose moment has passed, or older than `catch_up`: never sent.
    case noticeTooLate
    /// Missed while liaisond did not run; a later step of the thread went out instead.
    case missedWhileStopped
    /// The member left the roster before the reminder was sent.
    case memberGone(member: String)
    /// The rule no longer asks for it (a record came in) before it was sent.
    case resolvedBeforeSending
    /// Due, but nobody named has an e-mail address.
    case noAddress

    // MARK: sending

    /// One recipient was refused; the others received the message.
    case recipientRefused
    /// Temporary failures for longer than `retry_max_age` (its configured value, as written).
    case gaveUp(retryMaxAge: String)
    /// A failure that stopped the pass (`ServerProblem`): what to check.
    case serverStopped(failure: ServerFailure)
    /// One of the reminders carried together in message `bundle`; `gaveUp` after `retry_max_age`.
    case bundled(items: Int, bundle: String, gaveUp: Bool)

    // MARK: records

    /// A record was stored (by `record`, or by a reply).
    case recorded(record: RecordLine)
    /// Record `id` was withdrawn, with the note given.
    case withdrawn(id: Int64, kind: String, date: String, note: String?)

    // MARK: replies

    /// A reply: its sender and first lines.
    case reply(from: String, text: String)
    /// A line of a reply to the daily list that was not a command: nothing was recorded.
    case notRecorded(from: String, text: String)
    /// A reply to the daily list without a line that starts with a member id.
    case noMemberLine(from: String)
    /// A reply from an address the thread was not sent to.
    case notThreadRecipient(from: String)
    /// A reply to the daily list from an address it was not sent to.
    case notDailyRecipient(from: String)
    /// No thread matches (an unknown or made-up token).
    case noThread(from: String)
    /// The same message again (same `Message-ID`); `messageID` when the store noticed it.
    case duplicate(messageID: String?)
    /// An automatic message (RFC 3834), and the sign that gave it away.
    case automatic(sign: AutomaticSign, from: String)
    /// Bytes without a single header field.
    case notAMessage(bytes: Int)
    /// A message over the 10 MB limit, not read.
    case tooLarge(bytes: Int, from: String)

    // MARK: delivery reports (RFC 3464)

    /// A report about a message liaisond did not send.
    case reportNotOurs(from: String)
    /// A report not from a mailer-daemon or postmaster: anyone could have written it.
    case reportNotBelieved(from: String)
    /// A report naming an address reminder `key` was never sent to.
    case reportNamesStranger(from: String, address: String, key: String)
    /// A report in which no recipient failed (`actions`: the actions it gives, comma-separated).
    case reportWithoutFailure(actions: String, from: String)
    /// A recipient failed for good (`status`: `5.1.1` …).
    case bounced(from: String, status: String)

    // MARK: rows written before schema 5

    /// Legacy: the English sentence a row written before schema 5 carries, shown as it is. Never
    /// written by this version (the store keeps it in the old `detail` column).
    case legacy(text: String)

    /// The failures that stop a pass (`ServerProblem` in the transport), as the log names them.
    public enum ServerFailure: String, Sendable, Codable, CaseIterable {
        case authentication, connection, tls, stall
    }

    /// What a record's log row shows of it.
    public struct RecordLine: Sendable, Equatable, Codable {
        public var id: Int64
        /// `Record.Kind`'s raw value.
        public var kind: String
        public var date: String
        /// A dues record's month.
        public var through: String?
        /// A report record's period.
        public var period: String?
        public var method: String?
        /// The note, cut to what a log line can show.
        public var note: String?
        /// `cli`, or `reply <Message-ID>`.
        public var source: String

        /// The line of record `id`: a long note is cut to its first 80 characters (the record
        /// keeps it whole; `log --event N` shows it).
        public init(_ r: Record, id: Int64, source: String) {
            self.id = id
            kind = r.kind.rawValue
            date = r.date.description
            through = r.through?.description
            period = r.period
            method = r.method
            note = r.note.flatMap { $0.isEmpty ? nil : $0.count > 80 ? String($0.prefix(80)) + "…" : $0 }
            self.source = source
        }
    }
}

extension LogDetail {
    /// The row's code and arguments: the case name and its values as a JSON object (keys sorted),
    /// as the synthesized `Codable` writes them (`LogDetail+JSON`). nil for `legacy`, which is
    /// never stored as a code.
    public var stored: (code: String, arguments: String)? { codeAndArguments }

    /// A stored row's detail; nil when the code is unknown or its arguments do not fit it (a
    /// row written by a newer liaisond).
    public init?(code: String, arguments: String) {
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isLetter }),
              let d = try? JSONDecoder().decode(LogDetail.self, from: Data("{\"\(code)\":\(arguments)}".utf8)) else {
            return nil
        }
        self = d
    }
}
