import Foundation
import LiaisonApp
@testable import LiaisonCore
import XCTest

/// The daemon's next wake, as a pure function of now, the send time, retries and polls.
final class DaemonWakePlanTests: XCTestCase {
    let calendar = BranchCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!, sendAt: TimeOfDay(hour: 9, minute: 0))

    func at(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    func testNextSendTimeIsTodaysBeforeSendAtAndTomorrowsAfter() {
        XCTAssertEqual(WakePlan.nextSendTime(after: at("2026-12-17T08:59:59+08:00"), calendar: calendar),
                       at("2026-12-17T09:00:00+08:00"))
        XCTAssertEqual(WakePlan.nextSendTime(after: at("2026-12-17T09:00:00+08:00"), calendar: calendar),
                       at("2026-12-18T09:00:00+08:00"))
        // Late at night in UTC is already the next day in Shanghai.
        XCTAssertEqual(WakePlan.nextSendTime(after: at("2026-12-17T20:00:00Z"), calendar: calendar),
                       at("2026-12-18T09:00:00+08:00"))
    }

    func testAnEarlierRetryOrPollWins() {
        let now = at("2026-12-17T10:00:00+08:00")
        let retry = at("2026-12-17T10:05:00+08:00")
        XCTAssertEqual(WakePlan.nextWake(now: now, calendar: calendar, retry: retry, poll: nil), retry)
        let poll = at("2026-12-17T10:02:00+08:00")
        XCTAssertEqual(WakePlan.nextWake(now: now, calendar: calendar, retry: retry, poll: poll), poll)
        XCTAssertEqual(WakePlan.nextWake(now: now, calendar: calendar, retry: at("2026-12-19T10:00:00+08:00"), poll: nil),
                       at("2026-12-18T09:00:00+08:00"))
    }

    func testAReminderLeftWaitingByThePassIsNotRetriedInATightLoop() {
        let start = at("2026-12-17T10:00:00+08:00")
        let now = start.addingTimeInterval(61)  // the pass waited for the send lock
        // Its retry time had come before the pass began: held back, so a minute later.
        XCTAssertEqual(WakePlan.nextWake(now: now, calendar: calendar, retry: start.addingTimeInterval(-5), poll: nil,
                                         passStart: start), now.addingTimeInterval(60))
        // It came due during the pass: at once (one second later).
        XCTAssertEqual(WakePlan.nextWake(now: now, calendar: calendar, retry: start.addingTimeInterval(30), poll: nil,
                                         passStart: start), now.addingTimeInterval(1))
    }
}
