import Foundation
import LiaisonCore

/// Legacy: before schema 5 a log row's detail was an English sentence. Migration 5 turns each
/// sentence liaisond wrote into its code and arguments, so old rows are shown in the branch's
/// language like new ones. A sentence is converted only when the code renders it back word for
/// word in English; any other (or one this table does not know) stays in the `detail` column
/// and is shown as written (`LogDetail.legacy`). Used by the migration only, never when showing.
extension Store {
    /// Converts the rows of the old `detail` column; inside the migration's transaction.
    func convertLegacyLogDetails() throws {
        let rows = try db.query("SELECT id, detail FROM log WHERE detail IS NOT NULL AND code IS NULL") {
            ($0.int(0), $0.text(1) ?? "")
        }
        let patterns = Store.legacyPatterns()
        for (id, sentence) in rows {
            guard let d = Store.legacyLogDetail(sentence, patterns: patterns), let stored = d.stored else { continue }
            try db.run("UPDATE log SET code = ?, args = ?, detail = NULL WHERE id = ?",
                       [.text(stored.code), .text(stored.arguments), .int(id)])
        }
    }

    /// The detail an old sentence says, when it renders back to exactly that sentence.
    static func legacyLogDetail(_ sentence: String,
                                patterns: [(NSRegularExpression, ([String]) -> LogDetail?)] = legacyPatterns()) -> LogDetail? {
        let range = NSRange(sentence.startIndex..., in: sentence)
        for (pattern, make) in patterns {
            guard let m = pattern.firstMatch(in: sentence, range: range) else { continue }
            let groups: [String] = (0..<m.numberOfRanges).map { i in
                Range(m.range(at: i), in: sentence).map { String(sentence[$0]) } ?? ""
            }
            if let d = make(groups), d.text(.en) == sentence { return d }
        }
        return nil
    }

    /// A record line's groups: id, kind, date, the rest (through, period, method and note), source.
    private static func recordLine(_ g: [String]) -> LogDetail? {
        guard let id = Int64(g[1]), let kind = Record.Kind(rawValue: g[2]), let date = LocalDate.iso(g[3]) else { return nil }
        var rest = g[4]
        var through: YearMonth?
        var period: String?
        if rest.hasPrefix(" through "), let t = rest.dropFirst(9).split(separator: " ").first {
            through = YearMonth.iso(String(t))
            rest = String(rest.dropFirst(9 + t.count))
        }
        if rest.hasPrefix(" for "), let p = rest.dropFirst(5).split(separator: " ").first {
            period = String(p)
            rest = String(rest.dropFirst(5 + p.count))
        }
        // Method and note were written one after the other: the words stay as they were, in the note.
        var record = Record(kind: kind, member: "", date: date, note: rest.isEmpty ? nil : String(rest.dropFirst()),
                            through: through)
        record.period = period
        return .recorded(record: LogDetail.RecordLine(record, id: id, source: g[5]))
    }

