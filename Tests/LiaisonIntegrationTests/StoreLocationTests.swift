import Foundation
import LiaisonStore
import XCTest

/// Issue 12, "one store whoever runs the command": the store's path depends on the config
/// alone, commands that only read or add never create one, and problems say what to do.
final class StoreLocationTests: XCTestCase {
    /// The daemon started the way systemd starts it (`STATE_DIRECTORY` set, the config naming
    /// the store in it) and an admin's shell see the same history; a second `tick` (as root
    /// would run it) sends nothing twice.
    func testDaemonAndAdminCommandsShareOneStore() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, members: DaemonTests.lostMembers(2),
                                    extraConfig: "[store]\npath = state/liaisond.sqlite\n" + DaemonTests.perMessage)
        let at = DaemonProcess.defaultStart
        let state = branch.directory.appendingPathComponent("state").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let due = try branch.run("due", "--json", "--at", at).stdout.split(separator: "\n").count
        XCTAssertGreaterThan(due, 0)
        let daemon = try DaemonProcess(branch: branch, extraEnvironment: ["STATE_DIRECTORY": state])
        XCTAssertNotNil(daemon.notify.wait(for: "READY=1"), daemon.stderr)
        XCTAssertTrue(try eventually(timeout: 10) { try server.messages().count >= due }, daemon.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: state + "/liaisond.sqlite"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: branch.storePath), "no second store beside the config")

        let rec = try branch.run("record", "contact", "--member", "P0001", "--method", "电话", "--at", at)
        XCTAssertEqual(rec.status, 0, rec.stderr)
        XCTAssertEqual(try branch.log("--event", "sent").count, due)
        XCTAssertEqual(try branch.log("--event", "record").count, 1)
        let status = try branch.run("status", "--at", at)
        XCTAssertTrue(status.stdout.contains("状态库：\(state)/liaisond.sqlite\n"), status.stdout)

        let tick = try branch.run("tick", "--at", at)
        XCTAssertEqual(tick.status, 0, tick.stderr + tick.stdout)
        XCTAssertEqual(try server.messages().count, due, "nothing sent twice")
        daemon.signal(SIGTERM)
        XCTAssertEqual(daemon.waitForExit(timeout: 10), 0, daemon.stderr)
    }

    /// Under systemd only the state folder is writable: a store elsewhere is refused at start
    /// with the line to add, instead of a second store the admins never see.
    func testDaemonRefusesAStoreOutsideItsStateDirectory() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let daemon = try DaemonProcess(branch: branch, extraEnvironment: ["STATE_DIRECTORY": "/var/lib/liaisond-test-x"])
        XCTAssertEqual(daemon.waitForExit(timeout: 10), 73, daemon.stderr)
        XCTAssertTrue(daemon.stderr.contains("set [store] path = /var/lib/liaisond-test-x/liaisond.sqlite"), daemon.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: branch.storePath))
    }

    func testRecordStatusAndLogNeverCreateAStore() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        let rec = try Liaisond.run(["record", "--config", branch.configPath, "contact", "--member", "P01"])
        XCTAssertEqual(rec.status, 73, rec.stderr)
        XCTAssertTrue(rec.stderr.contains(branch.storePath) && rec.stderr.contains("liaisond migrate"), rec.stderr)
        let status = try branch.run("status", "--at", "2026-12-17")
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("状态库：\(branch.storePath)（尚不存在"), status.stdout)
        let log = try branch.run("log")
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertTrue(log.stdout.contains(branch.storePath), log.stdout)
        let check = try branch.run("check")
        XCTAssertTrue(check.stdout.contains(branch.storePath), check.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: branch.storePath))
    }

    func testConfigDefaultsToLIAISOND_CONFIG() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        var env = ProcessInfo.processInfo.environment
        env["LIAISOND_CONFIG"] = branch.configPath
        let ok = try Liaisond.run(["check"], environment: env)
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains(branch.configPath), ok.stdout)
        env["LIAISOND_CONFIG"] = branch.directory.appendingPathComponent("missing.conf").path
        let missing = try Liaisond.run(["status"], environment: env)
        XCTAssertEqual(missing.status, 66, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("missing.conf") && missing.stderr.contains("--config"), missing.stderr)
    }

    /// An empty password file for a `user` is refused at the `password_file` line, not line 1.
    func testEmptyPasswordFileIsRefusedAtItsLine() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9",
                                    smtpExtra: "user = branch@example.org\npassword_file = smtp.password")
        try branch.write("smtp.password", "\n")
        let text = try String(contentsOfFile: branch.configPath, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("password_file") }.map { $0 + 1 } ?? 0
        let r = try branch.run("check")
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("liaisond.conf:\(line): [smtp] password_file"), r.stderr)
        XCTAssertTrue(r.stderr.contains("是空的"), r.stderr)

        try FileManager.default.removeItem(atPath: branch.directory.appendingPathComponent("smtp.password").path)
        let gone = try branch.run("check")
        XCTAssertEqual(gone.status, 65, gone.stderr)
        XCTAssertTrue(gone.stderr.contains("liaisond.conf:\(line): [smtp] password_file"), gone.stderr)
    }

    /// A user outside group liaisond is told to join it (run as `nobody` when the suite runs as root).
    func testPermissionDeniedSaysJoinGroupLiaisond() throws {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("needs root to run a command as another user")
        }
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        _ = try Store(path: branch.storePath)
        chmod(branch.directory.path, 0o755)
        for f in ["liaisond.conf", "members.csv", "people.csv"] {
            chmod(branch.directory.appendingPathComponent(f).path, 0o644)
        }
        chmod(branch.storePath, 0o600)
        let r = try Liaisond.run(["--reuid=65534", "--regid=65534", "--clear-groups", Liaisond.path,
                                  "status", "--config", branch.configPath], executable: "/usr/bin/setpriv")
        XCTAssertEqual(r.status, 73, r.stderr)
        XCTAssertTrue(r.stderr.contains("usermod -aG liaisond"), r.stderr)
    }

    /// smtp:// on the implicit-TLS port hangs instead of failing: `check` refuses it with the fix.
    func testCheckRefusesSchemeAndPortThatCannotWork() throws {
        let branch = try TestBranch(smtpURL: "smtp://smtp.qq.com:465")
        try branch.writeConfig(smtpURL: "smtp://smtp.qq.com:465")
        var text = try String(contentsOfFile: branch.configPath, encoding: .utf8)
        text = text.replacingOccurrences(of: "tls = none", with: "tls = required")
        try branch.write("liaisond.conf", text)
        let r = try branch.run("check")
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("请写 smtps://smtp.qq.com:465"), r.stderr)
    }
}
