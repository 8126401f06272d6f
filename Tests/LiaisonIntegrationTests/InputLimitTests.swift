import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Input that must be refused, each problem as `FILE:LINE: message` (issue 14): future dates,
/// control characters, over-long cells, non-ASCII addresses, files that are not regular files.
final class InputLimitTests: XCTestCase {
    static let header = "id,name,kind,email,phone,since,liaison,grid,last_contact,last_report"
    static func row(_ id: String, name: String = "张伟", email: String = "m@example.org", since: String = "2026-05-10",
                    lastContact: String = "2026-07-15") -> String {
        "\(id),\(name),outgoing,\(email),13900000001,\(since),L01,G1,\(lastContact),2026-10-20"
    }

    private func check(_ members: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (TestBranch, TestBranch.Result) {
        let b = try TestBranch(smtpURL: "smtp://127.0.0.1:1", members: ([Self.header] + members).joined(separator: "\n"))
        let r = try b.run("check")
        return (b, r)
    }

    func testFutureDatesAreRefusedAsRecordRefusesThem() throws {
        let (b, r) = try check([Self.row("P01", lastContact: "2099-01-01"), Self.row("P02", since: "9999-12-31"), Self.row("P03")])
        XCTAssertEqual(r.status, 65, r.stderr)
        let members = b.directory.appendingPathComponent("members.csv").path
        XCTAssertTrue(r.stderr.contains("\(members):2: last_contact 2099-01-01 is in the future"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(members):3: since 9999-12-31 is in the future"), r.stderr)
        // tick at an instant before them refuses too; a date up to a day ahead is allowed.
        let tick = try b.run("tick", "--at", "2026-12-17T09:00:00+08:00")
        XCTAssertEqual(tick.status, 65, tick.stderr)
        let near = try TestBranch(smtpURL: "smtp://127.0.0.1:1",
                                  members: [Self.header, Self.row("P01", lastContact: "2026-12-18")].joined(separator: "\n"))
        XCTAssertEqual(try near.run("due", "--at", "2026-12-17T09:00:00+08:00").status, 0)
        XCTAssertEqual(try near.run("due", "--at", "2026-12-16T09:00:00+08:00").status, 65)
        FaultTests.report("future roster dates: check → 65 with FILE:LINE for last_contact 2099 and since 9999")
    }

    func testControlCharactersAreRefusedWithFileAndLine() throws {
        let names = ["张\u{1B}[31m伟", "李\u{07}娜", "王\u{7F}芳", "赵\u{2028}敏", "钱\u{0}强"]
        let (b, r) = try check(names.enumerated().map { Self.row(String(format: "P%02d", $0.offset + 1), name: $0.element) })
        XCTAssertEqual(r.status, 65, r.stderr)
        let members = b.directory.appendingPathComponent("members.csv").path
        for (i, code) in ["U+001B (ESC)", "U+0007 (BEL)", "U+007F (DEL)", "U+2028 (LINE SEPARATOR)", "U+0000 (NUL)"].enumerated() {
            XCTAssertTrue(r.stderr.contains("\(members):\(i + 2): name contains the control character \(code)")
                          || (code.hasPrefix("U+0000") && r.stderr.contains("\(members):\(i + 2):")),
                          "\(code): \(r.stderr)")
        }
        XCTAssertFalse(r.stderr.contains("\u{1B}"), "the terminal never sees the raw ESC")
        FaultTests.report("control characters in names: check → 65, one FILE:LINE per row (ESC, BEL, DEL, U+2028, NUL)")
    }

    func testOverlongNameAndNonASCIIAddressAreRefused() throws {
        let long = String(repeating: "张", count: 5 * 1024 * 1024)
        let started = Date()
        let (b, r) = try check([Self.row("P01", name: long), Self.row("P02", email: "张三@例子.中国")])
        let took = Date().timeIntervalSince(started)
        XCTAssertEqual(r.status, 65, r.stderr)
        let members = b.directory.appendingPathComponent("members.csv").path
        XCTAssertTrue(r.stderr.contains("\(members):2: name is 5242880 characters long (at most 100)"), String(r.stderr.prefix(2000)))
        XCTAssertTrue(r.stderr.contains("\(members):3: email 张三@例子.中国 is not a plain ASCII address"), r.stderr)
        XCTAssertLessThan(r.stderr.utf8.count, 10_000, "the long name is not echoed back")
        let config = try String(contentsOfFile: b.configPath, encoding: .utf8)
        try b.write("liaisond.conf", config.replacingOccurrences(of: "secretary@example.org", with: "书记@例子.中国"))
        let c = try b.run("check")
        XCTAssertEqual(c.status, 65, c.stderr)
        XCTAssertTrue(c.stderr.contains("\(b.configPath):3: [branch] secretary 书记@例子.中国 不是纯 ASCII 地址"), c.stderr)
        FaultTests.report("15 MB name and 张三@例子.中国: check → 65 in \(String(format: "%.1f", took)) s")
    }

    func testFIFOAndDeviceFilesAreNotRead() throws {
        let b = try TestBranch(smtpURL: "smtp://127.0.0.1:1")
        let fifo = b.directory.appendingPathComponent("smtp.password").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let config = try String(contentsOfFile: b.configPath, encoding: .utf8)
        try b.write("liaisond.conf", config.replacingOccurrences(of: "tls = none", with: "tls = none\nuser = branch\npassword_file = smtp.password"))
        var started = Date()
        let r = try b.run("check")
        let fifoTime = Date().timeIntervalSince(started)
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("not a regular file"), r.stderr)
        XCTAssertLessThan(fifoTime, 5, "a FIFO does not hang check")

        try b.write("liaisond.conf", config.replacingOccurrences(of: "members = members.csv", with: "members = /dev/zero"))
        started = Date()
        let z = try b.run("check")
        let zeroTime = Date().timeIntervalSince(started)
        XCTAssertEqual(z.status, 65, z.stderr)
        XCTAssertTrue(z.stderr.contains("/dev/zero") && z.stderr.contains("not a regular file"), z.stderr)
        XCTAssertLessThan(zeroTime, 5)
        FaultTests.report("FIFO password file: check → 65 in \(String(format: "%.2f", fifoTime)) s; "
                          + "/dev/zero roster: → 65 in \(String(format: "%.2f", zeroTime)) s")
    }
}
