/// Reads a reply: first its own words (`ReplyReader`), then, line by line (`ReplyLine`), a
/// command; in a report thread, the report.
///
/// The first line of own text that is a command, among the first five non-empty ones, counts;
/// lines before it (a greeting such as "王书记您好，") are fine.
public enum ReplyParser {
    /// Lines of new text searched for a command.
    public static let commandLines = 5

    /// As `understand(_:context:)` with only the reply's day and the kind of thread.
    public static func understand(_ body: String, isReportThread: Bool, replyDay: LocalDate) -> ReplyUnderstanding {
        understand(body, context: ReplyContext(replyDay: replyDay, isReportThread: isReportThread))
    }

    public static func understand(_ body: String, context: ReplyContext) -> ReplyUnderstanding {
        understand(reading: ReplyReader.read(body), context: context)
    }

    public static func understand(reading: ReplyReading, context: ReplyContext) -> ReplyUnderstanding {
        let lines = reading.nonEmptyLines
        guard !lines.isEmpty else { return .unrecognised }
        // 撤销 as the first words (after a greeting).
        if let first = lines.first(where: { !ReplyLine.isCourtesy($0) }), ReplyLine.isUndo(first) { return .undo }
        // Thanks above a signature (a name, a phone number) is still only thanks.
        if lines.contains(where: ReplyLine.isCourtesy),
           lines.allSatisfy({ ReplyLine.isCourtesy($0)
               || (ReplyLine.isSignatureLine($0) && ReplyLine.read($0, context: context) == nil) }) {
            return .courtesy
        }
        if context.isReportThread {
            return report(lines: reading.lines, context: context)
        }
        for line in lines.prefix(commandLines) {
            if let verdict = ReplyLine.read(line, context: context) { return verdict }
        }
        return .unrecognised
    }

    /// The prefixes by which a liaison marks a report sent on the member's behalf.
    static let reportPrefixes = ["汇报：", "汇报:", "报告：", "报告:", "汇报 ", "report:"]

    /// A reply in a report thread: dues said on the first line are dues; otherwise the text is
    /// the member's report — from the member's own address, or marked `汇报：` by a liaison.
    static func report(lines: [String], context: ReplyContext) -> ReplyUnderstanding {
        let nonEmpty = lines.filter { !$0.isEmpty }
        // Only a short first line that is a dues command counts as one: a report may well say
        // "已交党费" in passing.
        if let first = nonEmpty.first, first.count <= 30, let v = ReplyLine.read(first, context: context, only: .dues) {
            return v
        }
        // The marker may follow a greeting line.
        var text = lines
        var marked = false
        if let k = text.firstIndex(where: { l in reportPrefixes.contains { l.lowercased().hasPrefix($0) } }),
           text[..<k].allSatisfy({ $0.isEmpty || ReplyLine.isCourtesy($0) }) {
            let p = reportPrefixes.first { text[k].lowercased().hasPrefix($0) }!
            text[k] = String(text[k].dropFirst(p.count)).trimmingWhitespace()
            text.removeFirst(k)
            marked = true
        }
        guard context.fromMember || marked else { return .refused(.reportNotFromMember) }
        let body = text.joined(separator: "\n").trimmingWhitespace()
        guard !body.isEmpty else { return .unrecognised }
        return .command(.report(date: context.replyDay, text: body))
    }
}
