/// The sign that gave an automatic message (RFC 3834) away, as `InboundClassifier` found it;
/// logged with the `ignored` row (`LogDetail.automatic`).
public enum AutomaticSign: Sendable, Equatable, Codable {
    /// `Auto-Submitted:` other than `no` (its value, lower case).
    case autoSubmitted(value: String)
    /// `Precedence: bulk | junk | list`.
    case bulk(precedence: String)
    /// `Precedence: auto_reply` (Exchange, some Chinese mailboxes).
    case autoReplyPrecedence(value: String)
    /// `X-Autoreply`, `X-Autorespond` or `X-Autoresponse` (the field's name).
    case autoReplyField(name: String)
    /// A `List-Id`.
    case mailingList
    /// From `MAILER-DAEMON@…` or `postmaster@…`, not a delivery report about our mail.
    case systemSender(address: String)
    /// `Return-Path: <>`.
    case emptyReturnPath
    /// A subject that says it is an auto-reply (the subject).
    case subject(text: String)
    /// A body that opens as an auto-reply does (the phrase found).
    case body(phrase: String)
}

extension AutomaticSign: CustomStringConvertible {
    /// English, as the log's JSON `detail` gives it.
    public var description: String { text(.en) }

    /// The sign in the reader's language.
    public func text(_ language: Config.Language) -> String {
        let zh = language == .zh
        switch self {
        case .autoSubmitted(let v): return zh ? "自动回复（Auto-Submitted: \(v)）" : "auto-reply (Auto-Submitted: \(v))"
        case .bulk(let p): return zh ? "群发邮件（Precedence: \(p)）" : "bulk mail (Precedence: \(p))"
        case .autoReplyPrecedence(let p): return zh ? "自动回复（Precedence: \(p)）" : "auto-reply (Precedence: \(p))"
        case .autoReplyField(let f): return zh ? "自动回复（\(f)）" : "auto-reply (\(f))"
        case .mailingList: return zh ? "邮件列表的邮件（List-Id）" : "mailing-list mail (List-Id)"
        case .systemSender(let a): return zh ? "来自 \(a) 的系统邮件，与已发提醒无关" : "mail from \(a), not about a message liaisond sent"
        case .emptyReturnPath:
            return zh ? "空 Return-Path 的邮件（退信或通知）" : "mail with an empty Return-Path (a bounce or notification)"
        case .subject(let s): return zh ? "自动回复（主题：\(s)）" : "auto-reply (subject: \(s))"
        case .body(let p): return zh ? "自动回复（正文：\(p)）" : "auto-reply (body: \(p))"
        }
    }
}
