import Foundation
import XCTest
@testable import LiaisonStore

/// The hand-written facts encoder and its fast reader agree with JSON as `JSONSerialization`
/// reads and writes it (older stores hold what `JSONSerialization` wrote).
final class StoreFactsTests: XCTestCase {
    func testFactsRoundTripAndAreValidJSON() throws {
        let samples: [[String: String]] = [
            [:], ["a": ""], ["owed": "2026-09…2026-11", "amount": "¥12.50"],
            ["q": "say \"hi\"\\now", "ctl": "a\nb\rc\td\u{1}e\u{1F}", "slash": "1/2", "emoji": "👨‍👩‍👧 党费"],
        ]
        for f in samples {
            let s = Store.encodeFacts(f)
            XCTAssertEqual(Store.decodeFacts(s), f)
            let parsed = try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: String]
            XCTAssertEqual(parsed ?? [:], f)
            if !f.isEmpty {
                let old = String(decoding: try JSONSerialization.data(withJSONObject: f, options: [.sortedKeys]), as: UTF8.self)
                XCTAssertEqual(Store.decodeFacts(old), f)
            }
        }
        XCTAssertEqual(Store.decodeFacts("{ \"a\" : \"\\u00e9\" }"), ["a": "é"])
        XCTAssertEqual(Store.decodeFacts("not json"), [:])
    }
}
