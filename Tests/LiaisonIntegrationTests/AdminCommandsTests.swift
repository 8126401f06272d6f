import Foundation
@testable import LiaisonStore
import XCTest

/// Issue 12's admin commands end to end: `check --connect`, `test-mail`, `migrate`, `backup`,
/// `config`, `-V`.
final class AdminCommandsTests: XCTestCase {
    func testCheckConnect_saysInOneLineWhetherTheLoginWorks() throws {
        let server = try TestSMTPServer.aiosmtpd(behaviour: .init(auth: ("branch", "right")))
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url, smtpExtra: "user = branch\npassword_file = smtp.password")
        try branch.write("smtp.password", "right\n")
        let ok = try branch.run("check", "--connect")
        XCTAssertEqual(ok.status, 0, ok.stderr + ok.stdout)
        XCTAssertTrue(ok.stdout.contains("SMTP：\(server.url)，用户 branch：可以连接并登录\n"), ok.stdout)

        try branch.write("smtp.password", "wrong\n")
        let bad = try branch.run("check", "--connect")
        XCTAssertEqual(bad.status, 69, bad.stderr + bad.stdout)
        let line = bad.stdout.split(separator: "\n").first { $0.hasPrefix("SMTP：") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("失败：authentication failed: 535") && line.contains("授权码"), bad.stdout)
        XCTAssertEqual(server.authAttempts().count, 2, "one login per check")
        XCTAssertEqual(try server.messages().count, 0, "nothing sent")
    }

    /// With [imap], `check --connect` logs in there too: one line per server (real Dovecot).
    func testCheckConnect_alsoLogsInToIMAP() throws {
        let dovecot = try TestDovecot()
        let smtp = try TestSMTPServer.aiosmtpd()
        defer { smtp.stop() }
        let branch = try TestBranch(smtpURL: smtp.url, extraConfig: """
            [imap]
            url = \(dovecot.url)
            user = branch
            password_file = imap.password
            tls = none
            """)
        try branch.write("imap.password", "secret\n")
        let ok = try branch.run("check", "--connect")
        XCTAssertEqual(ok.status, 0, ok.stderr + ok.stdout)
        XCTAssertTrue(ok.stdout.contains("IMAP：\(dovecot.url)，用户 branch：可以连接并登录\n"), ok.stdout)

        try branch.write("imap.password", "wrong\n")
        let bad = try branch.run("check", "--connect")
        XCTAssertEqual(bad.status, 69, bad.stderr + bad.stdout)
        XCTAssertTrue(bad.stdout.contains("SMTP：\(smtp.url)，不登录：可以连接并登录\n"), bad.stdout)
        let line = bad.stdout.split(separator: "\n").first { $0.hasPrefix("IMAP：") }.map(String.init) ?? ""
        XCTAssertTrue(line.contains("：失败：") && line.contains("password_file"), bad.stdout)
    }

    func testTestMail_sendsOneMessage() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        let r = try branch.run("test-mail", "--to", "admin@example.org")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("已发送给 admin@example.org：250"), r.stdout)
        let got = try server.messages()
        XCTAssertEqual(got.count, 1)
        XCTAssertEqual(got.first?.rcptTos, ["admin@example.org"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: branch.storePath), "no store written")
        XCTAssertEqual(try branch.run("test-mail").status, 64)
    }

    /// Only the daemon or `migrate` upgrade a store; the others say that an upgrade is pending,
    /// and `migrate` keeps a 0640 copy of the old one.
    func testOlderStore_isUpgradedOnlyByMigrate_withACopy() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        // A store as the previous release left it: its migrations only, and one record.
        let older = Store.schemaVersion - 1
        do {
            let db = try Database(path: branch.storePath)
            for v in 0..<older { try db.execute(Store.migrations[v]) }
            try db.execute("PRAGMA user_version = \(older)")
            try db.execute("INSERT INTO records(kind, member, date, recorded_at, source) VALUES('contact', 'P01', '2026-12-18', 0, 'cli')")
        }

        for args in [["status", "--at", "2026-12-18"], ["log"], ["tick", "--at", "2026-12-18"]] {
            let sub = args[0]
            let r = try Liaisond.run([sub, "--config", branch.configPath] + args.dropFirst())
            XCTAssertEqual(r.status, 69, "\(sub): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("升级尚未进行") && r.stderr.contains("liaisond migrate"), "\(sub): \(r.stderr)")
        }
        XCTAssertEqual(try Store.version(ofFileAt: branch.storePath), older)

        let m = try branch.run("migrate")
        XCTAssertEqual(m.status, 0, m.stderr)
        XCTAssertTrue(m.stdout.contains("第 \(older) 版 → 第 \(Store.schemaVersion) 版"), m.stdout)
        let copy = branch.storePath + ".bak-v\(older)"
        XCTAssertEqual(try Store.version(ofFileAt: copy), older)
        var st = stat()
        XCTAssertEqual(stat(copy, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o640)
        XCTAssertEqual(try Store.version(ofFileAt: branch.storePath), Store.schemaVersion)
        XCTAssertEqual(try branch.run("status", "--at", "2026-12-18").status, 0)
        XCTAssertTrue(try branch.run("migrate").stdout.contains("已是最新"))
    }

    func testBackup_isAConsistentCopyWithMode0640() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P01", "--at", "2026-12-18").status, 0)
        let target = branch.directory.appendingPathComponent("copy.sqlite").path
        let r = try branch.run("backup", target)
        XCTAssertEqual(r.status, 0, r.stderr)
        var st = stat()
        XCTAssertEqual(stat(target, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o640)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target + "-wal"))
        let copy = try Store(path: target, migrate: false)
        XCTAssertEqual(try copy.records(member: "P01").count, 1)
        XCTAssertEqual(try branch.run("backup").status, 64)
    }

    func testConfigPrintsTheEffectiveConfigWithoutSecrets() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9", smtpExtra: "user = branch\npassword_file = smtp.password")
        try branch.write("smtp.password", "hunter2-secret\n")
        let r = try branch.run("config")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("# [smtp] 密码：<secret>"), r.stdout)
        XCTAssertTrue(r.stdout.contains("# 状态库：\(branch.storePath)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("max_per_minute = "), "defaults filled in: \(r.stdout)")
        XCTAssertFalse(r.stdout.contains("hunter2"), r.stdout)
    }

    func testVersion() throws {
        for flag in ["-V", "--version", "version"] {
            let r = try Liaisond.run([flag])
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.hasPrefix("liaisond "), r.stdout)
        }
    }
}
