import LiaisonCore
import XCTest

/// `check`'s refusals of mailbox settings that cannot work (issue 12).
final class ConfigMailboxChecksTests: XCTestCase {
    func url(_ s: String) -> ConfigParser.ServerURL {
        guard case .success(let u) = ConfigParser.parseServerURL(s) else { XCTFail(s); return .init(scheme: "", host: "") }
        return u
    }

    func testSchemeAndPortMismatchesAreRefusedWithTheFix() {
        XCTAssertEqual(ConfigParser.smtpPortProblem(url("smtp://smtp.qq.com:465")),
                       "port 465 expects TLS from the first byte, which smtp:// does not start: write "
                       + "smtps://smtp.qq.com:465 (or smtp://smtp.qq.com:587 for STARTTLS)")
        XCTAssertNotNil(ConfigParser.smtpPortProblem(url("smtps://smtp.163.com:587")))
        XCTAssertNotNil(ConfigParser.smtpPortProblem(url("smtps://mx.example.org:25")))
        XCTAssertNil(ConfigParser.smtpPortProblem(url("smtps://smtp.qq.com:465")))
        XCTAssertNil(ConfigParser.smtpPortProblem(url("smtp://smtp.qq.com:587")))
        XCTAssertNil(ConfigParser.smtpPortProblem(url("smtp://127.0.0.1:2525")))
        XCTAssertNil(ConfigParser.smtpPortProblem(url("smtps://smtp.qq.com")))
    }

    func testHostedMailboxWarnsWhenFromIsNotTheUser() {
        XCTAssertNotNil(ConfigParser.hostedSenderProblem(user: "123456@qq.com", from: "branch@example.org"))
        XCTAssertNotNil(ConfigParser.hostedSenderProblem(user: "dangzhibu@163.com", from: "other@163.com"))
        XCTAssertNil(ConfigParser.hostedSenderProblem(user: "123456@QQ.com", from: "123456@qq.com"))
        XCTAssertNil(ConfigParser.hostedSenderProblem(user: "branch@example.org", from: "secretary@example.org"),
                     "an own server may allow other senders")
        XCTAssertNil(ConfigParser.hostedSenderProblem(user: nil, from: "branch@qq.com"))
    }

    func testTheParserReportsBothAtTheirLines() {
        let text = """
            [branch]
            name = 支部
            secretary = 王芳 <secretary@example.org>

            [roster]
            members = members.csv
            people = people.csv

            [smtp]
            url = smtp://smtp.qq.com:465
            user = 123456@qq.com
            from = 支部 <branch@example.org>
            """
        let (config, diags) = ConfigParser.parse(text, file: "liaisond.conf")
        XCTAssertNil(config)
        XCTAssertTrue(diags.contains { $0.line == 10 && $0.isError && $0.description.contains("smtps://smtp.qq.com:465") },
                      "\(diags)")
        XCTAssertTrue(diags.contains { $0.line == 12 && !$0.isError && $0.description.contains("differs from user") },
                      "\(diags)")
    }
}
