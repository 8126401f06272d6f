import Foundation
import LiaisonCore
import LiaisonStore
import XCTest

/// `liaisond status` end to end: a fixed ledger, store and instant, compared as text.
final class StatusTests: XCTestCase {
    static let people = """
        id,name,email,role,grid
        W1,卢立新,wgz1@example.org,grid-leader,G1
        W2,钱晓东,wgz2@example.org,grid-leader,G2
        L01,魏诗琪,l01@example.org,liaison,G1
        """
    static let members = """
        id,name,kind,email,phone,since,liaison,grid,last_contact,last_report,dues_paid_through,paused,note
        P01,张伟,outgoing,m01@example.org,13900000001,2026-05-10,L01,G1,2026-07-15,2026-10-20,2026-11,,
        P02,李娜,outgoing,,13900000002,2026-03-01,,G1,,2026-10-20,,,
        P03,王强,incoming,m03@example.org,13900000003,2026-09-01,,G2,,,2026-12,,
        P04,赵敏,outgoing,m04@example.org,13900000004,2026-01-05,L01,G2,2026-11-02,2026-11-02,2026-09,是,在外地住院
        P05,刘洋,local,,,,,G1,,,2026-10,,
        P06,陈静,outgoing,m06@example.org,13900000006,2026-02-01,L01,G2,2026-05-01,2026-10-20,2026-08,,
        """
    static let at = "2026-12-17T08:00:00+08:00"

    /// The branch above with a store whose first tick was 2026-09-01, a contact recorded for
    /// P01, one reminder waiting and one delivery failure.
    func makeBranch() throws -> TestBranch { try Self.makeBranch() }

    static func makeBranch() throws -> TestBranch {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525", members: Self.members, people: Self.people)
        let store = try Store(path: branch.storePath)
        _ = try store.firstTick(orSet: instantOf("2026-09-01T09:00:00+08:00"))
        try store.addRecord(Record(kind: .contact, member: "P01", date: LocalDate(year: 2026, month: 10, day: 9)!, method: "电话"),
                            source: "test", now: instantOf("2026-10-09T20:00:00+08:00"))
        let waiting = DueReminder(rule: .contactQuarterly, member: "P06", grid: "G2", period: "2026Q4", step: .lead(14),
                                  deadline: LocalDate(year: 2026, month: 12, day: 31), dueAt: instantOf("2026-12-17T09:00:00+08:00"),
                                  to: [Mailbox(name: "魏诗琪", address: "l01@example.org")], cc: [])
        try store.enqueue(send: [waiting], superseded: [], unreachable: [], now: instantOf("2026-12-17T07:00:00+08:00"),
                          token: { "K3F9Q2M7XA4PLD8W" }, messageID: { "\($0).1@example.org" })
        try store.appendLog(LogEntry(time: instantOf("2026-12-10T09:00:05+08:00"), event: .failed, rule: "dues.monthly",
                                     member: "P03", step: "notice", key: "dues.monthly|P03|2026-11|notice",
                                     to: ["m03@example.org"], smtp: "550 5.1.1 <m03@example.org>: Recipient address rejected"))
        return branch
    }

    func testStatus_forAFixedLedgerAndInstant_readsAsExpected() throws {
        let branch = try makeBranch()
        let r = try branch.run("status", "--at", Self.at)
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = """
            广场西社区党支部  2026-12-17 08:00  以下数字为2026年第四季度（2026-10-01 至 2026-12-31）

            各网格流动党员与本季度联系
              网格  流出  流入  本季已联系  待联系  逾期未联系
              G1    2     0     1           0       0
              G2    1     1     0           0       1
              合计  3     1     1           0       1

            逾期事项（4）
              党员      网格  事项  期间        期限        最近提醒
              P02 李娜  G1    失联  2026-09-01  2026-09-01  未发
              P03 王强  G2    编入  2026-10-01  2026-10-01  未发
              P06 陈静  G2    失联  2026-11-01  2026-11-01  未发
              P06 陈静  G2    联络  2026Q3      2026-09-30  未发

            台账缺项（2）
              党员      网格  问题
              P02 李娜  G1    流出党员没有联系人（台账“联系人”一栏为空）
              P05 刘洋  G1    无人有邮箱地址，提醒发不出（党费）

            暂停提醒（1）
              党员      网格  备注
              P04 赵敏  G2    在外地住院

            党费（欠交或不详，欠得最多的在前；其余2人已交清）（3）
              党员      网格  党费缴至  欠交
              P06 陈静  G2    2026-08   3个月
              P02 李娜  G1    不详      不详
              另有1人欠交1个月（通常下个交费日补上）：P05 刘洋

            发送队列（1）
              状态  党员      事项  步骤      下次尝试          次数  最近应答
              待发  P06 陈静  联络  提前14天  2026-12-17 07:00  0     -

            投递失败（近30天）（1）
              时间              党员      事项  地址             应答
              2026-12-10 09:00  P03 王强  党费  m03@example.org  550 5.1.1 <m03@example.org>: Recipient address rejected

            退信标记的地址（0）
              无

            """
        XCTAssertEqual(r.stdout, expected + "\n状态库：\(branch.storePath)\n", "got:\n\(r.stdout)")
    }

