import Foundation
import XCTest
@testable import LiaisonCore

final class MessageComposerTests: XCTestCase {
    static let token = "K3F9Q2M7XA4PLD8W"
    /// 2026-12-17 09:00 in Shanghai.
    static let dec17 = Date(timeIntervalSince1970: 1_797_469_200)

    let secretary = Mailbox(name: "王芳", address: "secretary@example.org")
    let liaison = Mailbox(name: "李明", address: "l01@example.org")
    let gridLeader = Mailbox(name: "赵强", address: "g01@example.org")
    let memberBox = Mailbox(name: "张伟", address: "m01@example.org")

    func config(_ language: Config.Language = .zh) -> Config {
        Config(branch: .init(name: "广场西社区党支部", secretary: secretary, language: language),
               smtp: .init(url: "smtp://127.0.0.1:25", from: Mailbox(name: "广场西社区党支部", address: "branch@example.org")))
    }

    let ledger = Ledger(
        members: [
            Member(id: "m01", name: "张伟", kind: .outgoing, email: "m01@example.org", phone: "13800000001",
                   since: LocalDate(year: 2026, month: 3, day: 1), place: "深圳", fixedPlace: true, liaison: "p01",
                   grid: "G1", certificate: "LD-001", duesPaidThrough: YearMonth(year: 2026, month: 10)),
            Member(id: "m02", name: "陈静", kind: .incoming, phone: "13900000002",
                   since: LocalDate(year: 2026, month: 9, day: 1), place: "太原", grid: "G1"),
            Member(id: "m03", name: "刘洋", kind: .outgoing, phone: "13700000003", liaison: "p01", grid: "G2"),
            Member(id: "m04", name: "孙丽", kind: .local, grid: "G1"),
        ],
        people: [
            Person(id: "p01", name: "李明", email: "l01@example.org", role: .liaison, grid: "G1"),
            Person(id: "p02", name: "赵强", email: "g01@example.org", role: .gridLeader, grid: "G1"),
            Person(id: "p03", name: "周敏", email: "g02@example.org", role: .gridLeader, grid: "G2"),
        ])

    func composer(_ language: Config.Language = .zh) -> MessageComposer {
        MessageComposer(config: config(language), ledger: ledger)
    }

    /// A reminder of each rule as the rules would address it (rules.md, "who is reminded").
    func reminder(_ rule: RuleID, step: Step, openPeriods: [String] = [], facts: RuleFacts = .absent) -> DueReminder {
        let q4End = LocalDate(year: 2026, month: 12, day: 31)
        func r(member: String? = "m01", grid: String? = "G1", period: String, deadline: LocalDate?,
               to: [Mailbox], cc: [Mailbox]) -> DueReminder {
            DueReminder(rule: rule, member: member, grid: grid, period: period, step: step, deadline: deadline,
                        dueAt: Self.dec17, to: to, cc: cc, openPeriods: openPeriods, facts: facts)
        }
        switch rule {
        case .contactQuarterly:
            return r(period: "2026Q4", deadline: q4End, to: [liaison], cc: step.isOverdue ? [gridLeader] : [])
        case .reportPeriodic:
            return r(period: "2026Q4", deadline: q4End, to: [memberBox], cc: [liaison] + (step.isOverdue ? [secretary] : []))
        case .duesMonthly:
            return r(period: "2026-12", deadline: nil, to: [memberBox], cc: [liaison])
        case .duesArrears:
            return r(period: "2026-12", deadline: nil, to: [liaison], cc: [secretary])
        case .certificateCheck:
            return r(period: "2026H2", deadline: q4End, to: [liaison], cc: [secretary])
        case .placementChanged:
            return r(period: "2026-09-01", deadline: nil, to: [liaison], cc: [])
        case .relationTransfer:
            return r(period: "2026-09-01", deadline: LocalDate(year: 2026, month: 9, day: 1), to: [secretary], cc: [liaison])
        case .incomingRegister:
            return DueReminder(rule: rule, member: "m02", grid: "G1", period: "2026-10-01", step: step,
                               deadline: LocalDate(year: 2026, month: 10, day: 1), dueAt: Self.dec17,
                               to: [secretary], cc: [], openPeriods: openPeriods, facts: facts)
        case .activityDay:
            return r(period: "2027-01-15", deadline: nil, to: [memberBox], cc: [])
        case .surveyPeak:
            return r(member: nil, period: "2027-02-06", deadline: nil, to: [gridLeader], cc: [])
        case .contactLost:
            return r(period: "2026-12-01", deadline: LocalDate(year: 2026, month: 12, day: 1), to: [secretary], cc: [])
        case .membershipReview:
            return r(period: "2026-12", deadline: LocalDate(year: 2026, month: 12, day: 25), to: [secretary], cc: [])
        case .evaluationAnnual:
            return r(member: nil, grid: nil, period: "2026", deadline: nil, to: [secretary], cc: [])
        case .digestMonthly:
            return r(member: nil, grid: nil, period: "2026-11", deadline: nil, to: [secretary], cc: [])
        case .departurePrepare:
            return r(period: "2027-01-10", deadline: nil, to: [secretary], cc: [liaison])
        case .transferReceipt:
            return r(period: "2027-01-14", deadline: nil, to: [secretary], cc: [])
        case .incomingFeedback:
            return DueReminder(rule: rule, member: "m02", grid: "G1", period: "2027-03-01", step: step, deadline: nil,
                               dueAt: Self.dec17, to: [secretary], cc: [], openPeriods: openPeriods, facts: facts)
        case .probationEnd:
            return r(period: "2027-01-15", deadline: nil, to: [liaison], cc: [secretary])
        }
    }

