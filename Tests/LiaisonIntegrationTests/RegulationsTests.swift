import Foundation
import LiaisonCore
import XCTest

/// The rules of issue 13 on the example branch (`config/`, modelled on 广场西社区) and the
/// transfer lifecycle, through the real binary, a real SMTP server and a real store.
final class RegulationsTests: XCTestCase {
    /// The repository's `config/` folder.
    static let exampleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config")

    /// A test branch with the example roster and the example's `[rules]` and `[activity]`.
    /// The example branch of `config/`; `perMessage` turns the secretary's daily list off, so
    /// each rule's own message can be read.
    func exampleBranch(_ smtpURL: String = "smtp://127.0.0.1:2525", perMessage: Bool = false) throws -> TestBranch {
        let folder = Self.exampleFolder
        let members = try String(contentsOf: folder.appendingPathComponent("members.csv"), encoding: .utf8)
        let people = try String(contentsOf: folder.appendingPathComponent("people.csv"), encoding: .utf8)
        let conf = try String(contentsOf: folder.appendingPathComponent("liaisond.conf"), encoding: .utf8)
        let rules = try XCTUnwrap(conf.range(of: "[rules]")).lowerBound
        var extra = String(conf[rules...])
        if perMessage { extra = extra.replacingOccurrences(of: "group = yes", with: "group = no") }
        return try TestBranch(smtpURL: smtpURL, members: members.trimmingCharacters(in: .newlines),
                              people: people.trimmingCharacters(in: .newlines), extraConfig: extra)
    }

    func rows(_ due: [[String: Any]], _ rule: String) -> [String] {
        due.filter { $0["rule"] as? String == rule }.map {
            "\($0["member"] as? String ?? "-") \($0["period"] as? String ?? "") \($0["step"] as? String ?? "") "
                + "to=\(($0["to"] as? [String] ?? []).joined(separator: ",")) cc=\(($0["cc"] as? [String] ?? []).joined(separator: ","))"
        }.sorted()
    }

    func testExampleBranch_dueAtTheDatesThatMatter() throws {
        let b = try exampleBranch()
        XCTAssertEqual(try b.run("check").status, 0)
        // P12 arrived 2026-11-20: told at once, deadline a month later.
        XCTAssertEqual(rows(try b.due(at: "2026-11-20T09:00:00+08:00"), "incoming.register").filter { $0.hasPrefix("P12") },
                       ["P12 2026-12-20 lead-30 to=secretary@example.org cc="])
        // P09 leaves on 2027-01-05 for eight months with a fixed place: 30 days before.
        XCTAssertEqual(rows(try b.due(at: "2026-12-05T09:00:00+08:00"), "departure.prepare"), [])
        let dec6 = try b.due(at: "2026-12-06T09:00:00+08:00")
        XCTAssertEqual(rows(dec6, "departure.prepare"), ["P09 2027-01-05 notice to=secretary@example.org cc=l09@example.org"])
        // P08 pays at the 流入地: no dues reminder, the liaison confirms each half-year.
        let dec25 = try b.due(at: "2026-12-25T09:00:00+08:00")
        XCTAssertEqual(rows(dec25, "dues.monthly").filter { $0.hasPrefix("P08") }, ["P08 2026H2 notice to=l08@example.org cc="])
        XCTAssertTrue(rows(dec25, "dues.arrears").allSatisfy { !$0.hasPrefix("P08") })
        // P06's probation ends 2027-01-15: the liaison first, the secretary in Cc.
        XCTAssertEqual(rows(try b.due(at: "2026-12-15T09:00:00+08:00"), "probation.end"), [])
        XCTAssertEqual(rows(try b.due(at: "2026-12-16T09:00:00+08:00"), "probation.end"),
                       ["P06 2027-01-15 notice to=l06@example.org cc=secretary@example.org"])
        // P11 arrived 2026-09-01: half a year later the 原党组织 hears how they are doing.
        XCTAssertEqual(rows(try b.due(at: "2027-03-01T09:00:00+08:00"), "incoming.feedback").filter { $0.hasPrefix("P11") },
                       ["P11 2027-03-01 notice to=secretary@example.org cc="])
        // Evaluation: the secretary's summary and one request per outgoing member to the liaison.
        let eval = rows(try b.due(at: "2026-12-01T09:00:00+08:00"), "evaluation.annual")
        XCTAssertTrue(eval.contains("- 2026 notice to=secretary@example.org cc="), "\(eval)")
        XCTAssertTrue(eval.contains("P01 2026 notice to=l01@example.org cc="), "\(eval)")
    }

