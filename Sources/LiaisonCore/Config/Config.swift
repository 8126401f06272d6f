/// The parsed config file. Every default lives in `Config.Defaults`; paths are kept as written
/// (relative ones are resolved by the loader against the config file's folder).
///
/// Only `ConfigParser` (and the tests) build one, so these types use the memberwise
/// initialisers Swift writes, each default given where the property is declared.
public struct Config: Sendable, Equatable {
    public enum Language: String, Sendable, Equatable { case zh, en }
    public enum TLSMode: String, Sendable, Equatable { case required, none }

    public struct Branch: Sendable, Equatable {
        public var name: String
        public var secretary: Mailbox
        /// IANA zone name, validated by the parser.
        public var timezone: String = Config.Defaults.timezone
        public var language: Language = Config.Defaults.language
        public var activityDay: Int = Config.Defaults.activityDay
    }

    public struct Roster: Sendable, Equatable {
        public var members: String
        public var people: String
    }

    public struct SMTP: Sendable, Equatable {
        public var url: String
        public var user: String?
        public var passwordFile: String?
        public var from: Mailbox
        public var tls: TLSMode = Config.Defaults.tls
        public var caFile: String?
        public var maxPerMinute: Int = Config.Defaults.maxPerMinute
        public var maxPerDay: Int = Config.Defaults.maxPerDay
        public var connections: Int = Config.Defaults.connections
        /// Seconds one message may take, from connecting to the server's final reply, before it
        /// is deferred (`timeout`); a hung server then costs one message, not the pass.
        public var timeout: Double = Config.Defaults.smtpTimeout
        /// Seconds to open the connection (TCP and TLS) before the server counts as unreachable
        /// (`connect_timeout`).
        public var connectTimeout: Double = Config.Defaults.smtpConnectTimeout
    }

    public struct IMAP: Sendable, Equatable {
        public var url: String
        public var user: String?
        public var passwordFile: String?
        public var tls: TLSMode = Config.Defaults.tls
        public var caFile: String?
        /// Seconds between polls.
        public var poll: Double = Config.Defaults.imapPoll
        public var sendID: Bool = false
    }

    public struct Schedule: Sendable, Equatable {
        public var sendAt: TimeOfDay = Config.Defaults.sendAt
        public var leadDays: [Int] = Config.Defaults.leadDays
        public var repeatDays: Int = Config.Defaults.repeatDays
        public var duesDay: Int = Config.Defaults.duesDay
        public var activityNoticeDays: Int = Config.Defaults.activityNoticeDays
        public var surveyLeadDays: Int = Config.Defaults.surveyLeadDays
        public var retryMaxAge: Duration = Config.Defaults.retryMaxAge
        public var lostAfter: Duration = Config.Defaults.lostAfter
        public var quiet: [ClosedRange<LocalDate>] = []
        public var catchUp: Duration = Config.Defaults.catchUp
        /// Seconds before a deferred message is tried again the first time (`retry_backoff`);
        /// each further try waits twice as long, up to `Config.Defaults.retryBackoffMaximum`.
        public var retryBackoff: Double = Config.Defaults.retryBackoff
        /// Seconds before the daemon tries again after a pass that could not finish, store
        /// locked or full (`pass_retry`); doubling, up to an hour.
        public var passRetry: Double = Config.Defaults.passRetry
        // `report_every` for members whose row leaves it empty is `quarter`; not a key.
    }

    public var branch: Branch
    public var roster = Roster(members: "members.csv", people: "people.csv")
    public var smtp: SMTP
    public var imap: IMAP?
    /// nil: `liaisond.sqlite` beside the config file (never from the environment: the daemon
    /// and an admin's shell must open the same file).
    public var storePath: String?
    public var schedule = Schedule()
    /// `[rules]` (Config+Rules.swift).
    public var rules = Rules()
    /// `[activity]` (Config+Rules.swift).
    public var activity = Activity()
    /// `[mail]`.
    public var mail = Mail()

    /// `[mail]`: how reminders are put into messages.
    public struct Mail: Sendable, Equatable {
        /// `group = yes` (default): several reminders for the secretary at one send time go out
        /// as one message (每日待办) instead of one per obligation; `no` for branches whose mail
        /// is filtered by thread.
        public var group = true
    }
}

/// Hour and minute of the day in the branch's time zone (`send_at = 09:00`).
public struct TimeOfDay: Sendable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

/// A systemd-style duration (`30s`, `5min`, `7d`, `6month`). Months are kept as calendar
/// months because the regulations count them that way ("六个月"), not as 30.44 days.
public struct Duration: Sendable, Hashable, CustomStringConvertible {
    public var months: Int = 0
    public var seconds: Double = 0

    public static func days(_ d: Int) -> Duration { Duration(seconds: Double(d) * 86400) }

    /// Approximate length, for comparisons where calendar precision does not matter.
    public var approximateSeconds: Double { Double(months) * 30.44 * 86400 + seconds }

    public var description: String { ConfigParser.format(self) }
}

extension Config {
    /// Every default of interface.md, in one place.
    public enum Defaults {
        public static let timezone = "Asia/Shanghai"
        public static let language = Language.zh
        public static let activityDay = 15
        public static let tls = TLSMode.required
        public static let maxPerMinute = 0
        public static let maxPerDay = 0
        public static let connections = 1
        public static let smtpTimeout: Double = 60
        public static let smtpConnectTimeout: Double = 30
        public static let imapPoll: Double = 300
        public static let sendAt = TimeOfDay(hour: 9, minute: 0)
        public static let leadDays = [14, 3]
        public static let repeatDays = 7
        public static let duesDay = 25
        public static let activityNoticeDays = 7
        public static let surveyLeadDays = 7
        public static let retryMaxAge = Duration.days(5)
        /// Postfix's `minimal_backoff_time` and `maximal_backoff_time`: 5 minutes, doubling, at
        /// most 4000 s (about 67 minutes).
        public static let retryBackoff: Double = 300
        public static let retryBackoffMaximum: Double = 4000
        public static let passRetry: Double = 60
        public static let passRetryMaximum: Double = 3600
        public static let lostAfter = Duration(months: 6)
        public static let catchUp = Duration.days(7)
    }
}
