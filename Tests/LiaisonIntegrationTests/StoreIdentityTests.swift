import Foundation
import LiaisonStore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The store knows itself (issue 14): a store missing, emptied or swapped where one existed is an
/// error (exit 73), never a fresh start that would send everything again; the daemon stops when
/// the file or its WAL is removed or replaced under it.
final class StoreIdentityTests: XCTestCase {
    private func sentBranch() throws -> (FaultBranch, TestSMTPServer) {
        let server = try TestSMTPServer.aiosmtpd()
        let b = try FaultBranch(members: 2)
        try b.configure(smtpURL: server.url)
        XCTAssertEqual(try b.tick(at: 0).status, 0)
        XCTAssertEqual(try server.messages().count, 2)
        return (b, server)
    }

    func testMissingEmptyOrSwappedStoreIsAnErrorNotAFreshStart() throws {
        let (b, server) = try sentBranch()
        defer { server.stop() }
        let path = b.branch.storePath
        XCTAssertNotNil(try Store(path: path).identity(), "a header row written at creation")
        XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-identity"), "the sidecar beside the store")
        let saved = try Data(contentsOf: URL(fileURLWithPath: path))
        var results: [String] = []

        // Missing.
        try FileManager.default.removeItem(atPath: path)
        for command in ["tick", "status", "log"] {
            let r = command == "tick" ? try b.tick(at: 3600) : try b.branch.run(command)
            XCTAssertEqual(r.status, 73, "\(command) on a missing store: \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("the store is missing"), r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "no fresh store was created")
        results.append("missing → 73")

        // Zero-length.
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        let empty = try b.tick(at: 3600)
        XCTAssertEqual(empty.status, 73, empty.stderr)
        XCTAssertTrue(empty.stderr.contains("the store is empty"), empty.stderr)
        results.append("0 bytes → 73")

        // Another branch's store in its place.
        let other = try FaultBranch(members: 1)
        try other.configure(smtpURL: "smtp://127.0.0.1:\(try TestSMTPServer.freePort())")
        _ = try other.tick(at: 0)
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: other.branch.storePath, toPath: path)
        let swapped = try b.tick(at: 3600)
        XCTAssertEqual(swapped.status, 73, swapped.stderr)
        XCTAssertTrue(swapped.stderr.contains("not the store liaisond used here"), swapped.stderr)
        results.append("another store → 73")

        // The right one back: on it goes, nothing sent twice.
        try? FileManager.default.removeItem(atPath: path)
        try saved.write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try b.tick(at: 3600).status, 0)
        XCTAssertEqual(try server.messages().count, 2, "nothing sent again")
        FaultTests.report("store identity under tick: " + results.joined(separator: ", ") + "; restored → 0, nothing re-sent")
    }

    /// Under `run`: the WAL removed, the store replaced or truncated, while the daemon has it open: at its
    /// next pass (a SIGHUP here) it says so and exits 73 before sending anything.
    func testDaemonStopsWhenItsStoreOrWALIsRemovedOrReplaced() throws {
        for fault in ["WAL removed", "store replaced", "store truncated"] {
            let (b, server) = try sentBranch()
            defer { server.stop() }
            let path = b.branch.storePath
            let daemon = try DaemonProcess(branch: b.branch)
            defer { daemon.crash() }
            XCTAssertTrue(daemon.waitForLog("next wake", timeout: 20), daemon.stderr)
            XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-wal"), "the daemon holds a WAL")
            if fault == "WAL removed" {
                unlink(path + "-wal")
            } else if fault == "store truncated" {
                XCTAssertEqual(truncate(path, 0), 0)
            } else {
                let copy = path + ".copy"
                try FileManager.default.copyItem(atPath: path, toPath: copy)
                XCTAssertEqual(rename(copy, path), 0)
            }
            daemon.signal(SIGHUP)
            let status = daemon.waitForExit(timeout: 20)
            FaultTests.report("\(fault) under run: exit \(status.map(String.init) ?? "none")")
            XCTAssertEqual(status, 73, "\(fault): \(daemon.stderr)")
            let said = ["WAL removed": "WAL", "store replaced": "replaced by another file", "store truncated": "truncated"][fault]!
            XCTAssertTrue(daemon.stderr.contains(said), daemon.stderr)
            XCTAssertEqual(try server.messages().count, 2, "\(fault): nothing sent again")
        }
    }
}
