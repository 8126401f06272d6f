import CCurl
import Foundation

/// An SMTP session on which liaisond writes each message's commands itself.
///
/// libcurl opens it (`CURLOPT_CONNECT_ONLY`: TCP, implicit TLS or STARTTLS, the greeting, EHLO
/// and AUTH, all of which it knows best) and hands it over; `curl_easy_send` and
/// `curl_easy_recv` carry our commands through its TLS. libcurl's own SMTP client sends one
/// command and waits for its answer: four round trips a message. When the server offers
/// PIPELINING (RFC 2920; Postfix, Exim and the hosted services do), `MAIL FROM`, every
/// `RCPT TO` and `DATA` go out together and the message with its end of data after the `354`:
/// two round trips. A server without it gets one command at a time.
///
/// - Important: not thread-safe; blocking. After a transport error, a timeout or a refused
///   command the server's state is unknown: the owner drops the connection (`abandon`).
final class SMTPConnection {
    /// Why a message's exchange ended without a verdict from the server; the transport maps
    /// each to libcurl's code for the same failure and lets `classify` word it.
    enum Failure: Error {
        case timeout
        /// The server closed the connection (no reply, or no more of one).
        case closed
        case send(CURLcode)
        case receive(CURLcode)

        /// libcurl's code for the same failure, for `SMTPTransport.classify` to word.
        var code: CURLcode {
            switch self {
            case .timeout: return CURLE_OPERATION_TIMEDOUT
            case .closed: return CURLE_RECV_ERROR
            case .send(let code), .receive(let code): return code
            }
        }
    }

    let easy: CurlEasy
    let pipelining: Bool
    /// The server takes `SIZE=` on `MAIL FROM` (RFC 1870), as libcurl would send it.
    let announcesSize: Bool
    private let socket: curl_socket_t
    private var input: [UInt8] = []
    private var inputStart = 0
    private var receiveBuffer = [UInt8](repeating: 0, count: 16 * 1024)
    private var output: [UInt8] = []

    /// `easy` has done its `CURLOPT_CONNECT_ONLY` perform; `extensions` are the EHLO reply's.
    init(easy: CurlEasy, extensions: Set<String>) throws {
        self.easy = easy
        var s: curl_socket_t = -1
        try easy.check(ccurl_getinfo_socket(easy.handle, CURLINFO_ACTIVESOCKET, &s))
        socket = s
        pipelining = extensions.contains("PIPELINING")
        announcesSize = extensions.contains("SIZE")
    }

    /// True when the server spoke or closed without being asked (an idle timeout's `421`, a
    /// restart): the connection must not carry another message. TLS records that are not data
    /// (a TLS 1.3 session ticket) make the socket readable too; libcurl reads them away.
    func isStale() -> Bool {
        if inputStart < input.count { return true }
        var fd = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 0) > 0 else { return false }
        var got = 0
        let code = receiveBuffer.withUnsafeMutableBytes { curl_easy_recv(easy.handle, $0.baseAddress, $0.count, &got) }
        return code != CURLE_AGAIN
    }

    /// Writes `commands` (each without its CRLF) in one send, noting each in `transcript`.
    func send(commands: [String], deadline: UInt64, transcript: inout SMTPTranscript) throws(Failure) {
        output.removeAll(keepingCapacity: true)
        for command in commands {
            transcript.sent(command)
            output += command.utf8
            output += [0x0D, 0x0A]
        }
        try sendOutput(deadline: deadline)
    }

    /// Writes the message as DATA carries it, then its end of data: a line that starts with
    /// `.` gets another (RFC 5321 4.5.2), a last line without CRLF gets one.
    func send(message data: [UInt8], deadline: UInt64, transcript: inout SMTPTranscript) throws(Failure) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(data.count + data.count / 64 + 8)
        var lineStart = true
        for b in data {
            if lineStart && b == UInt8(ascii: ".") { output.append(b) }
            output.append(b)
            lineStart = b == 0x0A
        }
        if !output.isEmpty && !(output.count >= 2 && output[output.count - 2] == 0x0D && output[output.count - 1] == 0x0A) {
            output += [0x0D, 0x0A]
        }
        output += Array(".\r\n".utf8)
        transcript.sent(".")
        try sendOutput(deadline: deadline)
    }

    /// Reads the next complete reply (one or more lines), each line into `transcript`; returns
    /// its code. `whileWaiting()` runs each time there is nothing to read yet: true means it did
    /// some work (the socket is looked at again before waiting), false that it had none.
    func reply(deadline: UInt64, transcript: inout SMTPTranscript, whileWaiting: () -> Bool) throws(Failure) -> Int {
        while true {
            if let code = takeReply(into: &transcript) { return code }
            var got = 0
            let code = receiveBuffer.withUnsafeMutableBytes { curl_easy_recv(easy.handle, $0.baseAddress, $0.count, &got) }
            if code == CURLE_AGAIN {
                if whileWaiting() { continue }
                try wait(for: Int16(POLLIN), deadline: deadline)
                continue
            }
            guard code == CURLE_OK else { throw .receive(code) }
            guard got > 0 else { throw .closed }
            // Keep only what is not consumed yet (a reply cut short by the last read).
            input.removeSubrange(0..<inputStart)
            inputStart = 0
            input += receiveBuffer[0..<got]
        }
    }

    /// Says goodbye (errors ignored) and stops the socket, so that libcurl's own QUIT when the
    /// handle is freed fails at once instead of waiting for an answer to nothing.
    func close(quit: Bool, deadline: UInt64) {
        if quit {
            var transcript = SMTPTranscript()
            try? send(commands: ["QUIT"], deadline: deadline, transcript: &transcript)
            _ = try? reply(deadline: deadline, transcript: &transcript) { false }
        }
        shutdown(socket, Int32(SHUT_RDWR))
    }

    /// A complete reply from the bytes read so far, consumed; nil when none is complete yet.
    private func takeReply(into transcript: inout SMTPTranscript) -> Int? {
        var lineStart = inputStart
        var lines: [String] = []
        var i = inputStart
        while i < input.count {
            if input[i] == 0x0A {
                var end = i
                if end > lineStart && input[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: input[lineStart..<end], as: UTF8.self)
                lines.append(line)
                lineStart = i + 1
                if SMTPTranscript.isLastLine(line) || SMTPTranscript.code(of: line) == nil {
                    inputStart = lineStart
                    for l in lines { transcript.received(l) }
                    return SMTPTranscript.code(of: line) ?? 0
                }
            }
            i += 1
        }
        return nil
    }

    private func sendOutput(deadline: UInt64) throws(Failure) {
        var offset = 0
        while offset < output.count {
            var sent = 0
            let code = output.withUnsafeBytes { curl_easy_send(easy.handle, $0.baseAddress! + offset, $0.count - offset, &sent) }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT), deadline: deadline)
                continue
            }
            guard code == CURLE_OK else { throw .send(code) }
            offset += sent
        }
    }

    private func wait(for events: Int16, deadline: UInt64) throws(Failure) {
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { throw .timeout }
            var fd = pollfd(fd: socket, events: events, revents: 0)
            let ms = Int32(min(UInt64(Int32.max), (deadline - now) / 1_000_000 + 1))
            let r = poll(&fd, 1, ms)
            if r > 0 { return }
            if r < 0 && errno != EINTR { throw .receive(CURLE_RECV_ERROR) }
        }
    }
}
