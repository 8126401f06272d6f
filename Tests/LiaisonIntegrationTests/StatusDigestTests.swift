import Foundation
import LiaisonCore
import LiaisonStore
import XCTest

/// The monthly report describes the month that ended: the store's facts (its failures and
/// replies) as well as the quarter's contacts so far.
final class StatusDigestTests: XCTestCase {
    func testDigest_mentionsLastMonthsFailuresAndReplies() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let branch = try TestBranch(smtpURL: server.url)
        do {
            let store = try Store(path: branch.storePath)
            let october = instantOf("2026-10-12T09:00:00+08:00")
            try store.appendLog(LogEntry(time: october, event: .failed, rule: "contact.quarterly", member: "P01",
                                         key: "contact.quarterly|P01|2026Q4|lead-14", to: ["l01@example.org"], smtp: "550 no such user"))
            try store.appendLog(LogEntry(time: october, event: .reply, rule: "contact.quarterly", member: "P01"))
            try store.appendLog(LogEntry(time: october, event: .reply, rule: "report.periodic", member: "P01"))
            // Not last month: not counted.
            try store.appendLog(LogEntry(time: instantOf("2026-09-30T23:00:00+08:00"), event: .reply, member: "P01"))
        }
        XCTAssertEqual(try branch.run("tick", "--at", "2026-11-01T09:00:00+08:00").status, 0)
        let digest = try server.messages().filter { $0.rcptTos == ["secretary@example.org"] }
        XCTAssertEqual(digest.count, 1)
        let body = try XCTUnwrap(MIMEReader.parse(digest[0].data)).body
        let parsed = try XCTUnwrap(MIMEReader.parse(digest[0].data))
        XCTAssertTrue((parsed.subject ?? "").hasPrefix("2026年10月流动党员管理月报"), parsed.subject ?? "")
        XCTAssertTrue(body.contains("10月收到回复 2 封；投递失败 1 封"), body)
        XCTAssertTrue(body.contains("失败 2026-10-12 l01@example.org"), body)
        XCTAssertTrue(body.contains("2026年第四季度联系情况(截至10月底)"), body)
        XCTAssertTrue(body.contains("网格G1：已联系 0，未联系 1\n    未联系：P01 张伟(联系人魏诗琪)"), body)
        XCTAssertFalse(body.contains("liaisond"), body)
    }
}
