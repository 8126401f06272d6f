import Foundation
import XCTest

/// `status --html` rendered by a real browser (headless Chromium, Debian package `chromium`):
/// the laid-out page has the grid table and its numbers, and the screenshot is a real picture.
/// Skipped where Chromium is not installed (`scripts/deps` does not install it: 300 MB).
final class ReportBrowserTests: XCTestCase {
    func chromium() throws -> String {
        for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        throw XCTSkip("chromium is not installed")
    }

    func run(_ exe: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testStatusHTML_inHeadlessChromium_showsTheGridTableAndItsNumbers() throws {
        let browser = try chromium()
        let branch = try StatusTests.makeBranch()
        let html = branch.directory.appendingPathComponent("status.html").path
        XCTAssertEqual(try branch.run("status", "--at", StatusTests.at, "--html", html).status, 0)
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=900,1200"]
        // The DOM after layout: what the browser made of the page.
        let dom = try run(browser, flags + ["--dump-dom", "file://" + html])
        for s in ["<table", "网格G1", "网格G2", "1/2", "0/1", "P06 陈静(魏诗琪)", "2026年第四季度联系情况(截至12月17日)"] {
            XCTAssertTrue(dom.contains(s), "the rendered page misses \(s)\n\(dom.prefix(3000))")
        }
        let png = branch.directory.appendingPathComponent("status.png").path
        _ = try run(browser, flags + ["--screenshot=" + png, "file://" + html])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertEqual(Array(bytes.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG")
        // Width and height from the IHDR chunk: the window's size.
        let w = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual([w, h], [900, 1200])
        XCTAssertGreaterThan(bytes.count, 10_000, "a page with text and bars, not a blank picture")
    }
}
