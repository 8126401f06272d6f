import Foundation

/// The facts as flat text fields, under the keys docs/rules.md names (`paid_through`, `owed`,
/// `counted_from`, …): what stores of schema 4 and earlier hold (`init(rule:fields:)` reads
/// those rows), and what the wording asks by key (`ReminderContext.fact`).
extension RuleFacts {
    /// One field by its key; nil when these facts do not have it.
    public subscript(key: String) -> String? { fields[key] }

    public var fields: [String: String] {
        var f: [String: String] = [:]
        func set(_ k: String, _ v: CustomStringConvertible?) { if let v { f[k] = v.description } }
        func set(_ pairs: (String, CustomStringConvertible?)...) { for (k, v) in pairs { set(k, v) } }
        func dues(_ d: Dues) {
            set("paid_through", d.paidThrough)
            if let a = d.owedFrom, let b = d.owedThrough { f["owed"] = "\(a)..\(b)" }
            set("months", d.months)
            set("dues_day", d.duesDay)
            if d.paidAtInflow { f["paid_at"] = "inflow" }
        }
        switch self {
        case .absent: break
        case .contactQuarterly(let x): set("open_from", x.openFrom)
        case .reportPeriodic(let x):
            f["report_every"] = x.every.rawValue
            set("open_from", x.openFrom)
        case .duesMonthly(let x), .duesArrears(let x): dues(x)
        case .certificateCheck(let x):
            f["interval"] = x.interval.rawValue
            f["certificate"] = x.certificate
            set("counted_from", x.countedFrom)
        case .placementChanged(let x):
            set("months", x.months)
            set("since", x.since)
        case .relationTransfer(let x):
            set("since", x.since)
            set("place", x.place)
        case .incomingRegister(let x), .incomingFeedback(let x):
            set(("since", x.since), ("place", x.place), ("origin", x.origin), ("joined", x.joined),
                ("address", x.address), ("count", x.count))
        case .activityDay(let x):
            set(("activity_day", x.day), ("activity_time", x.time), ("activity_place", x.place),
                ("activity_topic", x.topic))
        case .surveyPeak(let x):
            f["holiday"] = x.holiday
            set("holiday_date", x.holidayDate)
            set("count", x.members.count)
            f["members"] = x.members.map { "\($0.name) \($0.phone ?? "-") \($0.kind.rawValue)" }.joined(separator: "\n")
        case .contactLost(let x):
            f["reason"] = x.reason.rawValue
            set("counted_from", x.countedFrom)
            set("last_contact", x.lastContact)
            set("unreachable", x.unreachable)
        case .membershipReview(let x):
            if let d = x.dues { dues(d) }
            f["reason"] = x.reason.rawValue
            set("counted_from", x.countedFrom)
        case .evaluationAnnual(let x):
            set("year", x.year)
            set("contacts", x.contacts)
            set("reports", x.reports)
            if let list = x.members {
                set("count", list.count)
                f["members"] = list.map { e in
                    "\(e.id) \(e.name) \(e.kind.rawValue) contacts=\(e.contacts) reports=\(e.reports) "
                        + "dues=\(e.duesThrough?.description ?? "unknown")" + (e.flag.map { " \($0)" } ?? "")
                }.joined(separator: "\n")
                f["opinion_asked"] = x.opinionAsked.joined(separator: ",")
            }
        case .digestMonthly(let x):
            f["quarter"] = x.quarter
            f["grids"] = x.grids.map { "\($0.grid ?? "-") \($0.contacted) \($0.pending) \($0.overdue)" }
                .joined(separator: "\n")
            let t = x.total
            set(("contacted", t.contacted), ("pending", t.pending), ("overdue", t.overdue), ("no_liaison", x.noLiaison),
                ("failures", x.failures), ("replies", x.replies))
        case .departurePrepare(let x):
            set(("since", x.since), ("destination", x.destination), ("expected_length", x.expectedLength))
            if x.adviseTransfer { f["advise_transfer"] = "yes" }
            if x.noLiaison { f["liaison"] = "none" }
        case .transferReceipt(let x):
            set("transferred", x.transferred)
            set("count", x.count)
            set("place", x.place)
        case .probationEnd(let x): set("probation_end", x.end)
        }
        return f
    }

