/// When and how long to wait before trying a request again.
///
/// - Retried: HTTP 429 and every 5xx status, and failures below HTTP (`transport`, `timedOut`).
/// - Not retried: any other status (400, 401, 403, 404 ... are the caller's problem and would fail again),
///   `responseTooLarge`, `tooManyRedirects`, `invalidRequest`, `missingCredential`, `clientUnavailable`.
/// - Delay before retry `n` (1-based): a `Retry-After` header, when the response has a parseable one, is obeyed
///   exactly but capped at `delayMaxMillis`; otherwise exponential backoff with full jitter: a uniformly random
///   whole number of milliseconds in `0...min(delayMaxMillis, baseDelayMillis × 2^(n-1))`.
///
/// Spec: spec/pipeline.md#retry-rules
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 disables retries.
    public var attemptsMax: Int
    public var baseDelayMillis: Int64
    /// Cap on every single delay, `Retry-After` included.
    public var delayMaxMillis: Int64

    public static let attemptsLimit = 20

    public init(attemptsMax: Int = 5, baseDelayMillis: Int64 = 500, delayMaxMillis: Int64 = 60_000) {
        precondition((1...Self.attemptsLimit).contains(attemptsMax), "attemptsMax must be in 1...\(Self.attemptsLimit)")
        precondition(baseDelayMillis >= 0 && delayMaxMillis >= 0, "delays cannot be negative")
        self.attemptsMax = attemptsMax
        self.baseDelayMillis = baseDelayMillis
        self.delayMaxMillis = delayMaxMillis
    }

    /// No retries: one attempt.
    public static let never = RetryPolicy(attemptsMax: 1)

    /// True for 429 and 5xx.
    public func isRetryable(status: Int) -> Bool {
        status == 429 || (500..<600).contains(status)
    }

    /// True for failures that may pass on their own: transport errors and timeouts.
    public func isRetryable(_ error: HTTPError) -> Bool {
        switch error {
        case .transport, .timedOut: true
        case .status(_, let code): isRetryable(status: code)
        case .responseTooLarge, .tooManyRedirects, .retriesExhausted, .invalidRequest, .missingCredential,
            .clientUnavailable:
            false
        }
    }

    /// The full-jitter backoff before retry `retry` (1-based): uniform in `0...min(cap, base × 2^(retry-1))`.
    public func backoffMillis(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Int64 {
        precondition(retry >= 1, "retries are numbered from 1")
        let shift = min(retry - 1, 40)
        let (scaled, overflow) = baseDelayMillis.multipliedReportingOverflow(by: Int64(1) << shift)
        let ceiling = overflow ? delayMaxMillis : min(delayMaxMillis, scaled)
        guard ceiling > 0 else { return 0 }
        return Int64.random(in: 0...ceiling, using: &generator)
    }

    /// The delay a `Retry-After` value asks for, capped at `delayMaxMillis`; nil when the value is unparseable.
    public func retryAfterMillis(_ headerValue: String, nowMillis: Int64) -> Int64? {
        RetryAfter.delayMillis(headerValue, nowMillis: nowMillis).map { min($0, delayMaxMillis) }
    }
}
