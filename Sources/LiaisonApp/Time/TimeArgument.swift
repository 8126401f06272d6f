import Foundation
import LiaisonCore

/// Parses `--at T`: ISO 8601 with an offset (`2026-12-17T09:00:00+08:00`, `…Z`), or a bare date
/// meaning `send_at` on that day in the branch's time zone.
enum TimeArgument {
    static func parse(_ s: String, calendar: BranchCalendar) -> Date? {
        let t = s.trimmingWhitespace()
        if !t.contains("T") && !t.contains(" ") {
            return LocalDate.iso(t).map { calendar.instant($0, calendar.sendAt) }
        }
        let chars = Array(t.utf8)
        // YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= chars.count else { return nil }
            var v = 0
            for i in a..<(a + n) {
                let c = chars[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard chars.count >= 16, let y = num(0, 4), chars[4] == 45, let mo = num(5, 2), chars[7] == 45,
              let d = num(8, 2), chars[10] == 84 || chars[10] == 32, let h = num(11, 2), chars[13] == 58,
              let mi = num(14, 2), let day = LocalDate(year: y, month: mo, day: d), h < 24, mi < 60 else { return nil }
        var i = 16
        var sec = 0.0
        if i < chars.count, chars[i] == 58 {
            guard let s2 = num(i + 1, 2), s2 < 61 else { return nil }
            sec = Double(s2)
            i += 3
            if i < chars.count, chars[i] == 46 {
                var j = i + 1
                var frac = 0.0, scale = 0.1
                while j < chars.count, chars[j] >= 48, chars[j] <= 57 {
                    frac += Double(chars[j] - 48) * scale
                    scale /= 10
                    j += 1
                }
                sec += frac
                i = j
            }
        }
        guard i < chars.count else { return nil }
        var offset = 0
        if chars[i] == 90 || chars[i] == 122 {
            guard i + 1 == chars.count else { return nil }
        } else if chars[i] == 43 || chars[i] == 45 {
            let sign = chars[i] == 43 ? 1 : -1
            guard let oh = num(i + 1, 2) else { return nil }
            var om = 0
            if i + 3 < chars.count {
                if chars[i + 3] == 58 { guard let m = num(i + 4, 2), i + 6 == chars.count else { return nil }; om = m }
                else { guard let m = num(i + 3, 2), i + 5 == chars.count else { return nil }; om = m }
            } else if i + 3 != chars.count { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        let utc = Double(day.dayNumber) * 86400 + Double(h * 3600 + mi * 60) + sec - Double(offset)
        return Date(timeIntervalSince1970: utc)
    }
}
