import XCTest
@testable import LiaisonCore

final class LedgerParserTests: XCTestCase {
    private let people = """
        id,name,email,role,grid
        L01,王芳,l01@example.org,liaison,G1
        L02,李强,,联系人,G2
        G01,赵敏,g01@example.org,grid-leader,G1

        """

    private func parse(_ members: String, people: String? = nil) -> (ledger: Ledger, diagnostics: [Diagnostic]) {
        LedgerParser.parse(members: Array(members.utf8), membersFile: "members.csv",
                           people: Array((people ?? self.people).utf8), peopleFile: "people.csv")
    }

    private func descriptions(_ d: [Diagnostic]) -> [String] { d.map(\.description) }

    // MARK: - Good input

    func testFullEnglishRowIsRead() throws {
        let csv = """
            id,name,kind,email,phone,since,place,fixed_place,relation,registered,liaison,grid,report_every,certificate,certificate_check,dues_paid_through,last_contact,last_report,paused,note
            M001,张三,outgoing,zs@example.org,13800000000,2025-09-01,深圳,yes,retained,no,L01,G1,half-year,CERT-7,year,2026-10,2026/11/3,2026.10.1,no,"in Shenzhen, factory"

            """
        let (ledger, diagnostics) = parse(csv)
        XCTAssertEqual(descriptions(diagnostics), [])
        let m = try XCTUnwrap(ledger.member("M001"))
        XCTAssertEqual(m.name, "张三")
        XCTAssertEqual(m.kind, .outgoing)
        XCTAssertEqual(m.email, "zs@example.org")
        XCTAssertEqual(m.phone, "13800000000")
        XCTAssertEqual(m.since, LocalDate(year: 2025, month: 9, day: 1))
        XCTAssertEqual(m.place, "深圳")
        XCTAssertTrue(m.fixedPlace)
        XCTAssertEqual(m.relation, .retained)
        XCTAssertFalse(m.registered)
        XCTAssertEqual(m.liaison, "L01")
        XCTAssertEqual(m.grid, "G1")
        XCTAssertEqual(m.reportEvery, .halfYear)
        XCTAssertEqual(m.certificate, "CERT-7")
        XCTAssertEqual(m.certificateCheck, .year)
        XCTAssertEqual(m.duesPaidThrough, YearMonth(year: 2026, month: 10))
        XCTAssertEqual(m.lastContact, LocalDate(year: 2026, month: 11, day: 3))
        XCTAssertEqual(m.lastReport, LocalDate(year: 2026, month: 10, day: 1))
        XCTAssertFalse(m.paused)
        XCTAssertEqual(m.note, "in Shenzhen, factory")
        XCTAssertEqual(m.line, 2)
        XCTAssertEqual(ledger.liaison(of: m)?.name, "王芳")
        XCTAssertEqual(ledger.gridLeader(of: m)?.id, "G01")
        XCTAssertEqual(ledger.people.count, 3)
        XCTAssertEqual(ledger.person("L02")?.email, nil)
        XCTAssertEqual(ledger.person("L02")?.role, .liaison)
    }

    func testEmptyOptionalCellsGiveDefaults() throws {
        let (ledger, diagnostics) = parse("id,name,kind,email,relation,report_every,certificate_check,paused,fixed_place,dues_paid_through\nM1,甲,local,,,,,,,\n")
        XCTAssertEqual(descriptions(diagnostics), [])
        let m = try XCTUnwrap(ledger.member("M1"))
        XCTAssertNil(m.email)
        XCTAssertNil(m.since)
        XCTAssertNil(m.duesPaidThrough)
        XCTAssertEqual(m.relation, .retained)
        XCTAssertEqual(m.reportEvery, .quarter)
        XCTAssertEqual(m.certificateCheck, .halfYear)
        XCTAssertFalse(m.paused)
        XCTAssertFalse(m.fixedPlace)
    }

    func testShortRowsReadMissingCellsAsEmpty() {
        let (ledger, diagnostics) = parse("id,name,kind,note\nM1,甲,local\n")
        XCTAssertEqual(descriptions(diagnostics), [])
        XCTAssertNil(ledger.member("M1")?.note)
    }

