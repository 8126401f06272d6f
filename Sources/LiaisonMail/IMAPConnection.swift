import CCurl
import Foundation

/// A logged-in IMAP connection on which we write the commands and read the answers ourselves.
///
/// libcurl opens it (`CURLOPT_CONNECT_ONLY`: TCP, implicit TLS or STARTTLS, the greeting,
/// `CAPABILITY` and the login, all of which it knows best) and then hands it over:
/// `curl_easy_send` and `curl_easy_recv` carry our commands through its TLS. libcurl's own
/// IMAP requests cannot do what a poll needs: they fetch one message per round trip, and a
/// fetch by URL sets `\Seen` (`BODY[]`), which makes Dovecot write its index and `fdatasync`
/// per message; a custom `UID FETCH` answer reaches the application line by line, so a body
/// holding a line like `A005 OK` or a line over libcurl's limit would break it. Here one
/// `UID FETCH set BODY.PEEK[]` brings many messages, read by their literal lengths.
///
/// - Important: not thread-safe; blocking. After a transport error or a timeout the connection
///   is out of step with the server and every later command throws that error again.
final class IMAPConnection {
    private let easy: CurlEasy
    private let timeout: Double
    private var reader = IMAPResponseReader()
    private let socket: CurlSocket
    private var tagNumber = 0
    private var broken: IMAPError?
    /// The untagged `BYE` the server said before closing, for the error.
    private var goodbye: String?
    private var receiveBuffer = [UInt8](repeating: 0, count: 256 * 1024)
    /// Each command sent, without its tag.
    private(set) var commands: [String] = []

    /// `easy` is set up (URL without a mailbox, login, TLS, `CURLOPT_CONNECT_ONLY`); this
    /// connects and logs in.
    init(easy: CurlEasy, timeout: Double) throws {
        self.easy = easy
        self.timeout = timeout
        let code = easy.perform()
        guard code == CURLE_OK else {
            // "IMAP login failed" only when the server refused the login; a server that cannot
            // be reached or a certificate that is not trusted is the connection's failure.
            throw IMAPError.failed(command: code == CURLE_LOGIN_DENIED ? "login" : "connection",
                                   error: easy.error(for: code), serverLine: nil)
        }
        socket = try CurlSocket(easy: easy)
    }

    /// Sends `command` and reads up to its tagged answer; each untagged line goes to `untagged`
    /// as it arrives. Throws unless the answer is `OK`.
    func run(_ command: String, label: String, untagged: (IMAPLine) throws -> Void = { _ in }) throws {
        if let broken { throw broken }
        tagNumber += 1
        let tag = "L\(tagNumber)"
        commands.append(command)
        do {
            try send(Array("\(tag) \(command)\r\n".utf8), label: label)
            let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
            while true {
                let line = try readLine(deadline: deadline, label: label)
                let text = line.text
                if text.starts(with: "\(tag) ".utf8) {
                    let words = line.string.split(separator: " ", maxSplits: 2)
                    guard words.count > 1, words[1].uppercased() == "OK" else {
                        throw IMAPError.refused(command: label, serverLine: line.string)
                    }
                    return
                }
                if text.starts(with: "* BYE".utf8) { goodbye = line.string }
                try untagged(line)
            }
        } catch let error as IMAPError {
            if case .refused = error {} else { broken = error }
            throw error
        }
    }

    /// Tells the server goodbye; errors are ignored (the connection closes anyway).
    func logout() {
        guard broken == nil else { return }
        try? run("LOGOUT", label: "LOGOUT")
        broken = .unexpected(command: "LOGOUT", detail: "the connection was closed")
    }

    private func send(_ bytes: [UInt8], label: String) throws {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        do throws(CurlSocket.Failure) {
            try socket.send(bytes, deadline: deadline)
        } catch {
            throw imapError(error, label: label)
        }
    }

    private func readLine(deadline: UInt64, label: String) throws -> IMAPLine {
        while true {
            do {
                if let line = try reader.nextLine() { return line }
            } catch let problem as IMAPResponseReader.Problem {
                throw IMAPError.unexpected(command: label, detail: problem.description)
            }
            do throws(CurlSocket.Failure) {
                let got = try socket.receive(into: &receiveBuffer)
                if got == 0 {
                    try socket.wait(for: Int16(POLLIN), deadline: deadline)
                    continue
                }
                receiveBuffer.withUnsafeBytes { reader.append(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
            } catch {
                throw imapError(error, label: label)
            }
        }
    }

    /// The socket's failure as the poll reports it: libcurl's words, the server's goodbye.
    private func imapError(_ failure: CurlSocket.Failure, label: String) -> IMAPError {
        switch failure {
        case .timeout:
            return .unexpected(command: label, detail: "no answer within \(Int(timeout)) s")
        case .closed:
            return .unexpected(command: label, detail: goodbye.map { "the server closed the connection: \($0)" }
                               ?? "the server closed the connection")
        case .send(let code), .receive(let code):
            return .failed(command: label, error: easy.error(for: code), serverLine: goodbye)
        case .poll(let number):
            return .unexpected(command: label, detail: String(cString: strerror(number)))
        }
    }
}
