import Foundation
import XCTest
@testable import LiaisonCore

/// docs/rules.md is the user's reference: one section per rule id the engine knows, and every
/// `[rules]` key described.
final class RulesDocTests: XCTestCase {
    static let doc: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rules.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    func testEveryRuleIDTheEngineKnows_hasASection() {
        XCTAssertFalse(Self.doc.isEmpty, "docs/rules.md is missing")
        let ids = Set(RuleEngine.allRules.map(\.id.rawValue)).union(RuleID.allCases.map(\.rawValue))
        for id in ids.sorted() {
            XCTAssertTrue(Self.doc.contains("\n## `\(id)` — "), "docs/rules.md has no section for \(id)")
        }
        // No section for an id the engine does not know.
        let sections = Self.doc.components(separatedBy: "\n").filter { $0.hasPrefix("## `") && $0.contains("` — ") }
            .compactMap { $0.dropFirst(4).split(separator: "`").first.map(String.init) }
        XCTAssertEqual(Set(sections), ids)
        XCTAssertEqual(sections.count, ids.count, "one section per rule id")
    }

    func testEveryRulesKey_isDescribed() {
        for key in ConfigParser.ruleKeys {
            XCTAssertTrue(Self.doc.contains("| `\(key)` |"), "docs/rules.md does not describe [rules] \(key)")
        }
        XCTAssertFalse(Self.doc.contains("../shared"), "docs must not point outside the repository")
    }
}
