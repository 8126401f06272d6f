import Foundation

/// One JSON object with keys in the order they were added, for JSON Lines output that a
/// person can also read (`due --json`, `log --json`).
public struct JSONLine {
    public enum Value {
        case string(String?)
        case int(Int?)
        case strings([String])
        case bool(Bool)
        case raw(String)
    }

    private var parts: [String] = []

    public init() {}

    public mutating func add(_ key: String, _ value: Value) {
        parts.append(JSONLine.quote(key) + ":" + JSONLine.encode(value))
    }

    public var text: String { "{" + parts.joined(separator: ",") + "}" }

    static func encode(_ v: Value) -> String {
        switch v {
        case .string(let s): return s.map(quote) ?? "null"
        case .int(let i): return i.map(String.init) ?? "null"
        case .strings(let a): return "[" + a.map(quote).joined(separator: ",") + "]"
        case .bool(let b): return b ? "true" : "false"
        case .raw(let r): return r
        }
    }

    /// JSON string literal; non-ASCII is written as UTF-8, controls escaped.
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            if let e = u.backslashEscape {
                out += e
            } else if u.value < 0x20 {
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
