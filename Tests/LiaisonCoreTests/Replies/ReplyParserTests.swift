import XCTest
@testable import LiaisonCore

final class ReplyParserTests: XCTestCase {
    let day = LocalDate(year: 2026, month: 12, day: 22)!

    func understand(_ text: String, report: Bool = false, day: LocalDate? = nil) -> ReplyUnderstanding {
        ReplyParser.understand(text, isReportThread: report, replyDay: day ?? self.day)
    }

    func testCommandForms() {
        let d = { (y: Int, m: Int, dd: Int) in LocalDate(year: y, month: m, day: dd)! }
        let table: [(String, ReplyUnderstanding)] = [
            ("已联系", .command(.contact(date: d(2026, 12, 22), note: nil))),
            ("已联系 12-20 电话", .command(.contact(date: d(2026, 12, 20), note: "电话"))),
            ("已联系：12月20日，电话联系", .command(.contact(date: d(2026, 12, 20), note: "电话联系"))),
            ("已联系12月20号", .command(.contact(date: d(2026, 12, 20), note: nil))),
            ("已联系 ２０２６－１２－２０ 微信", .command(.contact(date: d(2026, 12, 20), note: "微信"))),
            ("已联系 2026年12月1日", .command(.contact(date: d(2026, 12, 1), note: nil))),
            ("已联系 昨天", .command(.contact(date: d(2026, 12, 21), note: nil))),
            ("Done 12/20", .command(.contact(date: d(2026, 12, 20), note: nil))),
            ("done, all fine", .command(.contact(date: d(2026, 12, 22), note: "all fine"))),
            // The examples the mails give: no date, so a copy records the reply day.
            ("已联系 电话联系，情况正常", .command(.contact(date: d(2026, 12, 22), note: "电话联系，情况正常"))),  // the note as written
            ("done phoned, all well", .command(.contact(date: d(2026, 12, 22), note: "phoned, all well"))),
            ("已联系 3 次", .command(.contact(date: d(2026, 12, 22), note: "3 次"))),
            // Without a year: the latest such day not after the reply.
            ("已联系 12-25", .command(.contact(date: d(2025, 12, 25), note: nil))),
            ("已联系 2027-01-02", .refused(.futureDate(d(2027, 1, 2), example: "已联系 12-22"))),
            ("已联系 2-30", .refused(.invalidDate("2-30", example: "已联系 12-22"))),
            ("未联系上 电话关机", .command(.unreachable(date: d(2026, 12, 22), note: "电话关机"))),
            ("unreachable", .command(.unreachable(date: d(2026, 12, 22), note: nil))),
            ("已交 2026-11", .command(.dues(through: YearMonth(year: 2026, month: 11)!, note: nil))),
            ("已交党费 2027年3月", .command(.dues(through: YearMonth(year: 2027, month: 3)!, note: nil))),
            ("paid 2026-12 via WeChat", .command(.dues(through: YearMonth(year: 2026, month: 12)!, note: "via WeChat"))),
            ("已交", .refused(.missingMonth(example: "已交 2026-12"))),
            ("paid 2028-06", .refused(.duesTooFarAhead(YearMonth(year: 2028, month: 6)!))),
            // The secretary's commands the transfer and register mails give.
            ("已转出", .command(.transfer(date: d(2026, 12, 22)))),
            ("已转出 12-20", .command(.transfer(date: d(2026, 12, 20)))),
            ("已登记", .command(.register(date: d(2026, 12, 22)))),
            ("已编入 12月1日", .command(.register(date: d(2026, 12, 1)))),
            ("registered", .command(.register(date: d(2026, 12, 22)))),
            ("doneness is not a command", .unrecognised),
            ("收到", .courtesy),
        ]
        for (text, expected) in table { XCTAssertEqual(understand(text), expected, text) }
        guard case .refused(.futureDate(let day, _)) = understand("transferred 2027-01-02") else {
            return XCTFail("a future transfer date is refused")
        }
        XCTAssertEqual(day, d(2027, 1, 2))
        XCTAssertEqual(understand("已接收 12-20"), .command(.received(date: d(2026, 12, 20))))
    }

