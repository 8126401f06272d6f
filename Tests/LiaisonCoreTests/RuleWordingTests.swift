import Foundation
import XCTest
@testable import LiaisonCore

/// Each real rule through `RuleEngine`, then `MessageComposer`: the mail says the facts the rule
/// produced (the rules are the source of truth for what the wording reads).
final class RuleWordingTests: XCTestCase {
    /// The one reminder a rule sends at an instant, composed.
    func mail(_ b: Branch, _ rule: any Rule, at: String, member: String? = nil, grid: String? = nil,
              language: Config.Language = .zh, secretaryOnly: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws -> ComposedText {
        let sent = b.evaluate(at, rules: [rule]).send.filter {
            (member == nil || $0.member == member) && (grid == nil || $0.grid == grid) && (!secretaryOnly || $0.member == nil)
        }
        XCTAssertEqual(sent.count, 1, "\(rule.id.rawValue) at \(at): \(sent.map(Row.init))", file: file, line: line)
        let r = try XCTUnwrap(sent.first, file: file, line: line)
        var config = b.config
        config.branch.language = language
        let text = MessageComposer(config: config, ledger: Ledger(members: b.members, people: b.people))
            .compose(r, token: "K3F9Q2M7XA4PLD8W")
        XCTAssertFalse(text.body.contains("Optional("), file: file, line: line)
        return text
    }

    func assertMentions(_ text: ComposedText, _ parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for p in parts { XCTAssertTrue(text.body.contains(p), "missing \"\(p)\" in:\n\(text.body)", file: file, line: line) }
    }

    func testContactQuarterly_namesTheMemberPhoneDeadline_andTheOldestOpenQuarter() throws {
        var b = Branch()
        b.members = [outgoing("P1", since: "2026-05-10")]
        let lead = try mail(b, ContactQuarterlyRule(), at: "2026-12-17")
        assertMentions(lead, ["成员P1", "138000P1", "12月31日", "2026年第四季度"])
        b.members = [outgoing("P1", since: "2025-01-10")]
        let old = try mail(b, ContactQuarterlyRule(), at: "2026-12-17")
        assertMentions(old, ["自2025年第一季度起"])
    }

    func testReportPeriodic_readsReportEvery_andHidesThePhone() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2026-02-10")
        m.reportEvery = .halfYear
        b.members = [m]
        let text = try mail(b, ReportPeriodicRule(), at: "2026-12-17")
        assertMentions(text, ["每半年", "2026年下半年", "成员P1"])
        XCTAssertFalse(text.body.contains("138000P1"), "the member gets their own reminder; no phone needed")
    }

