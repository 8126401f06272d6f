import Foundation
import LiaisonCore
import LiaisonStore
import XCTest

/// `liaisond export`: the CSV a secretary opens in Excel/WPS, read back.
final class ExportTests: XCTestCase {
    func makeBranch() throws -> TestBranch {
        let members = """
            id,name,kind,email,phone,since,liaison,grid,last_contact,last_report,dues_paid_through,certificate
            P01,张伟,outgoing,m01@example.org,13900000001,2025-05-10,L01,G1,2026-01-15,,2026-08,LD-1
            P02,"李娜, 小",local,m02@example.org,,,,G1,,,,
            """
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525", members: members)
        let store = try Store(path: branch.storePath)
        func d(_ m: Int, _ day: Int) -> LocalDate { LocalDate(year: 2026, month: m, day: day)! }
        let now = instantOf("2026-12-20T10:00:00+08:00")
        try store.addRecord(Record(kind: .contact, member: "P01", date: d(4, 2), method: "电话", note: "情况正常"), source: "test", now: now)
        try store.addRecord(Record(kind: .contact, member: "P01", date: d(8, 9), method: "微信"), source: "test", now: now)
        try store.addRecord(Record(kind: .contact, member: "P01", date: LocalDate(year: 2025, month: 12, day: 1)!, method: "电话"),
                            source: "test", now: now)
        try store.addRecord(Record(kind: .unreachable, member: "P01", date: d(7, 1)), source: "test", now: now)
        try store.addRecord(Record(kind: .report, member: "P01", date: d(6, 30), note: "本季度在深圳参加支部活动……"), source: "test", now: now)
        try store.addRecord(Record(kind: .inspection, member: "P01", date: d(11, 3)), source: "test", now: now)
        try store.addRecord(Record(kind: .dues, member: "P01", date: d(11, 20), through: YearMonth(year: 2026, month: 11)!),
                            source: "test", now: now)
        let withdrawn = try store.addRecord(Record(kind: .contact, member: "P01", date: d(9, 9), method: "上门"), source: "test", now: now)
        _ = try store.voidRecord(id: withdrawn, note: nil, now: now)
        // Two reminders sent in 2026, one of them overdue.
        let liaison = [Mailbox(name: "魏诗琪", address: "l01@example.org")]
        let sent = [
            DueReminder(rule: .contactQuarterly, member: "P01", grid: "G1", period: "2026Q3", step: .lead(14),
                        deadline: d(9, 30), dueAt: instantOf("2026-09-16T09:00:00+08:00"), to: liaison, cc: []),
            DueReminder(rule: .reportPeriodic, member: "P01", grid: "G1", period: "2026Q3", step: .overdue,
                        deadline: d(9, 30), dueAt: instantOf("2026-10-01T09:00:00+08:00"), to: liaison, cc: []),
        ]
        try store.enqueue(send: sent, superseded: [], unreachable: [], now: now, token: { "K3F9Q2M7XA4PLD8W" },
                          messageID: { "\($0).\(UUID().uuidString)@example.org" })
        for r in sent {
            try store.recordAttempt(key: r.key, state: .sent, smtp: "250 ok", nextTry: nil, now: now,
                                    log: LogEntry(time: now, event: .sent, key: r.key))
        }
        return branch
    }

    /// Runs the binary and returns stdout's bytes (GB18030 is not UTF-8).
    func exportBytes(_ branch: TestBranch, _ args: [String]) throws -> [UInt8] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Liaisond.path)
        p.arguments = ["export", "--config", branch.configPath] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        return [UInt8](data)
    }

    func rows(_ text: String) -> [String: [String: String]] {
        let parsed = CSVReader.parse(text)
        XCTAssertTrue(parsed.problems.isEmpty, "\(parsed.problems)")
        guard let header = parsed.rows.first?.fields else { return [:] }
        var out: [String: [String: String]] = [:]
        for r in parsed.rows.dropFirst() {
            out[r.fields[0]] = Dictionary(uniqueKeysWithValues: zip(header, r.fields))
        }
        return out
    }

    func testExport_utf8WithBOM_crlf_memberYearReadsBack() throws {
        let branch = try makeBranch()
        let bytes = try exportBytes(branch, ["--year", "2026"])
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "a BOM so Excel reads UTF-8")
        let text = try XCTUnwrap(Charset.convert(bytes, from: "UTF-8"))
        XCTAssertTrue(text.hasSuffix("\r\n"))
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")
        let all = rows(text)
        let p01 = try XCTUnwrap(all["P01"])
        XCTAssertEqual(p01["姓名"], "张伟")
        XCTAssertEqual(p01["联系次数"], "3", "two records in 2026 plus the roster's last_contact; not 2025, not the withdrawn one")
        XCTAssertEqual(p01["联系记录(日期 方式)"], "2026-01-15 台账；2026-04-02 电话；2026-08-09 微信")
        XCTAssertEqual(p01["未联系上次数"], "1")
        XCTAssertEqual(p01["汇报次数"], "1")
        XCTAssertEqual(p01["汇报日期"], "2026-06-30")
        XCTAssertEqual(p01["党费缴至"], "2026-11")
        XCTAssertEqual(p01["本年已交月数"], "11")
        XCTAssertEqual(p01["活动证检查日期"], "2026-11-03")
        XCTAssertEqual(p01["已发提醒数"], "2")
        XCTAssertEqual(p01["其中逾期提醒数"], "1")
        XCTAssertEqual(p01["逾期事项(事项 期间)"], "汇报 2026Q3")
        XCTAssertFalse(text.contains("深圳参加") || text.contains("情况正常"), "no report texts, no notes")
        XCTAssertFalse(text.contains("13900000001") || text.contains("@example.org"), "no phones or addresses")
        XCTAssertEqual(all["P02, 小"] == nil ? all["P02"]?["姓名"] : nil, "李娜, 小", "a comma in a name survives quoting")
        XCTAssertEqual(all["P02"]?["党费缴至"], "不详")
    }

    func testExport_gb18030_hasNoBOM_andDecodesToTheSameText() throws {
        let branch = try makeBranch()
        let utf8 = try XCTUnwrap(Charset.convert(try exportBytes(branch, ["--year", "2026"]), from: "UTF-8"))
        let gb = try exportBytes(branch, ["--year", "2026", "--encoding", "gb18030"])
        XCTAssertNotEqual(Array(gb.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertNil(String(validating: gb, as: UTF8.self), "really GB18030, not UTF-8")
        XCTAssertEqual(Charset.convert(gb, from: "GB18030"), utf8)
        XCTAssertEqual(rows(utf8)["P01"]?["联系次数"], "3")
    }

    func testExport_badArguments_areUsageErrors() throws {
        let branch = try makeBranch()
        XCTAssertEqual(try branch.run("export", "--year", "26").status, 64)
        XCTAssertEqual(try branch.run("export", "--year", "2026", "--encoding", "big5").status, 64)
        XCTAssertEqual(try branch.run("export").status, 64)
    }
}
