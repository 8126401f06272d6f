import XCTest
@testable import LiaisonCore

/// `MonthlyReport`'s words and page, in both languages, from fixed figures.
final class MonthlyReportRenderTests: XCTestCase {
    func report(asOf: LocalDate? = nil) -> MonthlyReport {
        var r = MonthlyReport(
            month: YearMonth(year: 2026, month: 12)!, quarter: "2026Q4", quarterEnded: asOf == nil,
            grids: [MonthlyReport.Grid(grid: "G1",
                                       contacted: [.init(id: "P05", name: "马博文", liaison: "戴海燕",
                                                         date: LocalDate(year: 2026, month: 12, day: 20), method: "电话")],
                                       notContacted: [.init(id: "P01", name: "顾<一>鸣", liaison: "魏诗琪")],
                                       reportsReceived: 1, reportsMissing: 1, arrears: 0, members: 2)],
            reportsReceived: [.init(id: "P05", name: "马博文", detail: "12月3日")],
            reportsMissing: [.init(id: "P01", name: "顾<一>鸣", detail: "第四季度")],
            arrears: [.init(id: "P04", name: "郭永刚", detail: "欠7个月(交至2026年5月)")],
            openTransfers: [], openRegistrations: [.init(id: "P10", name: "郝紫薇", detail: "2026年10月15日来到本社区")],
            failed: [.init(day: LocalDate(year: 2026, month: 12, day: 10)!, who: "m03@example.org", what: "550 no such user")],
            rejected: [.init(day: LocalDate(year: 2026, month: 12, day: 11)!, who: "Re: 请联系", what: "from x@example.net: not an address this thread was sent to")],
            noLiaison: [], replies: 4)
        r.asOf = asOf
        return r
    }

    func testText_namesTheMonthTheQuarterAndPeople() {
        let zh = report().text(language: .zh, secretary: "王芳", branch: "广场西社区党支部")
        XCTAssertEqual(zh.subject, "2026年12月流动党员管理月报")
        for s in ["一、2026年第四季度联系情况(季度最终结果)：", "网格G1：已联系 1，未联系 1", "未联系：P01 顾<一>鸣(联系人魏诗琪)",
                  "P04 郭永刚  欠7个月(交至2026年5月)", "流入党员编入 1 人：P10 郝紫薇", "失败 2026-12-10 m03@example.org：550 no such user",
                  "未受理 2026-12-11", "请核对台账中的邮箱", "2026年12月台账.csv"] {
            XCTAssertTrue(zh.body.contains(s), "missing \(s)\n\(zh.body)")
        }
        let en = report().text(language: .en, secretary: "Wang Fang", branch: "Branch")
        XCTAssertEqual(en.subject, "Mobile members: report for 2026-12")
        XCTAssertTrue(en.body.contains("1. Contacts in Q4 2026 (the quarter's final result):"), en.body)
        XCTAssertTrue(en.body.contains("ledger-2026-12.csv"), en.body)
        let partial = report(asOf: LocalDate(year: 2026, month: 12, day: 17)).text(language: .zh, secretary: "王芳", branch: "支部")
        XCTAssertTrue(partial.body.contains("(截至12月17日)"), partial.body)
    }

    func testHTML_escapesNames_andDrawsBarsAsTables() {
        let html = report().html(language: .zh, branch: "广场西社区党支部")
        XCTAssertTrue(html.contains("P01 顾&lt;一&gt;鸣(魏诗琪)"), html)
        XCTAssertFalse(html.contains("顾<一>鸣"), html)
        XCTAssertTrue(html.contains("<td width=\"50%\" style=\"background:#2e7d32"), "contacted 1 of 2: a half bar")
        XCTAssertFalse(html.contains("<style"), "inline CSS only")
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
    }

    func testMultipartMessage_hasTextHTMLAndTheAttachment() {
        var m = MIMEMessage(from: Mailbox(name: "支部", address: "b@example.org"), to: [Mailbox(name: "王芳", address: "s@example.org")],
                            subject: "2026年12月流动党员管理月报", body: "正文\n", date: Date(timeIntervalSince1970: 1_798_678_800),
                            timeZone: TimeZone(identifier: "Asia/Shanghai")!, messageID: "ABC.DEF@example.org")
        m.html = "<p>表</p>"
        m.attachments = [.init(filename: "2026年12月台账.csv", contentType: "text/csv; charset=GB18030", data: [0x41, 0x0D, 0x0A])]
        let text = String(decoding: m.rendered(), as: UTF8.self)
        XCTAssertTrue(text.contains("Content-Type: multipart/mixed; boundary=\"=_liaisond_mixed_ABCDEFexampleorg\""), text)
        XCTAssertTrue(text.contains("Content-Type: multipart/alternative;"), text)
        XCTAssertTrue(text.contains("Content-Type: text/html; charset=UTF-8"), text)
        XCTAssertTrue(text.contains("filename*=UTF-8''2026%E5%B9%B412%E6%9C%88%E5%8F%B0%E8%B4%A6.csv"), text)
        XCTAssertTrue(text.hasSuffix("--=_liaisond_mixed_ABCDEFexampleorg--\r\n"), text)
        XCTAssertFalse(text.utf8.contains { $0 > 0x7F }, "7-bit clean")
        let parsed = MIMEReader.parse(m.rendered())
        XCTAssertEqual(parsed?.body.trimmingWhitespace(), "正文")
    }
}
