import XCTest
@testable import LiaisonCore

/// Commands as liaisons and members write them on a phone (issue 10), line by line.
final class ReplyLineTests: XCTestCase {
    let day = LocalDate(year: 2026, month: 12, day: 22)!
    let open = LocalDate(year: 2026, month: 10, day: 1)!
    func d(_ y: Int, _ m: Int, _ dd: Int) -> LocalDate { LocalDate(year: y, month: m, day: dd)! }
    func ym(_ y: Int, _ m: Int) -> YearMonth { YearMonth(year: y, month: m)! }

    func understand(_ text: String, day: LocalDate? = nil, open: LocalDate? = nil) -> ReplyUnderstanding {
        ReplyParser.understand(text, context: ReplyContext(replyDay: day ?? self.day, openFrom: open ?? self.open))
    }

    func testContactForms() {
        let today = d(2026, 12, 22)
        let table: [(String, ReplyUnderstanding)] = [
            ("已电话联系", .command(.contact(date: today, note: "电话"))),
            ("已微信联系", .command(.contact(date: today, note: "微信"))),
            ("已与其电话联系", .command(.contact(date: today, note: "电话"))),
            ("联系了", .command(.contact(date: today, note: nil))),
            ("已经联系了", .command(.contact(date: today, note: nil))),
            ("已经联系", .command(.contact(date: today, note: nil))),
            ("电话联系了", .command(.contact(date: today, note: "电话"))),
            ("联系过了", .command(.contact(date: today, note: nil))),
            ("今天已电话联系", .command(.contact(date: today, note: "电话"))),
            ("12-20 已联系", .command(.contact(date: d(2026, 12, 20), note: nil))),
            ("【已联系】", .command(.contact(date: today, note: nil))),
            ("好的，已联系", .command(.contact(date: today, note: nil))),
            ("王书记：\n您好！\n已于12月20日电话联系，情况正常。", .command(.contact(date: d(2026, 12, 20), note: "电话，情况正常"))),
            ("已联系 12月20", .command(.contact(date: d(2026, 12, 20), note: nil))),
            ("已联系 12 月 20 日", .command(.contact(date: d(2026, 12, 20), note: nil))),
            ("已联系 十二月二十日", .command(.contact(date: d(2026, 12, 20), note: nil))),
            ("已联系 20号", .command(.contact(date: d(2026, 12, 20), note: nil))),
            ("昨天已联系，他在深圳一切都好", .command(.contact(date: d(2026, 12, 21), note: "他在深圳一切都好"))),
            ("已检查", .command(.inspection(date: today, note: nil))),
            ("活动证已检查 12-18", .command(.inspection(date: d(2026, 12, 18), note: nil))),
            ("已登记", .command(.register(date: today, note: nil))),
            ("已编入第二党小组", .command(.register(date: today, note: "第二党小组"))),
            ("已转出 12-01", .command(.transfer(date: d(2026, 12, 1), note: nil))),
            ("已聯繫", .command(.contact(date: today, note: nil))),
        ]
        for (text, expected) in table { XCTAssertEqual(understand(text), expected, text) }
    }

    func testNegations_areUnreachable_neverContact() {
        let today = d(2026, 12, 22)
        for text in ["没有联系上", "暂未联系上", "还没联系上", "打不通", "无人接听", "未接通", "关机", "联系未果",
                     "已联系，但未接通", "已联系未果", "已联系但没联系上", "电话打不通", "已电话联系，无人接听"] {
            guard case .command(.unreachable(let date, _)) = understand(text) else {
                XCTFail("\(text): \(understand(text))")
                continue
            }
            XCTAssertEqual(date, today, text)
        }
        XCTAssertEqual(understand("已联系，但未接通"), .command(.unreachable(date: today, note: "已联系，但未接通")))
        XCTAssertEqual(understand("12-20 未联系上 电话关机"), .command(.unreachable(date: d(2026, 12, 20), note: "电话关机")))
    }

