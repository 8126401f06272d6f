import XCTest
@testable import LiaisonCore

final class ConfigParserTests: XCTestCase {
    /// The example of interface.md, without the notes after values.
    static let example = """
        [branch]
        name = 广场西社区党支部
        secretary = 王芳 <secretary@example.org>
        timezone = Asia/Shanghai
        language = zh
        activity_day = 15

        [roster]
        members = members.csv
        people = people.csv

        [smtp]
        url = smtps://smtp.example.org:465
        user = branch@example.org
        password_file = smtp.password
        from = 广场西社区党支部 <branch@example.org>
        tls = required
        ca_file = /etc/liaisond/ca.pem
        max_per_minute = 0
        max_per_day = 0
        connections = 1

        [imap]
        url = imaps://imap.example.org:993/INBOX
        user = branch@example.org
        password_file = imap.password
        tls = required
        ca_file = /etc/liaisond/ca.pem
        poll = 5min
        id = no

        [store]
        path = /var/lib/liaisond/liaisond.sqlite

        [schedule]
        send_at = 09:00
        lead_days = 14,3
        repeat_days = 7
        dues_day = 25
        activity_notice_days = 7
        survey_lead_days = 7
        retry_max_age = 5d
        lost_after = 6month
        quiet = 2027-02-05..2027-02-12
        catch_up = 7d

        """

    /// The required keys only.
    static let minimal = """
        [branch]
        name = 广场西社区党支部
        secretary = 王芳 <secretary@example.org>

        [roster]
        members = members.csv
        people = people.csv

        [smtp]
        url = smtp://127.0.0.1:2525
        from = branch@example.org

        """

    /// `[mail] group`: on by default, `no` turns the daily list off, anything else is an error.
    func testMailGroup() throws {
        XCTAssertEqual(try XCTUnwrap(parse(Self.minimal).config).mail.group, true)
        XCTAssertEqual(try XCTUnwrap(parse(Self.minimal + "[mail]\ngroup = no\n").config).mail.group, false)
        let bad = parse(Self.minimal + "[mail]\ngroup = sometimes\n")
        XCTAssertNil(bad.config)
        XCTAssertEqual(bad.messages.count, 1, "\(bad.messages)")
        XCTAssertTrue(bad.messages.first?.contains("invalid value \"sometimes\" for \"group\" in [mail]") ?? false, "\(bad.messages)")
    }

    /// `[smtp] timeout`, `connect_timeout` and `[schedule] retry_backoff`, `pass_retry`: what the
    /// tests of stalls and outages set (once environment variables), as an admin may.
    func testTimeoutsAndBackoffs() throws {
        let defaults = try XCTUnwrap(parse(Self.minimal).config)
        XCTAssertEqual([defaults.smtp.timeout, defaults.smtp.connectTimeout], [60, 30])
        XCTAssertEqual([defaults.schedule.retryBackoff, defaults.schedule.passRetry], [300, 60])
        let text = Self.minimal.replacingOccurrences(of: "from = branch@example.org\n",
                                                     with: "from = branch@example.org\ntimeout = 1s\nconnect_timeout = 2min\n")
            + "[schedule]\nretry_backoff = 2s\npass_retry = 1h\n"
        let config = try XCTUnwrap(parse(text).config, "\(parse(text).messages)")
        XCTAssertEqual([config.smtp.timeout, config.smtp.connectTimeout], [1, 120])
        XCTAssertEqual([config.schedule.retryBackoff, config.schedule.passRetry], [2, 3600])
        // `config` shows them, and what it shows reads back the same.
        for line in ["timeout = 1s", "connect_timeout = 2min", "retry_backoff = 2s", "pass_retry = 1h"] {
            XCTAssertTrue(config.description.contains("\n\(line)\n"), line)
        }
        XCTAssertEqual(parse(config.description).config, config)

        let bad = parse(Self.minimal + "timeout = 0\nconnect_timeout = 1month\n[schedule]\nretry_backoff = 2h\npass_retry = soon\n")
        XCTAssertNil(bad.config)
        XCTAssertEqual(bad.messages, [
            "liaisond.conf:12: invalid value \"0\" for \"timeout\" in [smtp] (expected a duration of at least 1s and "
                + "at most 1h, without months, e.g. 30s, 5min, 1h)",
            "liaisond.conf:13: invalid value \"1month\" for \"connect_timeout\" in [smtp] (expected a duration of at "
                + "least 1s and at most 1h, without months, e.g. 30s, 5min, 1h)",
            "liaisond.conf:15: invalid value \"2h\" for \"retry_backoff\" in [schedule] (expected a duration of at "
                + "least 1s and at most 1h 6min 40s, without months, e.g. 30s, 5min, 1h)",
            "liaisond.conf:16: invalid value \"soon\" for \"pass_retry\" in [schedule] (expected a duration of at "
                + "least 1s and at most 1h, without months, e.g. 30s, 5min, 1h)",
        ])
    }