    func steps(_ rule: RuleID) -> [Step] {
        switch rule {
        case .contactQuarterly, .reportPeriodic, .certificateCheck: return [.lead(14), .lead(3), .overdue, .repeat(2)]
        case .relationTransfer, .contactLost, .membershipReview: return [.overdue, .repeat(1)]
        case .incomingRegister: return [.lead(30), .lead(3), .overdue, .repeat(1)]
        default: return [.notice]
        }
    }

    // MARK: - Every rule

    func testEveryRuleAndStep_inBothLanguages_hasTaggedSubject_memberName_replyHint_andSignOff() {
        for lang in [Config.Language.zh, .en] {
            let c = composer(lang)
            for rule in RuleID.allCases {
                for step in steps(rule) {
                    let r = reminder(rule, step: step)
                    let text = c.compose(r, token: Self.token)
                    let what = "\(rule.rawValue) \(step) \(lang)"
                    let tag = ThreadTag.tag(rule: rule, token: Self.token, language: lang)
                    XCTAssertTrue(text.subject.hasSuffix(" " + tag), what + ": " + text.subject)
                    XCTAssertGreaterThan(text.subject.count, tag.count + 4, what)
                    XCTAssertFalse(text.subject.contains("\n"), what)
                    XCTAssertEqual(ThreadTag.find(in: "回复： " + text.subject), Self.token, what)
                    if let id = r.member, let name = ledger.member(id)?.name {
                        XCTAssertTrue(text.body.contains(name), what + ": member name\n" + text.body)
                    }
                    let replyHint = lang == .zh ? ["回复"] : ["reply"]
                    XCTAssertTrue(replyHint.contains { text.body.contains($0) }, what + ": how to reply\n" + text.body)
                    // A reader is never told to run a command: a reply line, or ask the secretary.
                    XCTAssertFalse(text.body.contains("liaisond"), what + ": names a command\n" + text.body)
                    XCTAssertFalse(text.body.contains("过期"), what + ": 逾期, not 过期\n" + text.body)
                    XCTAssertTrue(text.body.hasSuffix("广场西社区党支部\n"), what + ": sign-off")
                    XCTAssertFalse(text.body.contains("Optional("), what)
                    XCTAssertFalse(text.body.contains("刘洋"), what + ": another grid's member")
                    if lang == .en {
                        XCTAssertFalse(text.subject.contains("年") || text.subject.contains("季度"), what + ": " + text.subject)
                    }
                }
            }
        }
    }