    func testChineseHeadersAndValuesInGB18030WithCRLF() throws {
        let members = "编号,姓名,类别,流动时间,组织关系,已编入,联系人,汇报周期,检查周期,党费缴至,暂停,固定地点\r\n"
            + "M1,张三,流出,2026年3月1日,保留,否,L01,季度,一年,2026年10月,否,是\r\n"
            + "M2,李四,流入,2026/1/5,已转入,是,,半年,半年,2026/9,是,否\r\n"
        let peopleText = "编号,姓名,邮箱,角色,网格\r\nL01,王芳,l01@example.org,联系人,一网格\r\nG01,赵敏,,网格长,一网格\r\n"
        let membersBytes = try XCTUnwrap(Charset.encode(members, to: "GB18030"))
        let peopleBytes = try XCTUnwrap(Charset.encode(peopleText, to: "GBK"))
        XCTAssertNil(String(validating: membersBytes, as: UTF8.self), "the fixture must not be valid UTF-8")
        let (ledger, diagnostics) = LedgerParser.parse(members: membersBytes, membersFile: "members.csv",
                                                       people: peopleBytes, peopleFile: "people.csv")
        XCTAssertEqual(descriptions(diagnostics), [])
        let m1 = try XCTUnwrap(ledger.member("M1"))
        XCTAssertEqual(m1.name, "张三")
        XCTAssertEqual(m1.kind, .outgoing)
        XCTAssertEqual(m1.since, LocalDate(year: 2026, month: 3, day: 1))
        XCTAssertEqual(m1.certificateCheck, .year)
        XCTAssertEqual(m1.duesPaidThrough, YearMonth(year: 2026, month: 10))
        XCTAssertTrue(m1.fixedPlace)
        let m2 = try XCTUnwrap(ledger.member("M2"))
        XCTAssertEqual(m2.kind, .incoming)
        XCTAssertEqual(m2.relation, .transferredIn)
        XCTAssertTrue(m2.registered)
        XCTAssertTrue(m2.paused)
        XCTAssertEqual(m2.reportEvery, .halfYear)
        XCTAssertEqual(m2.line, 3)
        XCTAssertEqual(ledger.gridLeaders["一网格"]?.name, "赵敏")
    }

