/// Hands a value to another thread that uses it alone, or only reads it (a closure of the send
/// loop; the IMAP session of a poll while its prefetch runs).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
