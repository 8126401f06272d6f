@testable import LiaisonApp
import LiaisonCore
import XCTest

/// The config's and the roster's problems, as a Chinese branch reads them: every common one
/// translated, values kept, full-width punctuation.
final class DiagnosticTextTests: XCTestCase {
    func rendered(_ ds: [Diagnostic]) -> [String] {
        ds.map { DiagnosticText.render($0, language: .zh).message }
    }

    func testCommonConfigProblems_readInChinese() {
        let text = """
            [branch]
            name = 支部
            secretary = nobody
            colour = red
            [roster]
            members = members.csv
            people = people.csv
            [smtp]
            url = smtp://smtp.qq.com:465
            user = 1@qq.com
            password = x
            from = b@example.org
            tls = none
            [schedule]
            dues_day = 40
            dues_day = 41
            [extra]
            """
        let (_, diags) = ConfigParser.parse(text, file: "liaisond.conf")
        XCTAssertGreaterThanOrEqual(diags.count, 7, "\(diags)")
        for (d, zh) in zip(diags, rendered(diags)) {
            XCTAssertTrue(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "not translated: \(d.message)")
            XCTAssertEqual(HalfWidthCheck.problems(in: zh), [], zh)
        }
        XCTAssertTrue(rendered(diags).contains("[schedule] 中 dues_day 的值“40”无效（应为 a whole number from 1 to 28）")
                      || rendered(diags).contains { $0.hasPrefix("[schedule] 中 dues_day 的值“40”无效") }, "\(rendered(diags))")
    }

    func testCommonRosterProblems_readInChinese() {
        let members = """
            编号,姓名,类别,邮箱,流动时间,联系人,颜色
            P01,张伟,流出,not-an-address,2026-13-01,L99,
            P01,李娜,,m@example.org,,,
            """
        let people = "编号,姓名\nL01,魏诗琪\n"
        let (_, diags) = LedgerParser.parse(members: Array(members.utf8), membersFile: "members.csv",
                                            people: Array(people.utf8), peopleFile: "people.csv")
        XCTAssertGreaterThanOrEqual(diags.count, 5, "\(diags)")
        for (d, zh) in zip(diags, rendered(diags)) {
            XCTAssertTrue(zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "not translated: \(d.message)")
            XCTAssertFalse(zh.contains(" is "), "half translated: \(zh)")
        }
        XCTAssertTrue(rendered(diags).contains("流动时间“2026-13-01”不是日期（可写 2026-03-01、2026/3/1、2026.3.1 或 2026年3月1日）"),
                      "\(rendered(diags))")
        XCTAssertEqual(DiagnosticText.render(diags[0], language: .en), diags[0], "English stays as written")
    }
}

/// The words `DiagnosticText` looks for before it tries an expression: a wrong one would leave
/// a message in English.
final class DiagnosticTextLiteralTests: XCTestCase {
    func testRequiredLiteral_takesTheLongestPlainRunOutsideGroupsAndClasses() {
        XCTAssertEqual(DiagnosticText.requiredLiteral(#"^(\S+) "(.*)" is not a date \(use (.*)\)$"#), #"" is not a date (use "#)
        XCTAssertEqual(DiagnosticText.requiredLiteral(#"^column (\d+) has no header; its values are ignored$"#),
                       " has no header; its values are ignored")
        XCTAssertEqual(DiagnosticText.requiredLiteral(#"^unknown section \[([^\]]+)\] \(did you mean \[(\w+)\]\?\)$"#),
                       "unknown section [")
        // A repeated or optional character is not required; an alternation requires nothing.
        XCTAssertEqual(DiagnosticText.requiredLiteral("abcd+ef"), "abc")
        XCTAssertEqual(DiagnosticText.requiredLiteral("abcdef?"), "abcde")
        XCTAssertEqual(DiagnosticText.requiredLiteral("long words|x"), "")
        XCTAssertEqual(DiagnosticText.requiredLiteral("(yes|no) is required"), " is required")
        XCTAssertEqual(DiagnosticText.requiredLiteral("(optional words)?x"), "x")
    }

    /// Four characters at least: fewer would let nearly every message through to the expression.
    func testEveryExpressionHasWordsToLookFor() {
        for (pattern, literal) in DiagnosticText.literals {
            XCTAssertGreaterThanOrEqual(literal.count, 4, pattern)
        }
    }
}

extension DiagnosticTextLiteralTests {
    func testFill_replacesEachGroupOnceAndKeepsDollarsInValues() {
        XCTAssertEqual(DiagnosticText.fill("[$2] 缺少必填的键“$1”", ["", "url", "smtp"]), "[smtp] 缺少必填的键“url”")
        XCTAssertEqual(DiagnosticText.fill("$1 与 $2", ["", "a$2b", "c"]), "a$2b 与 c")
        XCTAssertEqual(DiagnosticText.fill("价格 $ 和 $9 $", ["", "x"]), "价格 $ 和 $9 $")
        XCTAssertEqual(DiagnosticText.fill("可写 $1", ["", "2026-12-01, 2026/12/1 or 20261201"]),
                       "可写 2026-12-01、2026/12/1 或 20261201")
    }
}
