// libFuzzer entry: the MIME reader (header unfolding, RFC 2047, multipart, base64 and
// quoted-printable, address lists and message ids), as `ingest` and IMAP will use it on
// mail from anyone.
import LiaisonCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = MIMEReader.parse(bytes) else { return 0 }
    for name in ["From", "To", "Cc", "Reply-To", "Sender"] {
        for m in message.mailboxes(name) { precondition(m.address.contains("@")) }
    }
    _ = message.subject
    _ = message.messageID
    _ = message.inReplyTo
    _ = message.references
    _ = message.headers(named: "Received")
    _ = message.contentType.charset
    if let subject = message.subject { _ = ThreadTag.find(in: subject) }
    _ = MIMEReader.decodeQuotedPrintable(bytes)
    _ = MIMEReader.decodeBase64(bytes)
    return 0
}
