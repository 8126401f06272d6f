import CCurl
import Foundation

extension SMTPTransport {
    /// Connects, greets, upgrades to TLS and logs in exactly as a send does, then sends `NOOP`
    /// and `QUIT`: nothing is sent. `liaisond check --connect` uses it to say whether the
    /// mailbox settings work before the first reminder is due.
    /// - Returns: `.accepted` with the server's last reply when everything worked, otherwise the
    ///   failure as a send would have classified it (`serverProblem` tells login from connection).
    public func checkLogin() -> DeliveryResult {
        let context = TransferContext()
        do {
            let easy = try CurlEasy()
            try configure(easy, context: context)
            try easy.set(CURLOPT_UPLOAD, false)
            // Without a message and recipients libcurl sends this command after the login.
            try easy.set(CURLOPT_CUSTOMREQUEST, "NOOP")
            context.begin()
            let code = withExtendedLifetime(context) { easy.perform() }
            return classify(code, transcript: context.transcript, easy: easy)
        } catch {
            return .temporary(reply: "internal: cannot set up libcurl: \(error)")
        }
    }
}
