import Foundation
import XCTest
@testable import LiaisonApp

/// `Platform.readFile` reads a large roster (past the 8 MB it once read in two halves) byte for
/// byte, whatever its size, and refuses one over its limit.
final class PlatformReadFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ld-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Bytes that differ from their neighbours, in a block of a prime length repeated, so a
    /// half put in the wrong place, read twice or cut short shows.
    private func pattern(_ count: Int) -> [UInt8] {
        var state: UInt32 = 2_463_534_242
        let block: [UInt8] = (0..<65_521).map { _ in
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return UInt8(truncatingIfNeeded: state)
        }
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count { out += block.prefix(count - out.count) }
        return out
    }

    func testLargeFilesOfOddAndEvenSizesAreReadWhole() throws {
        for size in [8 * 1024 * 1024 - 1, 8 * 1024 * 1024, 9 * 1024 * 1024 + 7, 12_345_678] {
            let bytes = pattern(size)
            let path = directory.appendingPathComponent("members-\(size).csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let read = try Platform.readFile(path, maxSize: Platform.maxRosterSize)
            XCTAssertEqual(read.count, size)
            XCTAssertTrue(read == bytes, "the file of \(size) bytes is read as it is")
        }
    }

    func testALargeFileOverItsLimitIsRefused() throws {
        let path = directory.appendingPathComponent("members.csv").path
        try Data(pattern(9 * 1024 * 1024)).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Platform.readFile(path, maxSize: 9 * 1024 * 1024 - 1)) { error in
            XCTAssertTrue("\(error)".contains("more than"), "\(error)")
        }
    }
}