    func testChineseIsTheDefaultLanguage() {
        let text = MessageComposer(config: Config(branch: .init(name: "支部", secretary: secretary),
                                                  smtp: config().smtp), ledger: ledger)
            .compose(reminder(.contactQuarterly, step: .lead(14)), token: Self.token)
        XCTAssertTrue(text.subject.hasSuffix("[联络#\(Self.token)]"))
    }

    // MARK: - Wording

    func testContactLeadReminder_subjectPutsTheMatterFirstAndTagLast() {
        let text = composer().compose(reminder(.contactQuarterly, step: .lead(14)), token: Self.token)
        XCTAssertEqual(text.subject, "请在12月31日前联系流动党员张伟(第四季度) [联络#K3F9Q2M7XA4PLD8W]")
        XCTAssertTrue(text.body.hasPrefix("李明同志："))
        XCTAssertTrue(text.body.contains("13800000001"), "the liaison sees their member's phone")
        XCTAssertTrue(text.body.contains("2026年第四季度"))
        XCTAssertTrue(text.body.contains("还有14天"))
        XCTAssertTrue(text.body.contains("已联系"))
        XCTAssertTrue(text.body.contains("未联系上"))
        XCTAssertTrue(text.body.contains("王芳") && text.body.contains("secretary@example.org"), "who to ask")
    }

    func testContactLeadReminder_inEnglish() {
        let text = composer(.en).compose(reminder(.contactQuarterly, step: .lead(3)), token: Self.token)
        XCTAssertEqual(text.subject, "Please contact 张伟 (Q4) by 31 December [contact#K3F9Q2M7XA4PLD8W]")
        XCTAssertTrue(text.body.contains("14 days left"), "days counted from the sending day: \(text.body)")
        XCTAssertTrue(text.body.contains("\n    done phoned, all well\n"), text.body)
        XCTAssertTrue(text.body.contains("If the contact was not today, add its date: done 12-20 phoned"), text.body)
        XCTAssertTrue(text.body.contains("unreachable"))
    }

    /// The example command in a mail is what a liaison copies: copied on any day, it must record
    /// that day — a date in it (`12-20`) would be taken as the latest such day, a year back when
    /// copied on 12-18. Every indented contact example of every mail and of the help text parses
    /// as a contact on the reply day; the date form is explained beside it.
    func testContactExamples_carryNoDate_soACopyRecordsTheReplyDay() {
        let replyDay = LocalDate(year: 2026, month: 12, day: 18)!
        for lang in [Config.Language.zh, .en] {
            let c = composer(lang)
            var bodies = RuleID.allCases.flatMap { rule in steps(rule).map { c.compose(reminder(rule, step: $0), token: Self.token).body } }
            bodies.append(c.help(rule: .contactQuarterly, token: Self.token, recipient: liaison).body)
            var examples = 0
            for body in bodies {
                for line in body.split(separator: "\n") {
                    let text = line.trimmingCharacters(in: .whitespaces)
                    let example: String
                    if line.hasPrefix("    "), text.hasPrefix("已联系") || text.hasPrefix("done") {
                        example = text.components(separatedBy: "    记录").first!
                    } else if let r = text.range(of: lang == .zh ? "如：" : "e.g. ") {
                        example = String(text[r.upperBound...])
                    } else { continue }
                    guard !example.contains("[") else { continue }
                    examples += 1
                    switch ReplyParser.understand(example, isReportThread: false, replyDay: replyDay) {
                    case .command(.contact(let date, let note)):
                        XCTAssertEqual(date, replyDay, "\(lang): \(example)")
                        XCTAssertNotNil(note, example)
                    default: XCTFail("\(lang): \(example) is not a contact")
                    }
                }
            }
            XCTAssertGreaterThan(examples, 5, "\(lang)")
        }
        let zh = composer(.zh).compose(reminder(.contactQuarterly, step: .lead(14)), token: Self.token).body
        XCTAssertTrue(zh.contains("\n    已联系 电话联系，情况正常\n如不是今天联系的，加上日期：已联系 12-20 电话联系\n"), zh)
        XCTAssertFalse(zh.contains("已联系 12-20 电话联系，情况正常"), zh)
    }

