import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `sd_notify(3)` without libsystemd: one AF_UNIX datagram to `$NOTIFY_SOCKET` per message.
///
/// A path address (`/run/systemd/notify`) is sent with its trailing NUL; an abstract address
/// (`@name`) has its `@` replaced by NUL and no trailing NUL. Without `$NOTIFY_SOCKET` (not
/// started by systemd) every message is dropped silently.
///
/// - Important: never blocks. A datagram socket whose queue is full (systemd busy or wedged, a
///   stray listener that never reads) would block `sendto`, and with it the daemon's signal
///   handling (SIGTERM waited for someone to read the socket): `MSG_DONTWAIT` drops the message
///   instead, and the caller logs it.
public struct SystemdNotifier: Sendable {
    /// What became of one message.
    public enum Outcome: Equatable, Sendable {
        case sent
        /// No `$NOTIFY_SOCKET`: not started by systemd.
        case noSocket
        /// Not sent: the socket's queue was full (`EAGAIN`) or another error (its errno).
        case dropped(errno: Int32)
    }

    /// `$NOTIFY_SOCKET` as given, or nil.
    public let socketAddress: String?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let s = environment["NOTIFY_SOCKET"] ?? ""
        socketAddress = s.isEmpty ? nil : s
    }

    /// Sends `state` (`READY=1`, `STATUS=…`, several lines allowed). Returns false when there
    /// is no socket or the datagram could not be sent (systemd gone: nothing to do about it).
    @discardableResult
    public func notify(_ state: String) -> Bool { send(state) == .sent }

    /// Sends `state` without ever blocking; says what became of it.
    public func send(_ state: String) -> Outcome {
        guard let address = socketAddress else { return .noSocket }
        var pathBytes = Array(address.utf8)
        let abstract = pathBytes.first == UInt8(ascii: "@")
        if abstract { pathBytes[0] = 0 } else { pathBytes.append(0) }
        var addr = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard pathBytes.count <= capacity else { return .dropped(errno: ENAMETOOLONG) }
        addr.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \sockaddr_un.sun_path)! + pathBytes.count)

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .dropped(errno: errno) }
        defer { close(fd) }
        let payload = Array(state.utf8)
        let sent = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                payload.withUnsafeBytes { buf in
                    sendto(fd, buf.baseAddress, buf.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT), sa, length)
                }
            }
        }
        return sent == payload.count ? .sent : .dropped(errno: sent < 0 ? errno : EMSGSIZE)
    }

    /// `WATCHDOG_USEC` in seconds, when set for this process (`WATCHDOG_PID`, if present, is ours).
    public static func watchdogInterval(environment: [String: String] = ProcessInfo.processInfo.environment) -> Double? {
        guard let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"].flatMap(Int32.init), pid != getpid() { return nil }
        return Double(usec) / 1_000_000
    }
}
