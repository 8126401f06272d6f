import Foundation
import XCTest
@testable import LiaisonCore

/// Every reply example docs/replies.md gives in its tables is read as the table says: the
/// examples of section 二 make a record (or, for `还没联系`, courtesy and `撤销`, their own
/// answer), those of section 三 record nothing.
final class ReplyDocsTests: XCTestCase {
    static let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/replies.md")

    /// The backticked examples of the first column of the table under a heading.
    func examples(under heading: String) throws -> [String] {
        let text = try String(contentsOf: Self.doc, encoding: .utf8)
        guard let start = text.range(of: heading) else { XCTFail(heading); return [] }
        let section = text[start.upperBound...].components(separatedBy: "\n## ").first ?? ""
        var out: [String] = []
        for line in section.split(separator: "\n") where line.hasPrefix("| `") || line.hasPrefix("| 王书记") {
            let first = line.split(separator: "|")[0]
            if first.contains("<br>") {
                out.append(first.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: "<br>", with: "\n")
                    .trimmingCharacters(in: .whitespaces))
                continue
            }
            let parts = first.split(separator: "`", omittingEmptySubsequences: false)
            for (i, p) in parts.enumerated() where i % 2 == 1 { out.append(String(p)) }
        }
        return out
    }

    func testSectionTwo_examplesAreUnderstood() throws {
        let ctx = ReplyContext(replyDay: LocalDate(year: 2026, month: 12, day: 22)!, openFrom: LocalDate(year: 2026, month: 10, day: 1)!)
        let list = try examples(under: "## 二、")
        XCTAssertGreaterThan(list.count, 40)
        for e in list {
            let u = ReplyParser.understand(e, context: ctx)
            switch u {
            case .command, .undo, .courtesy: break
            case .refused(.notYet): XCTAssertTrue(e.contains("还没") || e.contains("尚未"), e)
            default: XCTFail("\(e): \(u)")
            }
        }
    }

    func testSectionThree_examplesRecordNothing() throws {
        let ctx = ReplyContext(replyDay: LocalDate(year: 2026, month: 12, day: 22)!, openFrom: LocalDate(year: 2026, month: 10, day: 1)!)
        let list = try examples(under: "## 三、")
        XCTAssertGreaterThan(list.count, 8)
        for e in list {
            guard case .refused = ReplyParser.understand(e, context: ctx) else {
                XCTFail("\(e): \(ReplyParser.understand(e, context: ctx))")
                continue
            }
        }
    }
}
