// libFuzzer entry: the config file (INI reader, then ConfigParser with every value parser).
// A config that parses must print (`check`) as text that parses again to the same config,
// and the rules must run with it.
import Foundation
import LiaisonCore

let ledger = LedgerParser.parse(members: Array("""
    id,name,kind,email,since,liaison,grid,certificate,dues_paid_through,last_contact,last_report
    P01,张伟,outgoing,m01@example.org,2026-05-10,L01,G1,LD1,2026-10,2026-07-15,2026-10-20
    P02,李娜,incoming,,2025-01-01,L01,G1,,,,
    P03,王强,local,m03@example.org,,,G1,,2020-01,,
    """.utf8), membersFile: "m.csv", people: Array("""
    id,name,email,role,grid
    W1,卢立新,wgz1@example.org,grid-leader,G1
    L01,魏诗琪,l01@example.org,liaison,G1
    """.utf8), peopleFile: "p.csv").ledger
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
    let text = String(decoding: bytes, as: UTF8.self)
    let (document, syntax) = INIParser.parse(text, file: "f.conf")
    for s in document.sections { precondition(s.line >= 1); for e in s.entries { precondition(e.line >= s.line) } }
    for d in syntax { _ = d.description }
    let (config, diagnostics) = ConfigParser.parse(text, file: "f.conf")
    for d in diagnostics { _ = d.description }
    if let config {
        let printed = config.description
        let (again, problems) = ConfigParser.parse(printed, file: "printed.conf")
        precondition(again == config, "printed config does not parse back:\n\(printed)\n\(problems)")
        // What the rules make of every setting (durations, days, quiet ranges, time zone).
        evaluateRules(ledger: ledger, config: config, now: now)
    }
    return 0
}
