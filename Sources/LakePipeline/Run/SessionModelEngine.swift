import LakeColumnar
import LakeCore
import LakeExec
import LakeParquet
import LakeSession

/// Runs model queries with a `LakeSession` over the lake root: each bronze input is bound to its snapshot files
/// (`LakeSession.overriding(_:with:)`), an input with no files to an empty dataset of its latest snapshot's
/// schema.
///
/// Spec: spec/pipeline.md#running-a-pipeline
public struct SessionModelEngine: ModelQueryEngine {
    /// The lake root directory.
    public let root: String
    public var options: ExecutionOptions

    public init(root: String, options: ExecutionOptions = ExecutionOptions()) {
        self.root = root
        self.options = options
    }

    public func run(_ sql: String, bronzeSnapshots: [ModelInput: [String]]) throws -> ModelQueryResult {
        var session = try LakeSession(root: root, options: options)
        for (input, files) in bronzeSnapshots.sorted(by: { $0.key < $1.key }) {
            if files.isEmpty {
                session = session.overriding(
                    input.description, with: .batches(try emptySchema(of: input), []))
            } else {
                session = session.overriding(input.description, with: .parquetFiles(files))
            }
        }
        let result = try session.execute(sql)
        return ModelQueryResult(schema: result.schema, batches: result.batches)
    }

    /// The schema of the newest snapshot of a bronze input that has no pending files.
    private func emptySchema(of input: ModelInput) throws -> Schema {
        let store = LocalObjectStore(root: root)
        guard case .bronze(let path)? = try BronzeSnapshots.latest(endpoint: input.name, store: store)
        else {
            throw PipelineError.missingInput(
                endpoint: input.name, reason: "no bronze snapshot to take a schema from")
        }
        return try ParquetFileReader(store: store, path: path).schema
    }
}
