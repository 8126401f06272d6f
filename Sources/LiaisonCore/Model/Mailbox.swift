/// A display name and an address, as written in the config (`王芳 <secretary@example.org>`).
public struct Mailbox: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    /// Bare address, `local@domain`.
    public var address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    public var description: String { name.isEmpty ? address : "\(name) <\(address)>" }

    /// Parses `Name <addr>` or a bare `addr`; nil when the address is malformed.
    public static func parse(_ text: String) -> Mailbox? {
        let t = text.trimmingWhitespace()
        if let lt = t.lastIndex(of: "<"), t.hasSuffix(">") {
            var name = String(t[..<lt]).trimmingWhitespace()
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast())
            }
            let addr = String(t[t.index(after: lt)..<t.index(before: t.endIndex)]).trimmingWhitespace()
            guard isValidAddress(addr), !name.contains(where: { $0 == "\r" || $0 == "\n" }) else { return nil }
            return Mailbox(name: name, address: addr)
        }
        guard isValidAddress(t) else { return nil }
        return Mailbox(name: "", address: t)
    }

    /// A conservative check: one `@`, a dot-separated domain, no spaces, controls, or
    /// characters that could break a header or an SMTP command. The usual address is settled
    /// by a byte scan (`isPlainAddress`): a roster reads one per cell and the transport checks
    /// every recipient of every message.
    public static func isValidAddress(_ s: String) -> Bool {
        isPlainAddress(s) || isValidAddressInFull(s)
    }

    /// The check itself, scalar by scalar: the authority `isPlainAddress` must agree with.
    static func isValidAddressInFull(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 254 else { return false }
        guard let at = scalars.lastIndex(of: "@"), at > 0, at < scalars.count - 1 else { return false }
        let forbidden: Set<Unicode.Scalar> = [" ", "<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]", "@"]
        for (i, c) in scalars.enumerated() {
            if c.value < 0x21 || c.value == 0x7F { return false }
            if i != at && forbidden.contains(c) { return false }
        }
        let domain = scalars[(at + 1)...]
        let labels = String(String.UnicodeScalarView(domain)).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 || String(String.UnicodeScalarView(domain)) == "localhost" else { return false }
        return labels.allSatisfy { !$0.isEmpty }
    }
}

extension String {
    /// Trims ASCII and Unicode whitespace (including the ideographic space U+3000).
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
