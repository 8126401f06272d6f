/// What a send pass needs of a mail server: hand over a batch, hear each message's outcome as
/// the server gives it, stop when told. `SMTPTransport` is the real one; the pass's own tests
/// pass a scripted one, so the decide-record-send-mark sequence can be driven on an injected
/// clock without a server.
public protocol MailTransport: AnyObject, Sendable {
    /// Sends `batch` in order. `each(i, outcome)` is called once per message handed over, as
    /// soon as its outcome is known; returning false stops the batch before the next message.
    @discardableResult
    func send(_ batch: [OutgoingMail], each: (Int, DeliveryResult) -> Bool) -> SMTPBatchSummary
}

extension SMTPTransport: MailTransport {}