    func testDuesMonthly_namesTheMonthsOwed() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2026-02-10")
        m.duesPaidThrough = ym("2026-08")
        b.members = [m]
        let text = try mail(b, DuesMonthlyRule(), at: "2026-11-25")
        assertMentions(text, ["交至2026年8月", "2026年9月至11月共3个月", "11月30日前"])
        XCTAssertTrue(text.subject.contains("3个月"), text.subject)
        let en = try mail(b, DuesMonthlyRule(), at: "2026-11-25", language: .en)
        assertMentions(en, ["August 2026", "September to November 2026 (3 months)"])
    }

    func testDuesArrears_namesCountAndRange() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2026-02-10")
        m.duesPaidThrough = ym("2026-07")
        b.members = [m]
        // Ended months only: on 25 November, August to October.
        let text = try mail(b, DuesArrearsRule(), at: "2026-11-25")
        assertMentions(text, ["已连续3个月", "2026年8月至10月", "交至2026年7月", "138000P1"])
    }

    func testCertificateCheck_namesNumberIntervalAndBase() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2026-03-01")
        m.certificate = "LD-2026-09"
        m.certificateCheck = .year
        b.members = [m]
        let text = try mail(b, CertificateCheckRule(), at: "2027-02-15")
        assertMentions(text, ["LD-2026-09", "每年检查一次", "从2026年3月1日起算", "3月1日前"])
    }

    func testPlacementChanged_namesMonthsAndSince() throws {
        var b = Branch()
        b.members = [outgoing("P1", since: "2026-03-01")]
        let three = try mail(b, PlacementChangedRule(), at: "2026-06-01")
        XCTAssertTrue(three.subject.contains("三个月"), three.subject)
        assertMentions(three, ["自2026年3月1日"])
        let six = try mail(b, PlacementChangedRule(), at: "2026-09-01")
        XCTAssertTrue(six.subject.contains("六个月"), six.subject)
    }

    func testRelationTransfer_andIncomingRegister_nameSinceAndPlace() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2026-03-01")
        m.fixedPlace = true
        m.place = "深圳"
        var i = Member(id: "P2", name: "流入甲", kind: .incoming, phone: "13911112222", since: day("2026-10-01"),
                       place: "太原", grid: "G1")
        i.registered = false
        b.members = [m, i]
        assertMentions(try mail(b, RelationTransferRule(), at: "2026-09-01"), ["深圳", "2026年3月1日", "李联络"])
        assertMentions(try mail(b, IncomingRegisterRule(), at: "2026-11-01"), ["太原", "2026年10月1日", "流入甲"])
    }

    func testActivityDay_namesTheActivityDay() throws {
        var b = Branch()
        b.members = [outgoing("P1", since: "2026-03-01")]
        let text = try mail(b, ActivityDayRule(), at: "2026-12-08")
        XCTAssertTrue(text.subject.contains("12月15日"), text.subject)
        assertMentions(text, ["12月15日"])
    }

    func testSurveyPeak_listsThatGridsMembersNamesAndPhones_only() throws {
        var b = Branch()
        b.members = [
            outgoing("P1", since: "2026-03-01"),
            Member(id: "P2", name: "流入乙", kind: .incoming, phone: "13922223333", since: day("2026-05-01"), grid: "G1"),
            outgoing("P3", since: "2026-03-01", grid: "G2"),
            Member(id: "P4", name: "直管丙", kind: .local, phone: "13933334444", grid: "G1"),
        ]
        let g1 = try mail(b, SurveyPeakRule(), at: "2026-09-24", grid: "G1")
        assertMentions(g1, ["成员P1", "138000P1", "流入乙", "13922223333", "(2人)", "国庆节"])
        XCTAssertFalse(g1.body.contains("成员P3") || g1.body.contains("138000P3"), "another grid's member")
        XCTAssertFalse(g1.body.contains("直管丙"), "not a mobile member")
        let g2 = try mail(b, SurveyPeakRule(), at: "2026-09-24", grid: "G2")
        assertMentions(g2, ["成员P3", "138000P3"])
        XCTAssertFalse(g2.body.contains("成员P1") || g2.body.contains("流入乙"))
        let en = try mail(b, SurveyPeakRule(), at: "2026-09-24", grid: "G1", language: .en)
        assertMentions(en, ["National Day", "phone 13922223333"])
    }

    func testContactLost_saysWhySinceWhen_andTheThreshold() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2026-01-10")
        m.lastContact = day("2026-03-01")
        b.members = [m]
        let silence = try mail(b, ContactLostRule(), at: "2026-09-01")
        assertMentions(silence, ["自2026年3月1日以来已超过6个月", "138000P1", "联系人：李联络"])
        b.schedule.lostAfter = Duration(months: 0, seconds: 90 * 86400)
        b.members = [outgoing("P1", since: "2026-01-10")]
        let never = try mail(b, ContactLostRule(), at: "2026-04-10")
        assertMentions(never, ["自2026年1月10日外出以来一直没有联系记录，已超过90天"])
        b.schedule = Config.Schedule()
        b.members = [m]
        b.records = [Record(kind: .unreachable, member: "P1", date: day("2026-04-02")),
                     Record(kind: .unreachable, member: "P1", date: day("2026-04-09"))]
        let unreachable = try mail(b, ContactLostRule(), at: "2026-04-09")
        assertMentions(unreachable, ["连续两次未能联系上", "上次联系是2026年3月1日"])
    }

    func testMembershipReview_duesAndContactVariants() throws {
        var b = Branch()
        var m = Member(id: "P5", name: "直管丁", kind: .local, email: "p5@example.org", duesPaidThrough: ym("2026-04"))
        m.grid = "G1"
        b.members = [m]
        let dues = try mail(b, MembershipReviewRule(), at: "2026-11-25")
        assertMentions(dues, ["已连续6个月未交纳党费", "2026年5月至10月", "交至2026年4月", "不作任何决定"])
        b.members = [outgoing("P1", since: "2026-01-01")]
        let silence = try mail(b, MembershipReviewRule(), at: "2026-07-01")
        assertMentions(silence, ["自2026年1月1日以来已连续六个月没有联系记录，也没有汇报"])
        XCTAssertTrue(silence.subject.contains("无联系、无汇报"), silence.subject)
    }

    func testEvaluationAnnual_listsEachMembersYear() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2025-03-01")
        m.duesPaidThrough = ym("2026-11")
        var paused = outgoing("P2", since: "2025-03-01")
        paused.paused = true
        b.members = [m, paused]
        b.records = [Record(kind: .contact, member: "P1", date: day("2026-02-01")),
                     Record(kind: .contact, member: "P1", date: day("2026-05-01")),
                     Record(kind: .report, member: "P1", date: day("2026-06-01"))]
        var local = Member(id: "P3", name: "直管丙", kind: .local, duesPaidThrough: ym("2026-10"))
        local.grid = "G1"
        var incoming = Member(id: "P4", name: "流入丁", kind: .incoming, since: day("2026-03-01"))
        incoming.origin = "太原市某社区党支部"
        b.members += [local, incoming]
        let text = try mail(b, EvaluationAnnualRule(), at: "2026-12-01", member: nil, secretaryOnly: true)
        assertMentions(text, ["成员P1(流出)  联系2次  汇报1次  党费交至2026年11月", "成员P2(流出)(暂停)", "党费情况不详",
                              "直管丙(直管)  党费交至2026年10月",
                              "流入丁(流入)  党费情况不详  评议结果请反馈原党组织(太原市某社区党支部)", "流入地党组织意见", "台账表格"])
        XCTAssertFalse(text.body.contains("直管丙(直管)  联系0次"), "a local member is not listed as never contacted")
        XCTAssertFalse(text.body.contains("liaisond"), text.body)
        XCTAssertFalse(text.body.contains("138000P1"), "the evaluation list carries counts, not contact data")
        let opinion = try mail(b, EvaluationAnnualRule(), at: "2026-12-01", member: "P1")
        assertMentions(opinion, ["征求", "流入地", "联系2次、汇报1次"])
        XCTAssertTrue(opinion.body.hasPrefix("李联络同志"), opinion.body)
    }

    func testDigestMonthly_listsGridCounts_andStoreFactsWhenMerged() throws {
        var b = Branch()
        var p2 = outgoing("P2", since: "2026-03-01", grid: "G2")
        p2.lastContact = day("2026-09-10")
        b.members = [outgoing("P1", since: "2026-03-01"), p2, outgoing("P3", since: "2026-03-01", liaison: nil)]
        b.records = [Record(kind: .contact, member: "P1", date: day("2026-10-20")),
                     Record(kind: .contact, member: "P1", date: day("2026-03-20"))]
        let sent = b.evaluate("2026-12-01", rules: [DigestMonthlyRule()]).send
        var r = try XCTUnwrap(sent.first)
        let composer = MessageComposer(config: b.config, ledger: Ledger(members: b.members, people: b.people))
        let plain = composer.compose(r, token: "K3F9Q2M7XA4PLD8W")
        assertMentions(plain, ["2026年第四季度", "网格G1：已联系 1，待联系 0，逾期 0", "网格G2：已联系 0，待联系 1，逾期 0",
                               "合计：已联系 1，待联系 1，逾期 0", "1名流出党员没有联系人"])
        XCTAssertFalse(plain.body.contains("上月"), "no store facts, no sentence about them")
        if case .digestMonthly(var d) = r.facts {
            d.failures = 2
            d.replies = 2
            r.facts = .digestMonthly(d)
        }
        assertMentions(composer.compose(r, token: "K3F9Q2M7XA4PLD8W"), ["上月投递失败的提醒 2 封，收到回复 2 封"])
        var en = b.config
        en.branch.language = .en
        let english = MessageComposer(config: en, ledger: Ledger(members: b.members, people: b.people))
            .compose(r, token: "K3F9Q2M7XA4PLD8W")
        assertMentions(english, ["grid G1: contacted 1, pending 0, overdue 0", "2 reminders could not be delivered"])
    }
}

