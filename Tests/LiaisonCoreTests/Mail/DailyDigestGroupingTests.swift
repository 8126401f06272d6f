import Foundation
import XCTest
@testable import LiaisonCore

/// `DailyDigestGrouping`: which message carries which reminder, and the daily list's words.
final class DailyDigestGroupingTests: XCTestCase {
    let secretary = Mailbox(name: "王芳", address: "secretary@example.org")
    let liaison = Mailbox(name: "李明", address: "l01@example.org")
    let member = Mailbox(name: "张伟", address: "m01@example.org")
    static let dec17 = Date(timeIntervalSince1970: 1_797_469_200)

    func r(_ rule: RuleID, _ m: String?, to: [Mailbox], cc: [Mailbox] = [], facts: RuleFacts = .absent,
           period: String = "2026-12-01", step: Step = .overdue) -> DueReminder {
        DueReminder(rule: rule, member: m, grid: "G1", period: period, step: step, deadline: nil, dueAt: Self.dec17,
                    to: to, cc: cc, facts: facts)
    }

    func testOneFactOneItem_mergesTheThreePairs_andKeepsEveryReminder() {
        let rs = [
            r(.contactLost, "P1", to: [secretary]),
            r(.membershipReview, "P1", to: [secretary], facts: .membershipReview(.init(reason: .noContact))),
            r(.duesArrears, "P2", to: [liaison], cc: [secretary], period: "2026-12", step: .notice),
            r(.membershipReview, "P2", to: [secretary], facts: .membershipReview(.init(reason: .dues)), period: "2026-12", step: .notice),
            r(.placementChanged, "P3", to: [liaison], facts: .placementChanged(.init(months: 6, since: LocalDate(year: 2026, month: 6, day: 1)!)), period: "6m", step: .notice),
            r(.relationTransfer, "P3", to: [secretary], cc: [liaison]),
            r(.incomingRegister, "P4", to: [secretary]),
        ]
        for group in [true, false] {
            let plans = DailyDigestGrouping.plan(rs, secretary: secretary, group: group)
            // Every reminder is carried by exactly one message.
            XCTAssertEqual(plans.flatMap(\.carried).sorted(), Array(rs.indices), "group=\(group)")
            let items = plans.flatMap(\.items).filter { $0.count > 1 }.map { Set($0) }
            XCTAssertTrue(items.contains([0, 1]), "contact.lost + membership.review: \(items)")
            XCTAssertTrue(items.contains([2, 3]), "dues.arrears + membership.review: \(items)")
            XCTAssertTrue(items.contains([4, 5]), "placement.changed 6m + relation.transfer: \(items)")
        }
        // Grouped: the secretary receives one message; the liaison still gets theirs.
        let plans = DailyDigestGrouping.plan(rs, secretary: secretary, group: true)
        let toSecretary = plans.filter { ($0.to + $0.cc).contains(secretary) }
        XCTAssertEqual(toSecretary.count, 1)
        XCTAssertEqual(toSecretary.first?.kind, .daily)
        XCTAssertEqual(toSecretary.first?.copies, [2, 4], "the liaison's reminders are shown, not carried")
        let liaisons = plans.filter { $0.kind == .single }
        XCTAssertEqual(Set(liaisons.flatMap(\.carried)), [2, 4])
        for p in liaisons { XCTAssertEqual(p.to, [liaison]); XCTAssertEqual(p.cc, []) }
    }

    func testPlacementAtThreeMonths_isNotMerged() {
        let rs = [r(.placementChanged, "P3", to: [liaison], facts: .placementChanged(.init(months: 3, since: LocalDate(year: 2026, month: 6, day: 1)!)), period: "3m", step: .notice),
                  r(.relationTransfer, "P3", to: [secretary], cc: [liaison])]
        let plans = DailyDigestGrouping.plan(rs, secretary: secretary, group: false)
        XCTAssertEqual(plans.count, 2)
        XCTAssertTrue(plans.allSatisfy { $0.kind == .single })
    }

    func testOneMatter_isSentAsBefore_andTheMonthlyReportIsItsOwnMessage() {
        let one = [r(.incomingRegister, "P4", to: [secretary]), r(.contactQuarterly, "P1", to: [liaison])]
        let plans = DailyDigestGrouping.plan(one, secretary: secretary, group: true)
        XCTAssertEqual(plans.map(\.kind), [.single, .single])
        XCTAssertEqual(plans[0].to, [secretary])

        let withDigest = one + [r(.digestMonthly, nil, to: [secretary], period: "2026-12", step: .notice),
                                r(.contactLost, "P5", to: [secretary])]
        let grouped = DailyDigestGrouping.plan(withDigest, secretary: secretary, group: true)
        XCTAssertEqual(grouped.filter { $0.kind == .daily }.count, 1)
        XCTAssertEqual(grouped.filter { $0.kind == .daily }.first?.carried.sorted(), [0, 3])
        XCTAssertTrue(grouped.contains { $0.kind == .single && $0.items == [[2]] }, "the report goes on its own")
    }

    func testGroupNo_keepsOneMessagePerReminder_copiesIncluded() {
        let rs = [r(.reportPeriodic, "P1", to: [member], cc: [liaison, secretary], period: "2026Q4"),
                  r(.incomingRegister, "P4", to: [secretary]),
                  r(.contactLost, "P5", to: [secretary])]
        let plans = DailyDigestGrouping.plan(rs, secretary: secretary, group: false)
        XCTAssertEqual(plans.count, 3)
        XCTAssertEqual(plans[0].cc, [liaison, secretary])
    }

