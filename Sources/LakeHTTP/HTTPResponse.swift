/// A complete HTTP response. Any status is a response; only failures below HTTP are errors.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code of the final response (after redirects).
    public var status: Int
    /// Header lines of the final response, in arrival order, names as sent.
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    /// The URL the response came from (after redirects).
    public var url: String

    public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = [], url: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// The value of the last header named `name` (compared case-insensitively), if any.
    public func headerValue(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name.lowercased() == wanted }?.value
    }

    /// True for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// `self` when the status is 2xx.
    /// - Throws: `HTTPError.status` naming the URL and code otherwise.
    public func requireSuccess() throws(HTTPError) -> HTTPResponse {
        guard isSuccess else { throw .status(url: url, code: status) }
        return self
    }
}
