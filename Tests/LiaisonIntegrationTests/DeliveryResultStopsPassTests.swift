import LiaisonMail
import XCTest

/// The one decision "this failure stops the pass" (issue 14; the admin issue's login check asks
/// it too): failures of the server or the connection stop it, replies about one message do not.
final class DeliveryResultStopsPassTests: XCTestCase {
    func testConnectionFailuresStopThePassRepliesAboutAMessageDoNot() {
        let stopping = ["connect: connection refused (127.0.0.1:2525)", "connect: timeout after 30 s (mx:25)",
                        "timeout after 60 s", "DNS: cannot resolve mx.example.org:25", "TLS: server does not offer STARTTLS",
                        "TLS: certificate expired", "authentication failed: Login denied"]
        for r in stopping { XCTAssertTrue(DeliveryResult.temporary(reply: r).stopsPass, r) }
        let going = [DeliveryResult.temporary(reply: "450 4.2.2 Mailbox full"),
                     .temporary(reply: "connection lost: the server closed the connection without a reply"),
                     .temporary(reply: "421 4.0.0 Server closing connection"),
                     .permanent(reply: "550 5.1.1 User unknown"), .permanent(reply: "timeout after 60 s"),
                     .accepted(reply: "250 2.0.0 Ok", refused: [])]
        for r in going { XCTAssertFalse(r.stopsPass, "\(r)") }
    }
}
