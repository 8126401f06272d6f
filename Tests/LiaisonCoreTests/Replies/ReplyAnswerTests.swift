import Foundation
import XCTest
@testable import LiaisonCore

/// The answers to replies quote exactly what was recorded and say how to take it back.
extension MessageComposerTests {
    var base: MessageComposerTests { self }

    func testReplyAcknowledgement_quotesKindMemberDateNote_andTheWayBack() {
        let record = Record(kind: .contact, member: "m01", date: LocalDate(year: 2026, month: 12, day: 20)!, note: "电话，情况正常")
        let zh = base.composer(.zh).recordAcknowledgement(rule: .contactQuarterly, token: MessageComposerTests.token,
                                                          recipient: base.liaison, record: record,
                                                          nextDeadline: LocalDate(year: 2027, month: 3, day: 31)!,
                                                          at: MessageComposerTests.dec17)
        for line in ["    类型：联系", "    党员：张伟（m01）", "    日期：2026年12月20日", "    备注：电话，情况正常", "回复“撤销”",
                     "下一次期限：2027年3月31日"] {
            XCTAssertTrue(zh.body.contains(line), "\(line)\n\(zh.body)")
        }
        XCTAssertTrue(zh.subject.hasPrefix("已记录："), zh.subject)
        let en = base.composer(.en).recordAcknowledgement(rule: .contactQuarterly, token: MessageComposerTests.token,
                                                          recipient: base.liaison, record: record, nextDeadline: nil,
                                                          at: MessageComposerTests.dec17)
        for line in ["    Kind: contact", "    Date: 20 December 2026", "    Note: 电话，情况正常", "\"undo\""] {
            XCTAssertTrue(en.body.contains(line), "\(line)\n\(en.body)")
        }
        let dues = Record(kind: .dues, member: "m01", date: LocalDate(year: 2026, month: 12, day: 1)!,
                          through: YearMonth(year: 2026, month: 12))
        XCTAssertTrue(base.composer(.zh).recordLines(dues).contains("党费交至：2026年12月"))
    }

    func testReplyUndoAndCourtesyAnswers() {
        let record = Record(id: 7, kind: .unreachable, member: "m01", date: LocalDate(year: 2026, month: 12, day: 22)!)
        let undo = base.composer(.zh).undoAcknowledgement(rule: .contactQuarterly, token: MessageComposerTests.token,
                                                          recipient: base.liaison, record: record)
        XCTAssertTrue(undo.subject.hasPrefix("已撤销："), undo.subject)
        XCTAssertTrue(undo.body.contains("#7") && undo.body.contains("类型：未能联系上"), undo.body)
        let thanks = base.composer(.zh).courtesyAnswer(rule: .reportPeriodic, token: MessageComposerTests.token, recipient: nil)
        XCTAssertTrue(thanks.body.contains("没有记录任何事项") && thanks.body.contains("汇报"), thanks.body)
    }
}
