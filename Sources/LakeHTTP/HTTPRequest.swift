/// One HTTP request: method, absolute URL, query parameters, headers and body.
///
/// The description shows sensitive header values as `<redacted>`; `secrets` lists them so errors about this
/// request can be cleaned with `HTTPError.redacting(_:)`.
///
/// Spec: spec/pipeline.md#http-client
public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible {
    public var method: HTTPMethod
    /// `http://` or `https://` URL, possibly with a query of its own; `query` items are appended to it.
    public var url: String
    public var query: [HTTPQueryItem]
    public var headers: [HTTPHeader]
    /// Sent only with POST.
    public var body: [UInt8]

    public init(
        method: HTTPMethod = .get, url: String, query: [HTTPQueryItem] = [], headers: [HTTPHeader] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.url = url
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `url` followed by the percent-encoded `query`, joined with `?` or `&`.
    public var urlWithQuery: String {
        guard !query.isEmpty else { return url }
        let separator = url.utf8.contains(UInt8(ascii: "?")) ? "&" : "?"
        return url + separator + PercentEncoding.query(query)
    }

    /// The values of sensitive headers.
    public var secrets: [String] {
        headers.filter(\.isSensitive).map(\.value).filter { !$0.isEmpty }
    }

    public var description: String {
        let headerText = headers.map(\.description).joined(separator: ", ")
        return "\(method.rawValue) \(urlWithQuery)" + (headers.isEmpty ? "" : " [\(headerText)]")
    }

    /// Throws `invalidRequest` for a URL that is not http(s) or contains spaces or control characters, or a
    /// header that could inject lines.
    func validate() throws(HTTPError) {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
            throw .invalidRequest(reason: "URL must start with http:// or https://: \(url)")
        }
        guard !url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw .invalidRequest(reason: "URL contains spaces or control characters")
        }
        for header in headers where !header.isWellFormed {
            throw .invalidRequest(reason: "malformed header \(header)")
        }
    }
}
