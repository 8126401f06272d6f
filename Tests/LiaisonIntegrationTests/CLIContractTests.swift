import Foundation
import LiaisonApp
import LiaisonCore
import XCTest

/// What a secretary or a script sees of the command line, found by driving the real binary
/// against the contract (interface.md): usage errors, the log as a secretary reads it.
final class CLIContractTests: XCTestCase {
    /// A stray word (a mistyped option without `--`, a KIND given to `due`) is bad usage,
    /// not silently ignored.
    func testStrayArgumentsAreUsageErrors() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1")
        for (sub, extra) in [("check", ["extra"]), ("due", ["json"]), ("tick", ["now"]), ("log", ["P01"]),
                             ("status", ["x"]), ("run", ["x"])] {
            let r = try Liaisond.run([sub, "--config", branch.configPath] + extra)
            XCTAssertEqual(r.status, 64, "\(sub) \(extra): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("多余的参数“\(extra[0])”"), r.stderr)
        }
        let twoKinds = try branch.run("record", "contact", "report", "--member", "P01")
        XCTAssertEqual(twoKinds.status, 64, twoKinds.stderr)
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P01", "--at", "2026-12-18").status, 0)
        XCTAssertEqual(try Liaisond.run(["due", "--help", "x"]).status, 0, "--help wins")
    }

    /// `log` in a Chinese branch: details in Chinese in the table (the JSON keeps the stored
    /// text), and record/void rows carry the member's grid.
    func testLogDetailsAreInTheBranchLanguage_andRecordRowsCarryTheGrid() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1")
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P01", "--date", "2026-12-18",
                                      "--note", "电话", "--at", "2026-12-18").status, 0)
        XCTAssertEqual(try branch.run("record", "dues", "--member", "P01", "--through", "2026-12",
                                      "--at", "2026-12-18").status, 0)
        XCTAssertEqual(try branch.run("record", "void", "--event", "1", "--note", "误录", "--at", "2026-12-18").status, 0)
        let text = try branch.run("log").stdout
        XCTAssertTrue(text.contains("#1 联系 2026-12-18 电话（命令行）"), text)
        XCTAssertTrue(text.contains("#2 党费 2026-12-18 缴至 2026-12（命令行）"), text)
        XCTAssertTrue(text.contains("#1 联系 2026-12-18 已撤销：误录"), text)
        XCTAssertFalse(text.contains("(cli)"), text)
        let rows = try branch.log()
        XCTAssertEqual(rows.count, 3)
        for row in rows { XCTAssertEqual(row["grid"] as? String, "G1", "\(row)") }
        XCTAssertEqual(rows.last?["detail"] as? String, "#1 contact 2026-12-18 withdrawn: 误录")
    }

    /// interface.md, Personal data: a world-readable store is warned about (`FILE:LINE: warning:`),
    /// by `check` too, without changing the exit code.
    func testWorldReadableStoreIsWarnedAbout() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1")
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P01", "--at", "2026-12-18").status, 0)
        let quiet = try branch.run("check")
        XCTAssertFalse(quiet.stderr.contains("warning"), "created 0660: \(quiet.stderr)")
        chmod(branch.storePath, 0o644)
        for sub in ["check", "log", "status"] {
            let r = try branch.run(sub)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("\(branch.storePath):1: warning: 状态库所有人都能读取（权限 644）"),
                          "\(sub): \(r.stderr)")
        }
    }

    /// Times a secretary reads are in the branch's time zone, never UTC; the line is in the
    /// branch's language.
    func testDeferredLine_namesTheNextTryInTheBranchsTimeZone() throws {
        let port = try TestSMTPServer.freePort()
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:\(port)")
        let r = try branch.run("tick", "--at", "2026-12-17T09:00:00+08:00")
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertTrue(r.stderr.contains("延后 contact.quarterly|P01|"), r.stderr)
        XCTAssertTrue(r.stderr.contains("下次尝试 2026-12-17T09:05:00+08:00"), r.stderr)
        XCTAssertFalse(r.stderr.contains("+0000"), r.stderr)
        XCTAssertFalse(r.stderr.contains("deferred"), "no English in a Chinese branch: \(r.stderr)")
        XCTAssertTrue(r.stdout.hasPrefix("已发送 0 封，延后 1 封"), r.stdout)
        XCTAssertEqual(try branch.log("--event", "deferred").first?["event"] as? String, "deferred",
                       "log --json keeps its English names")
    }

    /// `tick`'s progress lines speak the branch's language: Chinese by default, English by config.
    func testTickProgressLines_areInTheBranchsLanguage() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let zh = try TestBranch(smtpURL: server.url)
        let r = try zh.run("tick", "--at", "2026-12-17T09:00:00+08:00")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("已发送 contact.quarterly|P01|") && r.stderr.contains("给 l01@example.org：250"),
                      r.stderr)
        XCTAssertFalse(r.stderr.contains("sent "), r.stderr)

        let en = try TestBranch(smtpURL: server.url, extraConfig: "[branch]\nlanguage = en")
        let e = try en.run("tick", "--at", "2026-12-17T09:00:00+08:00")
        XCTAssertEqual(e.status, 0, e.stderr)
        XCTAssertTrue(e.stderr.contains("sent contact.quarterly|P01|") && e.stderr.contains(" to l01@example.org: 250"),
                      e.stderr)
    }

    /// Refusals after the config is read are in the branch's language too.
    func testRefusals_areInTheBranchsLanguage() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1")
        let r = try branch.run("record", "contact", "--member", "P01", "--date", "2027-01-05", "--at", "2026-12-18")
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("record：--date 2027-01-05 是将来的日期（今天是 2026-12-18）"), r.stderr)
        let p = try branch.run("purge", "--before", "2027-01-05", "--at", "2026-12-18")
        XCTAssertEqual(p.status, 65, p.stderr)
        XCTAssertTrue(p.stderr.contains("purge：--before 2027-01-05 是将来的日期"), p.stderr)
        XCTAssertEqual(try branch.run("log", "--rule", "contact").status, 64)
        XCTAssertTrue(try branch.run("log", "--rule", "contact").stderr.contains("log：未知的规则“contact”"))

        let en = try TestBranch(smtpURL: "smtp://127.0.0.1:1", extraConfig: "[branch]\nlanguage = en")
        let e = try en.run("record", "contact", "--member", "P01", "--date", "2027-01-05", "--at", "2026-12-18")
        XCTAssertEqual(e.status, 65, e.stderr)
        XCTAssertTrue(e.stderr.contains("record: --date 2027-01-05 is in the future (today is 2026-12-18)"), e.stderr)
    }
}

