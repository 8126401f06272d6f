import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The notify socket must never hold the daemon (issue 14): with its queue full (systemd wedged,
/// nobody reading), the daemon drops the message, logs it, and still answers SIGTERM at once.
final class NotifySocketTests: XCTestCase {
    func testFullNotifySocketNeitherBlocksNorDelaysSigterm() throws {
        let branch = try TestBranch(smtpURL: "smtp://127.0.0.1:\(try TestSMTPServer.freePort())")
        var filled = 0
        let daemon = try DaemonProcess(branch: branch) { filled = $0.fill() }
        defer { daemon.crash() }
        XCTAssertGreaterThan(filled, 0)
        XCTAssertTrue(daemon.waitForLog("notify socket: READY=1 dropped", timeout: 10), daemon.stderr)
        // The first pass runs although systemd never heard READY=1.
        XCTAssertTrue(daemon.waitForLog("next wake", timeout: 20), daemon.stderr)
        let asked = Date()
        daemon.signal(SIGTERM)
        let status = daemon.waitForExit(timeout: 10)
        let took = Date().timeIntervalSince(asked)
        FaultTests.report("full notify socket (\(filled) datagrams queued): READY=1 dropped and logged; "
                          + "SIGTERM → exit \(status.map(String.init) ?? "none") in \(String(format: "%.2f", took)) s")
        XCTAssertEqual(status, 0, daemon.stderr)
        XCTAssertLessThan(took, 3, "SIGTERM is not held by the notify socket")
    }
}
