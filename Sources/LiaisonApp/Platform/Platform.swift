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
            _ = writeAll(2, buf.baseAddress, buf.count - 1)
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
        outBuffer.withUnsafeBytes { p in _ = writeAll(1, p.baseAddress, p.count) }
        outBuffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` again while it fails with `EINTR`: the one place a signal's interruption
    /// of a system call is absorbed.
    public static func retryingInterrupts<T: BinaryInteger>(_ body: () -> T) -> T {
        while true {
            let r = body()
            if r < 0 && errno == EINTR { continue }
            return r
        }
    }

    /// Writes `count` bytes to `fd`, through short writes and interruptions; false when the
    /// descriptor refuses (closed pipe, full disk), with `errno` telling why.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let bytes else { return count == 0 }
        var offset = 0
        while offset < count {
            let n = retryingInterrupts { Glibc.write(fd, bytes + offset, count - offset) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    // MARK: Signals

    /// SIGPIPE would kill the daemon when whoever reads its stderr goes away.
    public static func ignoreBrokenPipes() { _ = signal(SIGPIPE, SIG_IGN) }

    /// Installs handlers for `signals` that write the signal's number to a self-pipe
    /// (async-signal-safe) and returns the pipe's read end: a signal that arrives on any
    /// thread, at any moment, waits there until it is read with `readSignal`.
    public static func forwardSignalsToPipe(_ signals: [Int32]) -> Int32? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        signalPipeWrite = fds[1]
        // One byte per signal number, allocated here: the handler keeps nothing on the stack.
        // It may run on the main thread's stack after `dispatchMain` has let that thread exit,
        // memory AddressSanitizer still holds for the frames below it.
        for i in 0..<65 { signalBytes[i] = UInt8(i) }
        for s in signals where s >= 0 && s < 65 {
            signal(s) { sig in
                _ = Glibc.write(signalPipeWrite, signalBytes.advanced(by: Int(sig & 63)), 1)
            }
        }
        return fds[0]
    }

    /// Blocks until a forwarded signal arrives; nil when the pipe is closed.
    public static func readSignal(from fd: Int32) -> Int32? {
        var byte: UInt8 = 0
        let n = retryingInterrupts { Glibc.read(fd, &byte, 1) }
        return n == 1 ? Int32(byte) : nil
    }

    // MARK: Locks

    /// Opens (creating with `mode`) a file to lock with `tryLockExclusive`; nil if it cannot.
    public static func openLockFile(_ path: String, mode: mode_t) -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, mode)
        return fd >= 0 ? fd : nil
    }

    /// `flock(LOCK_EX | LOCK_NB)`: true when this process now holds the lock.
    public static func tryLockExclusive(_ fd: Int32) -> Bool { flock(fd, LOCK_EX | LOCK_NB) == 0 }

    /// Releases the lock and closes the descriptor.
    public static func unlockAndClose(_ fd: Int32) {
        _ = flock(fd, LOCK_UN)
        _ = close(fd)
    }

    public static func exit(_ code: Int32) -> Never {
        flush()
        Glibc.exit(code)
    }

    // MARK: Memory

    /// Gives the heap's free pages back to the kernel. glibc keeps memory freed in the main
    /// arena (and never unmaps other arenas' tops) for later use: after a pass that rendered
    /// and sent 20,000 messages the idle daemon stayed at 93 MB resident though it used a
    /// fraction. `malloc_trim(0)` releases every whole free page (`madvise(MADV_DONTNEED)` on
    /// each arena); it costs a few milliseconds, so call it after a pass, never per message.
    public static func returnFreeMemory() {
        _ = glibcMallocTrim(0)
    }

    /// For a process that lives long (the daemon): every allocation of 128 KiB or more gets
    /// pages of its own, given back to the kernel when it is freed. glibc otherwise raises that
    /// threshold each time such a block is freed, so a pass's large buffers (rendered messages,
    /// the roster's arrays) end up in an arena's heap among small blocks that outlive them, and
    /// `malloc_trim` can return only the whole pages around them. Measured after a start-up
    /// pass of 30,519 reminders: anonymous memory 25.4 → 15.3 MB (BENCHMARKS.md).
    public static func keepLargeAllocationsApart() {
        _ = glibcMallopt(glibcMMapThreshold, 128 * 1024)
    }

    /// `CLOCK_MONOTONIC` in microseconds: never jumps with NTP or an admin's `date -s`.
    public static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1_000
    }

    public static func environment(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }

    /// Largest file `readFile` reads by default (a roster of 100,000 members is about 15 MB).
    public static let maxFileSize = 64 * 1024 * 1024

    /// Largest roster file: about 3.5 million members of the mixed benchmark roster (143 bytes
    /// a row), so the 1,000,000-member figure of BENCHMARKS.md can be measured; still a bound
    /// (`/dev/zero` as the roster must not grow without end).
    public static let maxRosterSize = 512 * 1024 * 1024

    /// The whole file, or an error naming it and errno's sentence.
    ///
    /// Only a regular file, and only up to `maxSize` bytes: a FIFO as the password file hung
    /// `check`, and `/dev/zero` as the roster grew to 8.4 GB in 20 s (issue 14). The file is
    /// opened non-blocking (a FIFO without a writer would block `open` itself), then checked.
    public static func readFile(_ path: String, maxSize: Int = Platform.maxFileSize) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw AppError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw AppError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw AppError.cannotRead(path: path, reason: "not a regular file (a FIFO, device or folder is not read)")
        }
        guard Int(st.st_size) <= maxSize else {
            throw AppError.cannotRead(path: path, reason: "\(st.st_size) bytes, more than the \(maxSize) this file may have")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AppError.cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            out += buffer[0..<n]
            // A file that grows while it is read stops at the cap too.
            guard out.count <= maxSize else {
                throw AppError.cannotRead(path: path, reason: "more than the \(maxSize) bytes this file may have")
            }
        }
        return out
    }

    /// All of standard input.
    public static func readStandardInput(limit: Int) -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while out.count <= limit {
            let n = buf.withUnsafeMutableBytes { p in retryingInterrupts { Glibc.read(0, p.baseAddress, p.count) } }
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

    /// Creates a folder (and parents) with a mode; existing folders are left alone.
    public static func makeDirectory(_ path: String, mode: mode_t) {
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: NSNumber(value: mode)])
    }

    public static func chmod(_ path: String, _ mode: mode_t) { _ = Glibc.chmod(path, mode) }

    /// False only when the permission bits deny the calling user reading and writing `path` (a
    /// file, or a folder to create in): a read-only file system is not a matter of groups.
    public static func canWrite(_ path: String) -> Bool { access(path, R_OK | W_OK) == 0 || errno != EACCES }

    /// False only when the permission bits deny the calling user reading `path`.
    public static func canRead(_ path: String) -> Bool { access(path, R_OK) == 0 || errno != EACCES }

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

/// The self-pipe's write end for the signal handlers of `Platform.forwardSignalsToPipe`: set
/// once before any handler is installed, then only read.
nonisolated(unsafe) private var signalPipeWrite: Int32 = -1
/// The byte written for each signal number (index = number), filled with `signalPipeWrite`.
nonisolated(unsafe) private var signalBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 65)

/// glibc's `int malloc_trim(size_t pad)` from `<malloc.h>`, which the Glibc module does not
/// export; declared here so the one call to it stays in `Platform`.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

/// glibc's `int mallopt(int param, int value)` from `<malloc.h>` (not exported by the Glibc
/// module either) and its `M_MMAP_THRESHOLD`.
@_silgen_name("mallopt")
private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
private let glibcMMapThreshold: Int32 = -3
