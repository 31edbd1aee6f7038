/// Runs a model's query: the seam between the pipeline runner and the SQL engine (`SessionModelEngine` runs it
/// with a `LakeSession` over the lake root; tests may substitute another engine).
///
/// Contract: `bronzeSnapshots` names, for each bronze input of the model (`bronze.listings_latest`), the snapshot
/// files (paths relative to the lake root, oldest first) that the name must stand for in `sql`; the list may be
/// empty (the input then has no rows). Silver and gold names read the table's latest version. The result is the
/// query's rows; a failure is thrown with a message fit for a run record.
///
/// Spec: spec/pipeline.md#running-a-pipeline
public protocol ModelQueryEngine: Sendable {
    func run(_ sql: String, bronzeSnapshots: [ModelInput: [String]]) throws -> ModelQueryResult
}