    private func parse(_ text: String) -> (config: Config?, messages: [String]) {
        let (config, diagnostics) = ConfigParser.parse(text, file: "liaisond.conf")
        return (config, diagnostics.map(\.description))
    }

    /// Replaces the line that starts with `prefix` (the first one) in `text`.
    private func replacing(_ prefix: String, with line: String, in text: String = example) -> String {
        var lines = text.components(separatedBy: "\n")
        let i = lines.firstIndex { $0.hasPrefix(prefix) }!
        lines[i] = line
        return lines.joined(separator: "\n")
    }

    private func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }

    // MARK: Valid files

    func testInterfaceExample_parsesToItsValues() throws {
        let (config, messages) = parse(Self.example)
        XCTAssertEqual(messages, [])
        let c = try XCTUnwrap(config)
        XCTAssertEqual(c.branch, Config.Branch(name: "广场西社区党支部",
                                               secretary: Mailbox(name: "王芳", address: "secretary@example.org"),
                                               timezone: "Asia/Shanghai", language: .zh, activityDay: 15))
        XCTAssertEqual(c.roster, Config.Roster(members: "members.csv", people: "people.csv"))
        XCTAssertEqual(c.smtp, Config.SMTP(url: "smtps://smtp.example.org:465", user: "branch@example.org",
                                           passwordFile: "smtp.password",
                                           from: Mailbox(name: "广场西社区党支部", address: "branch@example.org"),
                                           tls: .required, caFile: "/etc/liaisond/ca.pem", maxPerMinute: 0,
                                           maxPerDay: 0, connections: 1))
        XCTAssertEqual(c.imap, Config.IMAP(url: "imaps://imap.example.org:993/INBOX", user: "branch@example.org",
                                           passwordFile: "imap.password", tls: .required,
                                           caFile: "/etc/liaisond/ca.pem", poll: 300, sendID: false))
        XCTAssertEqual(c.storePath, "/var/lib/liaisond/liaisond.sqlite")
        XCTAssertEqual(c.schedule, Config.Schedule(
            sendAt: TimeOfDay(hour: 9, minute: 0), leadDays: [14, 3], repeatDays: 7, duesDay: 25,
            activityNoticeDays: 7, surveyLeadDays: 7, retryMaxAge: .days(5), lostAfter: Duration(months: 6),
            quiet: [day(2027, 2, 5)...day(2027, 2, 12)], catchUp: .days(7)))
    }

    func testAbsentKeys_takeTheDefaults() throws {
        let (config, messages) = parse(Self.minimal)
        XCTAssertEqual(messages, [])
        let c = try XCTUnwrap(config)
        XCTAssertEqual(c.branch.timezone, Config.Defaults.timezone)
        XCTAssertEqual(c.branch.language, .zh)
        XCTAssertEqual(c.branch.activityDay, 15)
        XCTAssertNil(c.smtp.user)
        XCTAssertNil(c.smtp.passwordFile)
        XCTAssertNil(c.smtp.caFile)
        XCTAssertEqual(c.smtp.tls, .required)
        XCTAssertEqual(c.smtp.maxPerMinute, 0)
        XCTAssertEqual(c.smtp.maxPerDay, 0)
        XCTAssertEqual(c.smtp.connections, 1)
        XCTAssertNil(c.imap)
        XCTAssertNil(c.storePath)
        XCTAssertEqual(c.schedule, Config.Schedule())
    }

    func testImapSection_withOnlyURL_takesTheDefaults() throws {
        let (config, messages) = parse(Self.minimal + "[imap]\nurl = imap://localhost/INBOX\n")
        XCTAssertEqual(messages, [])
        let imap = try XCTUnwrap(config?.imap)
        XCTAssertEqual(imap, Config.IMAP(url: "imap://localhost/INBOX"))
        XCTAssertEqual(imap.poll, 300)
        XCTAssertFalse(imap.sendID)
    }

    func testEmptyValue_meansUnset() throws {
        let (config, messages) = parse(Self.minimal + "[schedule]\nsend_at =\n[store]\npath =\n")
        XCTAssertEqual(messages, [])
        XCTAssertEqual(config?.schedule.sendAt, Config.Defaults.sendAt)
        XCTAssertNil(config?.storePath)
    }

    func testImapID_yesSetsSendID_andEnglishIsAccepted() throws {
        var text = replacing("id = no", with: "id = yes")
        text = replacing("language = zh", with: "language = en", in: text)
        let (config, messages) = parse(text)
        XCTAssertEqual(messages, [])
        XCTAssertEqual(config?.imap?.sendID, true)
        XCTAssertEqual(config?.branch.language, .en)
    }

    func testLeadDays_areSortedLargestFirstWithoutRepeats() {
        let (config, messages) = parse(replacing("lead_days", with: "lead_days = 3, 30 ,14,3"))
        XCTAssertEqual(messages, [])
        XCTAssertEqual(config?.schedule.leadDays, [30, 14, 3])
    }

    func testCRLFAndBOM_inputParsesLikeLF() {
        let crlf = "\u{FEFF}" + Self.example.replacingOccurrences(of: "\n", with: "\r\n")
        let (config, messages) = parse(crlf)
        XCTAssertEqual(messages, [])
        XCTAssertEqual(config, parse(Self.example).config)
        // Line numbers stay right with CRLF: "tls" is on line 17.
        let broken = crlf.replacingOccurrences(of: "tls = required\r\nca_file", with: "tls = maybe\r\nca_file")
        XCTAssertEqual(parse(broken).messages.first,
                       "liaisond.conf:17: invalid value \"maybe\" for \"tls\" in [smtp] (expected required or none)")
    }

    // MARK: Names

    func testUnknownKey_isAnErrorWithDidYouMean() {
        let (config, messages) = parse(replacing("send_at", with: "sendat = 09:00"))
        XCTAssertNil(config)
        XCTAssertEqual(messages, ["liaisond.conf:36: unknown key \"sendat\" in [schedule] (did you mean \"send_at\"?)"])
    }

    func testUnknownKey_thatBelongsElsewhere_saysWhere() {
        let (_, messages) = parse(Self.minimal.replacingOccurrences(of: "[roster]\n", with: "[roster]\npoll = 5min\n"))
        XCTAssertEqual(messages, ["liaisond.conf:6: unknown key \"poll\" in [roster] (\"poll\" belongs in [imap])"])
    }

    func testPasswordKey_isRefusedWithAPointerToPasswordFile() {
        let (_, messages) = parse(replacing("password_file = smtp", with: "password = hunter2"))
        XCTAssertEqual(messages, ["liaisond.conf:15: unknown key \"password\" in [smtp] "
            + "(passwords never go in the config: put it in a file and set password_file)"])
        XCTAssertFalse(messages.joined().contains("hunter2"))
    }

    func testUnknownSection_isOneErrorOnItsHeader() {
        let (_, messages) = parse(Self.example + "[shedule]\nfoo = 1\nbar = 2\n[extra]\n")
        XCTAssertEqual(messages, [
            "liaisond.conf:46: unknown section [shedule] (did you mean [schedule]?)",
            "liaisond.conf:49: unknown section [extra] (known sections: [branch] [roster] [smtp] [imap] [store] [schedule] [rules] [activity] [mail])",
        ])
    }

    func testMissingRequiredKey_isReportedOnItsSectionLine() {
        let (config, messages) = parse(replacing("from =", with: "# no from"))
        XCTAssertNil(config)
        XCTAssertEqual(messages, ["liaisond.conf:12: missing required key \"from\" in [smtp]"])
    }

    func testRequiredKeyWithEmptyValue_isReportedOnItsOwnLine() {
        let (_, messages) = parse(replacing("name =", with: "name ="))
        XCTAssertEqual(messages, ["liaisond.conf:2: missing required key \"name\" in [branch]"])
    }

    func testMissingSection_reportsEachRequiredKeyOnLine1() {
        let text = Self.minimal.replacingOccurrences(of: "[roster]\nmembers = members.csv\npeople = people.csv\n", with: "")
        let (config, messages) = parse(text)
        XCTAssertNil(config)
        XCTAssertEqual(messages, [
            "liaisond.conf:1: missing required key \"members\" in [roster] (there is no [roster] section)",
            "liaisond.conf:1: missing required key \"people\" in [roster] (there is no [roster] section)",
        ])
    }

    func testEmptyFile_reportsEveryRequiredKey() {
        let (config, messages) = parse("")
        XCTAssertNil(config)
        XCTAssertEqual(messages.count, 6)
        XCTAssertTrue(messages.allSatisfy { $0.hasPrefix("liaisond.conf:1: missing required key") })
    }

    func testImapSection_withoutURL_isAnError() {
        let (_, messages) = parse(Self.minimal + "[imap]\npoll = 1min\n")
        XCTAssertEqual(messages, ["liaisond.conf:12: missing required key \"url\" in [imap]"])
    }

    // MARK: Values

    func testBadValues_nameTheKeyAndTheAcceptedForms() {
        let cases: [(prefix: String, line: String, expected: String)] = [
            ("secretary", "secretary = 王芳", "liaisond.conf:3: invalid value \"王芳\" for \"secretary\" in [branch] "
                + "(expected an address, e.g. 王芳 <secretary@example.org> or branch@example.org)"),
            ("timezone", "timezone = Beijing", "liaisond.conf:4: invalid value \"Beijing\" for \"timezone\" in "
                + "[branch] (expected an IANA time zone name such as Asia/Shanghai)"),
            ("language", "language = fr", "liaisond.conf:5: invalid value \"fr\" for \"language\" in [branch] "
                + "(expected zh or en)"),
            ("activity_day", "activity_day = 32", "liaisond.conf:6: invalid value \"32\" for \"activity_day\" in "
                + "[branch] (expected a whole number from 1 to 31)"),
            ("url = smtps", "url = http://smtp.example.org", "liaisond.conf:13: invalid value "
                + "\"http://smtp.example.org\" for \"url\" in [smtp]: scheme \"http\" is not allowed here "
                + "(expected smtp://host[:port] or smtps://host[:port])"),
            ("url = smtps", "url = smtps://:465", "liaisond.conf:13: invalid value \"smtps://:465\" for \"url\" in "
                + "[smtp]: missing host (expected smtp://host[:port] or smtps://host[:port])"),
            ("url = smtps", "url = smtps://smtp.example.org:99999", "liaisond.conf:13: invalid value "
                + "\"smtps://smtp.example.org:99999\" for \"url\" in [smtp]: invalid port \"99999\" (expected "
                + "1–65535) (expected smtp://host[:port] or smtps://host[:port])"),
            ("url = smtps", "url = smtps://u:pw@smtp.example.org", "liaisond.conf:13: invalid value "
                + "\"smtps://u:pw@smtp.example.org\" for \"url\" in [smtp]: a user or password in the URL is not "
                + "allowed (use user = and password_file =) (expected smtp://host[:port] or smtps://host[:port])"),
            ("from", "from = branch", "liaisond.conf:16: invalid value \"branch\" for \"from\" in [smtp] "
                + "(expected an address, e.g. 王芳 <secretary@example.org> or branch@example.org)"),
            ("tls = required", "tls = yes", "liaisond.conf:17: invalid value \"yes\" for \"tls\" in [smtp] "
                + "(expected required or none)"),
            ("max_per_minute", "max_per_minute = -1", "liaisond.conf:19: invalid value \"-1\" for "
                + "\"max_per_minute\" in [smtp] (expected a whole number, 0 for no cap)"),
            ("max_per_day", "max_per_day = lots", "liaisond.conf:20: invalid value \"lots\" for \"max_per_day\" "
                + "in [smtp] (expected a whole number, 0 for no cap)"),
            ("connections", "connections = 0", "liaisond.conf:21: invalid value \"0\" for \"connections\" in "
                + "[smtp] (expected a whole number, 1 or more)"),
            ("url = imaps", "url = smtps://imap.example.org", "liaisond.conf:24: invalid value "
                + "\"smtps://imap.example.org\" for \"url\" in [imap]: scheme \"smtps\" is not allowed here "
                + "(expected imap://host[:port][/MAILBOX] or imaps://host[:port][/MAILBOX])"),
            ("poll", "poll = often", "liaisond.conf:29: invalid value \"often\" for \"poll\" in [imap] "
                + "(expected a duration of at least 1s and at most 1000 years, without months, e.g. 30s, 5min, 1h)"),
            ("id = no", "id = maybe", "liaisond.conf:30: invalid value \"maybe\" for \"id\" in [imap] "
                + "(expected yes or no)"),
            ("send_at", "send_at = 25:00", "liaisond.conf:36: invalid value \"25:00\" for \"send_at\" in "
                + "[schedule] (expected HH:MM, e.g. 09:00)"),
            ("lead_days", "lead_days = 14,0", "liaisond.conf:37: invalid value \"14,0\" for \"lead_days\" in "
                + "[schedule] (expected comma-separated days between 1 and 366, e.g. 14,3)"),
            ("repeat_days", "repeat_days = 0", "liaisond.conf:38: invalid value \"0\" for \"repeat_days\" in "
                + "[schedule] (expected a whole number from 1 to 366)"),
            ("dues_day", "dues_day = 0", "liaisond.conf:39: invalid value \"0\" for \"dues_day\" in [schedule] "
                + "(expected a whole number from 1 to 31)"),
            ("retry_max_age", "retry_max_age = 0", "liaisond.conf:42: invalid value \"0\" for \"retry_max_age\" "
                + "in [schedule] (expected a duration above zero of at most 1000 years, such as 30s, 5min, 2h, 7d, 6month or 1h 30min)"),
            // Too large: the message names the limit.
            ("retry_max_age", "retry_max_age = 500000d", "liaisond.conf:42: invalid value \"500000d\" for \"retry_max_age\" "
                + "in [schedule] (expected a duration above zero of at most 1000 years, such as 30s, 5min, 2h, 7d, 6month or 1h 30min)"),
            ("lost_after", "lost_after = half a year", "liaisond.conf:43: invalid value \"half a year\" for "
                + "\"lost_after\" in [schedule] (expected a duration above zero of at most 1000 years, such as 30s, 5min, 2h, "
                + "7d, 6month or 1h 30min)"),
            ("catch_up", "catch_up = 7 days ago", "liaisond.conf:45: invalid value \"7 days ago\" for \"catch_up\" "
                + "in [schedule] (expected a duration of at most 1000 years, such as 30s, 5min, 2h, 7d, 6month or 1h 30min)"),
        ]
        for c in cases {
            let (config, messages) = parse(replacing(c.prefix, with: c.line))
            XCTAssertNil(config, c.line)
            XCTAssertEqual(messages, [c.expected], c.line)
        }
    }

    func testSmtpURL_withAPath_isRefused_butImapMailboxIsKept() {
        let (_, messages) = parse(replacing("url = smtps", with: "url = smtp://smtp.example.org:587/x"))
        XCTAssertEqual(messages, ["liaisond.conf:13: invalid value \"smtp://smtp.example.org:587/x\" for \"url\" in "
            + "[smtp]: no path is allowed (expected smtp://host[:port] or smtps://host[:port])"])
        let (config, none) = parse(replacing("url = imaps", with: "url = imap://imap.example.org/Replies"))
        XCTAssertEqual(none, [])
        XCTAssertEqual(config?.imap?.url, "imap://imap.example.org/Replies")
    }

    func testSeveralErrors_areReportedAtOnce_inLineOrder() {
        var text = replacing("language", with: "language = fr")
        text = replacing("tls = required", with: "tls = none", in: text)
        text = replacing("dues_day", with: "dues_day = 40", in: text)
        text = replacing("lead_days", with: "leaddays = 14", in: text)
        text += "garbage line\n"
        let (config, messages) = parse(text)
        XCTAssertNil(config)
        XCTAssertEqual(messages.map { $0.split(separator: ":").prefix(2).joined(separator: ":") },
                       ["liaisond.conf:5", "liaisond.conf:17", "liaisond.conf:37", "liaisond.conf:39",
                        "liaisond.conf:46"])
    }

    // MARK: tls = none

    func testTLSNone_isAllowedForLoopbackHosts() {
        for url in ["smtp://127.0.0.1:25", "smtp://127.1.2.3", "smtp://localhost:2525", "smtp://[::1]:25",
                    "smtp://LOCALHOST"] {
            let text = Self.minimal.replacingOccurrences(of: "smtp://127.0.0.1:2525", with: url)
                .replacingOccurrences(of: "from = ", with: "tls = none\nfrom = ")
            let (config, messages) = parse(text)
            XCTAssertEqual(messages, [], url)
            XCTAssertEqual(config?.smtp.tls, Config.TLSMode.none, url)
        }
        let imap = Self.minimal + "[imap]\nurl = imap://127.0.0.1:1143/INBOX\ntls = none\n"
        XCTAssertEqual(parse(imap).messages, [])
    }

    func testTLSNone_isRefusedForARemoteHost_onTheTLSLine() {
        let (config, messages) = parse(replacing("tls = required", with: "tls = none"))
        XCTAssertNil(config)
        XCTAssertEqual(messages, ["liaisond.conf:17: tls = none is refused for \"smtp.example.org\" in [smtp]: "
            + "without TLS the password and the mail cross the network in clear (allowed only for localhost, "
            + "127.0.0.0/8 and ::1)"])
        var imapText = Self.example.components(separatedBy: "\n")
        imapText[26] = "tls = none"
        XCTAssertEqual(parse(imapText.joined(separator: "\n")).messages.first?.hasPrefix(
            "liaisond.conf:27: tls = none is refused for \"imap.example.org\" in [imap]"), true)
    }

    func testIsLoopbackHost() {
        for host in ["localhost", "LocalHost.", "127.0.0.1", "127.255.255.254", "::1", "[::1]", "0:0:0:0:0:0:0:1",
                     "::ffff:127.0.0.1"] {
            XCTAssertTrue(ConfigParser.isLoopbackHost(host), host)
        }
        for host in ["smtp.example.org", "128.0.0.1", "127.0.0", "127.0.0.256", "localhost.example.org", "::2",
                     "::", "10.0.0.1", "", "0.0.0.0", "::ffff:10.0.0.1"] {
            XCTAssertFalse(ConfigParser.isLoopbackHost(host), host)
        }
    }

    func testServerURL_partsAreExtracted() {
        XCTAssertEqual(try ConfigParser.parseServerURL("imaps://imap.example.org:993/INBOX").get(),
                       ConfigParser.ServerURL(scheme: "imaps", host: "imap.example.org", port: 993, path: "INBOX"))
        XCTAssertEqual(try ConfigParser.parseServerURL("SMTP://[::1]").get(),
                       ConfigParser.ServerURL(scheme: "smtp", host: "::1"))
        XCTAssertEqual(ConfigParser.host(ofURL: "smtp://smtp.163.com:25"), "smtp.163.com")
        XCTAssertNil(ConfigParser.host(ofURL: "smtp.163.com"))
        XCTAssertEqual(ConfigParser.parseServerURL("imap://h/INBOX?UNSEEN"), .failure(.hasQueryOrFragment))
        XCTAssertEqual(ConfigParser.parseServerURL("smtp://[::1"), .failure(.badHost("[::1")))
    }

    // MARK: Durations

    func testDurations_table() {
        let table: [(String, Duration)] = [
            ("30s", Duration(seconds: 30)),
            ("5min", Duration(seconds: 300)),
            ("2h", Duration(seconds: 7200)),
            ("7d", .days(7)),
            ("2w", .days(14)),
            ("6month", Duration(months: 6)),
            ("6M", Duration(months: 6)),
            ("1y", Duration(months: 12)),
            ("2 years", Duration(months: 24)),
            ("1h 30min", Duration(seconds: 5400)),
            ("1d12h", Duration(seconds: 129_600)),
            ("1 month 2 days", Duration(months: 1, seconds: 172_800)),
            ("90", Duration(seconds: 90)),
            ("1.5h", Duration(seconds: 5400)),
            ("10m", Duration(seconds: 600)),
            ("3 seconds", Duration(seconds: 3)),
            ("4hr", Duration(seconds: 14400)),
        ]
        for (text, expected) in table {
            XCTAssertEqual(ConfigParser.parseDuration(text), expected, text)
        }
        for bad in ["", "abc", "5 parsecs", "-5s", "1.5month", "1h 30", "5min later", "1..2h", "五分钟"] {
            XCTAssertNil(ConfigParser.parseDuration(bad), bad)
        }
    }

    func testDurationFormat_roundTrips() {
        for d in [Duration(seconds: 30), .days(5), Duration(months: 6), Duration(months: 24),
                  Duration(months: 1, seconds: 93_784), Duration(seconds: 0)] {
            XCTAssertEqual(ConfigParser.parseDuration(ConfigParser.format(d)), d, ConfigParser.format(d))
        }
        XCTAssertEqual(ConfigParser.format(Duration(seconds: 5400)), "1h 30min")
        XCTAssertEqual(ConfigParser.format(Duration(months: 6)), "6month")
    }

    // MARK: Quiet days

    func testQuiet_acceptsDaysAndRanges() {
        let (config, messages) = parse(replacing("quiet", with: "quiet = 2027-02-05..2027-02-12, 2027-10-01 ,2027-10-03..2027-10-03"))
        XCTAssertEqual(messages, [])
        XCTAssertEqual(config?.schedule.quiet, [day(2027, 2, 5)...day(2027, 2, 12), day(2027, 10, 1)...day(2027, 10, 1),
                                                day(2027, 10, 3)...day(2027, 10, 3)])
    }

    func testQuiet_refusesBackwardRangesAndBadDays() {
        let expectedTail = " (expected comma-separated days or ranges, e.g. 2027-02-05..2027-02-12, 2027-10-01)"
        XCTAssertEqual(parse(replacing("quiet", with: "quiet = 2027-02-12..2027-02-05")).messages,
                       ["liaisond.conf:44: invalid value for \"quiet\" in [schedule]: range \"2027-02-12..2027-02-05\" "
                        + "ends before it starts" + expectedTail])
        XCTAssertEqual(parse(replacing("quiet", with: "quiet = 2027-02-30")).messages,
                       ["liaisond.conf:44: invalid value for \"quiet\" in [schedule]: \"2027-02-30\" is not a day "
                        + "(YYYY-MM-DD) or a range (YYYY-MM-DD..YYYY-MM-DD)" + expectedTail])
        XCTAssertEqual(parse(replacing("quiet", with: "quiet = 2027-02-01,,2027-02-03")).messages.count, 1)
    }

    // MARK: Description

    func testDescription_reparsesToTheSameConfig_andShowsNoPassword() throws {
        let config = try XCTUnwrap(parse(Self.example).config)
        let text = config.description
        XCTAssertTrue(text.contains("password_file = smtp.password"))
        XCTAssertTrue(text.contains("lost_after = 6month"))
        XCTAssertEqual(parse(text).messages, [])
        XCTAssertEqual(parse(text).config, config)

        let minimal = try XCTUnwrap(parse(Self.minimal).config)
        XCTAssertEqual(parse(minimal.description).config, minimal)
        XCTAssertTrue(minimal.description.contains("# no [imap] section"))
    }
}

