import Foundation
import LiaisonCore

/// The config's and the roster's diagnostics in the branch's language.
///
/// The parsers are pure and write their messages in English (stable for tests and scripts);
/// a Chinese branch reads them in Chinese, translated here by pattern. They are never stored:
/// only the moment they are printed needs a language (the log's details are codes, `LogDetail`). Names, values, ids and file names inside a message are kept as written; a
/// message this table does not know is shown unchanged. `FILE:LINE:` and `warning:` stay as
/// they are (interface.md's format, which scripts match).
public enum DiagnosticText {
    public static func render(_ d: Diagnostic, language: Config.Language) -> Diagnostic {
        guard language == .zh else { return d }
        var out = d
        out.message = render(d.message)
        return out
    }

    static func render(_ message: String) -> String {
        let range = NSRange(message.startIndex..., in: message)
        for (n, entry) in table.enumerated() where message.containsUTF8(entry.literal) {
            guard let m = compiled.regex(n).firstMatch(in: message, range: range) else { continue }
            let values = (0..<m.numberOfRanges).map { i -> String in
                let r = m.range(at: i)
                return r.location == NSNotFound ? "" : (Range(r, in: message).map { String(message[$0]) } ?? "")
            }
            return fill(entry.template, values)
        }
        return message
    }

    /// The template with each `$1`…`$9` replaced by that group's value, in one pass: a value
    /// that itself contains `$2` stays as written. (Foundation's `replacingOccurrences`, once
    /// per group, took most of the time of rendering a warning.)
    static func fill(_ template: String, _ values: [String]) -> String {
        var out = ""
        var scalars = template.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            pending = scalars.next()
            if c == "$", let d = pending, let n = Int(String(d)), n >= 1, n < values.count {
                out += forms(values[n])
                pending = scalars.next()
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The longest run of plain characters every match of `pattern` contains, outside groups
    /// and classes ("" when there is none, or an alternation outside groups makes every part
    /// optional): a roster with hundreds of warnings tried each against every expression, and
    /// most are ruled out by their words alone.
    static func requiredLiteral(_ pattern: String) -> String {
        let chars = Array(pattern)
        var best = "", run = "", depth = 0, i = 0
        func end() { if run.count > best.count { best = run }; run = "" }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\\":
                i += 1
                guard i < chars.count else { break }
                if "()[]{}.*+?^$\\/\"".contains(chars[i]) { if depth == 0 { run.append(chars[i]) } } else { end() }
            case "(": depth += 1; end()
            case ")": depth -= 1; end()
            case "[":
                end()
                i += 1
                while i < chars.count && chars[i] != "]" { if chars[i] == "\\" { i += 1 }; i += 1 }
            case "*", "?", "+", "{":
                // The atom before is optional or repeated: drop it from the run.
                if !run.isEmpty { run.removeLast() }
                end()
            case "|" where depth == 0: return ""
            case ".", "^", "$", "|": end()
            default: if depth == 0 { run.append(c) }
            }
            i += 1
        }
        end()
        return best
    }

    /// The accepted-forms lists inside messages, with Chinese separators.
    private static func forms(_ s: String) -> String {
        // An English phrase ("a whole number from 1 to 31", "an address, e.g. …") stays whole.
        if s.hasPrefix("a ") || s.hasPrefix("an ") || s.containsUTF8("e.g.") { return s }
        return s.replacing(", ", with: "、").replacing(" or ", with: " 或 ")
    }

    private struct Entry: Sendable {
        let pattern: String
        let template: String
        let literal: String
    }

    /// The expressions, compiled when a message first needs one: a run with two warnings
    /// compiles two, not all of them.
    private final class Compiled: @unchecked Sendable {
        private let lock = NSLock()
        private var regexes: [NSRegularExpression?]

        init(count: Int) { regexes = Array(repeating: nil, count: count) }

        func regex(_ n: Int) -> NSRegularExpression {
            lock.lock()
            defer { lock.unlock() }
            if let r = regexes[n] { return r }
            let r = try! NSRegularExpression(pattern: table[n].pattern)
            regexes[n] = r
            return r
        }
    }

    private static let compiled = Compiled(count: table.count)

