import LiaisonCore
import XCTest

/// Every log detail in both languages, and its way through the store's code and arguments.
final class LogDetailTests: XCTestCase {
    /// One example of each code: the detail, its Chinese, its English (the sentence older
    /// versions stored, word for word).
    static func day(_ d: Int) -> LocalDate { LocalDate(year: 2026, month: 12, day: d)! }

    static let examples: [(LogDetail, String, String)] = [
        (.laterStepDue(step: "repeat-2"), "尚在等待时同一事项的 repeat-2 已到期，改发后者",
         "still waiting when repeat-2 of the same thread came due"),
        (.noticeTooLate, "通知的时机已过（或早于 catch_up），未发送", "a notice whose moment has passed or older than catch_up: not sent"),
        (.missedWhileStopped, "停止运行期间错过；已改发同一事项较新的一步",
         "missed while nothing ran; a later step of the thread was sent instead"),
        (.memberGone(member: "P07"), "党员 P07 已不在台账中", "member P07 is no longer in the roster"),
        (.resolvedBeforeSending, "发送前已办结", "resolved before it was sent"),
        (.noAddress, "收件人都没有邮箱地址", "nobody named has an e-mail address"),
        (.recipientRefused, "该收件人被拒收；其他收件人已收到", "recipient refused; the others received the message"),
        (.gaveUp(retryMaxAge: "5d"), "超过 retry_max_age（5d），不再重试", "gave up after retry_max_age (5d)"),
        (.serverStopped(failure: .authentication), "登录被拒绝：请检查 [smtp] user 和 password_file（授权码）；本轮发送就此停止",
         "login refused: check [smtp] user and password_file (授权码); the pass stopped here"),
        (.bundled(items: 3, bundle: "daily|2026-12-18", gaveUp: false), "已合并在当天的每日待办中（一封邮件共 3 项）",
         "one message with 3 item(s): daily|2026-12-18"),
        (.recorded(record: .init(Record(kind: .report, member: "P01", date: day(18), note: "本季度情况", through: nil), id: 7, source: "reply <r@x>")),
         "#7 汇报 2026-12-18 本季度情况（回复 <r@x>）", "#7 report 2026-12-18 本季度情况 (reply <r@x>)"),
        (.withdrawn(id: 1, kind: "contact", date: "2026-12-18", note: "误录"), "#1 联系 2026-12-18 已撤销：误录",
         "#1 contact 2026-12-18 withdrawn: 误录"),
        (.reply(from: "l01@example.org", text: "已联系 12-20"), "来自 l01@example.org：已联系 12-20",
         "from l01@example.org: 已联系 12-20"),
        (.notRecorded(from: "s@example.org", text: "P01 不知道"), "来自 s@example.org：P01 不知道（未记录）",
         "from s@example.org: P01 不知道 (not recorded)"),
        (.noMemberLine(from: "s@example.org"), "来自 s@example.org：没有一行以党员编号开头",
         "from s@example.org: no line starts with a member id"),
        (.notThreadRecipient(from: "a@b.c"), "来自 a@b.c：不是本事项的收件地址，不受理", "from a@b.c: not an address this thread was sent to"),
        (.notDailyRecipient(from: "a@b.c"), "来自 a@b.c：不是每日待办的收件地址，不受理",
         "from a@b.c: not an address the daily list was sent to"),
        (.noThread(from: "a@b.c"), "来自 a@b.c：找不到对应的事项（标记未知或伪造）", "from a@b.c: no thread matches (unknown or made-up token)"),
        (.duplicate(messageID: "m@x"), "重复：邮件 <m@x> 之前已收过", "duplicate: message <m@x> was taken before"),
        (.automatic(sign: .autoSubmitted(value: "auto-replied"), from: "a@b.c"), "自动回复（Auto-Submitted: auto-replied），来自 a@b.c",
         "auto-reply (Auto-Submitted: auto-replied), from a@b.c"),
        (.notAMessage(bytes: 12), "不是电子邮件（没有信头）；12 字节", "not an e-mail message (no header fields); 12 bytes"),
        (.tooLarge(bytes: 20_000_000, from: "a@b.c"), "来自 a@b.c 的邮件有 20000000 字节，超过 10 MB 上限，未读取",
         "message of 20000000 bytes from a@b.c is over the 10 MB limit; not read"),
        (.reportNotOurs(from: "MAILER-DAEMON@mx"), "来自 MAILER-DAEMON@mx 的投递报告，与已发提醒无关",
         "delivery report from MAILER-DAEMON@mx not about a reminder liaisond sent"),
        (.reportNotBelieved(from: "x@y"), "来自 x@y 的投递报告不是 mailer-daemon 或 postmaster 发出的，不予采信",
         "delivery report from x@y, not from a mailer-daemon or postmaster: not believed"),
        (.reportNamesStranger(from: "postmaster@mx", address: "z@y", key: "k1"),
         "来自 postmaster@mx 的投递报告提到 z@y，但 k1 没有发给这个地址，不予采信",
         "delivery report from postmaster@mx names z@y, to whom k1 was not sent: not believed"),
        (.reportWithoutFailure(actions: "delayed", from: "postmaster@mx"), "投递报告（delayed），来自 postmaster@mx",
         "delivery report (delayed) from postmaster@mx"),
        (.bounced(from: "postmaster@mx", status: "5.1.1"), "退信：来自 postmaster@mx 的投递报告（状态 5.1.1）",
         "bounced: delivery report from postmaster@mx (status 5.1.1)"),
        (.legacy(text: "something old"), "something old", "something old"),
    ]