    /// The sentences schema 4 wrote, each with the detail its groups make (group 0 is the whole).
    /// Built when a migration needs it, not kept.
    static func legacyPatterns() -> [(NSRegularExpression, ([String]) -> LogDetail?)] {
        typealias Make = ([String]) -> LogDetail?
        var table: [(String, Make)] = []
        func add(_ pattern: String, _ make: @escaping Make) { table.append((pattern, make)) }
        var fixed: [LogDetail] = [.noticeTooLate, .missedWhileStopped, .resolvedBeforeSending, .noAddress, .recipientRefused,
                                  .duplicate(messageID: nil)]
        fixed += LogDetail.ServerFailure.allCases.map { .serverStopped(failure: $0) }
        for d in fixed { add("^" + NSRegularExpression.escapedPattern(for: d.text(.en)) + "$") { _ in d } }
        add(#"^still waiting when (\S+) of the same thread came due$"#, { .laterStepDue(step: $0[1]) })
        add(#"^member (\S+) is no longer in the roster$"#, { .memberGone(member: $0[1]) })
        add(#"^gave up after retry_max_age \((.*)\)$"#, { .gaveUp(retryMaxAge: $0[1]) })
        add(#"^(gave up after retry_max_age; )?one message with (\d+) item\(s\): (.*)$"#,
            { g in Int(g[2]).map { .bundled(items: $0, bundle: g[3], gaveUp: !g[1].isEmpty) } })
        add(#"^#(\d+) (\w+) (\S+) withdrawn(?:: (.*))?$"#, { g in
                Int64(g[1]).map { .withdrawn(id: $0, kind: g[2], date: g[3], note: g[4].isEmpty ? nil : g[4]) } })
        add(#"^#(\d+) (\w+) (\d{4}-\d{2}-\d{2})(.*) \((cli|reply .*)\)$"#, recordLine)
        add(#"^from (\S+): not an address this thread was sent to$"#, { .notThreadRecipient(from: $0[1]) })
        add(#"^from (\S+): not an address the daily list was sent to$"#, { .notDailyRecipient(from: $0[1]) })
        add(#"^from (\S+): no thread matches \(unknown or made-up token\)$"#, { .noThread(from: $0[1]) })
        add(#"^from (\S+): no line starts with a member id$"#, { .noMemberLine(from: $0[1]) })
        add(#"^from (\S+): (.*) \(not recorded\)$"#, { .notRecorded(from: $0[1], text: $0[2]) })
        add(#"^from (\S+): (.*)$"#, { .reply(from: $0[1], text: $0[2]) })
        add(#"^duplicate: message <(.*)> was taken before$"#, { .duplicate(messageID: $0[1]) })
        add(#"^auto-reply \(Auto-Submitted: (.*)\), from (\S+)$"#, { .automatic(sign: .autoSubmitted(value: $0[1]), from: $0[2]) })
        add(#"^bulk mail \(Precedence: (.*)\), from (\S+)$"#, { .automatic(sign: .bulk(precedence: $0[1]), from: $0[2]) })
        add(#"^auto-reply \(Precedence: (.*)\), from (\S+)$"#, { .automatic(sign: .autoReplyPrecedence(value: $0[1]), from: $0[2]) })
        add(#"^auto-reply \((X-\S+)\), from (\S+)$"#, { .automatic(sign: .autoReplyField(name: $0[1]), from: $0[2]) })
        add(#"^auto-reply \(subject: (.*)\), from (\S+)$"#, { .automatic(sign: .subject(text: $0[1]), from: $0[2]) })
        add(#"^auto-reply \(body: (.*)\), from (\S+)$"#, { .automatic(sign: .body(phrase: $0[1]), from: $0[2]) })
        add(#"^mailing-list mail \(List-Id\), from (\S+)$"#, { .automatic(sign: .mailingList, from: $0[1]) })
        add(#"^mail from (\S+), not about a message liaisond sent, from (\S+)$"#,
            { .automatic(sign: .systemSender(address: $0[1]), from: $0[2]) })
        add(#"^mail with an empty Return-Path \(a bounce or notification\), from (\S+)$"#,
            { .automatic(sign: .emptyReturnPath, from: $0[1]) })
        add(#"^not an e-mail message \(no header fields\); (\d+) bytes$"#, { g in Int(g[1]).map { .notAMessage(bytes: $0) } })
        add(#"^message of (\d+) bytes from (\S+) is over the 10 MB limit; not read$"#,
            { g in Int(g[1]).map { .tooLarge(bytes: $0, from: g[2]) } })
        add(#"^delivery report from (\S+) not about a reminder liaisond sent$"#, { .reportNotOurs(from: $0[1]) })
        add(#"^delivery report from (\S+), not from a mailer-daemon or postmaster: not believed$"#,
            { .reportNotBelieved(from: $0[1]) })
        add(#"^delivery report from (\S+) names (\S+), to whom (\S+) was not sent: not believed$"#,
            { .reportNamesStranger(from: $0[1], address: $0[2], key: $0[3]) })
        add(#"^delivery report \((.*)\) from (\S+)$"#,
            { .reportWithoutFailure(actions: $0[1] == "no recipients" ? "" : $0[1], from: $0[2]) })
        add(#"^bounced: delivery report from (\S+) \(status (.*)\)$"#, { .bounced(from: $0[1], status: $0[2]) })
        return table.map { (try! NSRegularExpression(pattern: $0.0, options: [.dotMatchesLineSeparators]), $0.1) }
    }
}