    /// `status --html FILE`: the monthly report's page for the month so far, with the
    /// quarter's table per grid.
    func testStatusHTML_writesTheReportPage() throws {
        let branch = try makeBranch()
        let path = branch.directory.appendingPathComponent("status.html").path
        let r = try branch.run("status", "--at", Self.at, "--html", path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        for s in ["<table", "2026年12月流动党员管理月报", "2026年第四季度联系情况(截至12月17日)", "网格G2", "P06 陈静(魏诗琪)", "1/1"] {
            XCTAssertTrue(html.contains(s), "missing \(s)\n\(html)")
        }
        XCTAssertEqual(try branch.run("status", "--at", Self.at, "--html", "/nonexistent/dir/x.html").status, 64)
    }

    /// The grid column counts overdue quarterly contacts only (G2: P06's 2026Q3 联络), while the
    /// list below has every overdue item: the column's label says so, in both languages.
    func testGridOverdueColumn_isLabelledAsContactsOnly() throws {
        let zh = try makeBranch().run("status", "--at", Self.at).stdout
        XCTAssertTrue(zh.contains("待联系  逾期未联系\n"), zh)
        let branch = try makeBranch()
        try branch.writeConfig(smtpURL: "smtp://127.0.0.1:2525", extraConfig: "[branch]\nlanguage = en")
        let en = try branch.run("status", "--at", Self.at)
        XCTAssertEqual(en.status, 0, en.stderr)
        XCTAssertTrue(en.stdout.contains("pending  contact overdue\n"), en.stdout)
        // 5 before issue 13: P06's dues.arrears for 2026-11 counted November before it ended.
        XCTAssertTrue(en.stdout.contains("Overdue (4)"), en.stdout)
    }

    func testStatusJSON_hasOneTypedObjectPerGridProblemAndQueuedItem() throws {
        let branch = try makeBranch()
        let r = try branch.run("status", "--at", Self.at, "--json")
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(lines.count, r.stdout.split(separator: "\n").count, "every line is JSON")
        let grids = lines.filter { $0["type"] as? String == "grid" }
        XCTAssertEqual(grids.map { $0["grid"] as? String }, ["G1", "G2"])
        XCTAssertEqual(grids.last?["overdue"] as? Int, 1)
        let problems = lines.filter { $0["type"] as? String == "problem" }
        XCTAssertEqual(Set(problems.compactMap { $0["problem"] as? String }), ["no-liaison", "unreachable"])
        let queue = lines.filter { $0["type"] as? String == "queue" }
        XCTAssertEqual(queue.first?["state"] as? String, "queued")
        XCTAssertEqual(queue.first?["key"] as? String, "contact.quarterly|P06|2026Q4|lead-14")
        let dues = lines.filter { $0["type"] as? String == "dues" }
        XCTAssertEqual(dues.first { $0["member"] as? String == "P02" }?["status"] as? String, "unknown")
        XCTAssertEqual(dues.first { $0["member"] as? String == "P06" }?["owed"] as? Int, 3)
        XCTAssertEqual(lines.filter { $0["type"] as? String == "paused" }.first?["note"] as? String, "在外地住院")
    }

    func testStatus_onABranchThatNeverRan_createsNoStore() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525")
        let r = try branch.run("status", "--at", "2026-12-17")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("G1"), r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: branch.storePath))
    }
}

func instantOf(_ text: String) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: text)!
}
