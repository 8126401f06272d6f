import Foundation

/// Turns the text of a config file into a `Config`, reporting every problem at once.
///
/// Pure: it reads no file and no environment. Paths are kept as written; the loader resolves
/// them against the config file's folder and reads the password files.
/// - Important: Unknown sections and keys are errors, as is `tls = none` for a host that is not
///   loopback. An empty value (`user =`) means the key is not set: its default applies, or it
///   is reported as missing when it is required.
public enum ConfigParser {
    /// Every section and key the config file may hold, in the order of interface.md.
    public static let knownKeys: [(section: String, keys: [String])] = [
        ("branch", ["name", "secretary", "timezone", "language", "activity_day"]),
        ("roster", ["members", "people"]),
        ("smtp", ["url", "user", "password_file", "from", "tls", "ca_file", "max_per_minute", "max_per_day",
                  "connections", "timeout", "connect_timeout"]),
        ("imap", ["url", "user", "password_file", "tls", "ca_file", "poll", "id"]),
        ("store", ["path"]),
        ("schedule", ["send_at", "lead_days", "repeat_days", "dues_day", "activity_notice_days", "survey_lead_days",
                      "retry_max_age", "retry_backoff", "pass_retry", "lost_after", "quiet", "catch_up"]),
        ("rules", ConfigParser.ruleKeys),
        ("activity", ["time", "place", "topic"]),
        ("mail", ["group"]),
    ]

    /// What a parse found: the config when there is no error, and apart from it the roster
    /// files when `[roster] members` and `people` themselves are fine, so that a loader can
    /// still read the roster and report its problems together with the config's.
    public struct Outcome: Sendable {
        public var config: Config?
        /// Set whenever both roster keys are present and raised no diagnostic, even when other
        /// parts of the file have errors; always `config?.roster` when `config` is set.
        public var roster: Config.Roster?
        public var diagnostics: [Diagnostic]
    }

    /// Parses `text`, naming `file` in diagnostics (`FILE:LINE: message`).
    ///
    /// Returns a config only when there is no error; the diagnostics list every problem found
    /// (INI syntax, unknown names, missing required keys, bad values), in line order.
    public static func parse(_ text: String, file: String) -> (config: Config?, diagnostics: [Diagnostic]) {
        let outcome = parseOutcome(text, file: file)
        return (outcome.config, outcome.diagnostics)
    }

    /// `parse`, keeping the roster keys of a config that failed elsewhere (see `Outcome`).
    public static func parseOutcome(_ text: String, file: String) -> Outcome {
        let (document, syntax) = INIParser.parse(text, file: file)
        var reader = ConfigReader(file: file, document: document)
        reader.diagnostics = syntax
        reader.checkNames()

        let branch = reader.branch()
        let before = reader.diagnostics.count
        let roster = reader.roster()
        // The roster keys are fine when reading them added nothing and no earlier diagnostic
        // (a key given twice, say) sits on one of their lines.
        let rosterSection = document.section("roster")
        let rosterLines = Set(((rosterSection?.entries ?? []) + (rosterSection?.duplicates ?? []))
            .filter { $0.key == "members" || $0.key == "people" }.map(\.line))
        let rosterFine = reader.diagnostics.count == before
            && !reader.diagnostics.contains { $0.isError && $0.file == file && rosterLines.contains($0.line) }
        let smtp = reader.smtp()
        let imap = reader.imap()
        let storePath = reader.optionalString("store", "path")
        let schedule = reader.schedule()
        let rules = reader.rules()
        let activity = reader.activity()
        var group: Bool? = true
        if let e = reader.entry("mail", "group") {
            group = ConfigParser.parseBool(e.value)
            if group == nil { reader.invalid("mail", e, expected: "yes or no") }
        }

        let diagnostics = reader.diagnostics.enumerated()
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            .map(\.element)
        guard !diagnostics.hasErrors, let branch, let roster, let smtp, let schedule, let imap, let rules,
              let activity else {
            return Outcome(config: nil, roster: rosterFine ? roster : nil, diagnostics: diagnostics)
        }
        var config = Config(branch: branch, roster: roster, smtp: smtp, imap: imap.value, storePath: storePath,
                            schedule: schedule, rules: rules, activity: activity)
        config.mail.group = group ?? true
        return Outcome(config: config, roster: roster, diagnostics: diagnostics)
    }
}

/// A section's worth of lookups that record a diagnostic for every problem.
struct ConfigReader {
    /// Wraps an optional section result so that "absent, fine" differs from "broken".
    struct Present<T> { var value: T }

    let file: String
    let document: INIParser.Document
    var diagnostics: [Diagnostic] = []

    init(file: String, document: INIParser.Document) {
        self.file = file
        self.document = document
    }

    // MARK: Sections

