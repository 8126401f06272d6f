import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every libc call liaisond makes, in one place: output, exit, environment, files, locks,
/// random bytes. The rest of the code stays portable and testable.
public enum Platform {
    /// Writes to stderr unbuffered (log lines must not interleave with a crash).
    public static func writeError(_ s: String) {
        var text = s
        if !text.hasSuffix("\n") { text += "\n" }
        text.utf8CString.withUnsafeBufferPointer { buf in
            _ = Glibc.write(2, buf.baseAddress, buf.count - 1)
        }
    }

    private static let outLock = NSLock()
    nonisolated(unsafe) private static var outBuffer: [UInt8] = []

    /// Buffered stdout: `due --json` at a million members writes hundreds of MB.
    public static func write(_ s: String) {
        outLock.lock()
        outBuffer.append(contentsOf: s.utf8)
        let full = outBuffer.count >= 1 << 16
        outLock.unlock()
        if full { flush() }
    }

    public static func writeLine(_ s: String) { write(s + "\n") }

    public static func flush() {
        outLock.lock()
        defer { outLock.unlock() }
        var offset = 0
        while offset < outBuffer.count {
            let n = outBuffer.withUnsafeBytes { p in Glibc.write(1, p.baseAddress! + offset, p.count - offset) }
            if n <= 0 {
                if errno == EINTR { continue }
                break
            }
            offset += n
        }
        outBuffer.removeAll(keepingCapacity: true)
    }

    public static func exit(_ code: Int32) -> Never {
        flush()
        Glibc.exit(code)
    }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// The whole file, or an error naming it and errno's sentence.
    public static func readFile(_ path: String) throws -> [UInt8] {
        guard let fh = FileHandle(forReadingAtPath: path) else {
            throw AppError.cannotRead(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? fh.close() }
        do {
            return [UInt8](try fh.readToEnd() ?? Data())
        } catch {
            throw AppError.cannotRead(path: path, reason: "\(error)")
        }
    }

    /// All of standard input.
    public static func readStandardInput(limit: Int) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while out.count <= limit {
            let n = buf.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }

    public static func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Permission bits, or nil if the file cannot be examined.
    public static func mode(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// `count` bytes from the system's secure random source (`SystemRandomNumberGenerator` is
    /// getrandom(2) on Linux, documented as cryptographically secure).
    public static func secureRandomBytes(_ count: Int) -> [UInt8] {
        // getentropy(3): one getrandom(2) for the whole token (up to 256 bytes).
        #if canImport(Glibc)
        if count > 0 && count <= 256 {
            var buf = [UInt8](repeating: 0, count: count)
            let rc = buf.withUnsafeMutableBytes { getentropy($0.baseAddress, count) }
            if rc == 0 { return buf }
        }
        #endif
        var g = SystemRandomNumberGenerator()
        var out: [UInt8] = []
        out.reserveCapacity(count + 7)
        // Eight bytes per call: one getrandom(2) per word, not per byte.
        while out.count < count {
            var word = g.next()
            withUnsafeBytes(of: &word) { out.append(contentsOf: $0) }
        }
        return Array(out.prefix(count))
    }

    public static func hostName() -> String {
        var buf = [UInt8](repeating: 0, count: 256)
        guard buf.withUnsafeMutableBufferPointer({ p in
            p.withMemoryRebound(to: CChar.self) { gethostname($0.baseAddress!, 255) }
        }) == 0 else { return "localhost" }
        return String(decoding: buf.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// Creates a folder (and parents) with a mode; existing folders are left alone.
    public static func makeDirectory(_ path: String, mode: mode_t) {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: NSNumber(value: mode)])
    }

    public static func chmod(_ path: String, _ mode: mode_t) { _ = Glibc.chmod(path, mode) }

    public static func umask(_ mask: mode_t) { _ = Glibc.umask(mask) }

    /// True when the calling user may read and write `path` (a file, or a folder to create in).
    public static func canWrite(_ path: String) -> Bool { access(path, R_OK | W_OK) == 0 }

    /// Run as root, hands files root just created in the daemon's state folder to the folder's
    /// owner and group, so that a root `tick` cannot leave a `-wal`, `-shm` or lock file the
    /// service user cannot open. Does nothing for other users or a root-owned folder.
    public static func adoptOwnership(_ paths: [String], of folder: String) {
        guard geteuid() == 0 else { return }
        var dir = stat()
        guard stat(folder, &dir) == 0, dir.st_uid != 0 else { return }
        for p in paths {
            var st = stat()
            if stat(p, &st) == 0, st.st_uid == 0 { _ = chown(p, dir.st_uid, dir.st_gid) }
        }
    }
}
