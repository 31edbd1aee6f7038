/// A named, typed column slot of a schema.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: DataType
    /// Whether the column may hold nulls. A non-nullable column's `Column.validity` is always nil.
    public var isNullable: Bool
    public var metadata: [String: String]

    public init(_ name: String, _ type: DataType, nullable: Bool = true, metadata: [String: String] = [:]) {
        self.name = name
        self.type = type
        self.isNullable = nullable
        self.metadata = metadata
    }
}