    mutating func branch() -> Config.Branch? {
        let name = requiredString("branch", "name")
        let secretary = requiredEntry("branch", "secretary").flatMap { mailbox("branch", $0) }
        var timezone = Config.Defaults.timezone
        if let e = entry("branch", "timezone") {
            if TimeZone(identifier: e.value) != nil {
                timezone = e.value
            } else {
                invalid("branch", e, expected: "an IANA time zone name such as Asia/Shanghai")
            }
        }
        let language = choice("branch", "language", default: Config.Defaults.language)
        let activityDay = integer("branch", "activity_day", in: 1...31, default: Config.Defaults.activityDay)
        guard let name, let secretary, let language, let activityDay else { return nil }
        return Config.Branch(name: name, secretary: secretary, timezone: timezone, language: language,
                             activityDay: activityDay)
    }

    mutating func roster() -> Config.Roster? {
        let members = requiredString("roster", "members")
        let people = requiredString("roster", "people")
        guard let members, let people else { return nil }
        return Config.Roster(members: members, people: people)
    }

    mutating func smtp() -> Config.SMTP? {
        let url = serverURL("smtp", schemes: ["smtp", "smtps"], allowPath: false, required: true)
        let user = optionalString("smtp", "user")
        let passwordFile = optionalString("smtp", "password_file")
        let from = requiredEntry("smtp", "from").flatMap { mailbox("smtp", $0) }
        let tls = tlsMode("smtp", host: url?.parsed.host)
        let caFile = optionalString("smtp", "ca_file")
        let perMinute = integer("smtp", "max_per_minute", in: 0...1_000_000, default: Config.Defaults.maxPerMinute,
                                expected: "a whole number, 0 for no cap")
        let perDay = integer("smtp", "max_per_day", in: 0...100_000_000, default: Config.Defaults.maxPerDay,
                             expected: "a whole number, 0 for no cap")
        let connections = integer("smtp", "connections", in: 1...1000, default: Config.Defaults.connections,
                                  expected: "a whole number, 1 or more")
        let timeout = seconds("smtp", "timeout", in: 1...3600, default: Config.Defaults.smtpTimeout)
        let connectTimeout = seconds("smtp", "connect_timeout", in: 1...3600, default: Config.Defaults.smtpConnectTimeout)
        if let url, let problem = ConfigParser.smtpPortProblem(url.parsed), let e = entry("smtp", "url") {
            error(e.line, "\"url\" in [smtp]: \(problem)")
        }
        if let from, let problem = ConfigParser.hostedSenderProblem(user: user, from: from.address),
           let e = entry("smtp", "from") {
            diagnostics.append(.warning(file: file, line: e.line, problem))
        }
        guard let url, let from, let tls, let perMinute, let perDay, let connections, let timeout, let connectTimeout
        else { return nil }
        return Config.SMTP(url: url.text, user: user, passwordFile: passwordFile, from: from, tls: tls,
                           caFile: caFile, maxPerMinute: perMinute, maxPerDay: perDay, connections: connections,
                           timeout: timeout, connectTimeout: connectTimeout)
    }

    /// `.value == nil`: no [imap] section (replies are not polled); nil: the section is broken.
    mutating func imap() -> Present<Config.IMAP?>? {
        guard document.section("imap") != nil else { return Present(value: nil) }
        let url = serverURL("imap", schemes: ["imap", "imaps"], allowPath: true, required: true)
        let user = optionalString("imap", "user")
        let passwordFile = optionalString("imap", "password_file")
        let tls = tlsMode("imap", host: url?.parsed.host)
        let caFile = optionalString("imap", "ca_file")
        let poll = seconds("imap", "poll", in: 1...(Double(ConfigParser.maximumDurationYears) * 366 * 86400),
                           default: Config.Defaults.imapPoll)
        var sendID: Bool? = false
        if let e = entry("imap", "id") {
            sendID = ConfigParser.parseBool(e.value)
            if sendID == nil { invalid("imap", e, expected: "yes or no") }
        }
        guard let url, let tls, let poll, let sendID else { return nil }
        return Present(value: Config.IMAP(url: url.text, user: user, passwordFile: passwordFile, tls: tls,
                                          caFile: caFile, poll: poll, sendID: sendID))
    }

