/// Errors the operator sees. Each is a sentence they can act on, and each maps to one exit
/// code (sysexits) in `ExitCode.for(_:)`.
public enum AppError: Error, CustomStringConvertible {
    case usage(String)
    /// Config, roster or message problems, already formatted `FILE:LINE: message`.
    case badData([String])
    case cannotRead(path: String, reason: String)
    case store(path: String, reason: String)
    case unavailable(String)
    case temporary(String)
    case internalError(String)

    public var description: String {
        switch self {
        case .usage(let s): return s
        case .badData(let lines): return lines.joined(separator: "\n")
        case let .cannotRead(path, reason): return Localized.cli("读不了 \(path)：\(reason)", "cannot read \(path): \(reason)")
        case let .store(path, reason): return Localized.cli("无法使用状态库 \(path)：\(reason)", "cannot use the store \(path): \(reason)")
        case .unavailable(let s), .temporary(let s), .internalError(let s): return s
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .usage: return ExitCode.usage
        case .badData: return ExitCode.dataError
        case .cannotRead: return ExitCode.noInput
        case .store: return ExitCode.cantCreate
        case .unavailable: return ExitCode.unavailable
        case .temporary: return ExitCode.tempFail
        case .internalError: return ExitCode.software
        }
    }
}

/// sysexits.h, the codes of interface.md.
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let unavailable: Int32 = 69
    public static let software: Int32 = 70
    public static let cantCreate: Int32 = 73
    public static let tempFail: Int32 = 75
}
