import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The send lock of interface.md: an `flock` on a file in the state folder, held only while a
/// pass is sending. `run`, `tick` and `ingest` wait for it up to a limit, then leave their
/// messages queued.
public final class SendLock {
    private let fd: Int32

    /// Waits up to `timeout` seconds; nil if another sender kept it that long.
    public static func acquire(path: String, timeout: Double, shouldStop: () -> Bool = { false }) -> SendLock? {
        guard let fd = Platform.openLockFile(path, mode: 0o660) else { return nil }
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            if Platform.tryLockExclusive(fd) { return SendLock(fd: fd) }
            if MonotonicClock.seconds() >= deadline || shouldStop() {
                Platform.unlockAndClose(fd)
                return nil
            }
            usleep(50_000)
        }
    }

    private init(fd: Int32) { self.fd = fd }

    deinit {
        Platform.unlockAndClose(fd)
    }
}
