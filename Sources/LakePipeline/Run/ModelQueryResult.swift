import LakeColumnar

/// The rows a model query produced.
public struct ModelQueryResult: Sendable {
    public var schema: Schema
    public var batches: [Batch]

    public init(schema: Schema, batches: [Batch]) {
        self.schema = schema
        self.batches = batches
    }

    public var rowCount: Int { batches.reduce(0) { $0 + $1.rowCount } }
}