    func testNotYet_recordsNothing() {
        for text in ["还没联系", "尚未联系", "还未检查", "还没登记"] {
            guard case .refused(.notYet) = understand(text) else { XCTFail("\(text): \(understand(text))"); continue }
        }
        for text in ["我会尽快联系", "请联系张伟", "他说上周已联系过", "明天再联系", "已经在联系了", "好的，我明天联系他", "上次已联系"] {
            guard case .command = understand(text) else { continue }
            XCTFail("\(text): \(understand(text))")
        }
    }

    func testDates_neverGuessed() {
        // A future date, a date before the open period, an unreadable date: nothing recorded.
        XCTAssertEqual(understand("已联系 明天"), .refused(.futureDate(d(2026, 12, 23), example: "已联系 12-22")))
        XCTAssertEqual(understand("已联系 12-25"),
                       .refused(.beforeOpenPeriod(d(2025, 12, 25), openFrom: open, example: "已联系 12-22")))
        XCTAssertEqual(understand("已联系 1-5", day: d(2027, 1, 3), open: d(2026, 10, 1)),
                       .refused(.beforeOpenPeriod(d(2026, 1, 5), openFrom: d(2026, 10, 1), example: "已联系 1-3")))
        XCTAssertEqual(understand("已联系 12-28", day: d(2027, 1, 3), open: d(2026, 10, 1)),
                       .command(.contact(date: d(2026, 12, 28), note: nil)))
        XCTAssertEqual(understand("已联系 上周三"), .refused(.invalidDate("上周三", example: "已联系 12-22")))
        XCTAssertEqual(understand("已联系 13-45"), .refused(.invalidDate("13-45", example: "已联系 12-22")))
        XCTAssertEqual(understand("已于12月电话联系"), .refused(.invalidDate("12月", example: "已联系 12-22 电话")))
        XCTAssertEqual(understand("已联系 2026-09-30"),
                       .refused(.beforeOpenPeriod(d(2026, 9, 30), openFrom: open, example: "已联系 12-22")))
    }

    func testDues() {
        let table: [(String, ReplyUnderstanding)] = [
            ("已交 2026-11", .command(.dues(through: ym(2026, 11), note: nil))),
            ("已交纳 2026-11", .command(.dues(through: ym(2026, 11), note: nil))),
            ("已缴纳 2026-11", .command(.dues(through: ym(2026, 11), note: nil))),
            ("已交至2026年11月", .command(.dues(through: ym(2026, 11), note: nil))),
            ("已交到 2026 年 11 月", .command(.dues(through: ym(2026, 11), note: nil))),
            ("党费已交 11月", .command(.dues(through: ym(2026, 11), note: nil))),
            ("已收党费 2026-12", .command(.dues(through: ym(2026, 12), note: nil))),
            ("已交 2026-11至2026-12", .command(.dues(through: ym(2026, 12), note: nil))),
            ("已交 2026年11月-12月", .command(.dues(through: ym(2026, 12), note: nil))),
            ("已交 11-12月", .command(.dues(through: ym(2026, 12), note: nil))),
            ("已缴 2026-10到2027-03 微信转账", .command(.dues(through: ym(2027, 3), note: "微信转账"))),
            ("已交11月、12月党费", .command(.dues(through: ym(2026, 12), note: "党费"))),
            ("已交 2026年11月和12月", .command(.dues(through: ym(2026, 12), note: nil))),
            // A month without a year that is still ahead this year: last year's.
            ("已交 12月", .command(.dues(through: ym(2025, 12), note: nil))),
            ("已交 十一月", .command(.dues(through: ym(2026, 11), note: nil))),
            ("已交 2026-13", .refused(.invalidMonth("2026-13", example: "已交 2026-12"))),
            ("党费已交", .refused(.missingMonth(example: "已交 2026-12"))),
        ]
        for (text, expected) in table {
            XCTAssertEqual(understand(text, day: text == "已交 12月" ? d(2026, 11, 20) : nil), expected, text)
        }
    }

