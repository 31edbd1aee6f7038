/// Why an HTTP exchange failed.
///
/// Messages never contain credentials: every error that leaves `HTTPClient` or `RetryingTransport` has passed
/// through `redacting(_:)` with the request's sensitive header values, and URLs never carry a key because keys
/// travel only in headers (`APICredential`).
///
/// Spec: spec/pipeline.md#http-client
public indirect enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The transfer failed below HTTP (DNS, connect, TLS, reset connection); `reason` is libcurl's explanation.
    case transport(url: String, reason: String)
    /// The server answered with a status the caller treats as failure.
    case status(url: String, code: Int)
    /// The connect or total time limit passed before the response was complete.
    case timedOut(url: String, reason: String)
    /// The response body exceeded `HTTPClientOptions.responseBytesMax`.
    case responseTooLarge(url: String, bytesMax: Int)
    /// The server redirected more than `HTTPClientOptions.redirectsMax` times.
    case tooManyRedirects(url: String, redirectsMax: Int)
    /// Every attempt allowed by the retry policy failed; `last` is the final attempt's failure.
    case retriesExhausted(url: String, attempts: Int, last: HTTPError)
    /// The request cannot be sent as given (bad URL, header with a line break, unsupported scheme).
    case invalidRequest(reason: String)
    /// The environment variable that should hold an API key is unset or empty.
    case missingCredential(variable: String)
    /// libcurl could not be initialised.
    case clientUnavailable(reason: String)

    public var description: String {
        switch self {
        case .transport(let url, let reason): "\(url): \(reason)"
        case .status(let url, let code): "\(url): HTTP status \(code)"
        case .timedOut(let url, let reason): "\(url): timed out (\(reason))"
        case .responseTooLarge(let url, let bytesMax): "\(url): response larger than \(bytesMax) bytes"
        case .tooManyRedirects(let url, let redirectsMax): "\(url): more than \(redirectsMax) redirects"
        case .retriesExhausted(let url, let attempts, let last):
            "\(url): gave up after \(attempts) attempts; last failure: \(last)"
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .missingCredential(let variable): "API key variable \(variable) is unset or empty"
        case .clientUnavailable(let reason): "HTTP client unavailable: \(reason)"
        }
    }

    /// The same error with every occurrence of each non-empty string of `secrets` replaced by `<redacted>`.
    public func redacting(_ secrets: [String]) -> HTTPError {
        let secrets = secrets.filter { !$0.isEmpty }
        guard !secrets.isEmpty else { return self }
        func clean(_ text: String) -> String { Redaction.redact(text, secrets: secrets) }
        switch self {
        case .transport(let url, let reason): return .transport(url: clean(url), reason: clean(reason))
        case .status(let url, let code): return .status(url: clean(url), code: code)
        case .timedOut(let url, let reason): return .timedOut(url: clean(url), reason: clean(reason))
        case .responseTooLarge(let url, let bytesMax): return .responseTooLarge(url: clean(url), bytesMax: bytesMax)
        case .tooManyRedirects(let url, let redirectsMax):
            return .tooManyRedirects(url: clean(url), redirectsMax: redirectsMax)
        case .retriesExhausted(let url, let attempts, let last):
            return .retriesExhausted(url: clean(url), attempts: attempts, last: last.redacting(secrets))
        case .invalidRequest(let reason): return .invalidRequest(reason: clean(reason))
        case .missingCredential: return self
        case .clientUnavailable(let reason): return .clientUnavailable(reason: clean(reason))
        }
    }
}
