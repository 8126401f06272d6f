import XCTest
@testable import LiaisonCore

/// Inputs found by `make fuzz` (scripts/fuzz) that crashed liaisond or broke an invariant, kept
/// so they stay fixed. Each test names the target that found it.
final class FuzzRegressionTests: XCTestCase {
    /// dates: `1211111111111111111111111111d` parsed to 1e33 s, which `check` printed as
    /// `1.0468…e+33s` (not a duration), and which the rules turned into an Int: a trap (SIGILL)
    /// in `due`, `tick` and `run` for `lost_after` or `catch_up`.
    func testHugeDurationsAreRefused() {
        for text in ["1211111111111111111111111111d", "99999999999999999999999d", "900000000000000000y",
                     "700000000000000000month", "9223372036854775807M", "1001y", "12001month", "366001d",
                     "1000y 1M"] {
            XCTAssertNil(ConfigParser.parseDuration(text), text)
        }
        XCTAssertEqual(ConfigParser.parseDuration("1000y"), Duration(months: 12000))
        XCTAssertEqual(ConfigParser.parseDuration("366000d"), Duration(seconds: 366000 * 86400))
    }

    func testConfigWithAHugeDurationIsAnErrorNotACrash() {
        let text = """
            [branch]
            name = 支部
            secretary = 王芳 <secretary@example.org>
            timezone = Asia/Shanghai
            [roster]
            members = members.csv
            people = people.csv
            [smtp]
            url = smtp://127.0.0.1:2525
            from = 支部 <branch@example.org>
            tls = none
            [schedule]
            lost_after = 99999999999999999999999d
            catch_up = 900000000000000000y
            """
        let (config, diagnostics) = ConfigParser.parse(text, file: "f.conf")
        XCTAssertNil(config)
        XCTAssertEqual(diagnostics.filter { $0.line == 13 || $0.line == 14 }.count, 2, "\(diagnostics)")
    }

    /// dates: fractions of a second below 1e-4 printed with an exponent (`1e-07s`), which the
    /// parser does not read: `check`'s effective config did not parse back.
    func testTinyFractionsPrintWithoutExponentAndParseBack() {
        for text in ["0.0000001s", "0.000015s", "1month 0.00001s", "0.1s 0.2s", "0.1h"] {
            let d = ConfigParser.parseDuration(text)
            XCTAssertNotNil(d, text)
            guard let d else { continue }
            let printed = ConfigParser.format(d)
            XCTAssertFalse(printed.contains("e"), printed)
            XCTAssertEqual(ConfigParser.parseDuration(printed), d, "\(text) → \(printed)")
        }
        XCTAssertEqual(ConfigParser.format(Duration(seconds: 1e-7)), "0.0000001s")
    }
}
