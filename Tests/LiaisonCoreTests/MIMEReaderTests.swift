import XCTest
@testable import LiaisonCore

final class MIMEReaderTests: XCTestCase {
    func testFoldedHeader_isUnfolded_andQEncodedWordsDecoded() throws {
        let raw = "From: =?utf-8?Q?=E6=9D=8E=E6=98=8E?= <l01@example.org>\r\n"
            + "Subject: =?UTF-8?Q?Re=3A_=E5=B7=B2=E8=81=94=E7=B3=BB?=\r\n =?UTF-8?B?5byg5Lyf?= tail\r\n"
            + "\r\nbody\r\n"
        let p = try XCTUnwrap(MIMEReader.parse(Array(raw.utf8)))
        XCTAssertEqual(p.subject, "Re: 已联系张伟 tail")
        XCTAssertEqual(p.mailboxes("From"), [Mailbox(name: "李明", address: "l01@example.org")])
        XCTAssertEqual(p.body, "body\n")
    }

    func testQuotedPrintableBody_isDecoded_withSoftBreaks() throws {
        let raw = "Subject: x\nContent-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable\n\n"
            + "=E5=B7=B2=E8=81=94=E7=B3=BB 12-20 =\n=E7=94=B5=E8=AF=9D   \nsecond line a=3Db\n"
        let p = try XCTUnwrap(MIMEReader.parse(Array(raw.utf8)))
        XCTAssertEqual(p.body, "已联系 12-20 电话\nsecond line a=b\n")
    }

    func test8bitBody_withLFLineEnds_isRead() throws {
        let raw = "Subject: 已联系\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n已联系 12-20\r\n"
        let p = try XCTUnwrap(MIMEReader.parse(Array(raw.utf8)))
        XCTAssertEqual(p.subject, "已联系")
        XCTAssertEqual(p.body, "已联系 12-20\n")
    }

    func testOtherCharsets_goThroughTheHook() throws {
        // "已" in GB18030 is B1 D1; a stand-in decoder proves the hook is used for header and body.
        let gb: [UInt8] = [0xB1, 0xD1]
        let raw = Array("Subject: =?GB18030?B?sdE=?=\r\nContent-Type: text/plain; charset=gb18030\r\n\r\n".utf8) + gb
        let reader = MIMEReader { bytes, charset in
            charset.lowercased() == "gb18030" && bytes == gb ? "已" : nil
        }
        let p = try XCTUnwrap(reader.parse(raw))
        XCTAssertEqual(p.subject, "已")
        XCTAssertEqual(p.body, "已")
    }

    func testUnknownCharset_fallsBackWithoutFailing() throws {
        let raw = "Subject: =?x-unknown?B?YWJj?=\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nabc"
        let p = try XCTUnwrap(MIMEReader.parse(Array(raw.utf8)))
        XCTAssertEqual(p.subject, "abc")
        XCTAssertEqual(p.body, "abc")
    }

    func testMultipart_takesFirstTextPlainPart() throws {
        let raw = """
            Subject: Re: x\r
            Content-Type: multipart/alternative; boundary="b1"\r
            \r
            preamble\r
            --b1\r
            Content-Type: text/html; charset=utf-8\r
            \r
            <p>html</p>\r
            --b1\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: base64\r
            \r
            5bey6IGU57O7IDEyLTIw\r
            --b1--\r
            epilogue\r
            """
        let p = try XCTUnwrap(MIMEReader.parse(Array(raw.utf8)))
        XCTAssertEqual(p.body, "已联系 12-20")
        XCTAssertEqual(p.contentType.mimeType, "text/plain")
    }

    func testMalformedEncodedWord_isLeftAsWritten() throws {
        let p = try XCTUnwrap(MIMEReader.parse(Array("Subject: =?UTF-8?X?abc?= and =?broken\r\n\r\n".utf8)))
        XCTAssertEqual(p.subject, "=?UTF-8?X?abc?= and =?broken")
    }

    func testAddressList_withQuotedCommasGroupsAndComments() {
        let list = MIMEReader.parseAddressList(
            "\"Wang, Fang\" <s@example.org>, team: a@example.org, b@example.org (Bee);, =?UTF-8?B?5p2O5piO?= <l@example.org>")
        XCTAssertEqual(list, [Mailbox(name: "Wang, Fang", address: "s@example.org"),
                              Mailbox(name: "", address: "a@example.org"),
                              Mailbox(name: "", address: "b@example.org"),
                              Mailbox(name: "李明", address: "l@example.org")])
    }

    func testNoHeaders_isNotAMessage() {
        XCTAssertNil(MIMEReader.parse(Array("just text\r\n\r\nmore".utf8)))
        XCTAssertNil(MIMEReader.parse([]))
    }
}