    mutating func schedule() -> Config.Schedule? {
        let s = "schedule"
        var sendAt: TimeOfDay? = Config.Defaults.sendAt
        if let e = entry(s, "send_at") {
            sendAt = ConfigParser.parseTimeOfDay(e.value)
            if sendAt == nil { invalid(s, e, expected: "HH:MM, e.g. 09:00") }
        }
        var leadDays: [Int]? = Config.Defaults.leadDays
        if let e = entry(s, "lead_days") {
            let items = e.value.split(separator: ",", omittingEmptySubsequences: false)
                .map { ConfigParser.asciiInt(String($0).trimmingWhitespace()) }
            if !items.isEmpty, items.allSatisfy({ $0.map { (1...366).contains($0) } ?? false }) {
                // Largest lead first, each once: the order the reminders go out in.
                leadDays = Array(Set(items.compactMap { $0 })).sorted(by: >)
            } else {
                leadDays = nil
                invalid(s, e, expected: "comma-separated days between 1 and 366, e.g. 14,3")
            }
        }
        let repeatDays = integer(s, "repeat_days", in: 1...366, default: Config.Defaults.repeatDays)
        let duesDay = integer(s, "dues_day", in: 1...31, default: Config.Defaults.duesDay)
        let activityNotice = integer(s, "activity_notice_days", in: 0...366,
                                     default: Config.Defaults.activityNoticeDays)
        let surveyLead = integer(s, "survey_lead_days", in: 0...366, default: Config.Defaults.surveyLeadDays)
        let retryMaxAge = duration(s, "retry_max_age", default: Config.Defaults.retryMaxAge, allowZero: false)
        let retryBackoff = seconds(s, "retry_backoff", in: 1...Config.Defaults.retryBackoffMaximum,
                                   default: Config.Defaults.retryBackoff)
        let passRetry = seconds(s, "pass_retry", in: 1...Config.Defaults.passRetryMaximum, default: Config.Defaults.passRetry)
        let lostAfter = duration(s, "lost_after", default: Config.Defaults.lostAfter, allowZero: false)
        let catchUp = duration(s, "catch_up", default: Config.Defaults.catchUp, allowZero: true)
        var quiet: [ClosedRange<LocalDate>]? = []
        if let e = entry(s, "quiet") {
            switch ConfigParser.parseQuietDays(e.value) {
            case .success(let ranges): quiet = ranges
            case .failure(let problem):
                quiet = nil
                error(e.line, "invalid value for \"quiet\" in [schedule]: \(problem) "
                    + "(expected comma-separated days or ranges, e.g. 2027-02-05..2027-02-12, 2027-10-01)")
            }
        }
        guard let sendAt, let leadDays, let repeatDays, let duesDay, let activityNotice, let surveyLead,
              let retryMaxAge, let lostAfter, let catchUp, let quiet, let retryBackoff, let passRetry
        else { return nil }
        return Config.Schedule(sendAt: sendAt, leadDays: leadDays, repeatDays: repeatDays, duesDay: duesDay,
                               activityNoticeDays: activityNotice, surveyLeadDays: surveyLead,
                               retryMaxAge: retryMaxAge, lostAfter: lostAfter, quiet: quiet, catchUp: catchUp,
                               retryBackoff: retryBackoff, passRetry: passRetry)
    }

    // MARK: Names

    /// Unknown sections (one error on the header) and unknown keys in known sections.
    mutating func checkNames() {
        let sectionNames = ConfigParser.knownKeys.map(\.section)
        for section in document.sections {
            guard let keys = ConfigParser.knownKeys.first(where: { $0.section == section.name })?.keys else {
                var message = "unknown section [\(section.name)]"
                if let hint = ConfigParser.suggestion(for: section.name, among: sectionNames) {
                    message += " (did you mean [\(hint)]?)"
                } else {
                    message += " (known sections: " + sectionNames.map { "[\($0)]" }.joined(separator: " ") + ")"
                }
                error(section.line, message)
                continue
            }
            for e in section.entries where !keys.contains(e.key) {
                var message = "unknown key \"\(e.key)\" in [\(section.name)]"
                if section.name == "smtp" || section.name == "imap", e.key.lowercased().hasPrefix("pass") {
                    message += " (passwords never go in the config: put it in a file and set password_file)"
                } else if let hint = ConfigParser.suggestion(for: e.key, among: keys) {
                    message += " (did you mean \"\(hint)\"?)"
                } else if let home = ConfigParser.knownKeys.first(where: { $0.keys.contains(e.key) }) {
                    message += " (\"\(e.key)\" belongs in [\(home.section)])"
                }
                error(e.line, message)
            }
        }
    }

    // MARK: Values

