import Foundation
import XCTest

/// `[smtp] connections = N`: the batch is split over N connections on N threads; every
/// reminder is sent exactly once and recorded, and a second tick sends nothing.
final class ParallelSendTests: XCTestCase {
    func testConnectionsThreeSendsEveryReminderOnce() throws {
        let server = try TestSMTPServer.aiosmtpd()
        defer { server.stop() }
        let n = 10
        var members = "id,name,kind,email,grid,dues_paid_through\n"
        for i in 0..<n { members += "D\(i),成员\(i),local,d\(i)@example.org,G1,2026-10\n" }
        let people = "id,name,email,role,grid\nW1,卢立新,wgz1@example.org,grid-leader,G1\n"
        let branch = try TestBranch(smtpURL: server.url, members: members, people: people,
                                    smtpExtra: "connections = 3")
        let at = "2026-11-26T09:30:00+08:00"
        XCTAssertEqual(try branch.due(at: at).count, n)

        let r = try branch.run("tick", "--at", at)
        XCTAssertEqual(r.status, 0, r.stderr)
        let got = try server.messages()
        XCTAssertEqual(got.count, n)
        XCTAssertEqual(Set(got.flatMap(\.rcptTos)), Set((0..<n).map { "d\($0)@example.org" }))
        XCTAssertEqual(try branch.log("--event", "sent").count, n)

        XCTAssertEqual(try branch.run("tick", "--at", at).status, 0)
        XCTAssertEqual(try server.messages().count, n)
    }
}
