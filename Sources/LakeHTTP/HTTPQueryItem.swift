/// One `name=value` pair of a URL query; both parts are percent-encoded when the URL is built.
public struct HTTPQueryItem: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
