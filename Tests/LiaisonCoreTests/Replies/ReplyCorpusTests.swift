import XCTest
@testable import LiaisonCore

/// The reply corpus (Fixtures/replies, made by make_fixtures.py): replies as QQ Mail, 163,
/// Outlook, Gmail and an iPhone write them, each with what it must produce.
final class ReplyCorpusTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/replies")
    /// The replies were taken on 2026-12-22 (Shanghai).
    let replyDay = LocalDate(year: 2026, month: 12, day: 22)!

    static func load(_ name: String) throws -> ParsedMessage {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
        return try XCTUnwrap(MIMEReader.parse([UInt8](data)), name)
    }

    func testEveryClientsReply_producesItsRecord() throws {
        let d = { (m: Int, day: Int) in LocalDate(year: 2026, month: m, day: day)! }
        let table: [(file: String, report: Bool, expected: ReplyUnderstanding)] = [
            ("qq_gb18030_base64.eml", false, .command(.contact(date: d(12, 20), note: "电话，一切正常"))),
            ("163_gbk_qp.eml", false, .command(.contact(date: d(12, 19), note: "微信视频"))),
            ("outlook_zh_html_only.eml", false, .command(.unreachable(date: d(12, 22), note: "电话关机"))),
            ("outlook_en_qp.eml", false, .command(.contact(date: d(12, 18), note: "visited at home, all well"))),
            ("gmail_en_alternative.eml", false, .command(.dues(through: YearMonth(year: 2026, month: 12)!, note: nil))),
            ("iphone_zh_base64.eml", false, .command(.contact(date: d(12, 22), note: nil))),
            ("gmail_zh_report.eml", true,
             .command(.report(date: d(12, 22), text: "王书记：\n本季度在深圳参加了流动党员学习小组，学习了两次。\n思想工作正常。"))),
            ("future_date.eml", false, .refused(.futureDate(d(12, 30), example: "已联系 12-22 电话"))),
            ("no_command.eml", false, .unrecognised),
            ("gmail_long_history.eml", false, .command(.contact(date: d(12, 21), note: "phoned him"))),
        ]
        for row in table {
            let m = try Self.load(row.file)
            XCTAssertEqual(InboundClassifier.classify(m), .reply, row.file)
            XCTAssertEqual(ThreadTag.find(in: m.subject ?? ""), "K3F9Q2M7XA4PLD8W", row.file)
            XCTAssertEqual(ReplyParser.understand(m.body, isReportThread: row.report, replyDay: replyDay), row.expected,
                           "\(row.file): \(ReplyText.newText(m.body))")
        }
    }

    func testHTMLOnlyReply_fallsBackToStrippedHTML() throws {
        let m = try Self.load("outlook_zh_html_only.eml")
        XCTAssertEqual(m.contentType.mimeType, "text/html")
        XCTAssertTrue(m.body.hasPrefix("未联系上，电话关机\n"), m.body)
        XCTAssertFalse(m.body.contains("<div") || m.body.contains("<b>"), m.body)
        XCTAssertFalse(m.body.contains("margin"), "style content is dropped: \(m.body)")
    }

    func testGB18030AndGBKSubjects_areDecoded() throws {
        XCTAssertEqual(try Self.load("qq_gb18030_base64.eml").subject, "回复：请联系张伟 [联络#K3F9Q2M7XA4PLD8W]")
        XCTAssertEqual(try Self.load("163_gbk_qp.eml").subject, "Re:请联系张伟 [联络#K3F9Q2M7XA4PLD8W]")
        XCTAssertEqual(try Self.load("qq_gb18030_base64.eml").mailboxes("From").first?.name, "魏诗琪")
    }

    func testBig5EncodedWord_isDecoded() throws {
        let raw = "Subject: =?Big5?B?pHfBcLW4?=\r\n\r\nx\r\n"
        XCTAssertEqual(MIMEReader.parse(Array(raw.utf8))?.subject, "已聯絡")
    }

    func testAutoReply_isIgnored() throws {
        guard case .automatic = InboundClassifier.classify(try Self.load("auto_reply_zh.eml")) else {
            return XCTFail("an Auto-Submitted reply is automatic")
        }
    }

    func testPostfixBounce_namesTheOriginalMessageAndTheFailedAddress() throws {
        let m = try Self.load("dsn_postfix.eml")
        guard case .bounce(let report) = InboundClassifier.classify(m) else { return XCTFail("a DSN is a bounce") }
        XCTAssertEqual(report.originalMessageID, "K3F9Q2M7XA4PLD8W.XYZ@example.org")
        XCTAssertEqual(report.failed.map(\.address), ["nobody@example.net"])
        XCTAssertEqual(report.failed.first?.status, "5.1.1")
        XCTAssertEqual(report.failed.first?.diagnostic,
                       "550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown")
    }
}
