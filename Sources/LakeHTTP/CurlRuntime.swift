import CCurl

/// libcurl's process-wide initialisation, done once.
///
/// `curl_global_init` is not thread-safe, so it runs inside the lazy initialiser of a static constant, which
/// the Swift runtime executes exactly once even when many threads race to the first request.
enum CurlRuntime {
    /// nil when initialisation succeeded, else libcurl's reason.
    static let initializationFailure: String? = {
        let code = lake_curl_global_init()
        guard code == CURLE_OK else { return String(cString: curl_easy_strerror(code)) }
        return nil
    }()
}
