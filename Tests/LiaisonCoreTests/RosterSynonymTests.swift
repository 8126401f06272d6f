@testable import LiaisonCore
import XCTest

/// Branches' own spreadsheets name columns their way (wording review): the common synonyms
/// read like our headers.
final class RosterSynonymTests: XCTestCase {
    func testSynonymHeaders_readLikeTheOwnOnes() {
        let members = """
            编号,姓名,类别,电子邮箱,手机号码,外出时间,联系人编号,所在网格,党费交至
            P01,张伟,流出,m01@example.org,13900000001,2026-05-10,L01,G1,2026-11
            """
        let people = """
            编号,姓名,电子邮箱,角色,所在网格
            L01,魏诗琪,l01@example.org,联系人,G1
            """
        let (ledger, diags) = LedgerParser.parse(members: Array(members.utf8), membersFile: "members.csv",
                                                 people: Array(people.utf8), peopleFile: "people.csv")
        XCTAssertFalse(diags.hasErrors, "\(diags)")
        let m = ledger.member("P01")
        XCTAssertEqual(m?.phone, "13900000001")
        XCTAssertEqual(m?.email, "m01@example.org")
        XCTAssertEqual(m?.liaison, "L01")
        XCTAssertEqual(m?.grid, "G1")
        XCTAssertEqual(m?.since, LocalDate(year: 2026, month: 5, day: 10))
        XCTAssertEqual(m?.duesPaidThrough, YearMonth(year: 2026, month: 11))
        XCTAssertEqual(ledger.person("L01")?.email, "l01@example.org")
    }

    func testEachSynonymNamesOneColumnOnly() {
        var seen: [String: String] = [:]
        for c in MemberColumn.allCases {
            for name in [c.english, c.chinese] + c.synonyms {
                XCTAssertNil(seen[name], "\(name) means both \(seen[name] ?? "") and \(c.english)")
                seen[name] = c.english
            }
        }
    }
}
