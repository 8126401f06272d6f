import Foundation
import LiaisonApp
import LiaisonStore
import XCTest

/// Issue 12, "log in once, fail once": after a refused login or a failed connection a pass
/// stops talking to the server; every other reminder waits without an attempt, and the admin
/// is told what to check.
final class ServerStopTests: XCTestCase {
    static let at = "2026-12-17T09:00:00+08:00"

    func testWrongPassword_oneLoginPerPass_everyReminderDeferred() throws {
        let server = try TestSMTPServer.aiosmtpd(behaviour: .init(auth: ("branch", "right")))
        defer { server.stop() }
        // One message per reminder, so that messages and reminders can be counted alike.
        let branch = try TestBranch(smtpURL: server.url, members: DaemonTests.lostMembers(25),
                                    extraConfig: DaemonTests.perMessage, smtpExtra: "user = branch\npassword_file = smtp.password")
        try branch.write("smtp.password", "wrong\n")
        let due = try branch.run("due", "--json", "--at", Self.at).stdout.split(separator: "\n").count
        XCTAssertGreaterThanOrEqual(due, 25)

        let tick = try branch.run("tick", "--at", Self.at)
        XCTAssertEqual(tick.status, 75, tick.stderr)
        XCTAssertEqual(server.authAttempts().count, 1, "one login, not one per reminder: \(server.authAttempts())")
        XCTAssertTrue(tick.stderr.contains("授权码"), tick.stderr)
        XCTAssertTrue(tick.stderr.contains("本轮不再连接该服务器：另有 \(due - 1) 封延后到"), tick.stderr)
        XCTAssertEqual(try server.messages().count, 0)

        let deferred = try branch.log("--event", "deferred")
        XCTAssertEqual(deferred.count, 1, "one attempt logged")
        XCTAssertTrue((deferred.first?["smtp"] as? String ?? "").hasPrefix("authentication failed: 535"), "\(deferred)")
        let store = try Store(path: branch.storePath)
        let waiting = try store.waiting()
        XCTAssertEqual(waiting.count, due, "nothing lost")
        XCTAssertEqual(waiting.filter { $0.attempts > 0 }.count, 1)
        XCTAssertEqual(Set(waiting.compactMap(\.nextTry)).count, 1, "all wait for the same retry")
        XCTAssertTrue(try store.pending(at: instantOf(Self.at).addingTimeInterval(299)).isEmpty)

        let status = try branch.run("status", "--at", Self.at)
        XCTAssertTrue(status.stdout.contains("SMTP 服务器拒绝登录：请检查 [smtp] user 和 password_file"), status.stdout)
        let json = try branch.run("status", "--json", "--at", Self.at).stdout.split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let stop = json.first { $0["type"] as? String == "smtp_stop" }
        XCTAssertEqual(stop?["problem"] as? String, "authentication", "\(json)")
        XCTAssertEqual(stop?["next_try"] as? String, "2026-12-17T09:05:00+08:00")
        let detail = deferred.first?["detail"] as? String ?? ""
        XCTAssertEqual(detail, "login refused: check [smtp] user and password_file (授权码); the pass stopped here")
        XCTAssertEqual(deferred.first?["code"] as? String, "serverStopped")
        XCTAssertEqual(deferred.first?["args"] as? [String: String], ["failure": "authentication"])
        XCTAssertEqual(deferred.first?["text"] as? String, "登录被拒绝：请检查 [smtp] user 和 password_file（授权码）；本轮发送就此停止")

        // The right password: the next pass sends everything and the notice in status is gone.
        try branch.write("smtp.password", "right\n")
        let next = try branch.run("tick", "--at", "2026-12-17T09:06:00+08:00")
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertEqual(try server.messages().count, due)
        XCTAssertEqual(server.authAttempts().count, 2, "one login for the whole batch")
        let after = try branch.run("status", "--at", "2026-12-17T09:07:00+08:00")
        XCTAssertFalse(after.stdout.contains("拒绝登录"), after.stdout)
    }

    /// A port that accepts and never speaks (a STARTTLS URL on the implicit-TLS port looks like
    /// this): the pass gives up after the first connect timeout instead of one per reminder.
    func testSilentServer_passGivesUpAfterTheFirstConnectFailure() throws {
        let silent = try SilentPort()
        defer { silent.stop() }
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:\(silent.port)", members: DaemonTests.lostMembers(10),
                                    extraConfig: DaemonTests.perMessage, smtpExtra: "timeout = 1s\nconnect_timeout = 1s")
        let started = Date()
        let tick = try Liaisond.run(["tick", "--config", branch.configPath, "--at", Self.at])
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(tick.status, 75, tick.stderr)
        XCTAssertLessThan(elapsed, 5, "one timeout, not one per reminder (\(elapsed) s)")
        XCTAssertTrue(tick.stderr.contains("connect: timeout"), tick.stderr)
        XCTAssertTrue(tick.stderr.contains("端口和协议"), tick.stderr)
        XCTAssertEqual(try branch.log("--event", "deferred").count, 1)
        XCTAssertEqual(silent.connections(), 1)
    }
}

/// A loopback port that accepts connections and never sends a byte (Python, like the SMTP test
/// servers); `connections()` counts what it accepted.
final class SilentPort {
    let process = Process()
    let port: Int
    let countFile: String

    init() throws {
        countFile = FileManager.default.temporaryDirectory.appendingPathComponent("silent-\(UUID().uuidString.prefix(8))").path
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import socket, sys
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(50)
            print(s.getsockname()[1], flush=True)
            held = []
            while True:
                c, _ = s.accept(); held.append(c)
                open(sys.argv[1], "a").write("x")
            """, countFile]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard let p = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw NSError(domain: "SilentPort", code: 1, userInfo: [NSLocalizedDescriptionKey: "no port: \(line)"])
        }
        port = p
    }

    func connections() -> Int { ((try? String(contentsOfFile: countFile, encoding: .utf8)) ?? "").count }

    func stop() {
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: countFile)
    }
}
