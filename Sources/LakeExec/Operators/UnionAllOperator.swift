import LakeColumnar

/// The batches of every child, first child first (UNION ALL). Columns match by position; names come from the
/// first child.
public final class UnionAllOperator: PhysicalOperator {
    public let schema: Schema
    public let label = "UnionAll"
    public let children: [any PhysicalOperator]
    private var current = 0

    /// - Throws: `typeMismatch` when the children's column types differ.
    public init(_ children: [any PhysicalOperator]) throws(ExecutionError) {
        precondition(!children.isEmpty, "UNION ALL needs at least one input")
        let types = children[0].schema.fields.map(\.type)
        for child in children.dropFirst() where child.schema.fields.map(\.type) != types {
            throw .typeMismatch("UNION ALL inputs have types \(types) and \(child.schema.fields.map(\.type))")
        }
        schema = nullableSchema(children[0].schema.fields)
        self.children = children
    }

    public func next() throws(ExecutionError) -> Batch? {
        while current < children.count {
            if let batch = try children[current].next() {
                if batch.columns.isEmpty { return batch }
                return Batch(schema: schema, columns: batch.columns)
            }
            current += 1
        }
        return nil
    }
}