    func testOverdueAndRepeat_sayTheDeadlinePassed() {
        let overdue = composer().compose(reminder(.contactQuarterly, step: .overdue), token: Self.token)
        XCTAssertTrue(overdue.subject.hasPrefix("已逾期："))
        XCTAssertTrue(overdue.body.contains("期限12月31日已过"))
        let again = composer().compose(reminder(.contactQuarterly, step: .repeat(2)), token: Self.token)
        XCTAssertTrue(again.subject.hasPrefix("再次提醒："))
        // Days late, not a count of mails (a fresh install's first mail may be "repeat-119").
        XCTAssertTrue(again.body.contains("期限12月31日已过"), again.body)
        XCTAssertFalse(again.body.contains("第2次"), again.body)
        let en = composer(.en).compose(reminder(.reportPeriodic, step: .overdue), token: Self.token)
        XCTAssertTrue(en.subject.hasPrefix("Overdue:"), en.subject)
    }

    /// The first message of a thread never says "again", whatever step the rules are at.
    func testFirstMessageOfAThread_neverSaysAgain() {
        for lang in [Config.Language.zh, .en] {
            for rule in [RuleID.contactQuarterly, .relationTransfer, .incomingRegister, .contactLost, .membershipReview] {
                var r = reminder(rule, step: .repeat(119))
                r.opensThread = true
                let first = composer(lang).compose(r, token: Self.token)
                let what = "\(rule.rawValue) \(lang)"
                XCTAssertFalse(first.subject.contains("再次") || first.subject.contains("Reminder:"), what + ": " + first.subject)
                XCTAssertFalse(first.body.contains("再次") || first.body.lowercased().contains("again"), what + ": " + first.body)
                r.opensThread = false
                let later = composer(lang).compose(r, token: Self.token)
                XCTAssertTrue(later.subject.hasPrefix(lang == .zh ? "再次提醒：" : "Reminder:"), what + ": " + later.subject)
            }
        }
    }

    func testOpenOlderPeriods_areNamed() {
        let r = reminder(.contactQuarterly, step: .lead(14), openPeriods: ["2026Q3", "2026Q2"])
        XCTAssertTrue(composer().compose(r, token: Self.token).body.contains("2026年第三季度、2026年第二季度"))
        XCTAssertTrue(composer(.en).compose(r, token: Self.token).body.contains("Q3 2026, Q2 2026"))
    }

    func testReportReminder_saysTheReplyIsTheReport_andOmitsPhone() {
        let text = composer().compose(reminder(.reportPeriodic, step: .lead(14)), token: Self.token)
        XCTAssertTrue(text.body.contains("回复的正文就是汇报"))
        XCTAssertFalse(text.body.contains("13800000001"))
        XCTAssertTrue(text.subject.contains("张伟"))
    }

    /// A member without an e-mail address: the report reminder goes to the liaison, who is
    /// asked to pass it on — not to report themselves.
    func testReportReminder_toTheLiaisonOfAMemberWithoutEmail_asksToPassItOn() {
        let r = DueReminder(rule: .reportPeriodic, member: "m03", grid: "G2", period: "2026Q4", step: .lead(14),
                            deadline: LocalDate(year: 2026, month: 12, day: 31), dueAt: Self.dec17, to: [liaison], cc: [])
        let zh = composer().compose(r, token: Self.token)
        XCTAssertTrue(zh.body.hasPrefix("李明同志："), zh.body)
        XCTAssertTrue(zh.body.contains("刘洋同志没有登记邮箱，这封提醒发给您，请转告本人按时汇报。"), zh.body)
        let en = composer(.en).compose(r, token: Self.token)
        XCTAssertTrue(en.body.contains("刘洋 has no e-mail address on file, so this reminder comes to you: please pass it on."), en.body)
        let own = composer().compose(reminder(.reportPeriodic, step: .lead(14)), token: Self.token)
        XCTAssertFalse(own.body.contains("转告"), own.body)
    }

