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
        // The parsers write English; a Chinese branch reads its problems in Chinese.
        let language = parsed.config?.branch.language ?? Localized.cli.language
        func shown(_ ds: [Diagnostic]) -> [String] { ds.map { DiagnosticText.render($0, language: language).description } }
        // A config with errors elsewhere may still name its roster: read it, so that its problems
        // are reported together with the config's (interface.md: every problem found).
        guard let roster = parsed.roster else { throw AppError.badData(shown(diags)) }

        // Messages in the branch's language; a config too broken to say falls back to the CLI's.
        let t = parsed.config.map { Localized(language: $0.branch.language) } ?? Localized.cli
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
                let b = try Platform.readFile(path, maxSize: Platform.maxRosterSize)
                if key == "members" { membersBytes = b } else { peopleBytes = b }
                if let m = Platform.mode(path), m & 0o007 != 0 {
                    diags.append(.warning(file: path, line: 1, t("台账文件所有人都能读取（权限 \(String(m, radix: 8))）；请运行 chmod o-rwx \(path)", "the roster is readable by everyone (mode \(String(m, radix: 8))); run chmod o-rwx \(path)")))
                }
            } catch {
                readable = false
                diags.append(Diagnostic(file: configPath, line: 1, t("[roster] \(key) = \(path)：\(error)", "[roster] \(key) = \(path): \(error)")))
            }
        }
        var ledger = Ledger(members: [], people: [])
        if readable {
            let (l, ledgerDiags) = LedgerParser.parse(members: membersBytes, membersFile: membersPath,
                                                      people: peopleBytes, peopleFile: peoplePath, perform: Runtime.perform)
            ledger = l
            diags += ledgerDiags
            diags += LedgerLimits.problems(l, membersFile: membersPath, peopleFile: peoplePath, perform: Runtime.perform)
        }
        guard let config = parsed.config else { throw AppError.badData(shown(diags)) }

        // Password problems name the line an admin must look at: `password_file`, else `user`.
        let document = INIParser.parse(text, file: configPath).document
        func line(_ section: String, _ key: String) -> Int {
            document.section(section)?.entry(key)?.line ?? document.section(section)?.line ?? 1
        }
        func password(_ file: String?, user: String?, credential: String, section: String) -> String? {
            var path: String?
            if let f = file { path = resolve(f) }
            else if let dir = environment["CREDENTIALS_DIRECTORY"] {
                let p = (dir as NSString).appendingPathComponent(credential)
                if Platform.fileExists(p) { path = p }
            }
            guard let p = path else {
                if let user {
                    diags.append(Diagnostic(file: configPath, line: line(section, "user"),
                        t("[\(section)] user = \(user) 要登录，但没有密码：请设置 password_file（QQ、163 邮箱填授权码，不是登录密码）",
                          "[\(section)] user = \(user) logs in, but there is no password: set password_file (for QQ/163 mail "
                            + "the 授权码, not the login password)")))
                }
                return nil
            }
            let at = file != nil ? line(section, "password_file") : line(section, "user")
            do {
                // A password is short: 64 KB is far more than any.
                let b = try Platform.readFile(p, maxSize: 64 * 1024)
                // root:liaisond 0640 is the installed mode (the service reads it through its group).
                if file != nil, let m = Platform.mode(p), m & 0o007 != 0 {
                    diags.append(.warning(file: configPath, line: at, t("[\(section)] 密码文件 \(p) 所有人都能读取（权限 \(String(m, radix: 8))）；请运行 chmod 640 \(p)", "the \(section) password file \(p) is readable by everyone (mode \(String(m, radix: 8))); run chmod 640 \(p)")))
                }
                var s = String(decoding: b, as: UTF8.self)
                while let l = s.last, l == "\n" || l == "\r" { s.removeLast() }
                if s.isEmpty, let user {
                    diags.append(Diagnostic(file: configPath, line: at,
                        t("[\(section)] password_file \(p) 是空的，而 user = \(user) 要登录：请把密码（QQ、163 邮箱为授权码）写入该文件",
                          "[\(section)] password_file \(p) is empty, but user = \(user) logs in: put the password "
                            + "(for QQ/163 mail the 授权码) into it")))
                }
                return s.isEmpty ? nil : s
            } catch {
                diags.append(Diagnostic(file: configPath, line: at, t("[\(section)] password_file \(p)：\(error)", "[\(section)] password_file \(p): \(error)")
                    + (Platform.fileExists(p) ? Runtime.groupHint : "")))
                return nil
            }
        }
        let smtpPassword = password(config.smtp.passwordFile, user: config.smtp.user, credential: "smtp", section: "smtp")
        let imapPassword = config.imap.flatMap {
            password($0.passwordFile, user: $0.user, credential: "imap", section: "imap")
        }

        // No SMTPUTF8 (docs/reliability.md): the config's own addresses must be ASCII too.
        for (key, box) in [("[branch] secretary", config.branch.secretary), ("[smtp] from", config.smtp.from)]
            where !box.address.unicodeScalars.allSatisfy(\.isASCII) {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(box.address) }
            diags.append(Diagnostic(file: configPath, line: (line ?? 0) + 1,
                                    t("\(key) \(box.address) 不是纯 ASCII 地址：liaisond 不能向国际化地址（SMTPUTF8）发信，也不能用它发信",
                                      "\(key) \(box.address) is not a plain ASCII address: liaisond cannot send from or to "
                                        + "internationalised addresses (SMTPUTF8)")))
        }
        if diags.hasErrors { throw AppError.badData(shown(diags)) }

        // The store depends on the config alone, never on who runs the command or on systemd's
        // environment: the daemon and an admin's shell given the same config open the same file.
        let storePath = config.storePath.map(resolve) ?? (configDir as NSString).appendingPathComponent("liaisond.sqlite")
        // interface.md, Personal data: the store holds names, whereabouts and reports.
        if let m = Platform.mode(storePath), m & 0o007 != 0 {
            diags.append(.warning(file: storePath, line: 1, t("状态库所有人都能读取（权限 \(String(m, radix: 8))）；请运行 chmod o-rwx \(storePath)", "the store is readable by everyone (mode \(String(m, radix: 8))); run chmod o-rwx \(storePath)")))
        }
        let tz = TimeZone(identifier: config.branch.timezone) ?? TimeZone(identifier: "Asia/Shanghai")!
        return Runtime(configPath: configPath, configDir: configDir, config: config, ledger: ledger,
                       calendar: BranchCalendar(timeZone: tz, sendAt: config.schedule.sendAt, quiet: config.schedule.quiet),
                       storePath: storePath, smtpPassword: smtpPassword, imapPassword: imapPassword,
                       warnings: rendered(diags.filter { !$0.isError }, language: language), membersPath: membersPath, peoplePath: peoplePath)
    }

    /// Where `--config` points when it is not given: `$LIAISOND_CONFIG`, else the installed file.
    public static func defaultConfigPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["LIAISOND_CONFIG"], !p.isEmpty { return p }
        return "/etc/liaisond/liaisond.conf"
    }

    /// Appended to "permission denied" on the installed files: admins read them through the group.
    static var groupHint: String {
        Localized.cli("（请加入 liaisond 组：sudo usermod -aG liaisond $USER，然后重新登录）",
                      " (join group liaisond: sudo usermod -aG liaisond $USER, then log in again)")
    }

    /// The state folder (the store's), which also holds the send lock.
    public var stateDir: String { (storePath as NSString).deletingLastPathComponent }
    public var lockPath: String { (stateDir as NSString).appendingPathComponent("send.lock") }
    public var language: Config.Language { config.branch.language }
}

extension Runtime {
    /// Runs `body` for 0..<n on all cores: a large roster is read, checked and its warnings
    /// worded in halves at once. The halves share only what they read.
    static func perform(_ n: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: n) { box.value($0) }
        }
    }

    /// The warnings in the reader's language (`DiagnosticText`), in two halves at once when
    /// there are hundreds (a large roster's members without a liaison).
    static func rendered(_ warnings: [Diagnostic], language: Config.Language) -> [Diagnostic] {
        guard warnings.count >= 256 else { return warnings.map { DiagnosticText.render($0, language: language) } }
        let middle = warnings.count / 2
        let (first, second) = Halves.run(perform) { i in
            warnings[i == 0 ? 0..<middle : middle..<warnings.count].map { DiagnosticText.render($0, language: language) }
        }
        return first + second
    }

    /// A path from the config, relative to the config file's folder.
    public func resolve(_ p: String) -> String { Runtime.resolve(p, in: configDir) }

    static func resolve(_ p: String, in dir: String) -> String {
        p.hasPrefix("/") ? p : (dir as NSString).appendingPathComponent(p)
    }
}