    /// The case name of every detail: a new case does not compile until it is named here, and
    /// `testEveryCodeHasAnExample` then asks for its example.
    static func code(_ d: LogDetail) -> String {
        switch d {
        case .laterStepDue: return "laterStepDue"
        case .noticeTooLate: return "noticeTooLate"
        case .missedWhileStopped: return "missedWhileStopped"
        case .memberGone: return "memberGone"
        case .resolvedBeforeSending: return "resolvedBeforeSending"
        case .noAddress: return "noAddress"
        case .recipientRefused: return "recipientRefused"
        case .gaveUp: return "gaveUp"
        case .serverStopped: return "serverStopped"
        case .bundled: return "bundled"
        case .recorded: return "recorded"
        case .withdrawn: return "withdrawn"
        case .reply: return "reply"
        case .notRecorded: return "notRecorded"
        case .noMemberLine: return "noMemberLine"
        case .notThreadRecipient: return "notThreadRecipient"
        case .notDailyRecipient: return "notDailyRecipient"
        case .noThread: return "noThread"
        case .duplicate: return "duplicate"
        case .automatic: return "automatic"
        case .notAMessage: return "notAMessage"
        case .tooLarge: return "tooLarge"
        case .reportNotOurs: return "reportNotOurs"
        case .reportNotBelieved: return "reportNotBelieved"
        case .reportNamesStranger: return "reportNamesStranger"
        case .reportWithoutFailure: return "reportWithoutFailure"
        case .bounced: return "bounced"
        case .legacy: return "legacy"
        }
    }

    func testEveryCodeRendersInBothLanguages() {
        for (d, zh, en) in Self.examples {
            XCTAssertEqual(d.text(.zh), zh, Self.code(d))
            XCTAssertEqual(d.text(.en), en, Self.code(d))
            XCTAssertEqual(d.description, en)
        }
    }

    func testEveryCodeHasAnExample() {
        XCTAssertEqual(Set(Self.examples.map { Self.code($0.0) }).count, 28)
        XCTAssertEqual(Self.examples.count, 28)
    }

    func testCodeAndArgumentsRoundTrip() throws {
        for (d, _, _) in Self.examples where Self.code(d) != "legacy" {
            let stored = try XCTUnwrap(d.stored, Self.code(d))
            XCTAssertEqual(stored.code, Self.code(d), "the code is the case's name")
            XCTAssertEqual(LogDetail(code: stored.code, arguments: stored.arguments), d, stored.arguments)
        }
        XCTAssertNil(LogDetail.legacy(text: "x").stored, "old sentences are not stored as codes")
    }

