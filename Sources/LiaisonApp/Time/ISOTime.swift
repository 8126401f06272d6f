import Foundation
import LiaisonCore

/// ISO 8601 with the branch's offset (`2026-12-17T09:00:00+08:00`), without a formatter per call.
enum ISOTime {
    static func format(_ d: Date, _ tz: TimeZone) -> String {
        let offset = tz.secondsFromGMT(for: d)
        let t = Int((d.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let day = LocalDate(dayNumber: Int((Double(t) / 86400).rounded(.down)))
        let secs = t - day.dayNumber * 86400
        func p(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sign = offset >= 0 ? "+" : "-"
        let o = abs(offset)
        return "\(day)T\(p(secs / 3600)):\(p(secs / 60 % 60)):\(p(secs % 60))\(sign)\(p(o / 3600)):\(p(o / 60 % 60))"
    }
}
