import Foundation
import LiaisonCore

extension Runtime {
    /// Refuses (exit 65, `FILE:LINE` for each) a roster whose dates lie after the day of `now`,
    /// as `record` refuses a future `--date`: `last_contact 2099-…` or `since 9999-12-31` would
    /// silently stop that member's reminders. Asked at the instant a command works at (`--at`).
    /// An outgoing member's planned departure may lie up to a year ahead.
    func refuseFutureDates(at now: Date) throws {
        let problems = LedgerLimits.futureDates(ledger, membersFile: membersPath, today: calendar.day(of: now))
        if !problems.isEmpty { throw AppError.badData(problems.map(\.description)) }
    }
}