// MARK: - The roster of a broken config

extension ConfigParserTests {
    /// A config with errors elsewhere still names its roster, so that the loader can report the
    /// roster's problems in the same run (interface.md: every problem found, not only the first).
    func testBrokenConfig_keepsItsRosterKeys_whenTheyAreFine() {
        let text = replacing("dues_day", with: "dues_day = 40")
        let outcome = ConfigParser.parseOutcome(text, file: "liaisond.conf")
        XCTAssertNil(outcome.config)
        XCTAssertEqual(outcome.roster, Config.Roster(members: "members.csv", people: "people.csv"))
        XCTAssertTrue(outcome.diagnostics.hasErrors)
        XCTAssertEqual(ConfigParser.parseOutcome(Self.example, file: "x").roster?.members, "members.csv",
                       "a good config has its roster in both places")
    }

    /// Roster keys that are missing, empty or set twice are not "fine": nothing is guessed.
    func testBrokenRosterKeys_giveNoRoster() {
        for text in [replacing("people = ", with: ""),
                     replacing("people = ", with: "people ="),
                     replacing("people = ", with: "people = people.csv\nmembers = other.csv"),
                     replacing("[roster]", with: "[roster"),
        ] {
            let outcome = ConfigParser.parseOutcome(text, file: "liaisond.conf")
            XCTAssertNil(outcome.config, text)
            XCTAssertNil(outcome.roster, text)
        }
    }
}