    /// A mail to the member themself says 您 / "your", not the third person the liaison reads;
    /// the liaison of a member without an e-mail still reads the member's name.
    func testReportAndDuesReminders_toTheMember_addressThemAsYou() {
        let report = composer().compose(reminder(.reportPeriodic, step: .overdue), token: Self.token)
        XCTAssertTrue(report.body.hasPrefix("张伟同志：\n\n您好！\n\n您2026年第四季度的思想、学习和工作情况汇报尚未收到。"), report.body)
        XCTAssertFalse(report.body.contains("流动党员张伟同志"), report.body)
        let dues = composer().compose(reminder(.duesMonthly, step: .notice), token: Self.token)
        XCTAssertTrue(dues.body.contains("您的党费目前交至2026年10月，"), dues.body)
        XCTAssertFalse(dues.body.contains("张伟同志的党费"), dues.body)
        let en = composer(.en).compose(reminder(.reportPeriodic, step: .overdue), token: Self.token)
        XCTAssertTrue(en.body.contains("Your report on your thinking, study and work in"), en.body)
        XCTAssertTrue(composer(.en).compose(reminder(.duesMonthly, step: .notice), token: Self.token).body
            .contains("Your party dues are paid through"))

        let viaLiaison = DueReminder(rule: .reportPeriodic, member: "m03", grid: "G2", period: "2026Q4", step: .overdue,
                                     deadline: LocalDate(year: 2026, month: 12, day: 31), dueAt: Self.dec17,
                                     to: [liaison], cc: [secretary])
        let third = composer().compose(viaLiaison, token: Self.token)
        XCTAssertTrue(third.body.contains("流动党员刘洋同志2026年第四季度的思想、学习和工作情况汇报尚未收到。"), third.body)
        let duesViaLiaison = DueReminder(rule: .duesMonthly, member: "m03", grid: "G2", period: "2026-12", step: .notice,
                                         deadline: nil, dueAt: Self.dec17, to: [liaison], cc: [])
        XCTAssertTrue(composer().compose(duesViaLiaison, token: Self.token).body.contains("刘洋同志的党费"))
    }

    func testDuesReminders_useOwedAndPaidThroughFacts() {
        let monthly = composer().compose(reminder(.duesMonthly, step: .notice), token: Self.token)
        XCTAssertTrue(monthly.body.contains("交至2026年10月"), monthly.body)
        XCTAssertTrue(monthly.body.contains("2026年11月至12月共2个月"), "owed derived from the roster: \(monthly.body)")
        XCTAssertTrue(monthly.body.contains("已交 2026-12"))
        let arrears = composer().compose(
            reminder(.duesArrears, step: .notice, facts: .duesArrears(.init(paidThrough: YearMonth(year: 2026, month: 8), owedFrom: YearMonth(year: 2026, month: 9),
                                                owedThrough: YearMonth(year: 2026, month: 12), months: 4))),
            token: Self.token)
        XCTAssertTrue(arrears.subject.contains("4个月"), arrears.subject)
        XCTAssertTrue(arrears.body.contains("交至2026年8月"))
        XCTAssertTrue(arrears.body.contains("2026年9月至12月"), arrears.body)
        let en = composer(.en).compose(reminder(.duesMonthly, step: .notice), token: Self.token)
        XCTAssertTrue(en.body.contains("paid 2026-12"))
        XCTAssertTrue(en.body.contains("October 2026"))
    }

    func testSurveyList_coversOnlyTheGridsMobileMembers() {
        let text = composer().compose(reminder(.surveyPeak, step: .notice), token: Self.token)
        XCTAssertTrue(text.body.contains("张伟") && text.body.contains("陈静"))
        XCTAssertFalse(text.body.contains("刘洋"), "another grid")
        XCTAssertFalse(text.body.contains("孙丽"), "not a mobile member")
        XCTAssertTrue(text.subject.hasPrefix("春节前"))
        let listed = composer().compose(reminder(.surveyPeak, step: .notice,
                                                 facts: .surveyPeak(.init(holiday: "national-day",
                                                                          holidayDate: LocalDate(year: 2026, month: 10, day: 1)!,
                                                                          members: [.init(name: "陈静", phone: "13900000002",
                                                                                          kind: .incoming)]))),
                                        token: Self.token)
        XCTAssertTrue(listed.body.contains("陈静"))
        XCTAssertFalse(listed.body.contains("张伟"))
        XCTAssertTrue(listed.body.contains("13900000002"))
        XCTAssertTrue(listed.subject.hasPrefix("国庆节前"))
    }

