/// An ordered list of fields with key-value metadata.
public struct Schema: Sendable, Hashable {
    public var fields: [Field]
    public var metadata: [String: String]

    public init(_ fields: [Field], metadata: [String: String] = [:]) {
        self.fields = fields
        self.metadata = metadata
    }

    /// Position of the first field named `name`, compared exactly.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    /// The schema restricted to `indices`, in that order.
    public func projecting(_ indices: [Int]) -> Schema {
        Schema(indices.map { fields[$0] }, metadata: metadata)
    }
}
