import CCurl

/// An HTTP/1.1 and HTTP/2 client over libcurl's easy interface: one easy handle per request, so concurrent
/// calls share nothing but libcurl's global state (initialised once, see `CurlRuntime`).
///
/// Every exchange is bounded: connect and total timeouts, a response size limit and a redirect limit
/// (`HTTPClientOptions`). Only `http` and `https` are allowed, also for redirects. TLS peer and host
/// verification stay at libcurl's defaults (on) and cannot be turned off. Signals are not used for timeouts
/// (`CURLOPT_NOSIGNAL`), which keeps the client safe on worker threads. Compressed responses are accepted and
/// decoded transparently.
///
/// ```swift
/// let client = HTTPClient(options: HTTPClientOptions(totalTimeoutMillis: 5_000))
/// let response = try client.send(HTTPRequest(url: "https://example.com/v1/x", query: [.init("limit", "10")]))
/// ```
///
/// - Throws: `timedOut`, `responseTooLarge`, `tooManyRedirects`, `transport` (any other libcurl failure),
///   `invalidRequest`, `clientUnavailable`; all redacted with the request's secrets.
///
/// Spec: spec/pipeline.md#http-client
public struct HTTPClient: HTTPTransport {
    public let options: HTTPClientOptions

    public init(options: HTTPClientOptions = HTTPClientOptions()) {
        self.options = options
    }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        do {
            return try perform(request)
        } catch {
            throw error.redacting(request.secrets)
        }
    }

    private func perform(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        try request.validate()
        if let failure = CurlRuntime.initializationFailure {
            throw .clientUnavailable(reason: failure)
        }
        guard let handle = curl_easy_init() else {
            throw .clientUnavailable(reason: "curl_easy_init returned no handle")
        }
        defer { curl_easy_cleanup(handle) }

        let url = request.urlWithQuery
        let transfer = CurlTransfer(bytesMax: options.responseBytesMax)
        let transferPointer = Unmanaged.passRetained(transfer)
        defer { transferPointer.release() }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        defer { curl_slist_free_all(headerList) }

        var setupFailure: CURLcode = CURLE_OK
        func check(_ code: CURLcode) {
            if setupFailure == CURLE_OK && code != CURLE_OK { setupFailure = code }
        }
        check(lake_curl_setopt_string(handle, CURLOPT_URL, url))
        check(lake_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        check(lake_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeoutMillis))
        check(lake_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, options.totalTimeoutMillis))
        check(lake_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, options.redirectsMax > 0 ? 1 : 0))
        check(lake_curl_setopt_long(handle, CURLOPT_MAXREDIRS, options.redirectsMax))
        check(lake_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
        check(lake_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        check(lake_curl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent))
        check(lake_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
        check(lake_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.responseBytesMax)))
        check(lake_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        check(lake_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, CurlTransfer.writeBody))
        check(lake_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, transferPointer.toOpaque()))
        check(lake_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, CurlTransfer.writeHeader))
        check(lake_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, transferPointer.toOpaque()))
        switch request.method {
        case .get:
            check(lake_curl_setopt_long(handle, CURLOPT_HTTPGET, 1))
        case .post:
            check(lake_curl_setopt_long(handle, CURLOPT_POST, 1))
            check(lake_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count)))
            // COPYPOSTFIELDS copies `POSTFIELDSIZE` bytes, so the body may contain NUL bytes.
            request.body.withUnsafeBufferPointer { buffer in
                let bytes = buffer.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                var empty: UInt8 = 0
                if let bytes {
                    check(lake_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, bytes))
                } else {
                    check(lake_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, &empty))
                }
            }
        }
        for header in request.headers {
            guard let appended = curl_slist_append(headerList, "\(header.name): \(header.value)") else {
                throw .clientUnavailable(reason: "out of memory building the header list")
            }
            headerList = appended
        }
        if let headerList { check(lake_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)) }
        guard setupFailure == CURLE_OK else {
            throw .invalidRequest(
                reason: "libcurl refused an option: \(String(cString: curl_easy_strerror(setupFailure)))")
        }

        let result = curl_easy_perform(handle)
        if result != CURLE_OK {
            let detail = String(cString: errorBuffer)
            let reason = detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail
            if transfer.exceededLimit || result == CURLE_FILESIZE_EXCEEDED {
                throw .responseTooLarge(url: url, bytesMax: options.responseBytesMax)
            }
            switch result {
            case CURLE_OPERATION_TIMEDOUT: throw .timedOut(url: url, reason: reason)
            case CURLE_TOO_MANY_REDIRECTS: throw .tooManyRedirects(url: url, redirectsMax: options.redirectsMax)
            case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: throw .invalidRequest(reason: reason)
            default: throw .transport(url: url, reason: reason)
            }
        }
        var status = 0
        _ = lake_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var effectiveURL: UnsafeMutablePointer<CChar>? = nil
        _ = lake_curl_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effectiveURL)
        let finalURL = effectiveURL.map { String(cString: $0) } ?? url
        return HTTPResponse(status: status, headers: transfer.headers, body: transfer.body, url: finalURL)
    }
}
