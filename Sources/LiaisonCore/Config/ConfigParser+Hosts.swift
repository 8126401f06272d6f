import Foundation

extension ConfigParser {
    /// The parts of a mail server URL (`smtps://smtp.example.org:465`,
    /// `imaps://imap.example.org:993/INBOX`) that liaisond cares about.
    public struct ServerURL: Sendable, Equatable {
        /// Lower-cased: `smtp`, `smtps`, `imap` or `imaps` (or whatever was written).
        public var scheme: String
        /// Without the brackets of an IPv6 literal (`::1`), as written otherwise.
        public var host: String
        public var port: Int?
        /// The path without its leading `/` (the IMAP mailbox); empty when there is none.
        public var path: String

        public init(scheme: String, host: String, port: Int? = nil, path: String = "") {
            self.scheme = scheme
            self.host = host
            self.port = port
            self.path = path
        }

        /// True for `smtps` and `imaps` (TLS from the first byte rather than STARTTLS).
        public var isImplicitTLS: Bool { scheme.hasSuffix("s") }

        /// The port written, or the scheme's own (465, 25, 993, 143).
        public var effectivePort: Int {
            if let port { return port }
            switch scheme {
            case "smtps": return 465
            case "imaps": return 993
            case "imap": return 143
            default: return 25
            }
        }

        /// `host:port` with an IPv6 literal in brackets: what libcurl's URL and log lines need.
        public var authority: String {
            (host.contains(":") ? "[\(host)]" : host) + ":\(effectivePort)"
        }
    }

    /// Why a server URL could not be read; `description` is a phrase for a diagnostic.
    public enum ServerURLProblem: Error, Sendable, Equatable, CustomStringConvertible {
        case missingScheme
        case missingHost
        case hasCredentials
        case badHost(String)
        case badPort(String)
        case hasQueryOrFragment

        public var description: String {
            switch self {
            case .missingScheme: return "missing scheme (expected scheme://host[:port])"
            case .missingHost: return "missing host"
            case .hasCredentials: return "a user or password in the URL is not allowed (use user = and password_file =)"
            case .badHost(let h): return "invalid host \"\(h)\""
            case .badPort(let p): return "invalid port \"\(p)\" (expected 1–65535)"
            case .hasQueryOrFragment: return "a query (?…) or fragment (#…) is not allowed"
            }
        }
    }

    /// Splits `scheme://host[:port][/path]`. IPv6 literals go in brackets (`smtp://[::1]:25`).
    public static func parseServerURL(_ text: String) -> Result<ServerURL, ServerURLProblem> {
        let t = text.trimmingWhitespace()
        guard let sep = t.range(of: "://"), sep.lowerBound > t.startIndex else { return .failure(.missingScheme) }
        let scheme = t[..<sep.lowerBound].lowercased()
        guard scheme.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "." })
        else { return .failure(.missingScheme) }
        let rest = t[sep.upperBound...]
        if rest.contains("?") || rest.contains("#") { return .failure(.hasQueryOrFragment) }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var path = rest[authorityEnd...]
        if path.hasPrefix("/") { path = path.dropFirst() }
        if authority.contains("@") { return .failure(.hasCredentials) }
        guard !authority.isEmpty else { return .failure(.missingHost) }

        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(.badHost(String(authority))) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .failure(.badHost(String(authority))) }
                portText = after.dropFirst()
            }
            guard ipv6Groups(String(host)) != nil else { return .failure(.badHost(String(host))) }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                portText = authority[authority.index(after: colon)...]
            } else {
                host = authority
            }
            guard !host.isEmpty else { return .failure(.missingHost) }
            let allowedPunctuation: Set<Character> = [".", "-", "_"]
            guard host.allSatisfy({ $0.isLetter || $0.isNumber || allowedPunctuation.contains($0) }),
                  !host.hasPrefix("."), !host.hasPrefix("-")
            else { return .failure(.badHost(String(host))) }
        }
        var port: Int?
        if let p = portText {
            guard !p.isEmpty, p.count <= 5, p.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = Int(p), (1...65535).contains(n)
            else { return .failure(.badPort(String(p))) }
            port = n
        }
        return .success(ServerURL(scheme: scheme, host: String(host), port: port, path: String(path)))
    }

    /// The host of a server URL (without IPv6 brackets), or nil when the URL cannot be read.
    public static func host(ofURL text: String) -> String? {
        if case .success(let url) = parseServerURL(text) { return url.host }
        return nil
    }

    /// True for `localhost`, any address in 127.0.0.0/8, and `::1` (with or without brackets,
    /// also spelled out in full or as `::ffff:127.x.y.z`). A pure check on the text: no name is
    /// resolved, so any other name, however local it looks, is not loopback.
    public static func isLoopbackHost(_ host: String) -> Bool {
        var h = host.trimmingWhitespace().lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h.hasSuffix(".") && !h.hasSuffix("..") { h = String(h.dropLast()) }
        if h == "localhost" { return true }
        if let v4 = ipv4Octets(h) { return v4[0] == 127 }
        if let groups = ipv6Groups(h) {
            if groups == [0, 0, 0, 0, 0, 0, 0, 1] { return true }
            // IPv4-mapped ::ffff:127.x.y.z
            if groups[0..<5].allSatisfy({ $0 == 0 }) && groups[5] == 0xFFFF { return groups[6] >> 8 == 127 }
        }
        return false
    }

    /// `a.b.c.d` with each part 0–255 in decimal, else nil.
    static func ipv4Octets(_ s: String) -> [Int]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(p), v <= 255
            else { return nil }
            octets.append(v)
        }
        return octets
    }

    /// The eight 16-bit groups of an IPv6 address (with `::` and a trailing dotted IPv4 part
    /// understood; no zone index), else nil.
    static func ipv6Groups(_ s: String) -> [Int]? {
        guard s.contains(":") else { return nil }
        func groups(_ part: Substring, allowIPv4Tail: Bool) -> [Int]? {
            if part.isEmpty { return [] }
            var out: [Int] = []
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, f) in fields.enumerated() {
                if allowIPv4Tail, i == fields.count - 1, f.contains(".") {
                    guard let v4 = ipv4Octets(String(f)) else { return nil }
                    out.append(v4[0] << 8 | v4[1])
                    out.append(v4[2] << 8 | v4[3])
                    continue
                }
                guard !f.isEmpty, f.count <= 4, let v = Int(f, radix: 16), v >= 0 else { return nil }
                out.append(v)
            }
            return out
        }
        let halves = s.components(separatedBy: "::")
        switch halves.count {
        case 1:
            guard let g = groups(Substring(s), allowIPv4Tail: true), g.count == 8 else { return nil }
            return g
        case 2:
            guard let head = groups(Substring(halves[0]), allowIPv4Tail: false),
                  let tail = groups(Substring(halves[1]), allowIPv4Tail: true),
                  head.count + tail.count <= 7
            else { return nil }
            return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        default:
            return nil
        }
    }
}
