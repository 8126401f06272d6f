extension Config: CustomStringConvertible {
    /// The effective config in the file's own syntax, every default filled in, for
    /// `liaisond check` to print. Password files are shown by path; no password is ever read
    /// here, so none can be printed. Parsing the text again gives the same `Config`.
    public var description: String {
        var out: [String] = []
        func section(_ name: String) {
            if !out.isEmpty { out.append("") }
            out.append("[\(name)]")
        }
        func line(_ key: String, _ value: String?, unset: String? = nil) {
            if let value {
                out.append("\(key) = \(value)")
            } else if let unset {
                out.append("# \(key) not set: \(unset)")
            }
        }

        section("branch")
        line("name", branch.name)
        line("secretary", branch.secretary.description)
        line("timezone", branch.timezone)
        line("language", branch.language.rawValue)
        line("activity_day", String(branch.activityDay))

        section("roster")
        line("members", roster.members)
        line("people", roster.people)

        section("smtp")
        line("url", smtp.url)
        line("user", smtp.user, unset: "no login")
        line("password_file", smtp.passwordFile, unset: "$CREDENTIALS_DIRECTORY/smtp if it exists")
        line("from", smtp.from.description)
        line("tls", smtp.tls.rawValue)
        line("ca_file", smtp.caFile, unset: "system CAs only")
        line("max_per_minute", String(smtp.maxPerMinute))
        line("max_per_day", String(smtp.maxPerDay))
        line("connections", String(smtp.connections))
        line("timeout", ConfigParser.format(Duration(seconds: smtp.timeout)))
        line("connect_timeout", ConfigParser.format(Duration(seconds: smtp.connectTimeout)))

        if let imap {
            section("imap")
            line("url", imap.url)
            line("user", imap.user, unset: "no login")
            line("password_file", imap.passwordFile, unset: "$CREDENTIALS_DIRECTORY/imap if it exists")
            line("tls", imap.tls.rawValue)
            line("ca_file", imap.caFile, unset: "system CAs only")
            line("poll", ConfigParser.format(Duration(seconds: imap.poll)))
            line("id", imap.sendID ? "yes" : "no")
        } else {
            out.append("")
            out.append("# no [imap] section: replies are not polled (ingest can still take them)")
        }

        section("store")
        line("path", storePath, unset: "liaisond.sqlite beside the config file")

        section("schedule")
        line("send_at", schedule.sendAt.description)
        line("lead_days", schedule.leadDays.map(String.init).joined(separator: ","))
        line("repeat_days", String(schedule.repeatDays))
        line("dues_day", String(schedule.duesDay))
        line("activity_notice_days", String(schedule.activityNoticeDays))
        line("survey_lead_days", String(schedule.surveyLeadDays))
        line("retry_max_age", ConfigParser.format(schedule.retryMaxAge))
        line("retry_backoff", ConfigParser.format(Duration(seconds: schedule.retryBackoff)))
        line("pass_retry", ConfigParser.format(Duration(seconds: schedule.passRetry)))
        line("lost_after", ConfigParser.format(schedule.lostAfter))
        let quiet = schedule.quiet.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)..\($0.upperBound)" }
        line("quiet", quiet.isEmpty ? nil : quiet.joined(separator: ", "), unset: "no quiet days")
        line("catch_up", ConfigParser.format(schedule.catchUp))

        section("rules")
        line("contact_every", rules.contactEvery.rawValue)
        line("report_every", rules.reportEvery.rawValue)
        line("arrears_after", String(rules.arrearsAfter))
        line("incoming_deadline", ConfigParser.format(rules.incomingDeadline))
        line("placement_months", rules.placementMonths.map(String.init).joined(separator: ","))
        line("transfer_after", ConfigParser.format(rules.transferAfter))
        line("evaluation_on", rules.evaluationOn.description)
        line("departure_window", ConfigParser.format(rules.departureWindow))
        line("receipt_every", ConfigParser.format(rules.receiptEvery))
        line("feedback_every", ConfigParser.format(rules.feedbackEvery))
        line("probation_notice", ConfigParser.format(rules.probationNotice))
        line("dues_every", rules.duesEvery.rawValue)
        line("dues_amount", rules.duesAmount, unset: "no amount in the dues reminders")
        line("dues_method", rules.duesMethod, unset: "the reminders say: as the branch collects them")

        section("activity")
        line("time", activity.time?.description, unset: "no time in the activity notice")
        line("place", activity.place, unset: "no place in the activity notice")
        line("topic", activity.topic, unset: "no topic in the activity notice")

        section("mail")
        line("group", mail.group ? "yes" : "no")
        return out.joined(separator: "\n") + "\n"
    }
}
