import Foundation
import XCTest
@testable import LiaisonCore

/// A reply near the 10 MB limit is read in linear time: one long line, many lines, many
/// quote markers.
final class ReplySizeTests: XCTestCase {
    func testLargeReplies_areReadQuickly() {
        let ctx = ReplyContext(replyDay: LocalDate(year: 2026, month: 12, day: 22)!, openFrom: nil, isReportThread: true)
        let bodies = [
            String(repeating: "本季度在深圳学习，已联系 12-20，打不通，2026-11至2026-12，", count: 20_000),
            String(repeating: "已联系 12-20 电话\n> 引用\n在 2026年12月17日 写道：\n", count: 20_000),
            String(repeating: "发件人: x\n", count: 50_000),
            String(repeating: "「", count: 200_000),
        ]
        for body in bodies {
            let start = Date()
            _ = ReplyParser.understand(body, context: ctx)
            _ = ReplyParser.understand(body, context: ReplyContext(replyDay: ctx.replyDay))
            XCTAssertLessThan(Date().timeIntervalSince(start), 20, "\(body.prefix(20))… (\(body.count) characters)")
        }
    }
}