    func testGreetingBeforeCommand_isFine_butOnlyTheFirstFiveLinesCount() {
        XCTAssertEqual(understand("王书记您好，\n\n已联系 12-20"),
                       .command(.contact(date: LocalDate(year: 2026, month: 12, day: 20)!, note: nil)))
        XCTAssertEqual(understand("a\nb\nc\nd\ne\n已联系"), .unrecognised)
    }

    func testCommandInQuotedText_doesNotCount() {
        XCTAssertEqual(understand("谢谢\n> 已联系 12-20\n"), .courtesy)
        XCTAssertEqual(understand("谢谢\n-----原始邮件-----\n已联系 12-20\n"), .courtesy)
        XCTAssertEqual(understand("见下\n> 已联系 12-20\n"), .unrecognised)
    }

    func testReportThread_takesTheText_butADuesLineStillWins() {
        XCTAssertEqual(understand("在深圳学习。\n\n发自我的iPhone", report: true),
                       .command(.report(date: day, text: "在深圳学习。")))
        XCTAssertEqual(understand("已交 2026-12", report: true),
                       .command(.dues(through: YearMonth(year: 2026, month: 12)!, note: nil)))
        XCTAssertEqual(understand("\n> only quotes\n", report: true), .unrecognised)
    }

    func testLeapDayWithoutYear_isTheLatestLeapYears() {
        XCTAssertEqual(understand("已联系 2-29", day: LocalDate(year: 2026, month: 3, day: 1)!),
                       .command(.contact(date: LocalDate(year: 2024, month: 2, day: 29)!, note: nil)))
    }

    func testSignaturesAndSeparators_endTheNewText() {
        for tail in ["-- \n张伟", "发件人: x\n发送时间: y", "From: a\nSent: b", "On Thu, Dec 17, 2026 at 9:00 AM X <x@y> wrote:",
                     "在 2026年12月17日 写道：", "________________________________\nFrom: x\nSent: y",
                     "-----Original Message-----"] {
            XCTAssertEqual(ReplyText.newText("已联系\n\n" + tail + "\nquoted"), ["已联系"], tail)
        }
    }

    func testPhoneSignatures_dropOnlyTheirLine_andProseThatStartsLikeOneStays() {
        for sig in ["发自我的iPhone", "Sent from my Huawei phone", "来自微信", "Von meinem iPhone gesendet", "发自我的华为手机"] {
            XCTAssertEqual(ReplyText.newText("已联系\n\n" + sig + "\n"), ["已联系"], sig)
        }
        XCTAssertEqual(ReplyText.newText("发自我的内心感谢组织的关心，本季度在深圳工作。"), ["发自我的内心感谢组织的关心，本季度在深圳工作。"])
        XCTAssertEqual(ReplyText.newText("Sent from my home, I phoned him twice."), ["Sent from my home, I phoned him twice."])
    }

}

final class InboundClassifierTests: XCTestCase {
    func parse(_ headers: String) -> ParsedMessage { MIMEReader.parse(Array((headers + "\r\n\r\nbody\r\n").utf8))! }

    func testAutomaticSigns() {
        for h in ["From: a@b\r\nAuto-Submitted: auto-generated", "From: a@b\r\nPrecedence: bulk",
                  "From: a@b\r\nPrecedence: list", "From: MAILER-DAEMON@mx.example.org", "From: a@b\r\nSubject: 自动回复: 休假",
                  "From: a@b\r\nSubject: Out of Office: back Monday", "From: a@b\r\nX-Autoreply: yes"] {
            guard case .automatic = InboundClassifier.classify(parse(h)) else { XCTFail(h); continue }
        }
        XCTAssertEqual(InboundClassifier.classify(parse("From: a@b\r\nAuto-Submitted: no\r\nSubject: Re: x")), .reply)
    }
}

final class HTMLTextTests: XCTestCase {
    func testBlocksEntitiesAndQuotes() {
        let html = "<p>已联系&nbsp;12-20</p><div>a&amp;b &#24352;&#x4F1F;</div><blockquote><div>old</div></blockquote><script>x</script>"
        XCTAssertEqual(HTMLText.plainText(html), "已联系 12-20\na&b 张伟\n> old\n")
    }
}
