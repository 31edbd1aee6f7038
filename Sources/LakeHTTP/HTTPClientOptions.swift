/// Limits of one `HTTPClient`. Every exchange is bounded in time, size and redirects.
///
/// TLS peer and host verification are always on; there is deliberately no option to turn them off.
///
/// Spec: spec/pipeline.md#http-client
public struct HTTPClientOptions: Sendable, Hashable {
    /// Time allowed to establish the connection (TCP and TLS).
    public var connectTimeoutMillis: Int
    /// Time allowed for the whole exchange, connect included.
    public var totalTimeoutMillis: Int
    /// Largest response body accepted; a larger one fails with `responseTooLarge`.
    public var responseBytesMax: Int
    /// Redirects followed before failing with `tooManyRedirects` (0 disables following).
    public var redirectsMax: Int
    public var userAgent: String

    public static let connectTimeoutMillisDefault = 10_000
    public static let totalTimeoutMillisDefault = 60_000
    public static let responseBytesMaxDefault = 64 << 20
    public static let redirectsMaxDefault = 5

    public init(
        connectTimeoutMillis: Int = connectTimeoutMillisDefault, totalTimeoutMillis: Int = totalTimeoutMillisDefault,
        responseBytesMax: Int = responseBytesMaxDefault, redirectsMax: Int = redirectsMaxDefault,
        userAgent: String = "lake/0.1"
    ) {
        precondition(connectTimeoutMillis > 0 && totalTimeoutMillis > 0, "timeouts must be positive")
        precondition(responseBytesMax > 0, "the response size limit must be positive")
        precondition(redirectsMax >= 0, "the redirect limit cannot be negative")
        self.connectTimeoutMillis = connectTimeoutMillis
        self.totalTimeoutMillis = totalTimeoutMillis
        self.responseBytesMax = responseBytesMax
        self.redirectsMax = redirectsMax
        self.userAgent = userAgent
    }
}
