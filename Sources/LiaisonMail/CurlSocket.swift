import CCurl
import Foundation

/// The connection of a handle that did its `CURLOPT_CONNECT_ONLY` perform, written and read
/// through libcurl (`curl_easy_send` / `curl_easy_recv`, so TLS stays libcurl's) with a
/// deadline: what `SMTPConnection` and `IMAPConnection` both need, in one place.
struct CurlSocket {
    enum Failure: Error {
        /// The deadline passed while waiting for the server.
        case timeout
        /// The server closed the connection.
        case closed
        case send(CURLcode)
        case receive(CURLcode)
        /// `poll` itself failed (its `errno`).
        case poll(Int32)
    }

    let easy: CurlEasy
    let socket: curl_socket_t

    init(easy: CurlEasy) throws {
        self.easy = easy
        var s: curl_socket_t = -1
        try easy.check(ccurl_getinfo_socket(easy.handle, CURLINFO_ACTIVESOCKET, &s))
        socket = s
    }

    /// Writes all of `bytes`, waiting for room until `deadline`.
    func send(_ bytes: [UInt8], deadline: UInt64) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { curl_easy_send(easy.handle, $0.baseAddress! + offset, $0.count - offset, &sent) }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT), deadline: deadline)
                continue
            }
            guard code == CURLE_OK else { throw .send(code) }
            offset += sent
        }
    }

    /// Reads what has arrived into `buffer` (from its start): its count, or 0 when nothing has
    /// (libcurl's TLS layer holds nothing either). Throws `.closed` when the server closed the
    /// connection.
    func receive(into buffer: inout [UInt8]) throws(Failure) -> Int {
        var got = 0
        let code = buffer.withUnsafeMutableBytes { curl_easy_recv(easy.handle, $0.baseAddress, $0.count, &got) }
        if code == CURLE_AGAIN { return 0 }
        guard code == CURLE_OK else { throw .receive(code) }
        guard got > 0 else { throw .closed }
        return got
    }

    /// Waits until the socket is ready for `events` (`POLLIN`, `POLLOUT`) or `deadline` passes.
    func wait(for events: Int16, deadline: UInt64) throws(Failure) {
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw .timeout }
            var fd = pollfd(fd: socket, events: events, revents: 0)
            let ms = Int32(min(UInt64(Int32.max), (deadline - now) / 1_000_000 + 1))
            let r = poll(&fd, 1, ms)
            if r > 0 { return }
            if r < 0 && errno != EINTR { throw .poll(errno) }
        }
    }

    /// True when something is there to read at once (data, the end of the connection, or a TLS
    /// record libcurl will take).
    func isReadable() -> Bool {
        var fd = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, 0) > 0
    }
}
