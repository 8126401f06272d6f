import Foundation
import LiaisonCore
import LiaisonStore

/// The facts of `digest.monthly` that live in the store, not the ledger
/// (`DigestMonthlyRule.storeFactKeys`): merged into the reminder just before it is rendered.
enum DigestStoreFacts {
    /// For the digest of `2026-11` (sent on 1 November): last month's (October's) failures and
    /// replies, month boundaries at midnight in the branch's time zone.
    static func facts(period: String, store: Store, calendar: BranchCalendar) throws -> [String: String] {
        guard let month = YearMonth.iso(period) else { return [:] }
        let from = calendar.startOfDay(month.adding(months: -1).firstDay)
        let to = calendar.startOfDay(month.firstDay)
        return try store.digestFacts(from: from, to: to)
    }
}
