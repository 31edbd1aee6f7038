/// The request methods the client sends. The engine's sources only read, so GET and POST suffice.
public enum HTTPMethod: String, Sendable, Hashable {
    case get = "GET"
    case post = "POST"
}
