import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs of the test's own, for a disk that fills up (needs root: the tests run as root
/// on the project's machines; elsewhere the test is skipped and says why).
final class Tmpfs {
    let path: String

    init(kilobytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("liaisond-tmpfs-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let r = try Tmpfs.sh("/bin/mount", "-t", "tmpfs", "-o", "size=\(kilobytes)k,mode=0700", "tmpfs", path)
        guard r.status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw XCTSkip("cannot mount a tmpfs (mount needs root): \(r.output)")
        }
    }

    deinit {
        _ = try? Tmpfs.sh("/bin/umount", "-l", path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Grows (or shrinks) the file system; what is on it stays.
    func resize(kilobytes: Int) throws {
        let r = try Tmpfs.sh("/bin/mount", "-o", "remount,size=\(kilobytes)k", path)
        XCTAssertEqual(r.status, 0, "remount: \(r.output)")
    }

    /// Makes it read-only (or writable again).
    func setReadOnly(_ ro: Bool) throws {
        let r = try Tmpfs.sh("/bin/mount", "-o", "remount,\(ro ? "ro" : "rw")", path)
        XCTAssertEqual(r.status, 0, "remount: \(r.output)")
    }

    /// Bytes still free.
    var free: Int {
        var s = statvfs()
        guard statvfs(path, &s) == 0 else { return 0 }
        return Int(s.f_bavail) * Int(s.f_frsize)
    }

    /// Fills the file system until `leave` bytes are free (a filler file).
    func fill(leaving leave: Int) {
        let target = max(0, free - leave)
        let fd = open(path + "/filler-\(UUID().uuidString.prefix(4))", O_WRONLY | O_CREAT, 0o600)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0, count: 4096)
        var written = 0
        while written < target {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, min($0.count, target - written)) }
            if n <= 0 { break }
            written += n
        }
    }

    static func sh(_ tool: String, _ args: String...) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
