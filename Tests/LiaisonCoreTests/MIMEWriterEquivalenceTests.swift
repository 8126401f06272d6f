import Foundation
import XCTest
@testable import LiaisonCore

/// The byte-level `MIMEWriter` renders exactly what the original one did, over generated
/// messages with every kind of header value and body (ASCII, CJK, emoji and combining marks,
/// specials, controls, runs of spaces, long words, every line ending).
final class MIMEWriterEquivalenceTests: XCTestCase {
    func testFastWriterRendersTheSameBytesAsTheReferenceWriter() {
        var rng = SplitMix(seed: 20261129)
        let pieces = ["张伟", "同志", " ", "  ", "\t", "\r\n", "\n", "\r", "=?", "a", "Dues", "O'Brien", "\"q\"",
                      "\\", "é", "e\u{301}", "👨‍👩‍👧", "\u{3000}", "\u{00A0}", "\u{85}", "\u{2028}", "x@y",
                      "(第四季度)", "[联络#K3F9Q2M7XA4PLD8W]", String(repeating: "w", count: 90),
                      String(repeating: "党", count: 40), ",", ";", "<", ">", "\u{7F}", "\u{1}", "\u{302A}", "\u{FF9E}", "\u{AD}", "\u{200D}", "한", "\u{1100}\u{1161}",
                      "。", "、", "“引号”", "…", "·", "2026年12月31日", "A\u{308}", " \u{301}"]
        func text(_ n: Int) -> String {
            (0..<rng.next(n)).map { _ in pieces[rng.next(pieces.count)] }.joined()
        }
        let zones = [TimeZone(identifier: "Asia/Shanghai")!, TimeZone(identifier: "America/New_York")!,
                     TimeZone(secondsFromGMT: 0)!]
        for i in 0..<600 {
            func box() -> Mailbox {
                Mailbox(name: text(6), address: ["a@b.cn", "li.ming+x@example.org", "bad<@x.org", "u (x)@y.z"][rng.next(4)])
            }
            let m = MIMEMessage(
                from: box(), to: (0..<rng.next(4)).map { _ in box() }, cc: (0..<rng.next(3)).map { _ in box() },
                subject: text(12), body: text(40), date: Date(timeIntervalSince1970: Double(1_700_000_000 + i * 7919)),
                timeZone: zones[i % zones.count], messageID: "\(i).K3F9<Q2M7> XA4@example.org",
                inReplyTo: i % 3 == 0 ? nil : "r\(i)@example.org",
                references: (0..<rng.next(12)).map { "ref\($0) @example.org" },
                autoSubmitted: ["auto-generated", "auto-replied", "", "a;b c"][i % 4],
                extraHeaders: i % 5 == 0 ? [MIMEMessage.Header("X-Liaisond-Rule", text(5)), MIMEMessage.Header("Subject", "x")] : [])
            XCTAssertEqual(MIMEWriter.render(m), LegacyMIMEWriter.render(m), "message \(i)")
        }
        for t in ["", "a", "ab", "abc", String(repeating: "党", count: 100), "e\u{301}\u{302}\u{303}"] {
            XCTAssertEqual(MIMEWriter.encodedWords(t), LegacyMIMEWriter.encodedWords(t))
        }
    }
}

/// A small deterministic generator (the test must not depend on the system's random source).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return bound <= 0 ? 0 : Int(z % UInt64(bound))
    }
}
