/// A type as written in `CAST(x AS DECIMAL(18, 2))`, `x::bigint` or a typed literal.
///
/// `name` is upper-cased, and multi-word names are joined by one space (`DOUBLE PRECISION`, `TIMESTAMP WITH TIME
/// ZONE`). Whether the name is known is decided by the binder (see `TypeName+DataType.swift`).
///
/// Spec: spec/sql.md §2.4.
public struct TypeName: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// `DECIMAL(18, 2)` has `[18, 2]`; most types have none.
    public var parameters: [Int]

    public init(_ name: String, parameters: [Int] = []) {
        self.name = name.uppercased()
        self.parameters = parameters
    }

    public var description: String {
        parameters.isEmpty ? name : "\(name)(\(parameters.map(String.init).joined(separator: ", ")))"
    }
}
