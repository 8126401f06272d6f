import CCurl
import Foundation

/// A libcurl failure, with libcurl's own words.
public struct CurlError: Error, CustomStringConvertible, Sendable {
    /// The raw `CURLcode` value.
    public var code: Int
    /// `curl_easy_strerror(code)`, e.g. "Couldn't connect to server".
    public var message: String
    /// The handle's error buffer (the detailed reason), possibly empty.
    public var detail: String

    public var description: String {
        detail.isEmpty ? "curl error \(code): \(message)" : "curl error \(code): \(message) (\(detail))"
    }
}

/// Owns one `CURL*` easy handle and its error buffer; frees both in `deinit`.
///
/// - Important: not thread-safe. One handle is used by one thread at a time; options persist
///   across `perform()` calls, so a caller that hands libcurl a pointer (an slist, a callback
///   context) must reset the option before that memory goes away.
final class CurlEasy {
    /// `curl_global_init` runs exactly once per process, before the first handle
    /// (a static `let` is initialised lazily and thread-safely).
    private static let globalInit: Int = Int(curl_global_init(Int(CURL_GLOBAL_ALL)).rawValue)

    let handle: UnsafeMutableRawPointer
    /// `CURL_ERROR_SIZE` bytes that never move (libcurl keeps the pointer).
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init() throws {
        if Self.globalInit != 0 {
            throw CurlError(code: Self.globalInit, message: "curl_global_init failed", detail: "")
        }
        guard let handle = curl_easy_init() else {
            throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed", detail: "")
        }
        guard let buffer = malloc(Int(CURL_ERROR_SIZE))?.assumingMemoryBound(to: CChar.self) else {
            curl_easy_cleanup(handle)
            throw CurlError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "out of memory", detail: "")
        }
        buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.handle = handle
        self.errorBuffer = buffer
        try check(ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(buffer)))
    }

    deinit {
        curl_easy_cleanup(handle)  // sends QUIT on a live SMTP connection
        free(errorBuffer)
    }

    /// The detailed text libcurl left in the error buffer by the last call.
    var errorText: String { String(cString: errorBuffer) }

    /// Throws `CurlError` unless `code` is `CURLE_OK`.
    func check(_ code: CURLcode) throws {
        guard code != CURLE_OK else { return }
        throw error(for: code)
    }

    /// The error `code` means, with the text of the error buffer.
    func error(for code: CURLcode) -> CurlError {
        CurlError(code: Int(code.rawValue), message: Self.describe(code), detail: errorText)
    }

    static func describe(_ code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "unknown error" }
        return String(cString: text)
    }

    // MARK: Options

    func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_setopt_long(handle, option, value))
    }

    func set(_ option: CURLoption, _ value: Bool) throws {
        try check(ccurl_setopt_long(handle, option, value ? 1 : 0))
    }

    func set(_ option: CURLoption, offset value: Int64) throws {
        try check(ccurl_setopt_off_t(handle, option, curl_off_t(value)))
    }

    /// libcurl copies the string.
    func set(_ option: CURLoption, _ value: String) throws {
        try check(value.withCString { ccurl_setopt_string(handle, option, $0) })
    }

    /// Resets a string or pointer option to its default.
    func clear(_ option: CURLoption) throws {
        try check(ccurl_setopt_pointer(handle, option, nil))
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws {
        try check(ccurl_setopt_pointer(handle, option, pointer))
    }

    /// libcurl copies the bytes.
    func set(_ option: CURLoption, blob: [UInt8]) throws {
        try check(blob.withUnsafeBytes { ccurl_setopt_blob_copy(handle, option, $0.baseAddress, $0.count) })
    }

    func set(_ option: CURLoption, writeCallback: curl_write_callback) throws {
        try check(ccurl_setopt_write_callback(handle, option, writeCallback))
    }

    func set(_ option: CURLoption, debugCallback: curl_debug_callback) throws {
        try check(ccurl_setopt_debug_callback(handle, option, debugCallback))
    }

    // MARK: Information

    func info(long info: CURLINFO) -> Int {
        var value = 0
        return ccurl_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    func info(double info: CURLINFO) -> Double {
        var value = 0.0
        return ccurl_getinfo_double(handle, info, &value) == CURLE_OK ? value : 0
    }

    func info(offset info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return ccurl_getinfo_off_t(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    func info(string info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard ccurl_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    // MARK: Transfer

    /// Runs the transfer; the code is returned, not thrown, because callers classify it. The
    /// error buffer is emptied first, so `errorText` speaks of this transfer only.
    func perform() -> CURLcode {
        errorBuffer[0] = 0
        return curl_easy_perform(handle)
    }
}
