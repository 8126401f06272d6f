import Foundation
import LiaisonCore
import LiaisonStore
import XCTest

/// The monthly digest carries the store's facts (last month's failures and replies) as well as
/// the rule's counts.
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
        XCTAssertTrue(body.contains("上月投递失败的提醒 1 封，收到回复 2 封"), body)
        XCTAssertTrue(body.contains("网格G1：已联系 0，待联系 1，逾期 0"), body)
    }
}
