import LiaisonCore
import XCTest

/// Auto-replies without a header that says so (issue 14): `Precedence: auto_reply` and bodies
/// that open as QQ Mail's, 163's or Outlook's out-of-office replies do; a person who merely
/// mentions an auto-reply is still a person.
final class AutoReplyTextTests: XCTestCase {
    func message(_ headers: String, body: String) -> ParsedMessage {
        MIMEReader.parse(Array("From: 魏诗琪 <l01@example.org>\r\nSubject: Re: 【联络】张伟\r\n\(headers)Content-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n".utf8))!
    }

    func testPrecedenceAutoReplyIsAutomatic() {
        guard case .automatic(let why) = InboundClassifier.classify(message("Precedence: auto_reply\r\n", body: "已联系")) else {
            return XCTFail("Precedence: auto_reply")
        }
        XCTAssertEqual(why, .autoReplyPrecedence(value: "auto_reply"))
    }

    func testBodiesThatOpenAsAutoRepliesAreAutomatic() {
        let bodies = [
            "这是来自QQ邮箱的假期自动回复邮件。\r\n\r\n您好，我最近正在休假中，无法亲自回复您的邮件。我将在假期结束后，尽快给您回复。",
            "【自动回复】您的邮件已收到，我将尽快处理。",
            "自动回复：本人出差中，12月28日返回。",
            "此邮件为自动回复，请勿直接回复。",
            "This is an automatic reply. I am away until Monday.",
            "I am currently out of the office with limited access to e-mail.",
            "Automatic reply: Re: 联络",
        ]
        for b in bodies {
            guard case .automatic = InboundClassifier.classify(message("", body: b)) else { XCTFail(b); continue }
        }
    }

    func testPeopleWhoMentionAutoRepliesAreNot() {
        let bodies = [
            "已联系 12-20",
            "已联系，不是自动回复，电话沟通过了",
            "上次收到的是自动回复吗？已联系",
            "I was out of the office last week; contacted him on 12-20.",
            "已联系\r\n\r\n> 这是来自QQ邮箱的假期自动回复邮件。",
        ]
        for b in bodies {
            XCTAssertEqual(InboundClassifier.classify(message("", body: b)), .reply, b)
        }
    }
}
