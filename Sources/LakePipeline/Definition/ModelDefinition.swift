import LakeSQL

/// A SQL model: one query whose result is written to a silver (or gold) table.
///
/// Spec: spec/pipeline.md#models
public struct ModelDefinition: Sendable, Hashable {
    public var name: String
    /// Path of the SQL file, relative to the pipeline file's folder.
    public var sqlFile: String
    /// Sorted. Every table the SQL reads, and nothing else.
    public var inputs: [ModelInput]
    /// The table written, `silver.<name>` or `gold.<name>`.
    public var output: ModelInput
    /// Partition columns of the output table, in order.
    public var partitionColumns: [String]
    public var writeMode: ModelWriteMode
    /// The parsed query. Hash and equality ignore source locations.
    public var query: Query
    /// Line of the `[model.<name>]` header.
    public var line: Int

    public init(
        name: String, sqlFile: String, inputs: [ModelInput], output: ModelInput, partitionColumns: [String] = [],
        writeMode: ModelWriteMode, query: Query, line: Int = 0
    ) {
        self.name = name
        self.sqlFile = sqlFile
        self.inputs = inputs.sorted()
        self.output = output
        self.partitionColumns = partitionColumns
        self.writeMode = writeMode
        self.query = query
        self.line = line
    }
}
