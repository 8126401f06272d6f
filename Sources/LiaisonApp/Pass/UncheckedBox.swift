/// Hands a value to another thread that uses it alone, or only reads it (a closure of the send
/// loop; the fetch of an IMAP poll, run by its prefetch thread).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
