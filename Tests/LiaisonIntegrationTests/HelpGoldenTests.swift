import Foundation
import XCTest

/// Every help text and a set of errors, in both languages, compared with the files in
/// `Golden/` (issue 12: Chinese first). `LIAISOND_UPDATE_GOLDEN=1 swift test --filter
/// HelpGoldenTests` rewrites them after a deliberate change; review the diff.
final class HelpGoldenTests: XCTestCase {
    static let commands = ["check", "config", "due", "status", "log", "record", "export", "purge", "tick", "ingest",
                           "test-mail", "backup", "migrate", "run"]
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// `(name, output)` of every help text and error case in one language.
    func outputs(_ language: String) throws -> [(String, String)] {
        var env = ProcessInfo.processInfo.environment
        env["LIAISOND_LANG"] = language
        env["LIAISOND_CONFIG"] = "/nonexistent/liaisond.conf"
        var out: [(String, String)] = []
        out.append(("usage", try Liaisond.run(["--help"], environment: env).stdout))
        for c in Self.commands {
            let r = try Liaisond.run([c, "--help"], environment: env)
            XCTAssertEqual(r.status, 0, "\(c) --help: \(r.stderr)")
            out.append(("help-\(c)", r.stdout))
        }
        // Errors: what a user sees before and after a config is read. Paths are replaced by DIR.
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:9")
        try branch.writeConfig(smtpURL: "smtp://127.0.0.1:9")
        var text = try String(contentsOfFile: branch.configPath, encoding: .utf8)
        text = text.replacingOccurrences(of: "timezone = Asia/Shanghai", with: "timezone = Asia/Shanghai\nlanguage = \(language)")
        try branch.write("liaisond.conf", text)
        let cases: [(String, [String])] = [
            ("error-unknown-command", ["frobnicate"]),
            ("error-unknown-option", ["status", "--colour"]),
            ("error-stray-argument", ["check", "extra"]),
            ("error-no-config", ["check"]),
            ("error-record-without-store", ["record", "--config", branch.configPath, "contact", "--member", "P01"]),
            ("error-bad-at", ["due", "--config", branch.configPath, "--at", "tomorrow"]),
            ("error-test-mail-without-to", ["test-mail", "--config", branch.configPath]),
        ]
        // What a command says when all is well (check's summary, status before the first run).
        for (name, args) in [("output-check", ["check", "--config", branch.configPath]),
                             ("output-status-no-store", ["status", "--config", branch.configPath, "--at", "2026-12-17"])] {
            let r = try Liaisond.run(args, environment: env)
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            out.append((name, (r.stdout + r.stderr).replacingOccurrences(of: branch.directory.path, with: "DIR")))
        }
        for (name, args) in cases {
            let r = try Liaisond.run(args, environment: env)
            XCTAssertNotEqual(r.status, 0, name)
            out.append((name, "exit \(r.status)\n" + r.stderr.replacingOccurrences(of: branch.directory.path, with: "DIR")))
        }
        return out
    }

    func testHelpAndErrors_matchTheGoldenFiles_inBothLanguages() throws {
        let update = ProcessInfo.processInfo.environment["LIAISOND_UPDATE_GOLDEN"] == "1"
        for language in ["zh", "en"] {
            let dir = Self.golden.appendingPathComponent(language)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (name, text) in try outputs(language) {
                let file = dir.appendingPathComponent(name + ".txt")
                if update {
                    try text.write(to: file, atomically: true, encoding: .utf8)
                    continue
                }
                let expected = try String(contentsOf: file, encoding: .utf8)
                XCTAssertEqual(text, expected, "\(language)/\(name).txt differs; got:\n\(text)")
            }
        }
    }

    /// Chinese output is Chinese: the zh help and errors hold no English sentence, and no
    /// half-width `,;:()!?` touches a Chinese character (codes, options and paths keep theirs).
    func testChineseTexts_useFullWidthPunctuation() throws {
        for (name, text) in try outputs("zh") {
            for problem in HalfWidthCheck.problems(in: text) {
                XCTFail("zh/\(name): \(problem)")
            }
        }
        XCTAssertFalse(try outputs("en").contains { $0.1.contains("用法") }, "English usage is English")
    }

    func testTheCheckItselfCatchesHalfWidthPunctuation() {
        XCTAssertEqual(HalfWidthCheck.problems(in: "配置有效:/etc/x").count, 1)
        XCTAssertEqual(HalfWidthCheck.problems(in: "党员 3 名(流出 1)").count, 1)
        XCTAssertEqual(HalfWidthCheck.problems(in: "党员 3 名（流出 1），见 liaisond check --help (英文)").count, 2)
        XCTAssertEqual(HalfWidthCheck.problems(in: "FILE:LINE: … liaisond(8) a,b").count, 0)
    }
}

/// Half-width punctuation next to a Chinese character.
enum HalfWidthCheck {
    static func isChinese(_ c: Character) -> Bool {
        c.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    static func problems(in text: String) -> [String] {
        var out: [String] = []
        for line in text.split(separator: "\n") {
            let chars = Array(line)
            for (i, c) in chars.enumerated() where ",;:()!?".contains(c) {
                let before = i > 0 ? chars[i - 1] : " "
                let after = i + 1 < chars.count ? chars[i + 1] : " "
                // "(英文)" after a space still opens a Chinese aside: look one space further.
                let after2 = c == "(" && after == " " && i + 2 < chars.count ? chars[i + 2] : after
                if isChinese(before) || isChinese(after) || (c == "(" && isChinese(after2)) {
                    out.append("half-width \"\(c)\" in: \(line)")
                }
            }
        }
        return out
    }
}
