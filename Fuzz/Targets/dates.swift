// libFuzzer entry: the small value grammars — roster dates and months, config durations,
// times of day and quiet-day lists. A value that parses must be valid and, for durations,
// print as text that parses back to the same value.
import LiaisonCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)

    if let d = LocalDate.parse(text) {
        precondition(LocalDate(year: d.year, month: d.month, day: d.day) == d, "invalid date \(d)")
        precondition(LocalDate.parse(d.description) == d, "\(d) does not parse back")
    }
    if let m = YearMonth.parse(text) {
        precondition((1...12).contains(m.month), "invalid month \(m)")
    }
    if let duration = ConfigParser.parseDuration(text) {
        let printed = ConfigParser.format(duration)
        let again = ConfigParser.parseDuration(printed)
        precondition(again == duration, "\(text) -> \(printed) -> \(String(describing: again))")
        _ = duration.approximateSeconds
    }
    if let t = ConfigParser.parseTimeOfDay(text) {
        precondition((0...23).contains(t.hour) && (0...59).contains(t.minute))
    }
    if case .success(let ranges) = ConfigParser.parseQuietDays(text) {
        for r in ranges { precondition(r.lowerBound <= r.upperBound) }
    }
    return 0
}