    /// The facts of `rule` from flat fields (a row of schema 4 or earlier). Fields it cannot
    /// read are left out; without the ones a rule's facts need, `.absent` (the wording then
    /// falls back on the roster and the period, as for a reminder stored without facts).
    public init(rule: RuleID, fields f: [String: String]) {
        func text(_ k: String) -> String? {
            guard let v = f[k]?.trimmingWhitespace(), !v.isEmpty else { return nil }
            return v
        }
        func int(_ k: String) -> Int? { text(k).flatMap { Int($0) } }
        func day(_ k: String) -> LocalDate? { text(k).flatMap(LocalDate.iso) }
        func dues() -> Dues {
            var d = Dues(paidThrough: text("paid_through").flatMap(YearMonth.iso), months: int("months"),
                         duesDay: day("dues_day"), paidAtInflow: text("paid_at") == "inflow")
            let parts = text("owed")?.components(separatedBy: "..") ?? []
            if parts.count == 2, let a = YearMonth.iso(parts[0]), let b = YearMonth.iso(parts[1]), a <= b {
                d.owedFrom = a
                d.owedThrough = b
            }
            return d
        }
        guard !f.isEmpty else { self = .absent; return }
        switch rule {
        case .contactQuarterly: self = .contactQuarterly(OpenFrom(openFrom: text("open_from")))
        case .reportPeriodic:
            guard let e = text("report_every").flatMap(Member.ReportEvery.init(rawValue:)) else { self = .absent; return }
            self = .reportPeriodic(Report(every: e, openFrom: text("open_from")))
        case .duesMonthly: self = .duesMonthly(dues())
        case .duesArrears: self = .duesArrears(dues())
        case .certificateCheck:
            guard let i = text("interval").flatMap(Member.CheckEvery.init(rawValue:)), let c = text("certificate"),
                  let from = day("counted_from") else { self = .absent; return }
            self = .certificateCheck(Certificate(interval: i, certificate: c, countedFrom: from))
        case .placementChanged:
            guard let m = int("months"), let s = day("since") else { self = .absent; return }
            self = .placementChanged(Placement(months: m, since: s))
        case .relationTransfer:
            guard let s = day("since") else { self = .absent; return }
            self = .relationTransfer(Move(since: s, place: text("place")))
        case .incomingRegister, .incomingFeedback:
            guard let s = day("since") else { self = .absent; return }
            let x = Incoming(since: s, place: text("place"), origin: text("origin"), joined: day("joined"),
                             address: text("address"), count: int("count"))
            self = rule == .incomingRegister ? .incomingRegister(x) : .incomingFeedback(x)
        case .activityDay:
            guard let d = day("activity_day") else { self = .absent; return }
            self = .activityDay(Activity(day: d, time: text("activity_time"), place: text("activity_place"),
                                         topic: text("activity_topic")))
        case .surveyPeak:
            guard let h = text("holiday"), let d = day("holiday_date") else { self = .absent; return }
            self = .surveyPeak(Survey(holiday: h, holidayDate: d, members: Self.surveyLines(f["members"] ?? "")))
        case .contactLost:
            guard let from = day("counted_from") else { self = .absent; return }
            self = .contactLost(ContactLost(reason: text("reason") == "unreachable" ? .unreachable : .noContact,
                                            countedFrom: from, lastContact: day("last_contact"),
                                            unreachable: int("unreachable") ?? 0))
        case .membershipReview:
            guard let r = text("reason").flatMap(Review.Reason.init(rawValue:)) else { self = .absent; return }
            self = .membershipReview(Review(reason: r, dues: r == .dues ? dues() : nil, countedFrom: day("counted_from")))
        case .evaluationAnnual:
            guard let y = int("year") else { self = .absent; return }
            let opinion = (text("opinion_asked") ?? "").split(separator: ",").map(String.init)
            self = .evaluationAnnual(Evaluation(year: y, contacts: int("contacts"), reports: int("reports"),
                                                members: f["members"].map(Self.evaluationLines), opinionAsked: opinion))
        case .digestMonthly:
            guard let q = text("quarter") else { self = .absent; return }
            self = .digestMonthly(Digest(quarter: q, grids: Self.gridLines(f["grids"] ?? ""), noLiaison: int("no_liaison") ?? 0,
                                         failures: int("failures"), replies: int("replies")))
        case .departurePrepare:
            guard let s = day("since") else { self = .absent; return }
            self = .departurePrepare(Departure(since: s, destination: text("destination"),
                                               expectedLength: text("expected_length"),
                                               adviseTransfer: text("advise_transfer") == "yes",
                                               noLiaison: text("liaison") == "none"))
        case .transferReceipt:
            guard let t = day("transferred") else { self = .absent; return }
            self = .transferReceipt(Receipt(transferred: t, count: int("count") ?? 1, place: text("place")))
        case .probationEnd:
            guard let e = day("probation_end") else { self = .absent; return }
            self = .probationEnd(Probation(end: e))
        }
    }

    /// `name phone kind` per line (phone `-` when unknown); the name may hold spaces.
    static func surveyLines(_ text: String) -> [SurveyEntry] {
        text.split(separator: "\n").compactMap { line in
            let t = line.split(separator: " ").map(String.init)
            guard t.count >= 3, let kind = Member.Kind(rawValue: t[t.count - 1]) else { return nil }
            let phone = t[t.count - 2]
            return SurveyEntry(name: t[0..<(t.count - 2)].joined(separator: " "), phone: phone == "-" ? nil : phone,
                               kind: kind)
        }
    }

    /// `id name kind contacts=N reports=N dues=YYYY-MM [paused|transferred]` per line.
    static func evaluationLines(_ text: String) -> [EvaluationEntry] {
        text.split(separator: "\n").compactMap { line in
            let t = line.split(separator: " ").map(String.init)
            guard let c = t.firstIndex(where: { $0.hasPrefix("contacts=") }), c >= 2, c + 2 < t.count,
                  let kind = Member.Kind(rawValue: t[c - 1]) else { return nil }
            func value(_ token: String, _ prefix: String) -> String? {
                token.hasPrefix(prefix) ? String(token.dropFirst(prefix.count)) : nil
            }
            guard let contacts = value(t[c], "contacts=").flatMap({ Int($0) }),
                  let reports = value(t[c + 1], "reports=").flatMap({ Int($0) }),
                  let dues = value(t[c + 2], "dues=") else { return nil }
            return EvaluationEntry(id: t[0], name: t[1..<(c - 1)].joined(separator: " "), kind: kind,
                                   contacts: contacts, reports: reports, duesThrough: YearMonth.iso(dues),
                                   flag: c + 3 < t.count ? t[c + 3] : nil)
        }
    }

    /// `grid contacted pending overdue` per line (`-`: members without a grid).
    static func gridLines(_ text: String) -> [ContactTally] {
        text.split(separator: "\n").compactMap { line in
            let t = line.split(separator: " ").map(String.init)
            guard t.count >= 4, let o = Int(t[t.count - 1]), let p = Int(t[t.count - 2]), let c = Int(t[t.count - 3])
            else { return nil }
            let g = t[0..<(t.count - 3)].joined(separator: " ")
            return ContactTally(grid: g == "-" ? nil : g, contacted: c, pending: p, overdue: o)
        }
    }
}
