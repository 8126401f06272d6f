import CCurl
import Foundation

extension SMTPTransport {
    /// Turns libcurl's code and the transcript of one message into a `DeliveryResult`.
    ///
    /// A 5xx reply to MAIL, RCPT or the message is permanent; any other failure is temporary,
    /// including a 5xx greeting or a refused login (the server, not the message, is at fault:
    /// like Postfix's `smtp_sasl_auth_soft_bounce`, the reminder waits for the operator).
    func classify(_ code: CURLcode, transcript: SMTPTranscript, easy: CurlEasy) -> DeliveryResult {
        if code == CURLE_OK {
            let refused = transcript.recipientReplies
                .filter { ($0.code ?? 0) >= 300 }
                .map { RefusedRecipient(address: $0.address ?? "?", reply: $0.reply) }
            let final = transcript.finalReply ?? transcript.lastReply
            return .accepted(reply: final?.reply ?? "\(easy.info(long: CURLINFO_RESPONSE_CODE))", refused: refused)
        }
        let detail = easy.errorText

        switch code {
        case CURLE_USE_SSL_FAILED:
            if let starttls = transcript.exchange(verb: "STARTTLS"), !starttls.lines.isEmpty {
                return .temporary(reply: "TLS: server refused STARTTLS (\(starttls.reply))")
            }
            return .temporary(reply: "TLS: server does not offer STARTTLS")
        case CURLE_PEER_FAILED_VERIFICATION:
            return .temporary(reply: describeVerification(result: easy.info(long: CURLINFO_SSL_VERIFYRESULT), detail: detail))
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
             CURLE_SSL_ISSUER_ERROR, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .temporary(reply: "TLS: handshake failed (\(detail.isEmpty ? CurlEasy.describe(code) : detail))")
        case CURLE_COULDNT_RESOLVE_HOST:
            return .temporary(reply: "DNS: cannot resolve \(endpoint)")
        case CURLE_COULDNT_CONNECT:
            let osErrno = Int32(easy.info(long: CURLINFO_OS_ERRNO))
            let reason = osErrno != 0 ? String(cString: strerror(osErrno)).lowercased() : "cannot connect"
            return .temporary(reply: "connect: \(reason) (\(endpoint))")
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl counts the greeting, EHLO, STARTTLS and AUTH as connecting: until MAIL
            // FROM is sent the smaller of the two timeouts applies.
            if transcript.exchange(verb: "MAIL") == nil {
                let limit = min(settings.connectTimeout, settings.timeout)
                return .temporary(reply: "connect: timeout after \(Self.seconds(limit)) s (\(endpoint))")
            }
            return .temporary(reply: "timeout after \(Self.seconds(settings.timeout)) s")
        default:
            break
        }

        if let failure = transcript.lastFailure, let failureCode = failure.code {
            switch failure.verb {
            case "MAIL", ".", "DATA":
                return failureCode >= 500 ? .permanent(reply: failure.reply) : .temporary(reply: failure.reply)
            case "RCPT":
                // Every recipient was refused (libcurl goes on past single refusals): permanent
                // only if every refusal is.
                let replies = transcript.recipientReplies.filter { ($0.code ?? 0) >= 400 }
                let anyTemporary = replies.contains { ($0.code ?? 0) < 500 }
                return anyTemporary ? .temporary(reply: failure.reply) : .permanent(reply: failure.reply)
            case "AUTH":
                // "535 5.7.8 …" alone does not say it was the login; the pass stops on it.
                return .temporary(reply: "\(ServerProblem.authenticationPrefix): \(failure.reply)")
            default:
                return .temporary(reply: failure.reply)
            }
        }

        switch code {
        case CURLE_LOGIN_DENIED:
            return .temporary(reply: "\(ServerProblem.authenticationPrefix): \(detail.isEmpty ? CurlEasy.describe(code) : detail)")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            // libcurl's own text ("response reading failed (errno: 115)") names a stale errno
            // (EINPROGRESS), which tells an operator nothing: say what happened instead.
            return .temporary(reply: "connection lost: \(Self.lostConnection(code, transcript))")
        default:
            return .temporary(reply: "\(easy.error(for: code))")
        }
    }

    /// What happened when the connection dropped, from where the conversation stood.
    static func lostConnection(_ code: CURLcode, _ transcript: SMTPTranscript) -> String {
        let sending = code == CURLE_SEND_ERROR
        let what = sending ? "the server closed the connection while liaisond was sending"
                           : "the server closed the connection without a reply"
        guard let last = transcript.lastReply else { return what }
        if last.verb == "DATA", last.code == 354 { return what + " (after the message was sent, before accepting it)" }
        if let verb = last.verb, last.code.map({ $0 < 400 }) ?? false { return what + " (after \(verb))" }
        return what
    }

    /// `CURLINFO_SSL_VERIFYRESULT` is OpenSSL's X509_V_ERR code; the host name is checked by
    /// libcurl itself (result 0, reason in the error buffer).
    private func describeVerification(result: Int, detail: String) -> String {
        switch result {
        case 2, 18, 19, 20, 21:
            return "TLS: certificate not trusted (unknown CA)"
        case 9:
            return "TLS: certificate not yet valid"
        case 10:
            return "TLS: certificate expired"
        case 23:
            return "TLS: certificate revoked"
        case 62:
            return "TLS: host name does not match certificate"
        default:
            if detail.contains("subject name") || detail.contains("does not match") {
                return "TLS: host name does not match certificate"
            }
            return "TLS: certificate verification failed (\(detail))"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension CurlSocket.Failure {
    /// libcurl's code for the same failure, for `SMTPTransport.classify` to word.
    var code: CURLcode {
        switch self {
        case .timeout: return CURLE_OPERATION_TIMEDOUT
        case .closed, .poll: return CURLE_RECV_ERROR
        case .send(let code), .receive(let code): return code
        }
    }
}
