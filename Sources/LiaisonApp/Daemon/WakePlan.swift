import Foundation
import LiaisonCore

/// When the daemon must wake next: the earliest instant at which something can become due.
///
/// Every reminder goes out at `send_at` local time, so rules can only produce something new at
/// the next `send_at` (today's if still ahead, else tomorrow's); a waiting reminder at its
/// `next_try`; a reply poll when one is configured. Pure: `now` is passed in.
public enum WakePlan {
    /// The next `send_at` strictly after `now`, in the branch's zone.
    public static func nextSendTime(after now: Date, calendar: BranchCalendar) -> Date {
        let today = calendar.day(of: now)
        let t = calendar.instant(today, calendar.sendAt)
        if t > now { return t }
        return calendar.instant(today.adding(days: 1), calendar.sendAt)
    }

    /// The next wake.
    /// - Parameters:
    ///   - passStart: when the pass that just ran began; a retry time not after it means the
    ///     pass saw the reminder and left it waiting (send lock busy, stopped, store busy), so
    ///     it is tried again after `heldBackDelay`, never in a tight loop.
    ///   - retry: the store's earliest `next_try`.
    ///   - poll: the next reply poll, if any.
    public static func nextWake(now: Date, calendar: BranchCalendar, retry: Date?, poll: Date?,
                                passStart: Date? = nil, heldBackDelay: Double = 60) -> Date {
        var next = nextSendTime(after: now, calendar: calendar)
        if var r = retry {
            if let s = passStart, r <= s { r = now.addingTimeInterval(heldBackDelay) }
            next = min(next, max(r, now.addingTimeInterval(1)))
        }
        if let p = poll { next = min(next, max(p, now.addingTimeInterval(1))) }
        return next
    }
}