    func testPlacementNotice_followsMonthsAway() {
        let three = composer().compose(reminder(.placementChanged, step: .notice, facts: .placementChanged(.init(months: 3, since: LocalDate(year: 2026, month: 3, day: 1)!))), token: Self.token)
        XCTAssertTrue(three.subject.contains("三个月"))
        let six = composer().compose(reminder(.placementChanged, step: .notice), token: Self.token)
        XCTAssertTrue(six.subject.contains("六个月"), "derived from since 2026-03-01 to 2026-09-01: \(six.subject)")
    }

    func testContactLostAndReview_decideNothing() {
        let lost = composer().compose(reminder(.contactLost, step: .overdue, facts: .contactLost(.init(reason: .unreachable, countedFrom: LocalDate(year: 2026, month: 6, day: 1)!,
                                                                                            lastContact: nil, unreachable: 2))), token: Self.token)
        XCTAssertTrue(lost.body.contains("连续两次未能联系上"))
        XCTAssertTrue(lost.body.contains("不作任何决定"))
        let review = composer().compose(reminder(.membershipReview, step: .overdue, facts: .membershipReview(.init(reason: .dues))), token: Self.token)
        XCTAssertTrue(review.body.contains("党章第九条"))
        XCTAssertTrue(review.body.contains("不作任何决定"))
        XCTAssertTrue(review.body.contains("已交 2026-12"))
    }

    func testDigest_listsTheGridCounts() {
        let facts = RuleFacts.digestMonthly(.init(quarter: "2026Q4", grids: [ContactTally(grid: "G1", contacted: 3, pending: 1)],
                                                  noLiaison: 0))
        let text = composer().compose(reminder(.digestMonthly, step: .notice, facts: facts), token: Self.token)
        XCTAssertTrue(text.body.contains("网格G1：已联系 3，待联系 1，逾期 0"), text.body)
        XCTAssertTrue(text.subject.hasPrefix("2026年11月"))
    }

    func testDatesOutsideTheSendingYear_carryTheYear() {
        let text = composer().compose(reminder(.activityDay, step: .notice), token: Self.token)
        XCTAssertTrue(text.subject.contains("2027年1月15日"), text.subject)
        let en = composer(.en).compose(reminder(.activityDay, step: .notice), token: Self.token)
        XCTAssertTrue(en.subject.contains("15 January 2027"), en.subject)
    }

    func testPeriodIds_renderNaturally() {
        let today = LocalDate(year: 2026, month: 12, day: 17)!
        let zh = ChineseWording(), en = EnglishWording()
        XCTAssertEqual(zh.period("2026Q4", today), "2026年第四季度")
        XCTAssertEqual(zh.period("2026Q4", today, short: true), "第四季度")
        XCTAssertEqual(zh.period("2026H2", today), "2026年下半年")
        XCTAssertEqual(zh.period("2026H1", today), "2026年上半年")
        XCTAssertEqual(zh.period("2026-11", today), "2026年11月")
        XCTAssertEqual(zh.period("2026-11-05", today), "2026年11月5日")
        XCTAssertEqual(zh.period("2025Q4", today, short: true), "2025年第四季度")
        XCTAssertEqual(en.period("2026Q4", today), "Q4 2026")
        XCTAssertEqual(en.period("2026H2", today), "second half of 2026")
        XCTAssertEqual(en.period("2026H1", today, short: true), "first half")
        XCTAssertEqual(en.period("2026-11", today), "November 2026")
        XCTAssertEqual(en.period("2026-11-05", today), "5 November 2026")
        XCTAssertEqual(zh.period("weird", today), "weird")
    }

    // MARK: - Acknowledgements and help