    private static let table: [Entry] = [
        // Config file (INIParser, ConfigParser)
        (#"^missing required key "([^"]+)" in \[(\w+)\] \(there is no \[\w+\] section\)$"#,
         "[$2] 缺少必填的键“$1”（文件中没有 [$2] 这一节）"),
        (#"^missing required key "([^"]+)" in \[(\w+)\]$"#, "[$2] 缺少必填的键“$1”"),
        (#"^invalid value "(.*)" for "([^"]+)" in \[(\w+)\]: (.*) \(expected (.*)\)$"#, "[$3] 中 $2 的值“$1”无效：$4（应为 $5）"),
        (#"^invalid value "(.*)" for "([^"]+)" in \[(\w+)\] \(expected (.*)\)$"#, "[$3] 中 $2 的值“$1”无效（应为 $4）"),
        (#"^tls = none is refused for "([^"]+)" in \[(\w+)\]: .*$"#,
         "[$2] 中 tls = none 不能用于“$1”：不加密时密码和邮件以明文经过网络（只允许 localhost、127.0.0.0/8 和 ::1）"),
        (#"^unknown section \[([^\]]+)\] \(did you mean \[(\w+)\]\?\)$"#, "未知的节 [$1]（是否应为 [$2]？）"),
        (#"^unknown section \[([^\]]+)\] \(known sections: (.*)\)$"#, "未知的节 [$1]（可用的节：$2）"),
        (#"^unknown key "([^"]+)" in \[(\w+)\] \(passwords never go in the config: put it in a file and set password_file\)$"#,
         "[$2] 中有未知的键“$1”（密码不能写在配置文件里：请写入单独的文件，并设置 password_file）"),
        (#"^unknown key "([^"]+)" in \[(\w+)\] \(did you mean "([^"]+)"\?\)$"#, "[$2] 中有未知的键“$1”（是否应为“$3”？）"),
        (#"^unknown key "([^"]+)" in \[(\w+)\] \("[^"]+" belongs in \[(\w+)\]\)$"#, "[$2] 中有未知的键“$1”（它属于 [$3]）"),
        (#"^unknown key "([^"]+)" in \[(\w+)\]$"#, "[$2] 中有未知的键“$1”"),
        (#"^duplicate key "([^"]+)" in \[(\w+)\] \(first set on line (\d+)\)$"#, "[$2] 中的键“$1”重复（第 $3 行已设置）"),
        (#"^missing "=" after key "(.*)" \(expected key = value\)$"#, "“$1”后缺少“=”（应为 key = value）"),
        (#"^key "([^"]+)" outside any section \(expected a \[section\] header first\)$"#, "键“$1”不在任何节中（前面应先有 [节名]）"),
        (#"^"url" in \[smtp\]: port 465 expects TLS from the first byte, which smtp:// does not start: write (\S+) \(or (\S+) for STARTTLS\)$"#,
         "[smtp] 中的 url：465 端口一开始就要 TLS，smtp:// 做不到；请写 $1（或用 STARTTLS：$2）"),
        (#"^"url" in \[smtp\]: port (\d+) starts in clear and upgrades with STARTTLS, which smtps:// does not do: write (\S+) \(or (\S+)\)$"#,
         "[smtp] 中的 url：$1 端口先明文再用 STARTTLS 加密，smtps:// 做不到；请写 $2（或 $3）"),
        (#"^from <([^>]+)> differs from user (\S+): (\S+) sends only as the logged-in account .*$"#,
         "发件人 <$1> 与登录用户 $2 不同：$3 只能以登录的账号发信，其他发件人会被拒收或改写；请把 from 设为 … <$2>"),
        // Roster files (LedgerParser, RosterCells, RosterHeader)
        (#"^(\S+) "(.*)" is not a date \(use (.*)\)$"#, "$1“$2”不是日期（可写 $3）"),
        (#"^(\S+) "(.*)" is not a month \(use (.*)\)$"#, "$1“$2”不是月份（可写 $3）"),
        (#"^(\S+) "(.*)" is not yes or no \(use (.*); empty means (yes|no)\)$"#, "$1“$2”不是“是”或“否”（可写 $3；空着表示$4）"),
        (#"^(\S+) "(.*)" is not a valid e-mail address .*$"#, "$1“$2”不是有效的邮箱地址（写成 name@example.org，每格一个地址）"),
        (#"^(\S+) "(.*)" contains a line break; .*$"#, "$1“$2”中有换行；它会写进邮件头，不允许（请写在一行内）"),
        (#"^(\S+) "(.*)" is not an id in (\S+)$"#, "$1“$2”不是 $3 中的编号"),
        (#"^(\S+) "(.*)" is not (.*) \(use (.*)\)$"#, "$1“$2”无效（可写 $4）"),
        (#"^id "(.*)" is already used on line (\d+); ids must be unique$"#, "编号“$1”在第 $2 行已用过；编号不能重复"),
        (#"^(\S+) is empty; use (.*)$"#, "$1为空；可写 $2"),
        (#"^(\S+) is empty; an outgoing member needs the day they left \(use (.*)\)$"#, "$1为空；流出党员须填写外出日期（可写 $2）"),
        (#"^(\S+) is empty; an incoming member needs the day they arrived \(use (.*)\)$"#, "$1为空；流入党员须填写流入日期（可写 $2）"),
        (#"^(\S+) is empty; (.*)$"#, "$1为空：$2"),
        (#"^outgoing member (\S*) has no (\S+); nobody will be reminded to contact them \(put the id of a person in (\S+) there\)$"#,
         "流出党员 $1 的 $2 列为空：不会提醒任何人与其联系（请在该列填写 $3 中某人的编号）"),
        (#"^grid leader (\S*) has no (\S+); no grid's reminders will reach them$"#, "网格长 $1 的 $2 列为空：任何网格的提醒都不会发给他"),
        (#"^unknown column "(.*)" \(known columns: (.*)\)$"#, "未知的列“$1”（可用的列：$2）"),
        (#"^column "(.*)" appears twice \(columns (\d+) and (\d+)\); keep one$"#, "列“$1”出现两次（第 $2 列和第 $3 列）；请只保留一列"),
        (#"^column (\d+) has no header; its values are ignored$"#, "第 $1 列没有表头；该列的值不予读取"),
        (#"^required column (\S+) \((\S+)\) is missing from the header row$"#, "表头中缺少必需的列 $2（$1）"),
    ].map { Entry(pattern: $0.0, template: $0.1, literal: requiredLiteral($0.0)) }

    /// Each expression with the words it requires, for tests.
    static var literals: [(pattern: String, literal: String)] { table.map { ($0.pattern, $0.literal) } }
}
