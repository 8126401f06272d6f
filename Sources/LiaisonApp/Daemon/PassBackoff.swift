import Foundation
import LiaisonCore

/// How soon the daemon tries again after a pass that failed (store locked or full, the store
/// unreadable for a moment): `[schedule] pass_retry` (a minute by default), doubling, at most
/// an hour — never "tomorrow's send_at", which is where a failed pass used to leave everything
/// due. Pure.
public enum PassBackoff {
    public static let maximum: Double = Config.Defaults.passRetryMaximum

    /// The wait after `failures` failed passes in a row (1 → `base`).
    public static func delay(failures: Int, base: Double = Config.Defaults.passRetry) -> Double {
        guard failures > 0 else { return 0 }
        return min(maximum, base * pow(2, Double(min(failures - 1, 30))))
    }
}
