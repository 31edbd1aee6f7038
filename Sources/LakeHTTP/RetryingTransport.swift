import LakeCore
import Synchronization

/// Sends a request through `base` and retries it according to a `RetryPolicy`.
///
/// A response with a non-retryable status (2xx, 3xx, 400, 401, 404 ...) is returned as is after one attempt. A
/// retryable status (429, 5xx) or failure (transport, timeout) is retried after the policy's delay, slept on the
/// injected `RetryClock`, until `policy.attemptsMax` attempts have been made; then `retriesExhausted` is thrown
/// with the last failure. Jitter comes from a `SeededGenerator`, so a seed makes the delays reproducible.
///
/// - Throws: `retriesExhausted(url:attempts:last:)` after the last retryable failure; a non-retryable error of
///   `base` at once. Errors are redacted with the request's secrets.
///
/// Spec: spec/pipeline.md#retry-rules
public final class RetryingTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let policy: RetryPolicy
    public let clock: any RetryClock
    private let jitter: Mutex<SeededGenerator>

    /// - Parameter jitterSeed: seeds the jitter; nil draws a seed from the system generator.
    public init(
        base: any HTTPTransport, policy: RetryPolicy = RetryPolicy(), clock: any RetryClock = SystemRetryClock(),
        jitterSeed: UInt64? = nil
    ) {
        self.base = base
        self.policy = policy
        self.clock = clock
        var system = SystemRandomNumberGenerator()
        jitter = Mutex(SeededGenerator(seed: jitterSeed ?? system.next()))
    }

    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let url = request.urlWithQuery
        var lastFailure = HTTPError.invalidRequest(reason: "no attempt made")
        for attempt in 1...policy.attemptsMax {
            let delay: Int64
            do {
                let response = try base.send(request)
                guard policy.isRetryable(status: response.status) else { return response }
                lastFailure = .status(url: url, code: response.status)
                let retryAfter = response.headerValue("Retry-After").flatMap {
                    policy.retryAfterMillis($0, nowMillis: clock.nowMillis)
                }
                delay = retryAfter ?? nextBackoff(beforeRetry: attempt)
            } catch {
                guard policy.isRetryable(error) else { throw error.redacting(request.secrets) }
                lastFailure = error
                delay = nextBackoff(beforeRetry: attempt)
            }
            if attempt < policy.attemptsMax { clock.sleep(millis: delay) }
        }
        throw HTTPError.retriesExhausted(url: url, attempts: policy.attemptsMax, last: lastFailure)
            .redacting(request.secrets)
    }

    private func nextBackoff(beforeRetry retry: Int) -> Int64 {
        jitter.withLock { generator in policy.backoffMillis(beforeRetry: retry, using: &generator) }
    }
}
