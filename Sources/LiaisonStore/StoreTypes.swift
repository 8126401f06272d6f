import Foundation
import LiaisonCore

/// Where a reminder stands. A row exists from the moment it is decided, before anything is
/// sent, so a crash can never lose one.
public enum ReminderState: String, Sendable, CaseIterable {
    /// Decided, not yet sent.
    case queued
    /// The server said 250.
    case sent
    /// A temporary failure (4xx, no connection, TLS); retried after `nextTry`.
    case deferred
    /// A permanent failure (5xx) or `retry_max_age` passed.
    case failed
    /// Not sent: a later step or newer period went out instead, or it was resolved/expired.
    case superseded
    /// Due, but nobody named has an e-mail address.
    case unreachable
}

/// One row of the reminders table.
public struct StoredReminder: Sendable, Equatable {
    public var key: String
    public var thread: String
    public var rule: RuleID
    public var member: String?
    public var grid: String?
    public var period: String
    public var step: Step
    public var deadline: LocalDate?
    public var dueAt: Date
    public var state: ReminderState
    public var attempts: Int
    public var nextTry: Date?
    public var firstTry: Date?
    public var messageID: String
    public var openPeriods: [String]
    /// The facts as stored (`Store.encodeFacts`): read only when the reminder is worded
    /// from the store (a pass words what it decided from its own decision).
    var storedFacts: String
    public var facts: RuleFacts { Store.decodeFacts(storedFacts, rule: rule) }
    public var to: [Mailbox]
    public var cc: [Mailbox]
    public var lastSMTP: String?
    /// The message (bundle) carrying this reminder with others, once one was made for it.
    public var bundle: String? = nil
    /// When the row last changed: for a sent reminder, when the server accepted it.
    public var updated: Date

    /// Back to the core's value, for rendering.
    public var dueReminder: DueReminder {
        DueReminder(rule: rule, member: member, grid: grid, period: period, step: step, deadline: deadline,
                    dueAt: dueAt, to: to, cc: cc, openPeriods: openPeriods, facts: facts)
    }
}

/// Events of the reminder log (interface.md, `log --json`).
public enum LogEvent: String, Sendable, CaseIterable {
    case sent, deferred, failed, superseded, reply, rejected, ignored, ack, record, void
}

/// One line of the reminder log: every attempt, every reply, every record.
public struct LogEntry: Sendable, Equatable {
    public var id: Int64
    public var time: Date
    public var event: LogEvent
    public var rule: String?
    public var member: String?
    public var grid: String?
    public var step: String?
    public var key: String?
    public var to: [String]
    public var cc: [String]
    public var subject: String?
    public var smtp: String?
    public var attempt: Int?
    /// Why: a step superseded, the first lines of a reply, a record's summary … (a code and its
    /// arguments, rendered in the reader's language when shown).
    public var detail: LogDetail?

    public init(id: Int64 = 0, time: Date, event: LogEvent, rule: String? = nil, member: String? = nil,
                grid: String? = nil, step: String? = nil, key: String? = nil, to: [String] = [], cc: [String] = [],
                subject: String? = nil, smtp: String? = nil, attempt: Int? = nil, detail: LogDetail? = nil) {
        self.id = id
        self.time = time
        self.event = event
        self.rule = rule
        self.member = member
        self.grid = grid
        self.step = step
        self.key = key
        self.to = to
        self.cc = cc
        self.subject = subject
        self.smtp = smtp
        self.attempt = attempt
        self.detail = detail
    }
}

/// Filters of `liaisond log`.
public struct LogFilter: Sendable {
    public var member: String?
    /// Members whose liaison is this person (resolved by the caller into member ids).
    public var members: Set<String>?
    public var rule: String?
    public var since: Date?
    public var event: LogEvent?
    public var limit: Int?

    public init(member: String? = nil, members: Set<String>? = nil, rule: String? = nil, since: Date? = nil,
                event: LogEvent? = nil, limit: Int? = nil) {
        self.member = member
        self.members = members
        self.rule = rule
        self.since = since
        self.event = event
        self.limit = limit
    }
}

/// A thread's identity: its unguessable token and the message ids to chain new messages to.
public struct ThreadInfo: Sendable, Equatable {
    public var thread: String
    public var token: String
    /// Oldest first; the last one is `In-Reply-To`.
    public var messageIDs: [String]
}

/// A stored record with its bookkeeping.
public struct StoredRecord: Sendable, Equatable {
    public var record: Record
    public var recordedAt: Date
    public var source: String
    public var voided: Bool
}
