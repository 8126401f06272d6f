import Foundation
import LiaisonCore
import XCTest

/// The report of 1 January 2027 on the example branch after a December of daily ticks:
/// December and the fourth quarter's final result with names, an HTML part, and the ledger
/// table attached — read back by Python's `email` parser (policy=default), which must find no
/// defect in any message, and compared byte for byte with `export --encoding gb18030`.
final class MonthlyReportTests: XCTestCase {
    static let python = """
        import email, email.policy, sys, json
        out = {"defects": [], "html": "", "attachments": []}
        for path in sys.argv[2:]:
            m = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
            for part in m.walk():
                if part.defects: out["defects"].append([path, str(m["Subject"]), [str(d) for d in part.defects]])
            if "月报" in str(m["Subject"]):
                out["subject"] = str(m["Subject"])
                out["html"] = m.get_body(("html",)).get_content()
                out["attachments"] = []
                for a in m.iter_attachments():
                    data = a.get_payload(decode=True)
                    open(sys.argv[1], "wb").write(data)
                    out["attachments"].append([a.get_filename(), a.get_content_type(), a.get_content_charset()])
        print(json.dumps(out, ensure_ascii=False))
        """

    func testJan1Report_describesDecemberAndQ4_withHTMLAndTheLedgerTable() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let members = try String(contentsOf: DailyListTests.configDir.appendingPathComponent("members.csv"), encoding: .utf8)
        let people = try String(contentsOf: DailyListTests.configDir.appendingPathComponent("people.csv"), encoding: .utf8)
        let branch = try TestBranch(smtpURL: server.url, members: members.trimmingWhitespace(), people: people.trimmingWhitespace())
        var day = LocalDate(year: 2026, month: 12, day: 1)!
        while day.year == 2026 {
            XCTAssertNotEqual(try branch.run("tick", "--at", "\(day)T09:00:00+08:00").status, 1)
            day = day.adding(days: 1)
        }
        // A contact in December, by reply-free record, so the report has a contacted member.
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P05", "--date", "2026-12-20", "--method", "电话",
                                  "--at", "2026-12-31T10:00:00+08:00").status, 0)
        let before = try server.messages().count
        XCTAssertEqual(try branch.run("tick", "--at", "2027-01-01T09:00:00+08:00").status, 0)

        let all = try server.messages()
        let report = try XCTUnwrap(all.dropFirst(before).first { (MIMEReader.parse($0.data)?.subject ?? "").contains("月报") })
        let text = try XCTUnwrap(MIMEReader.parse(report.data)).body
        for s in ["您好！以下是2026年12月的流动党员管理情况。", "一、2026年第四季度联系情况(季度最终结果)：",
                  "网格G1：已联系 1，未联系 1", "未联系：P01 顾一鸣(联系人魏诗琪)", "三、党费：欠交三个月以上",
                  "P04 郭永刚  欠7个月(交至2026年5月)", "组织关系转接 3 人", "流入党员编入 3 人", "附件“2026年12月台账.csv”"] {
            XCTAssertTrue(text.contains(s), "missing \(s)\n\(text)")
        }
        XCTAssertFalse(text.contains("liaisond"), text)

        // Every message of the month, and the report's parts, through Python's parser.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liaisond-report-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for (i, m) in all.enumerated() {
            let p = dir.appendingPathComponent("\(i).eml").path
            try Data(m.data).write(to: URL(fileURLWithPath: p))
            paths.append(p)
        }
        let csvPath = dir.appendingPathComponent("attachment.csv").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", Self.python, csvPath] + paths
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual((json["defects"] as? [Any])?.count, 0, "\(json["defects"] ?? "")")
        XCTAssertEqual(json["subject"] as? String, (try XCTUnwrap(MIMEReader.parse(report.data))).subject)
        let html = try XCTUnwrap(json["html"] as? String)
        for s in ["<table", "网格G1", "未联系的党员", "P01 顾一鸣(魏诗琪)", "background:#2e7d32", "1/2"] {
            XCTAssertTrue(html.contains(s), "html misses \(s)")
        }
        XCTAssertEqual((json["attachments"] as? [[Any]])?.first?.compactMap { $0 as? String }, ["2026年12月台账.csv", "text/csv", "gb18030"])
        let attached = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        XCTAssertEqual(attached, Data(try exportBytes(branch)), "the attachment is `export --year 2026 --encoding gb18030`")
        let decoded = try XCTUnwrap(Charset.convert(Array(attached), from: "GB18030"))
        XCTAssertTrue(decoded.hasPrefix("编号,姓名,类别"), decoded)
        XCTAssertTrue(decoded.contains("\r\n") && !decoded.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")
        XCTAssertTrue(decoded.contains("2026-12-20 电话"), "the contact's date and method")
    }

    /// `export` writes GB18030 bytes to stdout; `TestBranch.run` decodes stdout as UTF-8, so the
    /// bytes are taken again through a file.
    func exportBytes(_ branch: TestBranch) throws -> [UInt8] {
        let path = branch.directory.appendingPathComponent("export.csv").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "\"$0\" export --config \"$1\" --year 2026 --encoding gb18030 > \"$2\"", Liaisond.path, branch.configPath, path]
        try p.run()
        p.waitUntilExit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
