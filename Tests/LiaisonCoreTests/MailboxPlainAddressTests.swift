import XCTest
@testable import LiaisonCore

final class PlainAddressTests: XCTestCase {
    func testPlainAddressFastPathNeverAcceptsWhatMailboxRefuses() {
        let samples = ["a@b.org", "l01@example.org", "first.last+tag@mail.example.com.cn", "x_y%z@a-b.c",
                       "a@b", "@b.org", "a@", "a@.org", "a@b.", "a@b..org", "a@@b.org", "a b@c.org", "a@b.org ",
                       "\"a\"@b.org", "a@localhost", "张@b.org", "a@b.org\n", "<a@b.org>", "a,b@c.org", "a@b_c.org",
                       String(repeating: "a", count: 250) + "@b.org", "a.@b.org", ".a@b.org", "-@-.-"]
        for s in samples where Mailbox.isPlainAddress(s) {
            XCTAssertTrue(Mailbox.isValidAddressInFull(s), s)
        }
        XCTAssertTrue(Mailbox.isPlainAddress("l01@example.org"))
        XCTAssertFalse(Mailbox.isPlainAddress("a@b"))
    }
}
