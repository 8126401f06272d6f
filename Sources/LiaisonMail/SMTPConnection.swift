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
    typealias Failure = CurlSocket.Failure

    let pipelining: Bool
    /// The server takes `SIZE=` on `MAIL FROM` (RFC 1870), as libcurl would send it.
    let announcesSize: Bool
    private let socket: CurlSocket
    var easy: CurlEasy { socket.easy }
    private var input: [UInt8] = []
    private var inputStart = 0
    private var receiveBuffer = [UInt8](repeating: 0, count: 16 * 1024)
    private var output: [UInt8] = []

    /// `easy` has done its `CURLOPT_CONNECT_ONLY` perform; `extensions` are the EHLO reply's.
    init(easy: CurlEasy, extensions: Set<String>) throws {
        socket = try CurlSocket(easy: easy)
        pipelining = extensions.contains("PIPELINING")
        announcesSize = extensions.contains("SIZE")
    }

    /// True when the server spoke or closed without being asked (an idle timeout's `421`, a
    /// restart): the connection must not carry another message. TLS records that are not data
    /// (a TLS 1.3 session ticket) make the socket readable too; libcurl reads them away.
    func isStale() -> Bool {
        if inputStart < input.count { return true }
        guard socket.isReadable() else { return false }
        do {
            return try socket.receive(into: &receiveBuffer) > 0
        } catch {
            return true
        }
    }

    /// Writes `commands` (each without its CRLF) in one send, noting each in `transcript`.
    func send(commands: [String], deadline: UInt64, transcript: inout SMTPTranscript) throws(Failure) {
        output.removeAll(keepingCapacity: true)
        for command in commands {
            transcript.sent(command)
            output += command.utf8
            output += [0x0D, 0x0A]
        }
        try socket.send(output, deadline: deadline)
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
        if !output.isEmpty && !output.suffix(2).elementsEqual([0x0D, 0x0A]) { output += [0x0D, 0x0A] }
        output += [UInt8(ascii: "."), 0x0D, 0x0A]
        transcript.sent(".")
        try socket.send(output, deadline: deadline)
    }

    /// Reads the next complete reply (one or more lines), each line into `transcript`; returns
    /// its code. `whileWaiting()` runs each time there is nothing to read yet: true means it did
    /// some work (the socket is looked at again before waiting), false that it had none.
    func reply(deadline: UInt64, transcript: inout SMTPTranscript, whileWaiting: () -> Bool) throws(Failure) -> Int {
        while true {
            if let code = takeReply(into: &transcript) { return code }
            let got = try socket.receive(into: &receiveBuffer)
            if got == 0 {
                if whileWaiting() { continue }
                try socket.wait(for: Int16(POLLIN), deadline: deadline)
                continue
            }
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
        shutdown(socket.socket, Int32(SHUT_RDWR))
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
}
