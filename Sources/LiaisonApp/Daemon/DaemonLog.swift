import Foundation

/// The daemon's log: one line per event on stderr, prefixed with its journald priority
/// (`<3>` error, `<4>` warning, `<5>` notice, `<6>` info, `<7>` debug), dropped when less
/// important than `--log-level`.
///
/// - Important: never pass a password or a whole config here; callers log keys, addresses
///   and server replies only.
public struct DaemonLog: Sendable {
    public enum Priority: Int, Sendable, Comparable {
        case error = 3, warning, notice, info, debug

        public static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }

        /// `err|warning|notice|info|debug` (syslog's names; `error` and `warn` too).
        public init?(name: String) {
            switch name.lowercased() {
            case "err", "error", "3": self = .error
            case "warning", "warn", "4": self = .warning
            case "notice", "5": self = .notice
            case "info", "6": self = .info
            case "debug", "7": self = .debug
            default: return nil
            }
        }
    }

    public let level: Priority
    private let sink: @Sendable (String) -> Void

    public init(level: Priority = .info, sink: @escaping @Sendable (String) -> Void = { Platform.writeError($0) }) {
        self.level = level
        self.sink = sink
    }

    public func isEnabled(_ p: Priority) -> Bool { p <= level }

    /// Writes `text`; each of its lines becomes its own log line with the same priority.
    public func callAsFunction(_ p: Priority, _ text: @autoclosure () -> String) {
        guard isEnabled(p) else { return }
        for line in text().split(separator: "\n", omittingEmptySubsequences: true) {
            sink("<\(p.rawValue)>\(line)")
        }
    }

    /// For `SendPass.logLine`, which speaks in raw priorities.
    public func raw(_ p: Int, _ text: String) {
        self(Priority(rawValue: min(7, max(3, p))) ?? .error, text)
    }
}
