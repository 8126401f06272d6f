import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server on a free loopback port, for integration tests: aiosmtpd (keeps every
/// message, can refuse on demand, STARTTLS and AUTH optional) or Postfix's smtp-sink (fast,
/// discards mail, fault flags). Stopped by `stop()` or when released.
///
/// ```
/// let server = try TestSMTPServer.aiosmtpd(behaviour: .init(failFirst: 1))
/// defer { server.stop() }
/// ... send to server.url ...
/// let received = try server.messages()
/// ```
final class TestSMTPServer {
    /// What the aiosmtpd server does (see Support/smtp_server.py).
    struct Behaviour {
        /// Answer `451 4.3.0 …` after DATA for the first N messages.
        var failFirst = 0
        /// Answer `550 5.1.1 …` to RCPT TO these addresses.
        var rejectRecipients: [String] = []
        /// Answer `450 4.2.2 …` to RCPT TO these addresses.
        var deferRecipients: [String] = []
        /// Answer `550` to every RCPT TO.
        var rejectAllRecipients = false
        /// Answer `554 5.7.1 …` after DATA.
        var rejectData = false
        /// Offer STARTTLS with this certificate chain and key (PEM paths).
        var tls: (certificate: String, key: String)?
        /// Require AUTH with these credentials.
        var auth: (user: String, password: String)?
        /// Offer PIPELINING (RFC 2920) in the EHLO reply: the client sends the envelope at once.
        var pipelining = false
        /// Close the connection after each accepted message (`hangUps()` lists them).
        var hangUp = false

        init(failFirst: Int = 0, rejectRecipients: [String] = [], deferRecipients: [String] = [],
             rejectAllRecipients: Bool = false, rejectData: Bool = false,
             tls: (certificate: String, key: String)? = nil, auth: (user: String, password: String)? = nil,
             pipelining: Bool = false, hangUp: Bool = false) {
            self.pipelining = pipelining
            self.hangUp = hangUp
            self.failFirst = failFirst
            self.rejectRecipients = rejectRecipients
            self.deferRecipients = deferRecipients
            self.rejectAllRecipients = rejectAllRecipients
            self.rejectData = rejectData
            self.tls = tls
            self.auth = auth
        }
    }

    /// smtp-sink's fault flags; commands are SMTP verbs (`MAIL`, `RCPT`, `DATA`, `.`, `EHLO`, `CONNECT`).
    struct SinkFaults {
        /// `-r`: 4xx (`450 4.3.0 Error: command failed`).
        var softReject: [String] = []
        /// `-f`: 5xx (`500 5.3.0 Error: command failed`).
        var hardReject: [String] = []
        /// `-q`: disconnect without a reply.
        var disconnect: [String] = []
        /// `-Q`: `421` and disconnect.
        var disconnect421: [String] = []
        /// `-W command:seconds`: wait before replying.
        var delay: [(command: String, seconds: Int)] = []

        init(softReject: [String] = [], hardReject: [String] = [], disconnect: [String] = [],
             disconnect421: [String] = [], delay: [(command: String, seconds: Int)] = []) {
            self.softReject = softReject
            self.hardReject = hardReject
            self.disconnect = disconnect
            self.disconnect421 = disconnect421
            self.delay = delay
        }
    }

    /// A message the aiosmtpd server accepted.
    struct ReceivedMessage: Decodable, Equatable {
        var mailFrom: String
        var rcptTos: [String]
        /// The client's `host:port`: messages from one connection share it.
        var peer: String
        var data: [UInt8]

        private enum CodingKeys: String, CodingKey {
            case mailFrom = "mail_from", rcptTos = "rcpt_tos", peer, data = "data_b64"
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            mailFrom = try c.decode(String.self, forKey: .mailFrom)
            rcptTos = try c.decode([String].self, forKey: .rcptTos)
            peer = try c.decode(String.self, forKey: .peer)
            data = [UInt8](Data(base64Encoded: try c.decode(String.self, forKey: .data)) ?? Data())
        }
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    /// Where the server keeps messages and its stderr (`server.log`); removed by `stop()`.
    let directory: URL
    private let process: Process

    var url: String { "smtp://127.0.0.1:\(port)" }

    private init(port: Int, directory: URL, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    deinit { stop() }

    // MARK: Starting

    /// - Parameter port: 0 for any free port; a given one lets a test start the server where a
    ///   client already expects it (an outage that ends).
    static func aiosmtpd(behaviour: Behaviour = Behaviour(), port: Int = 0) throws -> TestSMTPServer {
        let directory = try makeDirectory()
        var arguments = [scriptPath, "--dir", directory.path, "--port", String(port)]
        if behaviour.failFirst > 0 { arguments += ["--fail-first", String(behaviour.failFirst)] }
        for address in behaviour.rejectRecipients { arguments += ["--reject-rcpt", address] }
        for address in behaviour.deferRecipients { arguments += ["--defer-rcpt", address] }
        if behaviour.rejectAllRecipients { arguments.append("--reject-all") }
        if behaviour.rejectData { arguments.append("--reject-data") }
        if behaviour.pipelining { arguments.append("--pipelining") }
        if behaviour.hangUp { arguments.append("--hang-up") }
        if let tls = behaviour.tls { arguments += ["--tls-cert", tls.certificate, "--tls-key", tls.key] }
        if let auth = behaviour.auth { arguments += ["--auth", "\(auth.user):\(auth.password)"] }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = try logHandle(in: directory)
        try process.run()
        // The script binds port 0 and prints the port it got: no race for a free port.
        guard let line = readLine(from: stdout.fileHandleForReading, timeout: 10), let port = Int(line) else {
            process.terminate()
            let log = (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
            throw StartError(description: "aiosmtpd did not start: \(log)")
        }
        let server = TestSMTPServer(port: port, directory: directory, process: process)
        try server.waitUntilListening()
        return server
    }

    /// smtp-sink (as root it must drop privileges: `-u nobody`). It keeps no messages.
    static func smtpSink(faults: SinkFaults = SinkFaults()) throws -> TestSMTPServer {
        let directory = try makeDirectory()
        var flags: [String] = []
        if getuid() == 0 { flags += ["-u", "nobody"] }
        if !faults.softReject.isEmpty { flags += ["-r", faults.softReject.joined(separator: ",")] }
        if !faults.hardReject.isEmpty { flags += ["-f", faults.hardReject.joined(separator: ",")] }
        if !faults.disconnect.isEmpty { flags += ["-q", faults.disconnect.joined(separator: ",")] }
        if !faults.disconnect421.isEmpty { flags += ["-Q", faults.disconnect421.joined(separator: ",")] }
        for delay in faults.delay { flags += ["-W", "\(delay.command):\(delay.seconds)"] }
        // smtp-sink's `-W` holds back one reply but goes on answering the commands pipelined
        // after it (`503 need RCPT` to DATA before the delayed `250` to RCPT), which no real
        // server does (RFC 2920 keeps the order): a stall inside the envelope is played without
        // PIPELINING (`-p`), one command at a time.
        if faults.delay.contains(where: { ["MAIL", "RCPT", "DATA"].contains($0.command) }) { flags.append("-p") }
        var lastError: Error = StartError(description: "smtp-sink did not start")
        for _ in 0..<5 {  // a port found free may be taken before smtp-sink binds it
            let port = try freePort()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/smtp-sink")
            process.arguments = flags + ["127.0.0.1:\(port)", "64"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try logHandle(in: directory)
            try process.run()
            let server = TestSMTPServer(port: port, directory: directory, process: process)
            do {
                try server.waitUntilListening()
                return server
            } catch {
                lastError = error
                server.process.terminate()
                server.process.waitUntilExit()
            }
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError
    }

    // MARK: Using

    /// Messages accepted so far, in arrival order (aiosmtpd only; smtp-sink keeps none).
    func messages() throws -> [ReceivedMessage] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try names.map {
            try JSONDecoder().decode(ReceivedMessage.self, from: Data(contentsOf: directory.appendingPathComponent($0)))
        }
    }

    /// aiosmtpd with `hangUp`: the messages after which the server closed the connection.
    func hangUps() -> [String] { logLines("hangups.log") }

    /// aiosmtpd with `auth`: the login attempts so far (`MECHANISM ok|refused`, one per line).
    func authAttempts() -> [String] { logLines("auth.log") }

    private func logLines(_ name: String) -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Ports

    /// A loopback port nothing listens on (bound, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw StartError(description: "bind: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True when something accepts TCP connections on 127.0.0.1:`port`.
    static func isListening(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    // MARK: Private

    /// The handler script beside this file. Its name starts with a dot because SwiftPM skips
    /// hidden files; a visible `.py` in a target folder draws an "unhandled file" warning unless
    /// Package.swift excludes it.
    private static var scriptPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_server.py").path
    }

    private static func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("liaisond-smtp-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    private static func logHandle(in directory: URL) throws -> FileHandle {
        let log = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        return try FileHandle(forWritingTo: log)
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    private func waitUntilListening(timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if Self.isListening(port: port) { return }
            if !process.isRunning { break }
            usleep(20_000)
        }
        let log = (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        throw StartError(description: "\(process.executableURL?.lastPathComponent ?? "server") is not listening on \(port): \(log)")
    }

    /// The first line of `handle`, or nil at end of file or after `timeout` seconds.
    private static func readLine(from handle: FileHandle, timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Date() < deadline {
            var pfd = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 100) >= 0 else { return nil }
            if pfd.revents == 0 { continue }
            guard read(handle.fileDescriptor, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}
