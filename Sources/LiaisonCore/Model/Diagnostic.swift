/// One problem found in a config file, a roster or a message, tied to where it is.
///
/// Everything that validates input collects these instead of throwing at the first one, so an
/// operator sees every problem in one run (`FILE:LINE: message`).
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: Sendable, Hashable { case error, warning }

    public var file: String
    public var line: Int
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, _ message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.message = message
        self.severity = severity
    }

    public static func warning(file: String, line: Int, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, message, severity: .warning)
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        switch severity {
        case .error: return "\(file):\(line): \(message)"
        case .warning: return "\(file):\(line): warning: \(message)"
        }
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.isError } }
}
