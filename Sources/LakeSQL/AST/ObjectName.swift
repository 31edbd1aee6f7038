/// A possibly qualified name: `fact`, `silver.fact_crypto_market`, `t.price`.
///
/// Equality and hashing ignore `location`, so two parses of differently formatted text compare equal.
///
/// Spec: spec/sql.md §2.
public struct ObjectName: Sendable, Hashable, CustomStringConvertible {
    /// The dot-separated parts, outermost first; never empty.
    public var parts: [Identifier]
    /// Where the first part starts in the text.
    public var location: SourceLocation

    public init(_ parts: [Identifier], at location: SourceLocation = .start) {
        precondition(!parts.isEmpty, "an object name has at least one part")
        self.parts = parts
        self.location = location
    }

    /// A name from unquoted parts: `ObjectName("silver", "fact")`.
    public init(_ parts: String..., at location: SourceLocation = .start) {
        self.init(parts.map { Identifier($0) }, at: location)
    }

    /// The last part: the column of `t.price`, the table of `silver.fact`.
    public var name: Identifier { parts[parts.count - 1] }

    public var description: String { parts.map(\.description).joined(separator: ".") }

    public static func == (lhs: ObjectName, rhs: ObjectName) -> Bool { lhs.parts == rhs.parts }
    public func hash(into hasher: inout Hasher) { hasher.combine(parts) }
}
