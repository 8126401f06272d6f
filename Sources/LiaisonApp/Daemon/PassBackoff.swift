import Foundation

/// How soon the daemon tries again after a pass that failed (store locked or full, the store
/// unreadable for a moment): a minute, doubling, at most an hour — never "tomorrow's send_at",
/// which is where a failed pass used to leave everything due. Pure.
public enum PassBackoff {
    /// The first delay, 60 s. Test-only: `LIAISOND_TEST_PASS_BACKOFF_SECONDS` overrides it so the
    /// daemon's store-fault tests need not wait a minute; never set it in production.
    public static let base: Double =
        ProcessInfo.processInfo.environment["LIAISOND_TEST_PASS_BACKOFF_SECONDS"].flatMap(Double.init) ?? 60
    public static let maximum: Double = 3600

    /// The wait after `failures` failed passes in a row (1 → a minute).
    public static func delay(failures: Int, base: Double = PassBackoff.base) -> Double {
        guard failures > 0 else { return 0 }
        return min(maximum, base * pow(2, Double(min(failures - 1, 30))))
    }
}
