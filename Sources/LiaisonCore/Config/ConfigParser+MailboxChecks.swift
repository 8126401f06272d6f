extension ConfigParser {
    /// Ports where the scheme decides whether a connection can work at all: 465 speaks TLS from
    /// the first byte (`smtps://`), 587 and 25 start in clear and upgrade with STARTTLS
    /// (`smtp://`). The wrong pair does not fail fast: the client waits for a greeting that
    /// never comes (issue 12: 30 s per reminder), so `check` refuses it.
    /// - Returns: the sentence for the diagnostic, or nil when scheme and port fit.
    public static func smtpPortProblem(_ url: ServerURL) -> String? {
        guard let port = url.port else { return nil }
        switch (url.scheme, port) {
        case ("smtp", 465):
            return "port 465 expects TLS from the first byte, which smtp:// does not start: "
                + "write smtps://\(url.host):465 (or smtp://\(url.host):587 for STARTTLS)"
        case ("smtps", 587), ("smtps", 25):
            return "port \(port) starts in clear and upgrades with STARTTLS, which smtps:// does not do: "
                + "write smtp://\(url.host):\(port) (or smtps://\(url.host):465)"
        default:
            return nil
        }
    }

    /// Hosted mailboxes (QQ, NetEase, Foxmail) reject or rewrite a `From` that is not the
    /// logged-in account: the reminders then bounce or land in spam.
    public static let hostedMailDomains: Set<String> = ["qq.com", "163.com", "126.com", "foxmail.com", "vip.qq.com",
                                                        "yeah.net", "vip.163.com"]

    /// A warning when `from` is not the login `user` on a hosted mailbox, else nil.
    public static func hostedSenderProblem(user: String?, from: String) -> String? {
        guard let user, user.contains("@") else { return nil }
        let domain = user.split(separator: "@").last.map { $0.lowercased() } ?? ""
        guard hostedMailDomains.contains(domain), user.lowercased() != from.lowercased() else { return nil }
        return "from <\(from)> differs from user \(user): \(domain) sends only as the logged-in account "
            + "and refuses or rewrites other senders; set from to … <\(user)>"
    }
}
