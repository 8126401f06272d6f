import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket: the daemon's `NOTIFY_SOCKET`.
final class NotifyListener {
    let path: String
    private let fd: Int32
    /// Every datagram received so far, in order.
    private(set) var messages: [String] = []

    init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw TestSMTPServer.StartError(description: "socket: \(String(cString: strerror(errno)))") }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8) + [0]
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes) }
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard ok == 0 else { throw TestSMTPServer.StartError(description: "bind \(path): \(String(cString: strerror(errno)))") }
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Reads whatever arrives within `timeout` seconds (at least what is already there).
    private func receive(timeout: Double) {
        let deadline = Date().addingTimeInterval(timeout)
        var buf = [UInt8](repeating: 0, count: 4096)
        repeat {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ms = max(0, Int32(deadline.timeIntervalSinceNow * 1000))
            guard poll(&pfd, 1, min(ms, 50)) > 0 else { continue }
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { messages.append(String(decoding: buf[0..<n], as: UTF8.self)) }
            return
        } while Date() < deadline
    }

    /// Waits until a datagram after index `from` satisfies `match`; returns its index.
    @discardableResult
    func wait(from: Int = 0, timeout: Double = 10, _ match: (String) -> Bool) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let i = messages.indices.dropFirst(from).first(where: { match(messages[$0]) }) { return i }
            if Date() >= deadline { return nil }
            receive(timeout: deadline.timeIntervalSinceNow)
        }
    }

    /// Sends datagrams to the socket (without reading any) until its queue is full, as a
    /// wedged systemd would leave it; returns how many fitted.
    @discardableResult
    func fill() -> Int {
        let out = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(out) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8) + [0]
        withUnsafeMutableBytes(of: &addr.sun_path) { $0.copyBytes(from: bytes) }
        let payload = Array("X-FILLER=1".utf8)
        var n = 0
        while n < 100_000 {
            let sent = withUnsafePointer(to: &addr) { p in
                p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    payload.withUnsafeBytes {
                        sendto(out, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT), sa, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
            }
            if sent < 0 { break }
            n += 1
        }
        return n
    }

    func wait(from: Int = 0, timeout: Double = 10, for text: String) -> Int? {
        wait(from: from, timeout: timeout) { $0.split(separator: "\n").contains(Substring(text)) }
    }
}

/// `liaisond run` as a child process: stderr goes to a file, signals by pid.
final class DaemonProcess {
    /// An ordinary weekday in the middle of a quarter, after the day's send time.
    static let defaultStart = "2026-11-18T09:30:00+08:00"
    let process = Process()
    let stderrPath: String
    let notify: NotifyListener

    /// Starts `liaisond run --config … --log-level debug` with `NOTIFY_SOCKET` set to a socket
    /// the test owns, and `extraEnvironment` on top of the test's own.
    /// `at` starts the daemon's clock (`run --at`): the tests never depend on today's date.
    /// `beforeStart` runs once the notify socket exists, before the daemon does.
    init(branch: TestBranch, at: String = DaemonProcess.defaultStart, extraEnvironment: [String: String] = [:],
         logLevel: String = "debug", beforeStart: (NotifyListener) -> Void = { _ in }) throws {
        notify = try NotifyListener(directory: branch.directory)
        beforeStart(notify)
        stderrPath = branch.directory.appendingPathComponent("daemon-\(UUID().uuidString.prefix(6)).log").path
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: Liaisond.path)
        process.arguments = ["run", "--config", branch.configPath, "--log-level", logLevel, "--at", at]
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = notify.path
        for (k, v) in extraEnvironment { env[k] = v }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var pid: Int32 { process.processIdentifier }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ sig: Int32) { kill(pid, sig) }

    /// kill -9, and reap it.
    func crash() {
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// The exit status once it has exited within `timeout` seconds, else nil.
    func waitForExit(timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() >= deadline { return nil }
            usleep(20_000)
        }
        return process.terminationStatus
    }

    /// Waits until the log has a line containing `text`.
    func waitForLog(_ text: String, timeout: Double = 10) -> Bool {
        eventually(timeout: timeout) { self.stderr.contains(text) }
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
func eventually(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if try condition() { return true }
        if Date() >= deadline { return false }
        usleep(50_000)
    }
}
