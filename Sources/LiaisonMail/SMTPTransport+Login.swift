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
        context.begin()
        let connection: SMTPConnection
        do {
            connection = try openConnection(heardBy: context)
        } catch {
            return error.result
        }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(settings.timeout * 1e9)
        defer { connection.close(quit: true, deadline: deadline) }
        do {
            try connection.send(commands: ["NOOP"], deadline: deadline, transcript: &context.transcript)
            _ = try connection.reply(deadline: deadline, transcript: &context.transcript) { false }
        } catch {
            return classify(error.code, transcript: context.transcript, easy: connection.easy)
        }
        return classify(CURLE_OK, transcript: context.transcript, easy: connection.easy)
    }
}
