import Foundation
import XCTest

/// A real Dovecot IMAP server for one test: a throwaway config, a passwd file with one user
/// (`branch`, password `secret`) and a maildir, on a free loopback port; plain IMAP (`ssl = no`),
/// or with `certificates` STARTTLS required before the login (`ssl = required`).
final class TestDovecot {
    static let binary = "/usr/sbin/dovecot"
    let directory: URL
    let port: Int
    let user = "branch"
    let password = "secret"
    private var process: Process?

    /// `localhost` when the server has a certificate (it names `localhost` only).
    var url: String { "imap://\(tls ? "localhost" : "127.0.0.1"):\(port)/INBOX" }
    private let tls: Bool
    var maildir: URL { directory.appendingPathComponent("mail/\(user)/Maildir") }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    init(certificates: TestCertificates? = nil) throws {
        tls = certificates != nil
        guard Self.isAvailable else { throw XCTSkip("dovecot-imapd is not installed") }
        // Short: Dovecot's unix sockets live in base_dir (108-byte limit).
        directory = URL(fileURLWithPath: "/tmp/ld-dc-\(UUID().uuidString.prefix(8))")
        port = try TestSMTPServer.freePort()
        let fm = FileManager.default
        for sub in ["run", "mail/\(user)/Maildir/new", "mail/\(user)/Maildir/cur", "mail/\(user)/Maildir/tmp"] {
            try fm.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let root = getuid() == 0
        // As root, mail is accessed as nobody: the maildir must be theirs to write.
        if root { chmodTree(directory.appendingPathComponent("mail").path) }
        let d = directory.path
        try "\(user):{PLAIN}\(password)::::::\n".write(to: directory.appendingPathComponent("passwd"), atomically: true, encoding: .utf8)
        let userdb = root ? "uid=nobody gid=nogroup" : "uid=\(getuid()) gid=\(getgid())"
        let config = """
            protocols = imap
            listen = 127.0.0.1
            base_dir = \(d)/run
            state_dir = \(d)/run
            instance_name = ld-\(port)
            \(certificates.map { "ssl = required\nssl_cert = <\($0.serverCertificate)\nssl_key = <\($0.serverKey)\ndisable_plaintext_auth = yes" } ?? "ssl = no\ndisable_plaintext_auth = no")
            auth_mechanisms = plain login
            mail_location = maildir:\(d)/mail/%u/Maildir
            log_path = \(d)/dovecot.log
            first_valid_uid = 0
            passdb {
              driver = passwd-file
              args = scheme=PLAIN \(d)/passwd
            }
            userdb {
              driver = static
              args = \(userdb) home=\(d)/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = \(port)
              }
              inet_listener imaps {
                port = 0
              }
              chroot =
            }
            service anvil {
              chroot =
            }
            \(root ? "default_login_user = nobody\ndefault_internal_user = nobody" : "default_login_user = \(NSUserName())\ndefault_internal_user = \(NSUserName())")

            """
        try config.write(to: directory.appendingPathComponent("dovecot.conf"), atomically: true, encoding: .utf8)
        try start()
    }

    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["-F", "-c", directory.appendingPathComponent("dovecot.conf").path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        let deadline = Date().addingTimeInterval(10)
        while !TestSMTPServer.isListening(port: port) {
            guard Date() < deadline, p.isRunning else {
                let log = (try? String(contentsOf: directory.appendingPathComponent("dovecot.log"), encoding: .utf8)) ?? ""
                throw XCTSkip("dovecot did not start: \(log.suffix(500))")
            }
            usleep(20_000)
        }
    }

    func stop() {
        guard let p = process else { return }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
        }
        process = nil
        let deadline = Date().addingTimeInterval(5)
        while TestSMTPServer.isListening(port: port) && Date() < deadline { usleep(20_000) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Delivers a message into the maildir (as an MDA would: tmp, then new).
    func deliver(_ data: Data, name: String = UUID().uuidString) throws {
        let tmp = maildir.appendingPathComponent("tmp/\(name)")
        try data.write(to: tmp)
        chmod(tmp.path, 0o666)
        try FileManager.default.moveItem(at: tmp, to: maildir.appendingPathComponent("new/\(name)"))
    }

    /// Forgets the mailbox's UIDs: with Dovecot stopped, its uid list and indexes are replaced by
    /// a list with another `UIDVALIDITY`, as after a server migration.
    func resetUIDValidity(to value: Int = 12345) throws {
        stop()
        let fm = FileManager.default
        for f in try fm.contentsOfDirectory(atPath: maildir.path) where f.hasPrefix("dovecot") {
            try fm.removeItem(at: maildir.appendingPathComponent(f))
        }
        let list = maildir.appendingPathComponent("dovecot-uidlist")
        try "3 V\(value) N1\n".write(to: list, atomically: true, encoding: .utf8)
        chmod(list.path, 0o666)
        try start()
    }

    /// Names of the messages flagged `\Seen` (maildir `:2,…S…`).
    func seenCount() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("cur").path)
            .filter { $0.split(separator: ",").last?.contains("S") == true }.count
    }

    private func chmodTree(_ path: String) {
        chmod(path, 0o777)
        for f in (FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? [] {
            chmod((path as NSString).appendingPathComponent(f), 0o777)
        }
    }
}