// MARK: - The rules of issue 13

extension RuleWordingTests {
    func testActivityDay_isAThemePartyDay_withWeekday_neverAskingToComeBack() throws {
        var b = Branch()
        b.members = [outgoing("P1", since: "2020-03-01")]
        b.activity = Config.Activity(time: TimeOfDay(hour: 9, minute: 30), place: "社区党群服务中心", topic: "学习贯彻党的二十大精神")
        let text = try mail(b, ActivityDayRule(), at: "2026-12-08")
        // 15 December 2026 is a Tuesday.
        assertMentions(text, ["本月支部主题党日定于12月15日（星期二）上午9时30分在社区党群服务中心举行，主题为“学习贯彻党的二十大精神”。",
                              "不必专程赶回", "告知联系人李联络，会后由联系人向您传达"])
        XCTAssertFalse(text.body.contains("按时回来"), text.body)
        let en = try mail(b, ActivityDayRule(), at: "2026-12-08", language: .en)
        assertMentions(en, ["Tuesday", "at 09:30", "no need to travel back"])
    }

    func testDues_amountMethodAndInflowConfirmation() throws {
        var b = Branch()
        var m = outgoing("P1", since: "2026-02-10")
        m.duesPaidThrough = ym("2026-10")
        b.members = [m]
        b.rules.duesAmount = "按月工资收入的0.5%"
        b.rules.duesMethod = "微信转账给组织委员"
        let text = try mail(b, DuesMonthlyRule(), at: "2026-11-25")
        assertMentions(text, ["交纳标准：按月工资收入的0.5%", "微信转账给组织委员"])
        b.members[0].duesAt = .inflow
        let inflow = try mail(b, DuesMonthlyRule(), at: "2026-12-25")
        assertMentions(inflow, ["在流入地党组织交纳党费", "2026年下半年", "已交"])
        XCTAssertTrue(inflow.body.hasPrefix("李联络同志"), inflow.body)
    }

