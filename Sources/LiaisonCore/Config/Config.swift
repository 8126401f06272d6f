/// The parsed config file. Every default lives in `Config.Defaults`; paths are kept as written
/// (relative ones are resolved by the loader against the config file's folder).
public struct Config: Sendable, Equatable {
    public enum Language: String, Sendable, Equatable { case zh, en }
    public enum TLSMode: String, Sendable, Equatable { case required, none }

    public struct Branch: Sendable, Equatable {
        public var name: String
        public var secretary: Mailbox
        /// IANA zone name, validated by the parser.
        public var timezone: String
        public var language: Language
        public var activityDay: Int

        public init(name: String, secretary: Mailbox, timezone: String = Config.Defaults.timezone,
                    language: Language = Config.Defaults.language, activityDay: Int = Config.Defaults.activityDay) {
            self.name = name
            self.secretary = secretary
            self.timezone = timezone
            self.language = language
            self.activityDay = activityDay
        }
    }

    public struct Roster: Sendable, Equatable {
        public var members: String
        public var people: String

        public init(members: String, people: String) {
            self.members = members
            self.people = people
        }
    }

    public struct SMTP: Sendable, Equatable {
        public var url: String
        public var user: String?
        public var passwordFile: String?
        public var from: Mailbox
        public var tls: TLSMode
        public var caFile: String?
        public var maxPerMinute: Int
        public var maxPerDay: Int
        public var connections: Int
        /// Seconds one message may take, from connecting to the server's final reply, before it
        /// is deferred (`timeout`); a hung server then costs one message, not the pass.
        public var timeout: Double
        /// Seconds to open the connection (TCP and TLS) before the server counts as unreachable
        /// (`connect_timeout`).
        public var connectTimeout: Double

        public init(url: String, user: String? = nil, passwordFile: String? = nil, from: Mailbox,
                    tls: TLSMode = Config.Defaults.tls, caFile: String? = nil,
                    maxPerMinute: Int = Config.Defaults.maxPerMinute, maxPerDay: Int = Config.Defaults.maxPerDay,
                    connections: Int = Config.Defaults.connections, timeout: Double = Config.Defaults.smtpTimeout,
                    connectTimeout: Double = Config.Defaults.smtpConnectTimeout) {
            self.url = url
            self.user = user
            self.passwordFile = passwordFile
            self.from = from
            self.tls = tls
            self.caFile = caFile
            self.maxPerMinute = maxPerMinute
            self.maxPerDay = maxPerDay
            self.connections = connections
            self.timeout = timeout
            self.connectTimeout = connectTimeout
        }
    }

    public struct IMAP: Sendable, Equatable {
        public var url: String
        public var user: String?
        public var passwordFile: String?
        public var tls: TLSMode
        public var caFile: String?
        /// Seconds between polls.
        public var poll: Double
        public var sendID: Bool

        public init(url: String, user: String? = nil, passwordFile: String? = nil, tls: TLSMode = Config.Defaults.tls,
                    caFile: String? = nil, poll: Double = Config.Defaults.imapPoll, sendID: Bool = false) {
            self.url = url
            self.user = user
            self.passwordFile = passwordFile
            self.tls = tls
            self.caFile = caFile
            self.poll = poll
            self.sendID = sendID
        }
    }

    public struct Schedule: Sendable, Equatable {
        public var sendAt: TimeOfDay
        public var leadDays: [Int]
        public var repeatDays: Int
        public var duesDay: Int
        public var activityNoticeDays: Int
        public var surveyLeadDays: Int
        public var retryMaxAge: Duration
        /// Seconds before a deferred message is tried again the first time (`retry_backoff`);
        /// each further try waits twice as long, up to `Config.Defaults.retryBackoffMaximum`.
        public var retryBackoff: Double
        /// Seconds before the daemon tries again after a pass that could not finish, store
        /// locked or full (`pass_retry`); doubling, up to an hour.
        public var passRetry: Double
        public var lostAfter: Duration
        public var quiet: [ClosedRange<LocalDate>]
        public var catchUp: Duration
        /// `report_every` for members whose row leaves it empty is `quarter`; not a key.

        public init(sendAt: TimeOfDay = Config.Defaults.sendAt, leadDays: [Int] = Config.Defaults.leadDays,
                    repeatDays: Int = Config.Defaults.repeatDays, duesDay: Int = Config.Defaults.duesDay,
                    activityNoticeDays: Int = Config.Defaults.activityNoticeDays,
                    surveyLeadDays: Int = Config.Defaults.surveyLeadDays,
                    retryMaxAge: Duration = Config.Defaults.retryMaxAge, lostAfter: Duration = Config.Defaults.lostAfter,
                    quiet: [ClosedRange<LocalDate>] = [], catchUp: Duration = Config.Defaults.catchUp,
                    retryBackoff: Double = Config.Defaults.retryBackoff, passRetry: Double = Config.Defaults.passRetry) {
            self.sendAt = sendAt
            self.leadDays = leadDays
            self.repeatDays = repeatDays
            self.duesDay = duesDay
            self.activityNoticeDays = activityNoticeDays
            self.surveyLeadDays = surveyLeadDays
            self.retryMaxAge = retryMaxAge
            self.lostAfter = lostAfter
            self.quiet = quiet
            self.catchUp = catchUp
            self.retryBackoff = retryBackoff
            self.passRetry = passRetry
        }
    }

    public var branch: Branch
    public var roster: Roster
    public var smtp: SMTP
    public var imap: IMAP?
    /// nil: `liaisond.sqlite` beside the config file (never from the environment: the daemon
    /// and an admin's shell must open the same file).
    public var storePath: String?
    public var schedule: Schedule
    /// `[rules]` (Config+Rules.swift).
    public var rules: Rules
    /// `[activity]` (Config+Rules.swift).
    public var activity: Activity
    /// `[mail]`.
    public var mail = Mail()

    /// `[mail]`: how reminders are put into messages.
    public struct Mail: Sendable, Equatable {
        /// `group = yes` (default): several reminders for the secretary at one send time go out
        /// as one message (每日待办) instead of one per obligation; `no` for branches whose mail
        /// is filtered by thread.
        public var group = true
        public init(group: Bool = true) { self.group = group }
    }

    public init(branch: Branch, roster: Roster = Roster(members: "members.csv", people: "people.csv"), smtp: SMTP,
                imap: IMAP? = nil, storePath: String? = nil, schedule: Schedule = Schedule(),
                rules: Rules = Rules(), activity: Activity = Activity()) {
        self.branch = branch
        self.roster = roster
        self.smtp = smtp
        self.imap = imap
        self.storePath = storePath
        self.schedule = schedule
        self.rules = rules
        self.activity = activity
    }
}

/// Hour and minute of the day in the branch's time zone (`send_at = 09:00`).
public struct TimeOfDay: Sendable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}

/// A systemd-style duration (`30s`, `5min`, `7d`, `6month`). Months are kept as calendar
/// months because the regulations count them that way ("六个月"), not as 30.44 days.
public struct Duration: Sendable, Hashable, CustomStringConvertible {
    public var months: Int
    public var seconds: Double

    public init(months: Int = 0, seconds: Double = 0) {
        self.months = months
        self.seconds = seconds
    }

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
