import Foundation

/// What the main queue (signals, watchdog) and the work queue share, under one lock.
final class DaemonState: @unchecked Sendable {
    private let lock = NSLock()
    private var _stopping = false
    private var _busySince: Double?
    private var _lastProgress: Double = MonotonicClock.seconds()

    /// Set once by SIGTERM/SIGINT; a pass asks it between messages.
    var stopping: Bool { lock.withLock { _stopping } }

    /// Sets `stopping`; true the first time only.
    func beginStopping() -> Bool {
        lock.withLock {
            defer { _stopping = true }
            return !_stopping
        }
    }

    func beginWork() { lock.withLock { _busySince = MonotonicClock.seconds(); _lastProgress = _busySince! } }
    func endWork() { lock.withLock { _busySince = nil; _lastProgress = MonotonicClock.seconds() } }
    /// A message was handled (or anything else a stuck pass would not do).
    func progress() { lock.withLock { _lastProgress = MonotonicClock.seconds() } }

    /// True unless a pass has been busy without progress for `limit` seconds.
    func isHealthy(limit: Double) -> Bool {
        lock.withLock {
            guard _busySince != nil else { return true }
            return MonotonicClock.seconds() - _lastProgress < limit
        }
    }
}
