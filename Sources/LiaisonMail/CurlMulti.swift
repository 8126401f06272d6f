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
    func perform(_ easy: CurlEasy, whileWaiting: () -> Bool) -> CURLcode {
        easy.prepareForTransfer()
        var code = check(curl_multi_add_handle(handle, easy.handle))
        guard code == CURLE_OK else { return code }
        defer { curl_multi_remove_handle(handle, easy.handle) }
        var running: Int32 = 1
        while running > 0 {
            code = check(curl_multi_perform(handle, &running))
            guard code == CURLE_OK else { return code }
            guard running > 0 else { break }
            if whileWaiting() { continue }  // the answer may have come meanwhile
            // libcurl's own timeouts (CURLOPT_TIMEOUT_MS, …) are checked by the next perform.
            code = check(curl_multi_poll(handle, nil, 0, 1000, nil))
            guard code == CURLE_OK else { return code }
        }
        var left: Int32 = 0
        while let message = curl_multi_info_read(handle, &left) {
            if message.pointee.msg == CURLMSG_DONE { return message.pointee.data.result }
        }
        return CURLE_FAILED_INIT  // a finished transfer without its result: never taken as sent
    }

    /// A multi-level failure (out of memory, a bad handle) as the easy-level code a caller
    /// classifies: libcurl reports both kinds through one path.
    private func check(_ code: CURLMcode) -> CURLcode {
        switch code {
        case CURLM_OK: return CURLE_OK
        case CURLM_OUT_OF_MEMORY: return CURLE_OUT_OF_MEMORY
        default: return CURLE_FAILED_INIT
        }
    }
}
