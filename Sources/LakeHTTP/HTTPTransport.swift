/// Something that performs HTTP exchanges: the libcurl client, the retrying wrapper, a replay of recorded
/// payloads.
///
/// Contract: `send` returns a response for every status the server sends (including 4xx and 5xx) and throws only
/// when no complete response arrived (transport failure, timeout, size limit) or the request is invalid. Thrown
/// errors never contain the values of the request's sensitive headers. Implementations are safe to call from
/// several threads at once.
///
/// Spec: spec/pipeline.md#http-client
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}
