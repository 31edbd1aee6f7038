/// Why an HTTP exchange failed. Messages never contain credentials.
public enum HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The transfer failed below HTTP (DNS, connect, TLS, timeout); `reason` is libcurl's explanation.
    case transport(url: String, reason: String)
    /// The server answered with a status the caller treats as failure.
    case status(url: String, code: Int)

    public var description: String {
        switch self {
        case .transport(let url, let reason): "\(url): \(reason)"
        case .status(let url, let code): "\(url): HTTP status \(code)"
        }
    }
}
