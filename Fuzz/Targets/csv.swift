// libFuzzer entry: the roster reader. The input is split at the first NUL byte into
// members.csv and people.csv (without a NUL, people.csv is a fixed valid file), so the
// fuzzer reaches the charset detection, the CSV reader and LedgerParser's validation.
import Foundation
import LiaisonCore

let defaultPeople: [UInt8] = Array("""
    id,name,email,role,grid
    W1,卢立新,wgz1@example.org,grid-leader,G1
    L01,魏诗琪,l01@example.org,liaison,G1

    """.utf8)

let config: Config = ConfigParser.parse("""
    [branch]
    name = 支部
    secretary = 王芳 <secretary@example.org>
    timezone = Asia/Shanghai
    [roster]
    members = members.csv
    people = people.csv
    [smtp]
    url = smtp://127.0.0.1:2525
    from = 支部 <branch@example.org>
    tls = none
    """, file: "f.conf").config!
/// 2026-12-17 09:00 in Shanghai.
let now = Date(timeIntervalSince1970: 1_797_469_200)

/// The rules on a parsed config and ledger, at one instant (as `due` would run them).
func evaluateRules(ledger: Ledger, config: Config, now: Date) {
    let tz = TimeZone(identifier: config.branch.timezone) ?? TimeZone(identifier: "Asia/Shanghai")!
    let calendar = BranchCalendar(timeZone: tz, sendAt: config.schedule.sendAt, quiet: config.schedule.quiet)
    let windowStart = now.addingTimeInterval(-config.schedule.catchUp.approximateSeconds)
    let decisions = RuleEngine().evaluate(ledger: ledger, records: RecordBook(), config: config, calendar: calendar,
                                          now: now, windowStart: windowStart, handled: { _ in false })
    _ = decisions.send.count
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let members: [UInt8]
    let people: [UInt8]
    if let nul = bytes.firstIndex(of: 0) {
        members = Array(bytes[..<nul])
        people = Array(bytes[(nul + 1)...])
    } else {
        members = bytes
        people = defaultPeople
    }

    // The CSV reader on its own: rows are in line order and every line is within the text.
    let text = String(decoding: members, as: UTF8.self)
    let (rows, problems) = CSVReader.parse(text)
    let physicalLines = members.count + 1
    var previous = 0
    for row in rows {
        precondition(row.line > previous && row.line <= physicalLines, "row line \(row.line) out of order")
        previous = row.line
    }
    for p in problems { precondition(p.line >= 1 && p.line <= physicalLines, "problem line \(p.line)") }

    // The whole roster.
    let (ledger, diagnostics) = LedgerParser.parse(members: members, membersFile: "members.csv",
                                                   people: people, peopleFile: "people.csv")
    for d in diagnostics { _ = d.description }
    precondition(ledger.members.count <= rows.count, "more members than rows")
    // What the rules make of whatever the roster says (dates far in the past or future …).
    evaluateRules(ledger: ledger, config: config, now: now)
    return 0
}
