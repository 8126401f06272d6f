/// A sub-command's arguments: `--name value`, `--name=value`, flags and positionals, checked
/// against what the sub-command accepts so a typo is a usage error (exit 64), not ignored.
struct Arguments {
    private(set) var values: [String: String] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []

    /// - Parameters:
    ///   - options: names that take a value (without `--`).
    ///   - flags: names that take none.
    ///   - maxPositionals: how many arguments without `--` the sub-command takes (`record`'s
    ///     KIND); any more is a usage error, not silently ignored.
    init(_ args: [String], options: Set<String>, flags allowedFlags: Set<String>, command: String,
         maxPositionals: Int = 0) throws {
        let t = Localized.cli
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" {
                positionals += args[(i + 1)...]
                break
            }
            if a.hasPrefix("--") {
                var name = String(a.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if allowedFlags.contains(name) {
                    guard value == nil else { throw AppError.usage(t("\(command)：--\(name) 不带值", "\(command): --\(name) takes no value")) }
                    flags.insert(name)
                } else if options.contains(name) {
                    if value == nil {
                        guard i + 1 < args.count else { throw AppError.usage(t("\(command)：--\(name) 需要一个值", "\(command): --\(name) needs a value")) }
                        i += 1
                        value = args[i]
                    }
                    guard values[name] == nil else { throw AppError.usage(t("\(command)：--\(name) 重复给出", "\(command): --\(name) given twice")) }
                    values[name] = value
                } else {
                    throw AppError.usage(t("\(command)：未知选项 --\(name)（见 liaisond \(command) --help）", "\(command): unknown option --\(name) (see liaisond \(command) --help)"))
                }
            } else if a.hasPrefix("-") && a.count > 1 && a != "-" {
                if a == "-h" { flags.insert("help") } else {
                    throw AppError.usage(t("\(command)：未知选项 \(a)（见 liaisond \(command) --help）", "\(command): unknown option \(a) (see liaisond \(command) --help)"))
                }
            } else {
                positionals.append(a)
            }
            i += 1
        }
        if positionals.count > maxPositionals, !flags.contains("help") {
            throw AppError.usage(t("\(command)：多余的参数“\(positionals[maxPositionals])”（见 liaisond \(command) --help）", "\(command): unexpected argument \"\(positionals[maxPositionals])\" (see liaisond \(command) --help)"))
        }
    }

    subscript(_ name: String) -> String? { values[name] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func required(_ name: String, command: String) throws -> String {
        guard let v = values[name] else { throw AppError.usage(Localized.cli("\(command)：缺少 --\(name)", "\(command): --\(name) is required")) }
        return v
    }
}
