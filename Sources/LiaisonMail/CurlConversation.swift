import CCurl
import Foundation

/// What a libcurl handle lets us hear of its conversation with the server: every line the
/// server sends (`CURLOPT_HEADERFUNCTION`) and every command libcurl sends
/// (`CURLOPT_DEBUGFUNCTION`, `CURLINFO_HEADER_OUT`). SMTP keeps a transcript of it and IMAP the
/// last line and `UIDVALIDITY`; they override `received` and `sent`, and one pair of
/// capture-free C callbacks (`CurlEasy.follow`) serves both.
class CurlConversation {
    /// Bytes of a server line split across callbacks (libcurl passes whole lines; defensive).
    private var partial: [UInt8] = []

    /// One whole line from the server, without its line end.
    func received(_ line: String) {}

    /// One line libcurl sent, without its line end; never empty.
    func sent(_ line: String) {}

    /// Forgets a line cut short (a new transfer starts).
    func forgetPartialLine() { partial.removeAll() }

    fileprivate func serverBytes(_ bytes: UnsafeRawBufferPointer) {
        partial += bytes
        while let lf = partial.firstIndex(of: UInt8(ascii: "\n")) {
            let line = partial[..<lf].last == UInt8(ascii: "\r") ? partial[..<(lf - 1)] : partial[..<lf]
            received(String(decoding: line, as: UTF8.self))
            partial.removeSubrange(...lf)
        }
    }

    fileprivate func clientBytes(_ bytes: UnsafeRawBufferPointer) {
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            let trimmed = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            if !trimmed.isEmpty { sent(String(decoding: trimmed, as: UTF8.self)) }
        }
    }
}

extension CurlEasy {
    /// Routes the server's lines and libcurl's commands to `conversation`, held unretained: its
    /// owner keeps it alive as long as the handle. With the debug callback set, libcurl's verbose
    /// output goes nowhere else (nothing reaches stderr).
    func follow(_ conversation: CurlConversation) throws {
        let userdata = Unmanaged.passUnretained(conversation).toOpaque()
        try set(CURLOPT_HEADERDATA, pointer: userdata)
        try set(CURLOPT_HEADERFUNCTION, writeCallback: { data, size, count, userdata in
            guard let data, let userdata else { return 0 }
            Unmanaged<CurlConversation>.fromOpaque(userdata).takeUnretainedValue()
                .serverBytes(UnsafeRawBufferPointer(start: data, count: size * count))
            return size * count
        })
        try set(CURLOPT_DEBUGDATA, pointer: userdata)
        try set(CURLOPT_DEBUGFUNCTION, debugCallback: { _, type, data, size, userdata in
            guard type == CURLINFO_HEADER_OUT, let data, let userdata else { return 0 }
            Unmanaged<CurlConversation>.fromOpaque(userdata).takeUnretainedValue()
                .clientBytes(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
        try set(CURLOPT_VERBOSE, true)
    }
}
