import Foundation
import LiaisonCore

/// Everything a command needs from disk, loaded and validated once: the config, the roster,
/// passwords, and where the store lives. Loading collects every problem before failing.
public struct Runtime: Sendable {
    public let configPath: String
    public let configDir: String
    public let config: Config
    public let ledger: Ledger
    public let calendar: BranchCalendar
    public let storePath: String
    public let smtpPassword: String?
    public let imapPassword: String?
    /// Warnings found while loading (`FILE:LINE: warning: …`); never change the exit code.
    public let warnings: [Diagnostic]
    public let membersPath: String
    public let peoplePath: String

    /// - Throws: `AppError.badData` with every problem as `FILE:LINE: message` (warnings
    ///   included), `AppError.cannotRead` when the config file itself cannot be read.
    public static func load(configPath: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> Runtime
    {
        let bytes = try Platform.readFile(configPath, maxSize: 1024 * 1024)
        let text = String(decoding: bytes, as: UTF8.self)
        let parsed = ConfigParser.parseOutcome(text, file: configPath)
        var diags = parsed.diagnostics
        // A config with errors elsewhere may still name its roster: read it, so that its problems
        // are reported together with the config's (interface.md: every problem found).
        guard let roster = parsed.roster else { throw AppError.badData(diags.map(\.description)) }

        let dir = (configPath as NSString).deletingLastPathComponent
        let configDir = dir.isEmpty ? "." : dir
        func resolve(_ p: String) -> String { Runtime.resolve(p, in: configDir) }

        let membersPath = resolve(roster.members)
        let peoplePath = resolve(roster.people)
        var membersBytes: [UInt8] = []
        var peopleBytes: [UInt8] = []
        var readable = true
        for (path, key) in [(membersPath, "members"), (peoplePath, "people")] {
            do {
                let b = try Platform.readFile(path)
                if key == "members" { membersBytes = b } else { peopleBytes = b }
                if let m = Platform.mode(path), m & 0o007 != 0 {
                    diags.append(.warning(file: path, line: 1, "the roster is readable by everyone (mode \(String(m, radix: 8))); run chmod o-rwx \(path)"))
                }
            } catch {
                readable = false
                diags.append(Diagnostic(file: configPath, line: 1, "[roster] \(key) = \(path): \(error)"))
            }
        }
        var ledger = Ledger(members: [], people: [])
        if readable {
            let (l, ledgerDiags) = LedgerParser.parse(members: membersBytes, membersFile: membersPath,
                                                      people: peopleBytes, peopleFile: peoplePath)
            ledger = l
            diags += ledgerDiags
            diags += LedgerLimits.problems(l, membersFile: membersPath, peopleFile: peoplePath)
        }
        guard let config = parsed.config else { throw AppError.badData(diags.map(\.description)) }

        func password(_ file: String?, credential: String, section: String) -> String? {
            var path: String?
            if let f = file { path = resolve(f) }
            else if let dir = environment["CREDENTIALS_DIRECTORY"] {
                let p = (dir as NSString).appendingPathComponent(credential)
                if Platform.fileExists(p) { path = p }
            }
            guard let p = path else { return nil }
            do {
                // A password is short: 64 KB is far more than any.
                let b = try Platform.readFile(p, maxSize: 64 * 1024)
                if file != nil, let m = Platform.mode(p), m & 0o077 != 0 {
                    diags.append(.warning(file: p, line: 1, "the \(section) password file is readable by group or others (mode \(String(m, radix: 8))); run chmod 600 \(p)"))
                }
                var s = String(decoding: b, as: UTF8.self)
                while let l = s.last, l == "\n" || l == "\r" { s.removeLast() }
                return s.isEmpty ? nil : s
            } catch {
                diags.append(Diagnostic(file: configPath, line: 1, "[\(section)] password_file: \(error)"))
                return nil
            }
        }
        let smtpPassword = password(config.smtp.passwordFile, credential: "smtp", section: "smtp")
        let imapPassword = config.imap.flatMap { password($0.passwordFile, credential: "imap", section: "imap") }

        // No SMTPUTF8 (docs/reliability.md): the config's own addresses must be ASCII too.
        for (key, box) in [("[branch] secretary", config.branch.secretary), ("[smtp] from", config.smtp.from)]
            where !box.address.unicodeScalars.allSatisfy(\.isASCII) {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(box.address) }
            diags.append(Diagnostic(file: configPath, line: (line ?? 0) + 1,
                                    "\(key) \(box.address) is not a plain ASCII address: liaisond cannot send from or to "
                                    + "internationalised addresses (SMTPUTF8)"))
        }
        if diags.hasErrors { throw AppError.badData(diags.map(\.description)) }

        let storePath: String
        if let p = config.storePath { storePath = resolve(p) }
        else if let sd = environment["STATE_DIRECTORY"], !sd.isEmpty {
            // systemd may pass several, colon-separated; the first is ours.
            let first = String(sd.split(separator: ":").first ?? Substring(sd))
            storePath = (first as NSString).appendingPathComponent("liaisond.sqlite")
        } else {
            storePath = (configDir as NSString).appendingPathComponent("liaisond.sqlite")
        }
        // interface.md, Personal data: the store holds names, whereabouts and reports.
        if let m = Platform.mode(storePath), m & 0o007 != 0 {
            diags.append(.warning(file: storePath, line: 1, "the store is readable by everyone (mode \(String(m, radix: 8))); run chmod o-rwx \(storePath)"))
        }
        let tz = TimeZone(identifier: config.branch.timezone) ?? TimeZone(identifier: "Asia/Shanghai")!
        return Runtime(configPath: configPath, configDir: configDir, config: config, ledger: ledger,
                       calendar: BranchCalendar(timeZone: tz, sendAt: config.schedule.sendAt, quiet: config.schedule.quiet),
                       storePath: storePath, smtpPassword: smtpPassword, imapPassword: imapPassword,
                       warnings: diags.filter { !$0.isError }, membersPath: membersPath, peoplePath: peoplePath)
    }

    /// The state folder (the store's), which also holds the send lock.
    public var stateDir: String { (storePath as NSString).deletingLastPathComponent }
    public var lockPath: String { (stateDir as NSString).appendingPathComponent("send.lock") }
    public var language: Config.Language { config.branch.language }
}

extension Runtime {
    /// A path from the config, relative to the config file's folder.
    public func resolve(_ p: String) -> String { Runtime.resolve(p, in: configDir) }

    static func resolve(_ p: String, in dir: String) -> String {
        p.hasPrefix("/") ? p : (dir as NSString).appendingPathComponent(p)
    }
}