    func testNewRules_sayWhatToDo() throws {
        var b = Branch()
        var d = outgoing("P1", since: "2027-01-10")
        d.destination = "深圳市南山区"
        d.expectedLength = Duration(months: 12)
        d.fixedPlace = true
        b.members = [d]
        let departure = try mail(b, DeparturePrepareRule(), at: "2026-12-11")
        assertMentions(departure, ["将于2027年1月10日外出", "深圳市南山区", "预计外出12个月", "行前教育", "流动党员活动证",
                                   "街道党工委", "不必等满六个月"])
        b.records = [Record(kind: .transfer, member: "P1", date: day("2027-03-01"))]
        let receipt = try mail(b, TransferReceiptRule(), at: "2027-03-15")
        assertMentions(receipt, ["回执", "全国党员管理信息系统", "    已接收", "照常"])
        XCTAssertFalse(receipt.body.contains("liaisond"), "mails give reply lines, never commands")
        var i = Member(id: "P4", name: "流入丁", kind: .incoming, since: day("2026-03-01"))
        i.origin = "太原市某社区党支部"
        i.joined = day("2010-07-01")
        i.address = "太行西街108号"
        b.members = [i]
        let feedback = try mail(b, IncomingFeedbackRule(), at: "2026-09-01")
        assertMentions(feedback, ["现实表现", "原党组织太原市某社区党支部", "入党时间 2010年7月1日", "住址 太行西街108号"])
        let register = try mail(b, IncomingRegisterRule(), at: "2026-03-01")
        assertMentions(register, ["尚未编入", "4月1日前", "原党组织 太原市某社区党支部"])
        var p = outgoing("P1", since: "2025-01-01")
        p.probationEnd = day("2027-01-15")
        b.members = [p]
        let probation = try mail(b, ProbationEndRule(), at: "2026-12-16")
        assertMentions(probation, ["预备期将于2027年1月15日期满", "流入地", "转正"])
    }
}
