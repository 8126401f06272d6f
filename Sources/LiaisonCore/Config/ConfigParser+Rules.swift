extension ConfigParser {
    /// The keys of `[rules]`, in the order of docs/rules.md.
    public static let ruleKeys = [
        "contact_every", "report_every", "arrears_after", "incoming_deadline", "placement_months",
        "transfer_after", "evaluation_on", "departure_window", "receipt_every", "feedback_every",
        "probation_notice", "dues_every", "dues_amount", "dues_method",
    ]
}

extension ConfigReader {
    /// `[rules]`: every key optional, each with the seed's number as its default.
    mutating func rules() -> Config.Rules? {
        let s = "rules"
        typealias D = Config.Rules.Defaults
        let contactEvery = period(s, "contact_every", default: D.contactEvery)
        let reportEvery = period(s, "report_every", default: D.reportEvery)
        let arrearsAfter = integer(s, "arrears_after", in: 1...24, default: D.arrearsAfter,
                                   expected: "a whole number of months from 1 to 24")
        let incoming = duration(s, "incoming_deadline", default: D.incomingDeadline, allowZero: true)
        var placement: [Int]? = D.placementMonths
        if let e = entry(s, "placement_months") {
            let items = e.value.split(separator: ",", omittingEmptySubsequences: false)
                .map { ConfigParser.asciiInt(String($0).trimmingWhitespace()) }
            if !items.isEmpty, items.allSatisfy({ $0.map { (1...120).contains($0) } ?? false }) {
                placement = Array(Set(items.compactMap { $0 })).sorted()
            } else {
                placement = nil
                invalid(s, e, expected: "comma-separated months between 1 and 120, e.g. 3,6")
            }
        }
        let transferAfter = duration(s, "transfer_after", default: D.transferAfter, allowZero: false)
        var evaluationOn: MonthDay? = D.evaluationOn
        if let e = entry(s, "evaluation_on") {
            evaluationOn = MonthDay.parse(e.value)
            if evaluationOn == nil { invalid(s, e, expected: "a month and day, MM-DD, e.g. 12-01") }
        }
        let departure = duration(s, "departure_window", default: D.departureWindow, allowZero: true)
        let receipt = duration(s, "receipt_every", default: D.receiptEvery, allowZero: false)
        let feedback = duration(s, "feedback_every", default: D.feedbackEvery, allowZero: false)
        let probation = duration(s, "probation_notice", default: D.probationNotice, allowZero: true)
        let duesEvery: Config.Rules.DuesEvery?
        if let e = entry(s, "dues_every") {
            duesEvery = Config.Rules.DuesEvery(rawValue: e.value)
            if duesEvery == nil { invalid(s, e, expected: "month or quarter") }
        } else {
            duesEvery = D.duesEvery
        }
        for key in ["dues_amount", "dues_method"] {
            if let e = entry(s, key), e.value.contains(where: { $0.isNewline }) {
                invalid(s, e, expected: "one line of text")
            }
        }
        guard let contactEvery, let reportEvery, let arrearsAfter, let incoming, let placement, let transferAfter,
              let evaluationOn, let departure, let receipt, let feedback, let probation, let duesEvery else { return nil }
        return Config.Rules(contactEvery: contactEvery, reportEvery: reportEvery, arrearsAfter: arrearsAfter,
                            incomingDeadline: incoming, placementMonths: placement, transferAfter: transferAfter,
                            evaluationOn: evaluationOn, departureWindow: departure, receiptEvery: receipt,
                            feedbackEvery: feedback, probationNotice: probation, duesEvery: duesEvery,
                            duesAmount: optionalString(s, "dues_amount"), duesMethod: optionalString(s, "dues_method"))
    }

    /// `[activity]`: time, place, topic; all optional.
    mutating func activity() -> Config.Activity? {
        var time: TimeOfDay?
        if let e = entry("activity", "time") {
            guard let t = ConfigParser.parseTimeOfDay(e.value) else {
                invalid("activity", e, expected: "HH:MM, e.g. 09:30")
                return nil
            }
            time = t
        }
        return Config.Activity(time: time, place: optionalString("activity", "place"),
                               topic: optionalString("activity", "topic"))
    }

    /// `quarter` or `half-year` (also 季度 / 半年).
    mutating func period(_ section: String, _ key: String, default value: Member.ReportEvery) -> Member.ReportEvery? {
        guard let e = entry(section, key) else { return value }
        switch e.value {
        case "quarter", "季度": return .quarter
        case "half-year", "半年": return .halfYear
        default:
            invalid(section, e, expected: "quarter or half-year")
            return nil
        }
    }
}