    func testArgumentsAreAPlainJSONObject() throws {
        let s = try XCTUnwrap(LogDetail.memberGone(member: "P07").stored)
        XCTAssertEqual(s.code, "memberGone")
        XCTAssertEqual(s.arguments, #"{"member":"P07"}"#)
        XCTAssertEqual(LogDetail.noAddress.stored?.arguments, "{}")
        let r = try XCTUnwrap(LogDetail.serverStopped(failure: .tls).stored)
        XCTAssertEqual(r.arguments, #"{"failure":"tls"}"#)
        let url = try XCTUnwrap(LogDetail.reply(from: "a/b@c", text: "“引号” \"q\"\n").stored)
        XCTAssertEqual(LogDetail(code: url.code, arguments: url.arguments), .reply(from: "a/b@c", text: "“引号” \"q\"\n"))
    }

    /// `stored` as `JSONEncoder` writes the synthesized encoding (sorted keys, slashes as they
    /// are), which is how rows were written before `LogDetail+JSON` and what `init(code:arguments:)`
    /// reads.
    static func byEncoder(_ d: LogDetail) throws -> (code: String, arguments: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(d), as: UTF8.self)
        let end = try XCTUnwrap(json.range(of: "\":"))
        return (String(json[json.index(json.startIndex, offsetBy: 2)..<end.lowerBound]),
                String(json[end.upperBound..<json.index(before: json.endIndex)]))
    }

    /// Every case, with values holding every character JSON escapes and some it does not:
    /// the hand-written arguments are the encoder's, byte for byte.
    func testArguments_areByteForByteWhatJSONEncoderWrites() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "P07", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{01}", "\u{1F}", "\u{7F}",
                      "长", "“引号”", "😀", "é", "\u{2028}", " ", "<m@x>", "{}", ":", ","]
        func text() -> String { (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        func maybe() -> String? { Bool.random(using: &generator) ? text() : nil }
        var details = Self.examples.map(\.0).filter { Self.code($0) != "legacy" }
        for _ in 0..<60 {
            let line = LogDetail.RecordLine(Record(kind: .report, member: "P01", date: Self.day(18), method: maybe(), note: maybe(),
                                                   period: maybe()), id: Int64.random(in: -5...Int64.max, using: &generator), source: text())
            details += [
                .laterStepDue(step: text()), .memberGone(member: text()), .gaveUp(retryMaxAge: text()),
                .serverStopped(failure: LogDetail.ServerFailure.allCases.randomElement(using: &generator)!),
                .bundled(items: Int.random(in: Int.min...Int.max, using: &generator), bundle: text(), gaveUp: Bool.random(using: &generator)),
                .recorded(record: line),
                .withdrawn(id: Int64.random(in: 0...9999, using: &generator), kind: text(), date: text(), note: maybe()),
                .reply(from: text(), text: text()), .notRecorded(from: text(), text: text()), .noMemberLine(from: text()),
                .notThreadRecipient(from: text()), .notDailyRecipient(from: text()), .noThread(from: text()),
                .duplicate(messageID: maybe()), .notAMessage(bytes: Int.random(in: 0...99, using: &generator)),
                .tooLarge(bytes: Int.random(in: 0...Int.max, using: &generator), from: text()),
                .reportNotOurs(from: text()), .reportNotBelieved(from: text()),
                .reportNamesStranger(from: text(), address: text(), key: text()),
                .reportWithoutFailure(actions: text(), from: text()), .bounced(from: text(), status: text()),
            ]
            let signs: [AutomaticSign] = [.autoSubmitted(value: text()), .bulk(precedence: text()), .autoReplyPrecedence(value: text()),
                                          .autoReplyField(name: text()), .mailingList, .systemSender(address: text()),
                                          .emptyReturnPath, .subject(text: text()), .body(phrase: text())]
            details += signs.map { .automatic(sign: $0, from: text()) }
        }
        var mismatches = 0
        for d in details {
            let hand = try XCTUnwrap(d.stored), encoder = try Self.byEncoder(d)
            if hand.code != encoder.code || hand.arguments != encoder.arguments {
                mismatches += 1
                if mismatches <= 3 { XCTFail("\(d):\n  hand    \(hand)\n  encoder \(encoder)") }
            }
        }
        XCTAssertEqual(mismatches, 0, "of \(details.count) details")
    }

    func testUnknownCodesAndBrokenArgumentsAreNil() {
        XCTAssertNil(LogDetail(code: "somethingNew", arguments: "{}"))
        XCTAssertNil(LogDetail(code: "memberGone", arguments: #"{"who":"P07"}"#))
        XCTAssertNil(LogDetail(code: "member\"Gone", arguments: "{}"))
        XCTAssertNil(LogDetail(code: "", arguments: "{}"))
    }

    func testEveryServerFailureAndAutomaticSignHasBothLanguages() {
        for f in LogDetail.ServerFailure.allCases {
            XCTAssertTrue(f.text(.zh).hasSuffix("本轮发送就此停止"), f.rawValue)
            XCTAssertTrue(f.text(.en).hasSuffix("the pass stopped here"), f.rawValue)
        }
        let signs: [(AutomaticSign, String, String)] = [
            (.autoSubmitted(value: "auto-replied"), "自动回复（Auto-Submitted: auto-replied）", "auto-reply (Auto-Submitted: auto-replied)"),
            (.bulk(precedence: "bulk"), "群发邮件（Precedence: bulk）", "bulk mail (Precedence: bulk)"),
            (.autoReplyPrecedence(value: "auto_reply"), "自动回复（Precedence: auto_reply）", "auto-reply (Precedence: auto_reply)"),
            (.autoReplyField(name: "X-Autoreply"), "自动回复（X-Autoreply）", "auto-reply (X-Autoreply)"),
            (.mailingList, "邮件列表的邮件（List-Id）", "mailing-list mail (List-Id)"),
            (.systemSender(address: "mailer-daemon@x"), "来自 mailer-daemon@x 的系统邮件，与已发提醒无关",
             "mail from mailer-daemon@x, not about a message liaisond sent"),
            (.emptyReturnPath, "空 Return-Path 的邮件（退信或通知）", "mail with an empty Return-Path (a bounce or notification)"),
            (.subject(text: "自动回复：休假"), "自动回复（主题：自动回复：休假）", "auto-reply (subject: 自动回复：休假)"),
            (.body(phrase: "自动回复"), "自动回复（正文：自动回复）", "auto-reply (body: 自动回复)"),
        ]
        for (s, zh, en) in signs {
            XCTAssertEqual(s.text(.zh), zh)
            XCTAssertEqual(s.text(.en), en)
            let d = LogDetail.automatic(sign: s, from: "a@b.c")
            let stored = d.stored
            XCTAssertEqual(stored.flatMap { LogDetail(code: $0.code, arguments: $0.arguments) }, d)
        }
    }

    func testRecordLines() {
        let dues = LogDetail.recorded(record: .init(Record(kind: .dues, member: "P01", date: Self.day(18), through: YearMonth(year: 2026, month: 12)!),
                                                          id: 2, source: "cli"))
        XCTAssertEqual(dues.text(.zh), "#2 党费 2026-12-18 缴至 2026-12（命令行）")
        XCTAssertEqual(dues.text(.en), "#2 dues 2026-12-18 through 2026-12 (cli)")
        let report = LogDetail.recorded(record: .init(Record(kind: .report, member: "P01", date: Self.day(31), method: "邮件",
                                                             note: String(repeating: "长", count: 100), period: "2026Q4"),
                                                      id: 9, source: "test"))
        let cut = String(repeating: "长", count: 80) + "…"
        XCTAssertEqual(report.text(.zh), "#9 汇报 2026-12-31 属2026年第四季度 邮件 \(cut)（test）")
        XCTAssertEqual(report.text(.en), "#9 report 2026-12-31 for 2026Q4 邮件 \(cut) (test)")
        var half = Record(kind: .report, member: "P01", date: Self.day(31), note: nil, period: "2026H2")
        XCTAssertEqual(LogDetail.recorded(record: .init(half, id: 4, source: "cli")).text(.zh), "#4 汇报 2026-12-31 属2026年下半年（命令行）")
        half.period = "另一期"
        XCTAssertEqual(LogDetail.recorded(record: .init(half, id: 4, source: "cli")).text(.zh), "#4 汇报 2026-12-31 属另一期（命令行）")
        XCTAssertEqual(LogDetail.withdrawn(id: 3, kind: "received", date: "2026-12-01", note: nil).text(.zh),
                       "#3 转接已接收(回执) 2026-12-01 已撤销")
        for kind in Record.Kind.allCases {
            XCTAssertNotEqual(LogDetail.kindName(kind.rawValue, .zh), kind.rawValue, "every kind has a Chinese name")
            XCTAssertEqual(LogDetail.kindName(kind.rawValue, .en), kind.rawValue)
        }
        XCTAssertEqual(LogDetail.bundled(items: 2, bundle: "b1", gaveUp: true).text(.zh), "超过 retry_max_age，不再重试；已合并在当天的每日待办中（一封邮件共 2 项）")
        XCTAssertEqual(LogDetail.bundled(items: 2, bundle: "b1", gaveUp: true).text(.en), "gave up after retry_max_age; one message with 2 item(s): b1")
        XCTAssertEqual(LogDetail.duplicate(messageID: nil).text(.zh), "重复的邮件，之前已收过")
        XCTAssertEqual(LogDetail.duplicate(messageID: nil).text(.en), "duplicate")
        XCTAssertEqual(LogDetail.reportWithoutFailure(actions: "", from: "p@x").text(.en), "delivery report (no recipients) from p@x")
    }
}