    mutating func error(_ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, message))
    }

    mutating func invalid(_ section: String, _ e: INIParser.Entry, expected: String) {
        error(e.line, "invalid value \"\(e.value)\" for \"\(e.key)\" in [\(section)] (expected \(expected))")
    }

    /// The entry for a key in a known section, when it is set to something non-empty.
    func entry(_ section: String, _ key: String) -> INIParser.Entry? {
        guard let e = document.section(section)?.entry(key), !e.value.isEmpty else { return nil }
        return e
    }

    mutating func requiredEntry(_ section: String, _ key: String) -> INIParser.Entry? {
        if let e = entry(section, key) { return e }
        if let s = document.section(section) {
            let line = s.entry(key)?.line ?? s.line
            error(line, "missing required key \"\(key)\" in [\(section)]")
        } else {
            error(1, "missing required key \"\(key)\" in [\(section)] (there is no [\(section)] section)")
        }
        return nil
    }

    mutating func requiredString(_ section: String, _ key: String) -> String? {
        requiredEntry(section, key)?.value
    }

    func optionalString(_ section: String, _ key: String) -> String? {
        entry(section, key)?.value
    }

    mutating func integer(_ section: String, _ key: String, in range: ClosedRange<Int>, default value: Int,
                          expected: String? = nil) -> Int? {
        guard let e = entry(section, key) else { return value }
        if let n = ConfigParser.asciiInt(e.value), range.contains(n) { return n }
        invalid(section, e, expected: expected ?? "a whole number from \(range.lowerBound) to \(range.upperBound)")
        return nil
    }

    mutating func choice<T: RawRepresentable>(_ section: String, _ key: String, default value: T) -> T?
    where T.RawValue == String {
        guard let e = entry(section, key) else { return value }
        if let v = T(rawValue: e.value) { return v }
        let options: String
        switch T.self {
        case is Config.Language.Type: options = "zh or en"
        case is Config.TLSMode.Type: options = "required or none"
        default: options = "a known value"
        }
        invalid(section, e, expected: options)
        return nil
    }

    mutating func duration(_ section: String, _ key: String, default value: Duration, allowZero: Bool) -> Duration? {
        guard let e = entry(section, key) else { return value }
        if let d = ConfigParser.parseDuration(e.value), d.months > 0 || d.seconds > 0 || allowZero { return d }
        invalid(section, e, expected: "a duration\(allowZero ? "" : " above zero") of at most \(ConfigParser.maximumDurationYears) "
                + "years, such as 30s, 5min, 2h, 7d, 6month or 1h 30min")
        return nil
    }

    /// A duration without months, in seconds, within `range` (timeouts, back-offs, the poll).
    mutating func seconds(_ section: String, _ key: String, in range: ClosedRange<Double>, default value: Double) -> Double? {
        guard let e = entry(section, key) else { return value }
        if let d = ConfigParser.parseDuration(e.value), d.months == 0, range.contains(d.seconds) { return d.seconds }
        let low = ConfigParser.format(Duration(seconds: range.lowerBound))
        let high = range.upperBound >= 366 * 86400 ? "\(ConfigParser.maximumDurationYears) years"
            : ConfigParser.format(Duration(seconds: range.upperBound))
        invalid(section, e, expected: "a duration of at least \(low) and at most \(high), without months, e.g. 30s, 5min, 1h")
        return nil
    }

    mutating func mailbox(_ section: String, _ e: INIParser.Entry) -> Mailbox? {
        if let m = Mailbox.parse(e.value) { return m }
        invalid(section, e, expected: "an address, e.g. 王芳 <secretary@example.org> or branch@example.org")
        return nil
    }

    mutating func serverURL(_ section: String, schemes: [String], allowPath: Bool, required: Bool)
        -> (text: String, parsed: ConfigParser.ServerURL)? {
        guard let e = required ? requiredEntry(section, "url") : entry(section, "url") else { return nil }
        let forms = allowPath
            ? schemes.map { "\($0)://host[:port][/MAILBOX]" }.joined(separator: " or ")
            : schemes.map { "\($0)://host[:port]" }.joined(separator: " or ")
        switch ConfigParser.parseServerURL(e.value) {
        case .failure(let problem):
            error(e.line, "invalid value \"\(e.value)\" for \"url\" in [\(section)]: \(problem) (expected \(forms))")
            return nil
        case .success(let url):
            guard schemes.contains(url.scheme) else {
                error(e.line, "invalid value \"\(e.value)\" for \"url\" in [\(section)]: scheme \"\(url.scheme)\" "
                    + "is not allowed here (expected \(forms))")
                return nil
            }
            if !allowPath, !url.path.isEmpty {
                error(e.line, "invalid value \"\(e.value)\" for \"url\" in [\(section)]: no path is allowed "
                    + "(expected \(forms))")
                return nil
            }
            return (e.value, url)
        }
    }

    /// `tls`, refusing `none` unless `host` is loopback (skipped when the URL was unreadable).
    mutating func tlsMode(_ section: String, host: String?) -> Config.TLSMode? {
        guard let mode = choice(section, "tls", default: Config.Defaults.tls) else { return nil }
        if mode == .none, let host, !ConfigParser.isLoopbackHost(host), let e = entry(section, "tls") {
            error(e.line, "tls = none is refused for \"\(host)\" in [\(section)]: without TLS the password and "
                + "the mail cross the network in clear (allowed only for localhost, 127.0.0.0/8 and ::1)")
            return nil
        }
        return mode
    }
}
