/// Auto-replies that carry no header saying so (QQ Mail's holiday reply, some Exchange and 163
/// setups): recognised by the sentence they open with.
///
/// Only the first two lines of new text are looked at, and only whole phrases an auto-reply
/// uses about itself ("这是来自QQ邮箱的假期自动回复邮件", "This is an automatic reply"): a liaison
/// who writes "已联系，不是自动回复" is still a person replying.
public enum AutoReplyText {
    /// Lower-cased phrases; full-width and half-width brackets both occur.
    static let openings: [String] = [
        "这是来自qq邮箱的假期自动回复邮件", "这是一封自动回复邮件", "此邮件为自动回复", "本邮件为自动回复", "这是自动回复",
        "此为自动回复", "【自动回复】", "[自动回复]", "自动回复：", "自动回复:", "自動回覆：", "自動回覆:", "此郵件為自動回覆",
        "this is an automatic reply", "this is an automated reply", "this is an auto-reply", "this is an autoreply",
        "automatic reply:", "auto-reply:", "i am out of the office", "i'm out of the office", "i am currently out of the office",
        "i'm currently out of the office", "i am out of office", "out of office:",
    ]

    /// The phrase that gives `body` away as an auto-reply, or nil.
    public static func marker(in body: String) -> String? {
        let lines = ReplyText.newText(body).filter { !$0.isEmpty }.prefix(2)
        for line in lines {
            let l = line.lowercased()
            if let hit = openings.first(where: { l.containsUTF8($0) }) { return hit }
        }
        return nil
    }
}
