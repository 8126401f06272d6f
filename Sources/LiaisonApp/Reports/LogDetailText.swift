import Foundation
import LiaisonCore

/// The `detail` of a log row in the branch's language, for `log`'s text table.
///
/// The store keeps details as liaisond wrote them (English, stable for `log --json` and for
/// scripts); a Chinese branch's secretary reads them in Chinese. Addresses, ids, dates, notes
/// and server replies inside a detail are kept as they are; a detail this table does not know
/// is shown unchanged.
public enum LogDetailText {
    public static func render(_ detail: String, language: Config.Language) -> String {
        guard language == .zh else { return detail }
        for (pattern, template) in patterns {
            let range = NSRange(detail.startIndex..., in: detail)
            if let m = pattern.firstMatch(in: detail, range: range) {
                var out = template
                for i in stride(from: m.numberOfRanges - 1, through: 1, by: -1) {
                    let r = m.range(at: i)
                    let value = r.location == NSNotFound ? "" : (Range(r, in: detail).map { String(detail[$0]) } ?? "")
                    out = out.replacingOccurrences(of: "$\(i)", with: i == kindGroup(template) ? kindName(value) : value)
                }
                return out.replacingOccurrences(of: "§", with: "")
            }
        }
        return detail
    }

    /// Record kinds as `log` shows them.
    static func kindName(_ kind: String) -> String {
        switch kind {
        case "contact": return "联系"
        case "unreachable": return "未联系上"
        case "report": return "汇报"
        case "dues": return "党费"
        case "inspection": return "活动证检查"
        case "transfer": return "组织关系转出"
        case "register": return "编入"
        case "received": return "转接已接收(回执)"
        default: return kind
        }
    }

    /// Templates mark the group holding a record kind with `§` right after it (`$2§`).
    private static func kindGroup(_ template: String) -> Int? {
        guard let r = template.range(of: #"\$(\d)§"#, options: .regularExpression) else { return nil }
        return Int(template[r].dropFirst().prefix(1))
    }

    private static let patterns: [(NSRegularExpression, String)] = [
        (#"^a notice whose moment has passed or older than catch_up: not sent$"#,
         "通知的时机已过（或早于 catch_up），未发送"),
        (#"^missed while nothing ran; a later step of the thread was sent instead$"#,
         "停止运行期间错过；已改发同一事项较新的一步"),
        (#"^still waiting when (\S+) of the same thread came due$"#,
         "尚在等待时同一事项的 $1 已到期，改发后者"),
        (#"^member (\S+) is no longer in the roster$"#, "党员 $1 已不在台账中"),
        (#"^resolved before it was sent$"#, "发送前已办结"),
        (#"^nobody named has an e-mail address$"#, "收件人都没有邮箱地址"),
        (#"^recipient refused; the others received the message$"#, "该收件人被拒收；其他收件人已收到"),
        (#"^login refused: check \[smtp\] user and password_file \(授权码\); the pass stopped here$"#,
         "登录被拒绝：请检查 [smtp] user 和 password_file（授权码）；本轮发送就此停止"),
        (#"^cannot reach the server: check the host, port and scheme of \[smtp\] url; the pass stopped here$"#,
         "连不上服务器：请检查 [smtp] url 的主机、端口和协议；本轮发送就此停止"),
        (#"^TLS failed: check the port and scheme of \[smtp\] url and ca_file; the pass stopped here$"#,
         "TLS 连接失败：请检查 [smtp] url 的端口、协议和 ca_file；本轮发送就此停止"),
        (#"^gave up after retry_max_age \((.*)\)$"#, "超过 retry_max_age（$1），不再重试"),
        (#"^#(\d+) (\w+) (\d{4}-\d{2}-\d{2}) withdrawn: (.*)$"#, "#$1 $2§ $3 已撤销：$4"),
        (#"^#(\d+) (\w+) (\d{4}-\d{2}-\d{2}) withdrawn$"#, "#$1 $2§ $3 已撤销"),
        (#"^#(\d+) (\w+) (\d{4}-\d{2}-\d{2}) through (\S+)(.*) \(cli\)$"#, "#$1 $2§ $3 缴至 $4$5（命令行）"),
        (#"^#(\d+) (\w+) (\d{4}-\d{2}-\d{2}) through (\S+)(.*) \(reply (.*)\)$"#, "#$1 $2§ $3 缴至 $4$5（回复 $6）"),
        (#"^#(\d+) (\w+) (\d{4}-\d{2}-\d{2})(.*) \(cli\)$"#, "#$1 $2§ $3$4（命令行）"),
        (#"^#(\d+) (\w+) (\d{4}-\d{2}-\d{2})(.*) \(reply (.*)\)$"#, "#$1 $2§ $3$4（回复 $5）"),
        (#"^from (\S+): not an address this thread was sent to$"#, "来自 $1：不是本事项的收件地址，不受理"),
        (#"^from (\S+): no thread matches \(unknown or made-up token\)$"#, "来自 $1：找不到对应的事项（标记未知或伪造）"),
        (#"^from (\S+): (.*)$"#, "来自 $1：$2"),
        (#"^duplicate: message (.*) was taken before$"#, "重复：邮件 $1 之前已收过"),
        (#"^duplicate$"#, "重复的邮件，之前已收过"),
        (#"^auto-reply \((.*)\), from (\S+)$"#, "自动回复（$1），来自 $2"),
        (#"^bulk mail \((.*)\), from (\S+)$"#, "群发邮件（$1），来自 $2"),
        (#"^mailing-list mail \(List-Id\), from (\S+)$"#, "邮件列表的邮件（List-Id），来自 $1"),
        (#"^mail from (\S+), not about a message liaisond sent, from (\S+)$"#, "来自 $1 的系统邮件，与已发提醒无关"),
        (#"^mail with an empty Return-Path \(a bounce or notification\), from (\S+)$"#, "空 Return-Path 的邮件（退信或通知），来自 $1"),
        (#"^not an e-mail message \(no header fields\); (\d+) bytes$"#, "不是电子邮件（没有信头）；$1 字节"),
        (#"^message of (\d+) bytes from (\S+) is over the 10 MB limit; not read$"#, "来自 $2 的邮件有 $1 字节，超过 10 MB 上限，未读取"),
        (#"^delivery report from (\S+) not about a reminder liaisond sent$"#, "来自 $1 的投递报告，与已发提醒无关"),
        (#"^delivery report \((.*)\) from (\S+)$"#, "投递报告（$1），来自 $2"),
        (#"^bounced: delivery report from (\S+) \(status (.*)\)$"#, "退信：来自 $1 的投递报告（状态 $2）"),
    ].map { (try! NSRegularExpression(pattern: $0.0, options: [.dotMatchesLineSeparators]), $0.1) }
}