    func testAcknowledgement_namesWhatWasRecordedAndTheNextDeadline() {
        let c = composer()
        let recorded = c.recordedText(Record(kind: .contact, member: "m01", date: LocalDate(year: 2026, month: 12, day: 16)!,
                                             method: "电话"))
        XCTAssertEqual(recorded, "2026年12月16日与张伟的联系(电话)")
        let ack = c.acknowledgement(rule: .contactQuarterly, token: Self.token, recipient: liaison, recorded: recorded,
                                    nextDeadline: LocalDate(year: 2027, month: 3, day: 31), at: Self.dec17)
        XCTAssertTrue(ack.subject.hasSuffix("[联络#\(Self.token)]"))
        XCTAssertTrue(ack.body.contains(recorded))
        XCTAssertTrue(ack.body.contains("2027年3月31日"))
        XCTAssertTrue(ack.body.hasSuffix("广场西社区党支部\n"))
        let en = composer(.en)
        let enAck = en.acknowledgement(rule: .duesMonthly, token: Self.token, recipient: memberBox,
                                       recorded: en.recordedText(Record(kind: .dues, member: "m01",
                                                                        date: LocalDate(year: 2026, month: 12, day: 17)!,
                                                                        through: YearMonth(year: 2026, month: 12))),
                                       nextDeadline: nil, at: Self.dec17)
        XCTAssertTrue(enAck.body.contains("dues of 张伟 paid through December 2026"), enAck.body)
        XCTAssertTrue(enAck.subject.hasSuffix("[dues#\(Self.token)]"))
    }

    func testHelp_listsTheReplyCommands() {
        let zh = composer().help(rule: .reportPeriodic, token: Self.token, recipient: memberBox, problem: "日期12月30日还没到。")
        for command in ["已联系", "未联系上", "已交 2026-11", "正文就是汇报内容", "日期12月30日还没到。"] {
            XCTAssertTrue(zh.body.contains(command), command)
        }
        XCTAssertTrue(zh.subject.hasSuffix("[汇报#\(Self.token)]"))
        let en = composer(.en).help(rule: .contactQuarterly, token: Self.token, recipient: nil)
        for command in ["done [date] [note]", "unreachable [note]", "paid 2026-11"] {
            XCTAssertTrue(en.body.contains(command), command)
        }
        XCTAssertFalse(en.body.contains("report itself"))
    }

    // MARK: - Into a message and back

    func testComposedReminder_survivesRenderingAndParsing() throws {
        for lang in [Config.Language.zh, .en] {
            for rule in RuleID.allCases {
                let r = reminder(rule, step: steps(rule).last!)
                let text = composer(lang).compose(r, token: Self.token)
                let m = MIMEMessage(from: config().smtp.from, to: r.to, cc: r.cc, subject: text.subject, body: text.body,
                                    date: r.dueAt, timeZone: TimeZone(identifier: "Asia/Shanghai")!,
                                    messageID: "x.\(Self.token)@example.org")
                let bytes = m.rendered()
                let p = try XCTUnwrap(MIMEReader.parse(bytes))
                XCTAssertEqual(p.subject, text.subject)
                XCTAssertEqual(p.body, text.body)
                XCTAssertEqual(p.mailboxes("To"), r.to)
                XCTAssertEqual(ThreadTag.find(in: p.subject ?? ""), Self.token)
                for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").prefix(while: { !$0.isEmpty }) {
                    XCTAssertLessThanOrEqual(line.utf8.count, 78, "\(rule.rawValue): \(line)")
                }
            }
        }
    }
}

extension MessageComposerTests {
    func testARepeatSaysHowLateNotHowManyMailsWentBefore() {
        var r = reminder(.contactQuarterly, step: .repeat(119))
        r.dueAt = Self.dec17.addingTimeInterval(15 * 86400) // 2027-01-01 09:00 +08:00
        let zh = composer().compose(r, token: Self.token)
        XCTAssertTrue(zh.body.contains("已逾期1天"), zh.body)
        XCTAssertFalse(zh.body.contains("119"), zh.body)
        let en = composer(.en).compose(r, token: Self.token)
        XCTAssertTrue(en.body.contains("(1 day ago)"), en.body)
    }
}
