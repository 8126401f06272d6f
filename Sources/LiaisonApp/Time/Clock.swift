import Foundation

/// Where "now" comes from. Every command and the daemon ask a `Clock`, never `Date()`, so a
/// test (or an admin trying a date out) can start `liaisond run --at T` at a fixed instant and
/// get the same decisions on any day of the year.
public struct Clock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    public func now() -> Date { read() }

    /// The machine's wall clock.
    public static let system = Clock { Date() }

    /// Starts at `start` and advances with the monotonic clock: the daemon behaves as if it had
    /// been started at `start`, and its timers (which count real seconds) stay meaningful.
    public static func starting(at start: Date) -> Clock {
        let origin = MonotonicClock.seconds()
        return Clock { start.addingTimeInterval(MonotonicClock.seconds() - origin) }
    }
}

/// `CLOCK_MONOTONIC`, the clock `MONOTONIC_USEC=`, the watchdog and `Clock.starting(at:)` are
/// measured on.
enum MonotonicClock {
    static func microseconds() -> UInt64 { Platform.monotonicMicroseconds() }

    static func seconds() -> Double { Double(microseconds()) / 1_000_000 }
}
