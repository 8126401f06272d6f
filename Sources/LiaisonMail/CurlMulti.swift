import CCurl

/// Owns one `CURLM*` multi handle; frees it in `deinit` (which closes the connections it
/// keeps, with QUIT on a live SMTP connection).
///
/// Why not `curl_easy_perform`: it blocks from the first command to the last reply, so any
/// work the caller wants done while the server answers needs a thread of its own and a
/// wake-up per message. Driving the transfer here gives the caller the time between sending
/// a command and the server's reply on the same thread.
///
/// - Important: not thread-safe; one thread drives it, one easy handle at a time.
final class CurlMulti {
    let handle: UnsafeMutableRawPointer

    init() throws {
        guard let handle = curl_multi_init() else {
            throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_multi_init failed", detail: "")
        }
        self.handle = handle
    }

    deinit {
        curl_multi_cleanup(handle)
    }

    /// Runs `easy`'s transfer to its end, as `curl_easy_perform` would. Each time libcurl has
    /// sent what it can and would wait for the server, `whileWaiting()` is called first: true
    /// means it did some work (libcurl looks at the socket again before waiting), false that it
    /// had none. The connection stays in this multi handle's cache for the next transfer.
    ///
    /// - Returns: the transfer's own code, for the caller to classify.
    /// - Throws: `CurlError` with libcurl's words when the multi handle itself fails (out of
    ///   memory, a bad handle): nothing to classify, the message was not taken.
    func perform(_ easy: CurlEasy, whileWaiting: () -> Bool) throws -> CURLcode {
        easy.prepareForTransfer()
        try check(curl_multi_add_handle(handle, easy.handle))
        defer { curl_multi_remove_handle(handle, easy.handle) }
        var running: Int32 = 1
        while running > 0 {
            try check(curl_multi_perform(handle, &running))
            guard running > 0 else { break }
            if whileWaiting() { continue }  // the answer may have come meanwhile
            // libcurl's own timeouts (CURLOPT_TIMEOUT_MS, …) are checked by the next perform.
            try check(curl_multi_poll(handle, nil, 0, 1000, nil))
        }
        var left: Int32 = 0
        while let message = curl_multi_info_read(handle, &left) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), message: "the transfer ended without a result", detail: "")
    }

    /// Throws `CurlError` unless `code` is `CURLM_OK`.
    private func check(_ code: CURLMcode) throws {
        guard code != CURLM_OK else { return }
        let message = curl_multi_strerror(code).map { String(cString: $0) } ?? "unknown error"
        throw CurlError(code: Int(code.rawValue), message: message, detail: "")
    }
}
