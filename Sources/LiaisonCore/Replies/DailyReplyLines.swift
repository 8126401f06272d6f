/// Reads a reply to the secretary's daily list: one line per member, the member's id first
/// (`P10 已登记`, `P04 已转出 12-20`, `P03 已联系 电话`), several lines in one reply.
///
/// Only the glue: the id is taken off and the rest of the line goes to the one-line reader of
/// every other reply (`ReplyLine.read(_:context:)`), so both read commands alike and refuse
/// the same dates.
public enum DailyReplyLines {
    /// What one line of the reply says.
    public struct Line: Sendable, Equatable {
        public enum Verdict: Sendable, Equatable {
            case command(ReplyCommand)
            case refused(ReplyProblem)
            /// The id names no member of the roster.
            case unknownMember
            /// After a member id, no command the reader knows.
            case unrecognised
        }
        /// The line as written (trimmed).
        public var text: String
        /// The member id as the roster spells it (the id as written for `unknownMember`).
        public var member: String
        public var verdict: Verdict
    }

    /// Lines of new text read at most (a list of a day's items, not a letter).
    public static let maxLines = 60

    /// Every line that starts with a member id (or with what looks like one: letters and
    /// digits with at least one digit), in order; other lines (a greeting, a signature) are
    /// not commands and are left out.
    public static func read(_ body: String, memberIDs: Set<String>, replyDay: LocalDate) -> [Line] {
        var byUpper: [String: String] = [:]
        for id in memberIDs { byUpper[id.uppercased()] = id }
        var out: [Line] = []
        for raw in ReplyText.newText(body).prefix(maxLines) {
            let line = raw.trimmingWhitespace()
            guard !line.isEmpty else { continue }
            let word = String(line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            guard !word.isEmpty, word.contains(where: \.isNumber), word.count <= 20 else { continue }
            let rest = String(line.dropFirst(word.count)).trimmingWhitespace()
            guard let member = byUpper[word.uppercased()] else {
                out.append(Line(text: line, member: word, verdict: .unknownMember))
                continue
            }
            switch ReplyLine.read(rest, context: ReplyContext(replyDay: replyDay)) {
            case .command(let c)?: out.append(Line(text: line, member: member, verdict: .command(c)))
            case .refused(let p)?: out.append(Line(text: line, member: member, verdict: .refused(p)))
            case .unrecognised?, .undo?, .courtesy?, nil: out.append(Line(text: line, member: member, verdict: .unrecognised))
            }
        }
        return out
    }
}
