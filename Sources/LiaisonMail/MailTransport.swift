/// What a send pass needs of a mail server: hand over a batch, hear each message's outcome as
/// the server gives it, stop when told. `SMTPTransport` is the real one; the pass's own tests
/// pass a scripted one, so the decide-record-send-mark sequence can be driven on an injected
/// clock without a server.
public protocol MailTransport: AnyObject, Sendable {
    /// Sends `batch` in order. `each(i, outcome)` is called once per message handed over, as
    /// soon as its outcome is known; returning false stops the batch before the next message.
    @discardableResult
    func send(_ batch: [OutgoingMail], each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary

    /// Sends `count` messages, each filled into one reused buffer by `message(i, &mail)` just
    /// before it goes out; `whileWaiting()` runs while the server answers (true: it did some work);
    /// `beforeEndOfData(i)` is the last moment to stop message `i` (false: not sent). See
    /// `SMTPTransport.send(count:message:whileWaiting:beforeEndOfData:each:)`.
    @discardableResult
    func send(count: Int, message: (Int, inout OutgoingMail) -> Void, whileWaiting: () -> Bool,
              beforeEndOfData: (Int) -> Bool, each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary
}

extension MailTransport {
    /// For transports without a wire (the pass's scripted ones): each message is asked for,
    /// then `whileWaiting` runs until it has nothing left to do and `beforeEndOfData` is asked
    /// before it is handed over, one at a time.
    @discardableResult
    public func send(count: Int, message: (Int, inout OutgoingMail) -> Void, whileWaiting: () -> Bool,
                     beforeEndOfData: (Int) -> Bool, each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary {
        var summary = SMTPBatchSummary(attempted: 0, connections: 0)
        var mail = OutgoingMail(from: "", recipients: [], data: [])
        for index in 0..<count {
            message(index, &mail)
            while whileWaiting() {}
            guard beforeEndOfData(index) else {
                summary.attempted += 1
                _ = each(index, .temporary(reply: "not sent: stopped before the end of data"))
                break
            }
            var goOn = true
            let one = send([mail]) { _, outcome in
                goOn = each(index, outcome)
                return goOn
            }
            summary.attempted += one.attempted
            summary.connections += one.connections
            if !goOn { break }
        }
        return summary
    }
}

extension SMTPTransport: MailTransport {}