    // MARK: words

    let ledger = Ledger(
        members: [
            Member(id: "P1", name: "张伟", kind: .outgoing, email: "m01@example.org",
                   since: LocalDate(year: 2026, month: 3, day: 1), liaison: "L1", grid: "G1",
                   duesPaidThrough: YearMonth(year: 2026, month: 11)),
            Member(id: "P4", name: "陈静", kind: .incoming, since: LocalDate(year: 2026, month: 9, day: 1), grid: "G1"),
        ],
        people: [Person(id: "L1", name: "李明", email: "l01@example.org", role: .liaison, grid: "G1")])

    func composer(_ lang: Config.Language) -> MessageComposer {
        MessageComposer(config: Config(branch: .init(name: "广场西社区党支部", secretary: secretary, language: lang),
                                       smtp: .init(url: "smtp://127.0.0.1:25", from: Mailbox(name: "支部", address: "b@example.org"))),
                        ledger: ledger)
    }

    func testDailyList_namesMemberWhatSinceDeadlineAndReplyLine_inBothLanguages() {
        let items = [
            DailyListItem(reminders: [r(.incomingRegister, "P4", to: [secretary], period: "2026-10-01", step: .repeat(9))],
                          isCopy: [false]),
            DailyListItem(reminders: [r(.membershipReview, "P1", to: [secretary], facts: .membershipReview(.init(
                                            reason: .noContact, countedFrom: LocalDate(year: 2026, month: 5, day: 1))),
                                        period: "2026-11-01", step: .repeat(3)),
                                      r(.contactLost, "P1", to: [secretary], step: .repeat(2))], isCopy: [false, false]),
            DailyListItem(reminders: [r(.reportPeriodic, "P1", to: [member], cc: [liaison], period: "2026Q4")], isCopy: [true]),
        ]
        let day = LocalDate(year: 2026, month: 12, day: 17)!
        let zh = composer(.zh).composeDaily(items, token: "K3F9Q2M7XA4PLD8W", day: day)
        XCTAssertEqual(zh.subject, "每日待办：12月17日共2项 [待办#K3F9Q2M7XA4PLD8W]")
        for s in ["【流入党员编入】", "P4 已逾期：请尽快将流入党员陈静编入支部、党小组", "起始：9月1日", "期限：10月1日(已逾期77天)",
                  "办理后回复：P4 已登记", "【需核实情况】", "规则：membership.review + contact.lost", "办理后回复：P1 已联系 电话",
                  "抄送给您", "(已发给张伟、李明) [report.periodic]", "    P04 已转出 12-20"] {
            XCTAssertTrue(zh.body.contains(s), "missing \(s)\n\(zh.body)")
        }
        XCTAssertFalse(zh.body.contains("再次"), zh.body)
        XCTAssertFalse(zh.body.contains("liaisond"), zh.body)
        let en = composer(.en).composeDaily(items, token: "K3F9Q2M7XA4PLD8W", day: day)
        XCTAssertTrue(en.subject.hasPrefix("Daily to-do: 2 items"), en.subject)
        for s in ["when done, reply: P4 registered", "rule: membership.review + contact.lost", "when done, reply: P1 done phoned"] {
            XCTAssertTrue(en.body.contains(s), "missing \(s)\n\(en.body)")
        }
        XCTAssertFalse(en.body.lowercased().contains("again"), en.body)
    }

    func testDailyReplyLines_readEachLine_rightAndWrongIds() {
        let day = LocalDate(year: 2026, month: 12, day: 22)!
        let body = """
            王书记好：
            P10 已登记
            p04 已转出 12-20
            P03 已联系 电话
            P99 已联系
            P05 明天再说
            P06 已联系 2027-01-05
            谢谢

            > P07 已联系 (quoted: not read)
            """
        let lines = DailyReplyLines.read(body, memberIDs: ["P03", "P04", "P05", "P06", "P07", "P10"], replyDay: day)
        XCTAssertEqual(lines.map(\.member), ["P10", "P04", "P03", "P99", "P05", "P06"])
        XCTAssertEqual(lines[0].verdict, .command(.register(date: day)))
        XCTAssertEqual(lines[1].verdict, .command(.transfer(date: LocalDate(year: 2026, month: 12, day: 20)!)))
        XCTAssertEqual(lines[2].verdict, .command(.contact(date: day, note: "电话")))
        XCTAssertEqual(lines[3].verdict, .unknownMember)
        XCTAssertEqual(lines[4].verdict, .unrecognised)
        if case .refused(.futureDate(let d, _)) = lines[5].verdict {
            XCTAssertEqual(d, LocalDate(year: 2027, month: 1, day: 5)!)
        } else {
            XCTFail("a future date is refused: \(lines[5].verdict)")
        }

        let answer = composer(.zh).dailyAnswer(lines, token: "K3F9Q2M7XA4PLD8W", recipient: secretary)
        XCTAssertTrue(answer.subject.hasPrefix("已处理您的回复：记录3项，共6行"), answer.subject)
        for s in ["P10 已登记\n    → 已记录：", "P99 已联系\n    → 未记录：台账中没有编号为 P99 的党员",
                  "P05 明天再说\n    → 未记录：编号后没有识别出办理情况", "P06 已联系 2027-01-05\n    → 未记录："] {
            XCTAssertTrue(answer.body.contains(s), "missing \(s)\n\(answer.body)")
        }
    }
}
