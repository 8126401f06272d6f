// libFuzzer entry: what `ingest` and the IMAP poll do with a reply from anyone — classify it
// (reply, auto-reply, bounce), strip quotes and signatures, and read the command in it.
import LiaisonCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let day = LocalDate(year: 2026, month: 12, day: 20)!
    if let message = MIMEReader.parse(bytes) {
        _ = InboundClassifier.classify(message)
        _ = InboundClassifier.deliveryReport(message)
        for report in [false, true] {
            _ = ReplyParser.understand(message.body, isReportThread: report, replyDay: day)
        }
    }
    // The body text alone, as a plain-text reply would carry it.
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ReplyText.newText(text)
    _ = HTMLText.plainText(text)
    if case .command(let c) = ReplyParser.understand(text, isReportThread: false, replyDay: day) {
        _ = c.record(member: "P01")
    }
    // With an open period, from a liaison in a report thread, and one line at a time.
    let ctx = ReplyContext(replyDay: day, openFrom: LocalDate(year: 2026, month: 10, day: 1)!, isReportThread: true,
                           fromMember: false)
    _ = ReplyParser.understand(reading: ReplyReader.read(text, subject: "Fwd: x"), context: ctx)
    for line in text.split(separator: "\n").prefix(20) { _ = ReplyLine.read(String(line), context: ctx) }
    return 0
}
