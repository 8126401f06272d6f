/// What an incoming message is, before it is matched to a thread: a reply a person wrote, an
/// automatic message that must never be answered (RFC 3834), or a delivery status notification
/// (RFC 3464) about a message liaisond sent.
public enum InboundKind: Sendable, Equatable {
    case reply
    /// Logged `ignored`, never answered, with the sign that gave it away.
    case automatic(AutomaticSign)
    case bounce(DeliveryReport)
}

/// An RFC 3464 delivery status notification: which message it is about and what happened to
/// each recipient.
public struct DeliveryReport: Sendable, Equatable {
    public struct Recipient: Sendable, Equatable {
        /// The address, without `rfc822;`.
        public var address: String
        /// `failed`, `delayed`, `delivered`, `relayed`, `expanded` (lower case).
        public var action: String
        /// `5.1.1` …
        public var status: String
        /// `Diagnostic-Code` without its type (`550 5.1.1 <x>: Recipient address rejected`),
        /// or the status when there is none.
        public var diagnostic: String
    }

    /// The `Message-ID` of the message the report is about (from the enclosed message or
    /// headers), without angle brackets; nil when the report does not say.
    public var originalMessageID: String?
    public var recipients: [Recipient]

    /// The recipients that failed for good.
    public var failed: [Recipient] { recipients.filter { $0.action == "failed" } }
}

public enum InboundClassifier {
    /// Classifies a parsed message.
    ///
    /// Automatic: `Auto-Submitted` other than `no`; `Precedence: bulk | junk | list`;
    /// `X-Autoreply`/`X-Autorespond`; a `List-Id`; a sender `MAILER-DAEMON@…` or an empty
    /// `Return-Path: <>` (unless it is a delivery report); subjects with 自动回复, 自动答复,
    /// "Out of Office", "Auto-Reply", "Automatic reply", "Autoreply"; `Precedence: auto_reply`;
    /// a body that opens as an auto-reply does (`AutoReplyText`).
    public static func classify(_ m: ParsedMessage) -> InboundKind {
        if let report = deliveryReport(m) { return .bounce(report) }
        if let a = m.header("Auto-Submitted")?.lowercased(), !a.isEmpty,
           String(a.split(separator: ";").first ?? "").trimmingWhitespace() != "no" {
            return .automatic(.autoSubmitted(value: a))
        }
        if let p = m.header("Precedence")?.lowercased().trimmingWhitespace(), ["bulk", "junk", "list"].contains(p) {
            return .automatic(.bulk(precedence: p))
        }
        // Exchange and some Chinese mailboxes mark their out-of-office replies so.
        if let p = m.header("Precedence")?.lowercased().trimmingWhitespace(), p == "auto_reply" || p == "auto-reply" {
            return .automatic(.autoReplyPrecedence(value: p))
        }
        for h in ["X-Autoreply", "X-Autorespond", "X-Autoresponse"] where m.field(h) != nil {
            return .automatic(.autoReplyField(name: h))
        }
        if m.field("List-Id") != nil { return .automatic(.mailingList) }
        let from = m.mailboxes("From").first?.address.lowercased() ?? ""
        let local = from.split(separator: "@").first.map(String.init) ?? ""
        if ["mailer-daemon", "postmaster"].contains(local) {
            return .automatic(.systemSender(address: from))
        }
        if let rp = m.field("Return-Path"), rp.raw.trimmingWhitespace() == "<>" {
            return .automatic(.emptyReturnPath)
        }
        let subject = (m.subject ?? "").lowercased()
        for w in ["自动回复", "自动答复", "自動回覆", "out of office", "auto-reply", "autoreply", "auto reply",
                  "automatic reply", "vacation reply", "abwesenheitsnotiz"]
            where subject.containsUTF8(w) {
            return .automatic(.subject(text: m.subject ?? ""))
        }
        if let phrase = AutoReplyText.marker(in: m.body) {
            return .automatic(.body(phrase: phrase))
        }
        return .reply
    }

    /// The delivery report of a `multipart/report; report-type=delivery-status` message, or of
    /// any message carrying a `message/delivery-status` part.
    public static func deliveryReport(_ m: ParsedMessage) -> DeliveryReport? {
        guard let status = m.reportParts.first(where: { $0.contentType.subtype.hasSuffix("delivery-status") }) else {
            return nil
        }
        var recipients: [DeliveryReport.Recipient] = []
        // Groups of fields separated by blank lines: the first is per message, the rest per recipient.
        for group in fieldGroups(status.text) {
            guard let rcpt = group["final-recipient"] ?? group["original-recipient"] else { continue }
            let address = afterType(rcpt)
            let action = (group["action"] ?? "").lowercased().trimmingWhitespace()
            let code = (group["status"] ?? "").trimmingWhitespace()
            let diag = group["diagnostic-code"].map(afterType) ?? code
            recipients.append(.init(address: address, action: action, status: code, diagnostic: diag))
        }
        var original: String?
        for part in m.reportParts where !part.contentType.subtype.hasSuffix("delivery-status") {
            for (name, value) in fields(part.text) where name == "message-id" {
                original = MIMEReader.messageIDs(in: value).first
            }
            if original != nil { break }
        }
        return DeliveryReport(originalMessageID: original, recipients: recipients)
    }

    /// `rfc822; a@b` → `a@b`.
    static func afterType(_ v: String) -> String {
        guard let semi = v.firstIndex(of: ";") else { return v.trimmingWhitespace() }
        return String(v[v.index(after: semi)...]).trimmingWhitespace()
    }

    /// Unfolded `name: value` fields of a header-like text, names lower-cased.
    static func fields(_ text: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let f = line.first, f == " " || f == "\t" {
                if !out.isEmpty { out[out.count - 1].1 += " " + String(line).trimmingWhitespace() }
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            out.append((String(line[..<colon]).trimmingWhitespace().lowercased(),
                        String(line[line.index(after: colon)...]).trimmingWhitespace()))
        }
        return out
    }

    static func fieldGroups(_ text: String) -> [[String: String]] {
        var groups: [[String: String]] = []
        var current: [String] = []
        let lines: [String] = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [""]
        for line in lines {
            if line.trimmingWhitespace().isEmpty {
                if !current.isEmpty {
                    var g: [String: String] = [:]
                    for (k, v) in fields(current.joined(separator: "\n")) where g[k] == nil { g[k] = v }
                    groups.append(g)
                    current = []
                }
            } else {
                current.append(line)
            }
        }
        return groups
    }
}
