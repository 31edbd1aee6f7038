/// One header line of a request or response.
///
/// A sensitive header (an API key) prints as `name: <redacted>` in every description, debug description and
/// mirror, so interpolating or dumping a request never reveals it.
///
/// Spec: spec/pipeline.md#credentials
public struct HTTPHeader: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var name: String
    public var value: String
    /// True for credentials: the value is sent but never shown.
    public var isSensitive: Bool

    public init(_ name: String, _ value: String, isSensitive: Bool = false) {
        self.name = name
        self.value = value
        self.isSensitive = isSensitive
    }

    public var description: String { "\(name): \(isSensitive ? Redaction.marker : value)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "value": isSensitive ? Redaction.marker : value])
    }

    /// True when the name and value contain no line breaks or NUL bytes (header injection) and the name is a
    /// non-empty token.
    var isWellFormed: Bool {
        guard !name.isEmpty else { return false }
        let nameIsToken = name.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: ":")
        }
        let valueIsClean = !value.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
        return nameIsToken && valueIsClean
    }
}