extension CLIContractTests {
    /// `due --json` lists reminders nobody can receive, marked `"unreachable":true` with an empty
    /// `to`; `due --help` says so, so that a script does not take them for sendable ones.
    func testDueHelp_describesUnreachableLines_asDueJSONPrintsThem() throws {
        var env = ProcessInfo.processInfo.environment
        env["LIAISOND_LANG"] = "en"
        let help = try Liaisond.run(["due", "--help"], environment: env)
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("\"unreachable\":true") && help.stdout.contains("empty \"to\""), help.stdout)
        env["LIAISOND_LANG"] = "zh"
        let zh = try Liaisond.run(["due", "--help"], environment: env)
        XCTAssertTrue(zh.stdout.contains("\"unreachable\":true") && zh.stdout.contains("to 和 cc 为空"), zh.stdout)

        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: """
            id,name,kind,email,since,liaison,grid,dues_paid_through
            P01,张伟,outgoing,m01@example.org,2026-05-10,L01,G1,2026-12
            P05,刘洋,local,,,,G1,2026-10
            """)
        let lines = try branch.due(at: "2026-12-25T09:00:00+08:00")
        let unreachable = lines.filter { $0["unreachable"] as? Bool == true }
        XCTAssertEqual(unreachable.map { $0["member"] as? String }, ["P05"], "\(lines)")
        XCTAssertEqual(unreachable.first?["to"] as? [String], [])
        XCTAssertEqual(unreachable.first?["cc"] as? [String], [])
        XCTAssertTrue(lines.filter { $0["member"] as? String != "P05" }.allSatisfy { $0["unreachable"] == nil }, "\(lines)")
    }
}

extension CLIContractTests {
    /// `due --json` decides a large roster in chunks on all cores: it still lists members in
    /// roster order, unreachable ones last, and as many as the text listing (decided in one go).
    func testDueJSONOnARosterOfSeveralChunks_keepsRosterOrderAndAgreesWithTheTextListing() throws {
        var rows = ["id,name,kind,email,since,liaison,grid,last_contact,dues_paid_through"]
        for i in 0..<5000 {
            let since = "2025-\(String(format: "%02d", 1 + i % 12))-\(String(format: "%02d", 1 + i % 28))"
            let email = i % 97 == 0 ? "" : "m\(i)@example.org"
            let kind = i % 5 == 0 ? "local" : "outgoing"
            rows.append("Z\(String(format: "%05d", 4999 - i)),党员\(i),\(kind),\(email),\(kind == "local" ? "" : since),L01,G1,2026-0\(1 + i % 9)-10,2026-\(String(format: "%02d", 1 + i % 11))")
        }
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: rows.joined(separator: "\n"))
        let at = "2026-12-01T09:30:00+08:00"
        let lines = try branch.due(at: at)
        let order = Dictionary(uniqueKeysWithValues: (0..<5000).map { ("Z\(String(format: "%05d", 4999 - $0))", $0) })
        let sendable = lines.prefix { $0["unreachable"] == nil }
        XCTAssertTrue(lines.dropFirst(sendable.count).allSatisfy { $0["unreachable"] as? Bool == true })
        let positions = sendable.compactMap { ($0["member"] as? String).flatMap { order[$0] } }
        XCTAssertGreaterThan(positions.count, 4000)
        XCTAssertGreaterThan(positions.last ?? 0, 4096, "the last chunk is listed")
        XCTAssertEqual(positions, positions.sorted(), "members in roster order")
        let text = try Liaisond.run(["due", "--config", branch.configPath, "--at", at])
        XCTAssertTrue(text.stdout.contains("\n共 \(sendable.count) 条("), "\(sendable.count) lines; \(text.stdout.suffix(300))")
    }
}

extension CLIContractTests {
    /// The roster's column names stay as the file spells them; the Chinese sentence around them
    /// says the cell is empty, not "没有liaison".
    func testCheckNamesAnEmptyLiaisonCellInChineseAroundTheColumnName() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: """
            id,name,kind,email,since,liaison,grid
            P01,张伟,outgoing,m01@example.org,2026-05-10,,G1
            """)
        let r = try branch.run("check")
        XCTAssertTrue(r.stderr.contains("流出党员 P01 的 liaison 列为空：不会提醒任何人与其联系（请在该列填写 "), r.stderr)
    }
}