    func testUTF8WithBOMAndChineseHeaders() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("编号,姓名,类别\nM1,张三,直管\n".utf8)
        let (ledger, diagnostics) = LedgerParser.parse(members: bytes, membersFile: "members.csv",
                                                       people: Array(people.utf8), peopleFile: "people.csv")
        XCTAssertEqual(descriptions(diagnostics), [])
        XCTAssertEqual(ledger.member("M1")?.kind, .local)
    }

    func testEnglishHeadersAreTrimmedAndCaseInsensitive() {
        let (ledger, diagnostics) = parse(" ID , Name ,KIND,Dues_Paid_Through\nM1,甲,Local,2026-01\n")
        XCTAssertEqual(descriptions(diagnostics), [])
        XCTAssertEqual(ledger.member("M1")?.duesPaidThrough, YearMonth(year: 2026, month: 1))
    }

    func testRowsOfOnlyEmptyCellsAreSkipped() {
        let (ledger, diagnostics) = parse("id,name,kind\nM1,甲,local\n,,\n , ,\n")
        XCTAssertEqual(descriptions(diagnostics), [])
        XCTAssertEqual(ledger.members.count, 1)
    }

    // MARK: - Header problems

    func testUnknownHeaderIsAnErrorNamingIt() {
        let (ledger, diagnostics) = parse("id,name,kind,birthday\nM1,甲,local,1990-01-01\n")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertTrue(diagnostics[0].isError)
        XCTAssertEqual(diagnostics[0].line, 1)
        XCTAssertTrue(diagnostics[0].message.hasPrefix("unknown column \"birthday\""), diagnostics[0].message)
        XCTAssertNotNil(ledger.member("M1"), "the other columns are still read")
    }

    func testMissingRequiredHeaderIsAnError() {
        let (ledger, diagnostics) = parse("\nid,name\nM1,甲\n")
        XCTAssertEqual(descriptions(diagnostics), ["members.csv:2: required column kind (类别) is missing from the header row"])
        XCTAssertTrue(ledger.members.isEmpty)
    }

    func testRepeatedHeaderIsAnError() {
        let (_, diagnostics) = parse("id,name,kind,编号\nM1,甲,local,M1\n")
        XCTAssertEqual(descriptions(diagnostics), ["members.csv:1: column \"编号\" appears twice (columns 1 and 4); keep one"])
    }

    func testEmptyFileIsAnError() {
        let (_, diagnostics) = parse("")
        XCTAssertEqual(diagnostics.map(\.line), [1])
        XCTAssertTrue(diagnostics[0].message.contains("empty"))
    }

    func testMissingRequiredPeopleHeaderSkipsLiaisonCheck() {
        let (ledger, diagnostics) = parse("id,name,kind,since,liaison\nM1,甲,outgoing,2026-01-01,L99\n", people: "id,email\nL1,a@b.org\n")
        XCTAssertEqual(descriptions(diagnostics), ["people.csv:1: required column name (姓名) is missing from the header row"])
        XCTAssertNotNil(ledger.member("M1"))
    }

    // MARK: - Row problems, each with its line

    func testExampleBadDateMessage() {
        let csv = "id,name,kind,since,liaison\nM1,甲,local,\nM2,乙,local,\n\nM3,丙,local,\nM4,丁,local,\nM5,戊,outgoing,2026-13-01,L01\n"
        let (ledger, diagnostics) = parse(csv)
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:7: since \"2026-13-01\" is not a date (use 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日)",
        ])
        XCTAssertNil(ledger.member("M5"))
        XCTAssertEqual(ledger.members.count, 4)
    }

    func testMessagesNameTheColumnAsWrittenInTheHeader() {
        let (_, diagnostics) = parse("编号,姓名,类别,流动时间,联系人\nM1,甲,流出,2026-02-30,L01\n")
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:2: 流动时间 \"2026-02-30\" is not a date (use 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日)",
        ])
    }

    func testDuplicateIdNamesTheLineOfTheFirst() {
        let (ledger, diagnostics) = parse("id,name,kind\nM1,甲,local\nM2,乙,local\nM1,丙,local\n")
        XCTAssertEqual(descriptions(diagnostics), ["members.csv:4: id \"M1\" is already used on line 2; ids must be unique"])
        XCTAssertEqual(ledger.member("M1")?.name, "甲")
        XCTAssertEqual(ledger.members.count, 2)
    }

    func testUnknownLiaisonIsAnError() {
        let (ledger, diagnostics) = parse("id,name,kind,since,liaison\nM1,甲,outgoing,2026-01-01,L99\n")
        XCTAssertEqual(descriptions(diagnostics), ["members.csv:2: liaison \"L99\" is not an id in people.csv"])
        XCTAssertTrue(diagnostics[0].isError)
        XCTAssertNil(ledger.member("M1"))
    }

    func testEmptyLiaisonForOutgoingMemberIsAWarningAndKeepsTheMember() {
        let csv = "id,name,kind,since,liaison,paused,relation\nM1,甲,outgoing,2026-01-01,,,\nM2,乙,outgoing,2026-01-01,,是,\nM3,丙,outgoing,2026-01-01,,,已转出\nM4,丁,incoming,2026-01-01,,,\n"
        let (ledger, diagnostics) = parse(csv)
        XCTAssertEqual(diagnostics.count, 1, descriptions(diagnostics).joined(separator: "\n"))
        XCTAssertEqual(diagnostics[0].severity, .warning)
        XCTAssertEqual(diagnostics[0].line, 2)
        XCTAssertTrue(diagnostics[0].description.hasPrefix("members.csv:2: warning: outgoing member M1 has no liaison"))
        XCTAssertFalse(diagnostics.hasErrors)
        XCTAssertEqual(ledger.members.count, 4)
    }

    func testMissingRequiredFieldsAreErrors() {
        let csv = "id,name,kind,since\n,甲,local,\nM2,,local,\nM3,丙,,\nM4,丁,outgoing,\nM5,戊,incoming,\nM6,己,local,\n"
        let (ledger, diagnostics) = parse(csv)
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:2: id is empty; every member needs a unique id (replies and `record --member` use it)",
            "members.csv:3: name is empty; the name goes into reminders",
            "members.csv:4: kind is empty; use outgoing/流出, incoming/流入 or local/直管",
            "members.csv:5: since is empty; an outgoing member needs the day they left (use 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日)",
            "members.csv:5: warning: outgoing member M4 has no liaison; nobody will be reminded to contact them (put the id of a person in people.csv there)",
            "members.csv:6: since is empty; an incoming member needs the day they arrived (use 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日)",
        ])
        XCTAssertEqual(ledger.members.map(\.id), ["M6"])
    }

    func testBadValuesAreReportedQuotingTheValue() {
        let csv = """
            id,name,kind,relation,report_every,certificate_check,dues_paid_through,paused,registered,last_contact
            M1,甲,外出,,,,,,,
            M2,乙,local,丢失,,,,,,
            M3,丙,local,,monthly,,,,,
            M4,丁,local,,,weekly,,,,
            M5,戊,local,,,,2026-13,,,
            M6,己,local,,,,,maybe,,
            M7,庚,local,,,,,,2,
            M8,辛,local,,,,,,,2025-02-29

            """
        let (ledger, diagnostics) = parse(csv)
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:2: kind \"外出\" is not a kind of member (use outgoing/流出, incoming/流入 or local/直管)",
            "members.csv:3: relation \"丢失\" is not a relation (use retained/保留, transferred/已转出 or transferred-in/已转入)",
            "members.csv:4: report_every \"monthly\" is not a report period (use quarter/季度 or half-year/半年)",
            "members.csv:5: certificate_check \"weekly\" is not a check period (use half-year/半年 or year/一年)",
            "members.csv:6: dues_paid_through \"2026-13\" is not a month (use 2026-10, 2026/10, 2026.10 or 2026年10月)",
            "members.csv:7: paused \"maybe\" is not yes or no (use 是/否, yes/no, y/n or 1/0; empty means no)",
            "members.csv:8: registered \"2\" is not yes or no (use 是/否, yes/no, y/n or 1/0; empty means no)",
            "members.csv:9: last_contact \"2025-02-29\" is not a date (use 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日)",
        ])
        XCTAssertTrue(ledger.members.isEmpty)
    }

    func testLeapDayIsAcceptedInALeapYear() {
        let (ledger, diagnostics) = parse("id,name,kind,last_report\nM1,甲,local,2024-02-29\n")
        XCTAssertEqual(descriptions(diagnostics), [])
        XCTAssertEqual(ledger.member("M1")?.lastReport, LocalDate(year: 2024, month: 2, day: 29))
    }

    func testUnknownRoleInPeopleIsAnError() {
        let (ledger, diagnostics) = parse("id,name,kind\n", people: "id,name,role\nL1,王芳,书记\nL2,李强,\n")
        XCTAssertEqual(descriptions(diagnostics), [
            "people.csv:2: role \"书记\" is not a role (use liaison/联系人 or grid-leader/网格长)",
        ])
        XCTAssertNil(ledger.person("L1"))
        XCTAssertEqual(ledger.person("L2")?.role, .liaison, "an empty role means liaison")
    }

    func testLineBreakInNameOrEmailIsRefused() {
        let csv = "id,name,kind,email\nM1,\"张三\r\nBcc: x@evil.example\",local,\nM2,乙,local,\"a@example.org\nBcc: x@evil.example\"\nM3,丙,local,\n"
        let (ledger, diagnostics) = parse(csv)
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:2: name \"张三\\r\\nBcc: x@evil.example\" contains a line break; it is refused because it would go into a mail header (keep it on one line)",
            "members.csv:4: email \"a@example.org\\nBcc: x@evil.example\" contains a line break; it is refused because it would go into a mail header",
        ])
        XCTAssertEqual(ledger.members.map(\.id), ["M3"])
    }

    func testLineBreakInPersonNameIsRefused() {
        let (ledger, diagnostics) = parse("id,name,kind\n", people: "id,name,email\nL1,\"王\n芳\",l1@example.org\nL2,李强,l2@example.org\n")
        XCTAssertEqual(diagnostics.map(\.line), [2])
        XCTAssertTrue(diagnostics[0].message.contains("line break"))
        XCTAssertEqual(ledger.people.map(\.id), ["L2"])
    }

    func testMalformedEmailIsAnError() {
        let (_, diagnostics) = parse("id,name,kind,email\nM1,甲,local,zhangsan\nM2,乙,local,a b@example.org\nM3,丙,local,<a@example.org>\nM4,丁,local,ok@example.org\n",
                                     people: "id,name,email\nL1,王芳,wang@\n")
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:2: email \"zhangsan\" is not a valid e-mail address (write it as name@example.org, one address per cell)",
            "members.csv:3: email \"a b@example.org\" is not a valid e-mail address (write it as name@example.org, one address per cell)",
            "members.csv:4: email \"<a@example.org>\" is not a valid e-mail address (write it as name@example.org, one address per cell)",
            "people.csv:2: email \"wang@\" is not a valid e-mail address (write it as name@example.org, one address per cell)",
        ])
    }

    func testRowWithMoreFieldsThanHeadersIsAnError() {
        let (ledger, diagnostics) = parse("id,name,kind\nM1,甲,local\nM2,乙,local,extra\n")
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:3: the row has 4 fields but the header has 3 columns (put a value that contains a comma in double quotes)",
        ])
        XCTAssertEqual(ledger.members.map(\.id), ["M1"])
    }

    func testCSVSyntaxProblemsAreDiagnosticsAndSkipTheRow() {
        let (ledger, diagnostics) = parse("id,name,kind\nM1,甲\"x,local\nM2,乙,local\nM3,\"丙,local\n")
        XCTAssertEqual(diagnostics.map(\.line), [2, 4])
        XCTAssertTrue(diagnostics.allSatisfy(\.isError))
        XCTAssertEqual(ledger.members.map(\.id), ["M2"])
    }

    func testUndecodableTextIsReportedAtItsLine() {
        let bytes = Array("id,name,kind\nM1,甲,local\n".utf8) + [0x4D, 0x32, 0x2C, 0xFF, 0x2C] + Array("local\n".utf8)
        let (ledger, diagnostics) = LedgerParser.parse(members: bytes, membersFile: "members.csv",
                                                       people: Array(people.utf8), peopleFile: "people.csv")
        XCTAssertEqual(diagnostics.first?.line, 3)
        XCTAssertTrue(diagnostics.first?.message.hasPrefix("the file is neither UTF-8 text") ?? false)
        XCTAssertTrue(diagnostics.hasErrors)
        XCTAssertNotNil(ledger.member("M1"))
    }

    func testDuplicatePersonIdAndMemberPointingAtBrokenPersonRow() {
        let peopleText = "id,name,email\nL1,王芳,l1@example.org\nL1,李强,l2@example.org\nL3,赵敏,not-an-address\n"
        let (ledger, diagnostics) = parse("id,name,kind,since,liaison\nM1,甲,outgoing,2026-01-01,L3\n", people: peopleText)
        XCTAssertEqual(descriptions(diagnostics), [
            "people.csv:3: id \"L1\" is already used on line 2; ids must be unique",
            "people.csv:4: email \"not-an-address\" is not a valid e-mail address (write it as name@example.org, one address per cell)",
        ], "M1's liaison exists in people.csv even though its row is broken: no second error")
        XCTAssertEqual(ledger.person("L1")?.name, "王芳")
        XCTAssertNotNil(ledger.member("M1"))
    }

    func testGridLeaderWithoutGridIsAWarning() {
        let (ledger, diagnostics) = parse("id,name,kind\n", people: "id,name,role,grid\nG1,赵敏,grid-leader,\n")
        XCTAssertEqual(diagnostics.map(\.severity), [.warning])
        XCTAssertEqual(diagnostics.first?.line, 2)
        XCTAssertNotNil(ledger.person("G1"))
    }

    func testSeveralProblemsAreAllReportedWithTheirLinesAndGoodRowsKept() {
        let csv = """
            id,name,kind,since,email,liaison,paused,note
            M1,甲,outgoing,2026-01-01,a@example.org,L01,,"a note
            over two lines"
            M2,乙,outgoing,2026-13-01,bad-address,L77,maybe,
            M3,丙,local,,,,,
            M1,丁,weird,,,,,
            M5,戊,outgoing,2026.3.1,,,,

            """
        let (ledger, diagnostics) = parse(csv)
        XCTAssertEqual(descriptions(diagnostics), [
            "members.csv:4: email \"bad-address\" is not a valid e-mail address (write it as name@example.org, one address per cell)",
            "members.csv:4: since \"2026-13-01\" is not a date (use 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日)",
            "members.csv:4: liaison \"L77\" is not an id in people.csv",
            "members.csv:4: paused \"maybe\" is not yes or no (use 是/否, yes/no, y/n or 1/0; empty means no)",
            "members.csv:6: kind \"weird\" is not a kind of member (use outgoing/流出, incoming/流入 or local/直管)",
            "members.csv:6: id \"M1\" is already used on line 2; ids must be unique",
            "members.csv:7: warning: outgoing member M5 has no liaison; nobody will be reminded to contact them (put the id of a person in people.csv there)",
        ])
        XCTAssertEqual(ledger.members.map(\.id), ["M1", "M3", "M5"])
        XCTAssertEqual(ledger.member("M1")?.note, "a note\nover two lines")
        XCTAssertEqual(ledger.member("M5")?.line, 7)
    }

    func testMemberDiagnosticsComeBeforePeopleDiagnostics() {
        let (_, diagnostics) = parse("id,name,kind\nM1,,local\n", people: "id,name\n,王芳\n")
        XCTAssertEqual(diagnostics.map(\.file), ["members.csv", "people.csv"])
    }
}