    func testCourtesyAndUndo() {
        for text in ["收到", "好的", "谢谢", "已阅", "收到，谢谢！", "好的👍", "王书记好", "Thanks!", "OK"] {
            XCTAssertEqual(understand(text), .courtesy, text)
        }
        XCTAssertEqual(understand("收到，谢谢！\n魏诗琪\n13800000001"), .courtesy)
        XCTAssertEqual(understand("收到\n已联系"), .command(.contact(date: day, note: nil)))
        XCTAssertEqual(understand("撤销"), .undo)
        XCTAssertEqual(understand("王书记好\n撤销！"), .undo)
        XCTAssertEqual(understand("Undo"), .undo)
        XCTAssertNotEqual(understand("撤销这个提醒吧，他已经回来了"), .undo)
    }

    func testReportThread_onlyFromTheMember_orMarked() {
        let member = ReplyContext(replyDay: day, isReportThread: true, fromMember: true)
        let liaison = ReplyContext(replyDay: day, isReportThread: true, fromMember: false)
        XCTAssertEqual(ReplyParser.understand("收到，我会提醒他。", context: liaison), .refused(.reportNotFromMember))
        XCTAssertEqual(ReplyParser.understand("收到", context: liaison), .courtesy)
        XCTAssertEqual(ReplyParser.understand("汇报：本季度在深圳学习两次。", context: liaison),
                       .command(.report(date: day, text: "本季度在深圳学习两次。")))
        XCTAssertEqual(ReplyParser.understand("王书记好：\n报告：本季度在深圳学习两次。", context: liaison),
                       .command(.report(date: day, text: "本季度在深圳学习两次。")))
        XCTAssertEqual(ReplyParser.understand("本季度已联系社区两次，学习三次。", context: member),
                       .command(.report(date: day, text: "本季度已联系社区两次，学习三次。")))
        XCTAssertEqual(ReplyParser.understand("谢谢", context: member), .courtesy)
        let long = String(repeating: "学习", count: 15_000)
        guard case .command(let c) = ReplyParser.understand(long, context: member) else { return XCTFail() }
        XCTAssertEqual(c.record(member: "P1").note?.count, ReplyCommand.reportCap)
    }

    func testGreetingAboveTheQuote_andTheReportBelow_isTheWholeReport() {
        let member = ReplyContext(replyDay: day, isReportThread: true, fromMember: true)
        let body = "王书记好：\n\n在 2026年12月17日 09:00，广场西社区党支部 <branch@example.org> 写道：\n> 请汇报本季度情况\n>\n"
            + "> 广场西社区党支部\n\n本季度在深圳参加学习两次。\n思想稳定。\n\n发自我的iPhone\n"
        XCTAssertEqual(ReplyParser.understand(body, context: member),
                       .command(.report(date: day, text: "王书记好：\n\n本季度在深圳参加学习两次。\n思想稳定。")))
        // Interleaved: answers between the quoted lines.
        let inter = "On Thu, Dec 17, 2026 at 9:00 AM 广场西 <b@example.org> wrote:\n> 学习情况？\n学习两次。\n> 工作情况？\n工作正常。\n"
        XCTAssertEqual(ReplyParser.understand(inter, context: member),
                       .command(.report(date: day, text: "学习两次。\n工作正常。")))
    }

    func testLeadingMemberID_isACleanExtension() {
        // Issue 11 strips "P10 " and reads the rest with the same function.
        let ctx = ReplyContext(replyDay: day, openFrom: open)
        XCTAssertEqual(ReplyLine.read("已登记", context: ctx), .command(.register(date: day, note: nil)))
        XCTAssertEqual(ReplyLine.read("已交 2026-11", context: ctx, only: .dues), .command(.dues(through: ym(2026, 11), note: nil)))
        XCTAssertNil(ReplyLine.read("已联系", context: ctx, only: .dues))
    }
}