    func testExampleBranch_tickSendsTheNewRulesThroughSMTP() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let b = try exampleBranch(server.url, perMessage: true)
        XCTAssertEqual(try b.run("tick", "--at", "2026-12-06T09:00:00+08:00").status, 0)
        XCTAssertEqual(try b.run("tick", "--at", "2026-12-08T09:00:00+08:00").status, 0)
        XCTAssertEqual(try b.run("tick", "--at", "2026-12-16T09:00:00+08:00").status, 0)
        let mails = try server.messages().compactMap { MIMEReader.parse($0.data) }
        func find(_ tag: String) -> [ParsedMessage] { mails.filter { ($0.subject ?? "").contains("[\(tag)#") } }
        let departure = try XCTUnwrap(find("外出").first)
        XCTAssertEqual(departure.mailboxes("To").map(\.address), ["secretary@example.org"])
        for part in ["韩雪梅", "天津市滨海新区", "预计外出8个月", "行前教育", "不必等满六个月"] {
            XCTAssertTrue(departure.body.contains(part), part + "\n" + departure.body)
        }
        let activity = find("活动日")
        XCTAssertFalse(activity.isEmpty)
        for m in activity {
            XCTAssertTrue(m.body.contains("12月15日（星期二）上午9时30分在广场西社区党群服务中心二楼会议室举行"), m.body)
            XCTAssertFalse(m.body.contains("按时回来"), m.body)
        }
        let probation = try XCTUnwrap(find("转正").first)
        XCTAssertEqual(probation.mailboxes("To").map(\.address), ["l06@example.org"])
        XCTAssertTrue(probation.body.contains("流入地"), probation.body)
        // Each goes once: ticking again sends nothing new of these.
        let count = try server.messages().count
        XCTAssertEqual(try b.run("tick", "--at", "2026-12-16T09:00:00+08:00").status, 0)
        XCTAssertEqual(try server.messages().count, count)
    }

    /// Transfer recorded → 转出待接收, reminders continue and the secretary checks the receipt
    /// every 14 days → receipt recorded → nothing more about the member.
    func testTransferLifecycle_endToEnd() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let members = """
            id,name,kind,email,phone,since,fixed_place,liaison,grid,last_contact,last_report
            P01,张伟,outgoing,m01@example.org,13900000001,2026-05-10,yes,L01,G1,2026-07-15,2026-10-20
            """
        let b = try TestBranch(smtpURL: server.url, members: members)
        // Away six months with a fixed place: the transfer advice runs.
        XCTAssertEqual(rows(try b.due(at: "2026-11-30T09:00:00+08:00"), "relation.transfer").count, 1)
        let rec = try b.run("record", "transfer", "--member", "P01", "--at", "2026-12-01T10:00:00+08:00")
        XCTAssertEqual(rec.status, 0, rec.stderr)
        XCTAssertEqual(rows(try b.due(at: "2026-12-02T09:00:00+08:00"), "relation.transfer"), [])

        XCTAssertEqual(try b.run("tick", "--at", "2026-12-15T09:00:00+08:00").status, 0)
        XCTAssertEqual(try b.run("tick", "--at", "2026-12-17T09:00:00+08:00").status, 0)
        var got = try server.messages().compactMap { MIMEReader.parse($0.data) }
        let receipt = got.filter { ($0.subject ?? "").contains("[回执#") }
        XCTAssertEqual(receipt.count, 1)
        XCTAssertEqual(receipt.first?.mailboxes("To").map(\.address), ["secretary@example.org"])
        XCTAssertTrue(receipt.first?.body.contains("    已接收") ?? false, receipt.first?.body ?? "")
        XCTAssertFalse(receipt.first?.body.contains("liaisond") ?? true, "mails give reply lines, never commands")
        // The branch is still responsible: the liaison's quarterly contact reminder goes out.
        XCTAssertEqual(got.filter { ($0.subject ?? "").contains("[联络#") }.count, 1)

        // status shows the member as 转出待接收, in text and JSON.
        let status = try b.run("status", "--at", "2026-12-18T09:00:00+08:00")
        XCTAssertTrue(status.stdout.contains("转出待接收（1）"), status.stdout)
        XCTAssertTrue(status.stdout.contains("2026-12-01"), status.stdout)
        let json = try b.run("status", "--at", "2026-12-18T09:00:00+08:00", "--json")
        XCTAssertTrue(json.stdout.contains(#""type":"transfer-pending""#), json.stdout)
        XCTAssertTrue(try b.run("export", "--year", "2026").stdout.contains("转出待接收"))
        XCTAssertEqual(try b.run("record", "received", "--member", "P01", "--at", "2026-12-20T10:00:00+08:00").status, 0)
        XCTAssertFalse(try b.run("status", "--at", "2026-12-21T09:00:00+08:00").stdout.contains("转出待接收"))
        let export = try b.run("export", "--year", "2026")
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertTrue(export.stdout.contains("组织关系已转出"), export.stdout)
        let before = try server.messages().count
        XCTAssertEqual(try b.run("tick", "--at", "2026-12-29T09:00:00+08:00").status, 0)
        XCTAssertEqual(try b.run("tick", "--at", "2027-01-01T09:00:00+08:00").status, 0)
        got = try server.messages().dropFirst(before).compactMap { MIMEReader.parse($0.data) }
        XCTAssertTrue(got.allSatisfy { !($0.body.contains("张伟")) || ($0.subject ?? "").contains("[摘要#") },
                      got.map { $0.subject ?? "" }.joined(separator: "\n"))
        XCTAssertTrue(try b.due(at: "2027-01-15T09:00:00+08:00").allSatisfy { $0["member"] as? String != "P01" })
        // The log names the new record kind.
        let log = try b.run("log", "--member", "P01")
        XCTAssertTrue(log.stdout.contains("转接已接收"), log.stdout)
    }

    /// Issue 13 §5: a Q4 report sent on 31 January in answer to the Q4 reminder is Q4's; Q1 is
    /// still owed and the acknowledgement names Q1's deadline (31 March, not 30 June).
    func testLateReportReply_countsForTheThreadsPeriod() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let members = """
            id,name,kind,email,phone,since,liaison,grid,last_contact,last_report
            P01,张伟,outgoing,m01@example.org,13900000001,2026-05-10,L01,G1,2026-12-20,2026-07-01
            """
        let b = try TestBranch(smtpURL: server.url, members: members)
        XCTAssertEqual(try b.run("tick", "--at", "2027-01-01T09:00:00+08:00").status, 0)
        let reminder = try XCTUnwrap(try server.messages().compactMap { MIMEReader.parse($0.data) }
            .first { ($0.subject ?? "").contains("[汇报#") })
        let count = try server.messages().count
        let r = try b.run("ingest", "--at", "2027-01-31T10:00:00+08:00",
                          stdin: IngestTests.reply(to: reminder, from: "张伟 <m01@example.org>",
                                                   body: "第四季度在深圳工作正常，参加了当地党组织的学习。"))
        XCTAssertEqual(r.status, 0, r.stderr)
        let records = try b.log("--event", "record")
        XCTAssertTrue(records.contains { ($0["detail"] as? String ?? "").contains("report 2027-01-31 for 2026Q4") }, "\(records)")
        let ack = try XCTUnwrap(MIMEReader.parse(try XCTUnwrap(try server.messages().dropFirst(count).first).data))
        XCTAssertTrue(ack.body.contains("下一次期限：3月31日"), ack.body)
        let due = rows(try b.due(at: "2027-03-17T09:00:00+08:00"), "report.periodic")
        XCTAssertEqual(due, ["P01 2027Q1 lead-14 to=m01@example.org cc=l01@example.org"])
    }

    /// The receipt reminder's reply `已接收` records the receipt: nothing more about the member.
    func testReceiptReply_endsTheTransfer() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let b = try TestBranch(smtpURL: server.url)
        XCTAssertEqual(try b.run("record", "transfer", "--member", "P01", "--at", "2026-12-01T10:00:00+08:00").status, 0)
        XCTAssertEqual(try b.run("tick", "--at", "2026-12-15T09:00:00+08:00").status, 0)
        let reminder = try XCTUnwrap(try server.messages().compactMap { MIMEReader.parse($0.data) }
            .first { ($0.subject ?? "").contains("[回执#") })
        let r = try b.run("ingest", "--at", "2026-12-16T10:00:00+08:00",
                          stdin: IngestTests.reply(to: reminder, from: "王芳 <secretary@example.org>", body: "已接收"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try b.log("--event", "record").contains { ($0["detail"] as? String ?? "").contains("received 2026-12-16") })
        XCTAssertTrue(try b.due(at: "2027-01-15T09:00:00+08:00").allSatisfy { $0["member"] as? String != "P01" })
    }
}
