@testable import LiaisonMail
import XCTest

/// Folder names are sent in IMAP's modified UTF-7 (RFC 3501 §5.1.3).
final class IMAPMailboxNameTests: XCTestCase {
    func testRFC3501sExample_andChineseFolderNames() {
        XCTAssertEqual(IMAPMailboxName.encode("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-")
        XCTAssertEqual(IMAPMailboxName.encode("回复"), "&Vt5ZDQ-")
        XCTAssertEqual(IMAPMailboxName.encode("INBOX/流动党员回复"), "INBOX/&bUFSqFFaVFhW3lkN-")
        XCTAssertEqual(IMAPMailboxName.encode("R&D 回复"), "R&-D &Vt5ZDQ-", "& is escaped once the name needs encoding")
        XCTAssertEqual(IMAPMailboxName.encode("😀"), "&2D3eAA-", "outside the BMP: both UTF-16 halves")
    }

    func testASCIINames_areSentAsWritten() {
        for name in ["INBOX", "Replies", "&Vt5ZDQ-", "R&D", "a b"] {
            XCTAssertEqual(IMAPMailboxName.encode(name), name)
        }
    }
}
