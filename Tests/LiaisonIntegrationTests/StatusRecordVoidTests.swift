import Foundation
import XCTest

/// `record void` as `status` and `due` see it: a withdrawn contact no longer resolves anything.
final class StatusRecordVoidTests: XCTestCase {
    let leadDay = "2026-12-17T09:00:00+08:00"

    func testVoidingAContact_bringsItsRemindersBack_andLogShowsRecordIds() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525")
        let rec = try branch.run("record", "contact", "--member", "P01", "--date", "2026-12-10", "--method", "电话",
                                 "--at", "2026-12-10T20:00:00+08:00")
        XCTAssertEqual(rec.status, 0, rec.stderr)
        XCTAssertTrue(rec.stdout.contains("#1"), rec.stdout)
        XCTAssertFalse(try branch.due(at: leadDay).contains { $0["rule"] as? String == "contact.quarterly" })

        let log = try branch.run("log")
        XCTAssertEqual(log.status, 0, log.stderr)
        // The table is in the branch's language; log --json keeps the stored text.
        XCTAssertTrue(log.stdout.contains("#1 联系 2026-12-10 电话（命令行）"), log.stdout)
        XCTAssertTrue((try branch.log("--event", "record").first?["detail"] as? String ?? "").hasPrefix("#1 contact 2026-12-10"))

        let void = try branch.run("record", "void", "--event", "1", "--note", "记错了人", "--at", "2026-12-11T09:00:00+08:00")
        XCTAssertEqual(void.status, 0, void.stderr)
        let due = try branch.due(at: leadDay).filter { $0["rule"] as? String == "contact.quarterly" }
        XCTAssertEqual(due.map { $0["step"] as? String }, ["lead-14"], "the contact no longer resolves the quarter")
        XCTAssertTrue(try branch.run("log").stdout.contains("#1 联系 2026-12-10 已撤销：记错了人"))
        let status = try branch.run("status", "--at", leadDay, "--json")
        let g1 = status.stdout.split(separator: "\n").first { $0.contains("\"type\":\"grid\"") } ?? ""
        XCTAssertTrue(g1.contains("\"contacted\":0") && g1.contains("\"pending\":1"), String(g1))

        // Withdrawing twice is refused.
        XCTAssertEqual(try branch.run("record", "void", "--event", "1").status, 65)
    }
}

/// `record` refuses an event that no rule of rules.md applies to for that member (exit 65,
/// with a sentence saying why), so that a slip of the keyboard is not stored as history.
extension StatusRecordVoidTests {
    static let mixedMembers = """
        id,name,kind,email,since,liaison,grid,certificate,dues_paid_through
        P01,张伟,outgoing,m01@example.org,2026-05-10,L01,G1,,2026-10
        P02,李娜,incoming,,2026-09-01,,G1,,2026-10
        P03,王强,local,,,,G1,,2026-10
        P04,赵敏,outgoing,m04@example.org,2026-03-01,L01,G1,LD-0042,2026-10
        """

    func testRecordRefusesKindsThatDoNotApplyToTheMember() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525", members: Self.mixedMembers)
        let at = "2026-12-10T20:00:00+08:00"
        let refused: [(kind: String, member: String, why: String)] = [
            ("register", "P01", "register（编入支部、党小组）只用于流入党员，流出党员张伟（P01）不适用"),
            ("register", "P03", "只用于流入党员，直管党员王强（P03）不适用"),
            ("transfer", "P02", "transfer（组织关系转出）只用于流出党员"),
            ("transfer", "P03", "直管党员王强（P03）不适用"),
            ("inspection", "P01", "流出党员张伟（P01）在台账中没有流动党员活动证"),
            ("inspection", "P02", "inspection（活动证检查）只用于持有流动党员活动证的流出党员"),
            ("report", "P03", "report（汇报）只用于流动党员；直管党员王强（P03）不适用"),
            ("contact", "P03", "contact（联系）只用于流动党员"),
            ("unreachable", "P03", "unreachable（未联系上）只用于流动党员"),
        ]
        for r in refused {
            let out = try branch.run("record", r.kind, "--member", r.member, "--at", at)
            XCTAssertEqual(out.status, 65, "\(r.kind) \(r.member): \(out.stderr)")
            XCTAssertTrue(out.stderr.contains(r.why), "\(r.kind) \(r.member): \(out.stderr)")
            XCTAssertTrue(out.stderr.contains("未记录"), out.stderr)
        }
        XCTAssertEqual(try branch.log("--event", "record").count, 0, "nothing refused was stored")

        let accepted: [(kind: String, member: String)] = [
            ("register", "P02"), ("transfer", "P01"), ("inspection", "P04"), ("contact", "P02"),
            ("report", "P01"), ("unreachable", "P04"),
        ]
        for a in accepted {
            let out = try branch.run("record", a.kind, "--member", a.member, "--at", at)
            XCTAssertEqual(out.status, 0, "\(a.kind) \(a.member): \(out.stderr)")
        }
        let dues = try branch.run("record", "dues", "--member", "P03", "--through", "2026-11", "--at", at)
        XCTAssertEqual(dues.status, 0, "dues apply to every member: \(dues.stderr)")
    }

    func testRecordRefusals_areInEnglishForAnEnglishBranch() throws {
        // A repeated section is merged into the first (INIParser), as systemd does.
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525", members: Self.mixedMembers,
                                    extraConfig: "[branch]\nlanguage = en")
        let out = try branch.run("record", "transfer", "--member", "P02", "--at", "2026-12-10T20:00:00+08:00")
        XCTAssertEqual(out.status, 65, out.stderr)
        XCTAssertTrue(out.stderr.contains("record: transfer is for outgoing members, whose membership moves to where they "
            + "went; 李娜 (P02) is an incoming member; nothing recorded"), out.stderr)
    }

    /// `void --member`: a check against a mistyped id — a record about someone else is left alone.
    func testVoidWithMember_mustMatchTheRecord() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:2525", members: Self.mixedMembers)
        let at = "2026-12-10T20:00:00+08:00"
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P01", "--at", at).status, 0)
        let wrong = try branch.run("record", "void", "--event", "1", "--member", "P04", "--at", at)
        XCTAssertEqual(wrong.status, 65, wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("记录 #1 是关于 P01 的，不是 P04；未撤销"), wrong.stderr)
        XCTAssertEqual(try branch.log("--event", "void").count, 0)
        let right = try branch.run("record", "void", "--event", "1", "--member", "P01", "--at", at)
        XCTAssertEqual(right.status, 0, right.stderr)
        XCTAssertEqual(try branch.run("record", "void", "--event", "1", "--date", "2026-12-10", "--at", at).status, 64,
                       "void takes no --date")
        XCTAssertEqual(try branch.run("record", "contact", "--member", "P01", "--event", "1", "--at", at).status, 64,
                       "--event is only for void")
    }
}
