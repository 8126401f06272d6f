/// The new text of a reply: what its writer typed, without the quoted history and signature
/// that mail clients add.
///
/// Cut at the first line that starts quoted history or a signature, as the clients write them:
/// - `>` lines (Gmail, Thunderbird, mutt; and HTML blockquotes, see `HTMLText`) are dropped;
/// - "On … wrote:" (Gmail, Apple Mail; may be wrapped over two lines), "在 … 写道:" (Gmail and
///   iPhone in Chinese, 163), "-----原始邮件-----" / "------------------ 原始邮件 ------------------"
///   (QQ Mail), "-----Original Message-----", Outlook's rule of underscores, and a header block
///   "发件人:/发送时间:" or "From:/Sent:" (Outlook, Foxmail, 163);
/// - signatures: a `--` line, "发自我的iPhone", "Sent from my …", "发自网易邮箱大师",
///   "Get Outlook for …".
public enum ReplyText {
    /// The lines of new text, trimmed, blank lines kept between paragraphs but not at the ends.
    public static func newText(_ body: String) -> [String] {
        let all = body.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var i = 0
        while i < all.count {
            let line = all[i].trimmingWhitespace()
            let next = i + 1 < all.count ? all[i + 1].trimmingWhitespace() : ""
            if endsNewText(line, next: next, following: all[(i + 1)...].prefix(5).map { $0.trimmingWhitespace() }) {
                break
            }
            if line.hasPrefix(">") || line.hasPrefix("＞") { i += 1; continue }
            out.append(line)
            i += 1
        }
        while out.first?.isEmpty == true { out.removeFirst() }
        while out.last?.isEmpty == true { out.removeLast() }
        var collapsed: [String] = []
        for l in out where !(l.isEmpty && collapsed.last?.isEmpty == true) { collapsed.append(l) }
        return collapsed
    }

    /// The new text as one string (for a report).
    public static func newTextString(_ body: String) -> String {
        newText(body).joined(separator: "\n")
    }

    static let separators = ["-----原始邮件-----", "原始邮件", "-----original message-----", "original message",
                             "-----邮件原件-----", "-----转发邮件-----", "forwarded message", "回复的原邮件"]
    static let signatures = ["发自我的iphone", "发自我的 iphone", "发自我的ipad", "发自我的手机", "发自网易邮箱",
                             "发自我的网易邮箱", "发自我的qq邮箱", "来自我的华为手机", "发自我的华为手机", "发自 outlook",
                             "sent from my ", "sent from outlook", "get outlook for", "获取 outlook for", "sent from mail for",
                             "发自 windows 版邮件", "sent from yahoo mail"]

    static func endsNewText(_ line: String, next: String, following: [String]) -> Bool {
        let l = line.lowercased()
        if l == "--" || l == "-- " || l == "—" { return true }
        if l.hasPrefix("____") && l.allSatisfy({ $0 == "_" }) { return true }
        let dashless = l.strippingEnds(of: "- ")
        if l.hasPrefix("---"), separators.contains(where: { dashless.hasPrefix($0.strippingEnds(of: "- ")) }) {
            return true
        }
        if l == "-----原始邮件-----" || dashless == "原始邮件" || dashless == "original message" { return true }
        if signatures.contains(where: { l.hasPrefix($0) }) { return true }
        // "On Thu, 17 Dec 2026 at 09:00, X <a@b> wrote:" — possibly wrapped.
        if l.hasPrefix("on ") && (l.hasSuffix("wrote:") || next.lowercased().hasSuffix("wrote:")) { return true }
        if l.hasPrefix("le ") && l.hasSuffix("a écrit :") { return true }
        // "在 2026年12月17日 09:00，X 写道：" / "2026年12月17日 09:00，X 写道："
        if (l.hasSuffix("写道:") || l.hasSuffix("写道：") || next.hasSuffix("写道:") || next.hasSuffix("写道："))
            && (l.hasPrefix("在") || l.hasPrefix("于") || l.first?.isNumber == true) { return true }
        // A header block of the quoted message: 发件人 … 发送时间/时间 …; From … Sent/Date ….
        if isField(l, ["发件人", "from"]) {
            let rest = following.map { $0.lowercased() }
            if rest.contains(where: { isField($0, ["发送时间", "时间", "日期", "sent", "date", "收件人", "to"]) }) {
                return true
            }
        }
        return false
    }

    /// `name:` or `name：` at the start of the line, for one of the names.
    static func isField(_ l: String, _ names: [String]) -> Bool {
        for n in names where l.hasPrefix(n) {
            let rest = l.dropFirst(n.count).drop(while: { $0 == " " })
            if rest.hasPrefix(":") || rest.hasPrefix("：") { return true }
        }
        return false
    }
}

fileprivate extension String {
    func strippingEnds(of set: String) -> String {
        let chars = Set(set)
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
