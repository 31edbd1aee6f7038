import LakeWarehouse

/// Copies a lake table into a warehouse table with the warehouse loader.
///
/// Spec: spec/pipeline.md#loads
public struct LoadDefinition: Sendable, Hashable {
    public var name: String
    /// The lake table read (`silver.<name>` or `gold.<name>`), at its latest version.
    public var source: ModelInput
    public var target: TableName
    public var mode: LoadMode
    /// The key for `insert-missing`; the target's primary key when nil.
    public var keyColumns: [String]?
    /// Rows whose foreign key is not found in the referenced warehouse table are not loaded.
    public var foreignKeyFilters: [ForeignKey]
    public var line: Int

    public init(
        name: String, source: ModelInput, target: TableName, mode: LoadMode, keyColumns: [String]? = nil,
        foreignKeyFilters: [ForeignKey] = [], line: Int = 0
    ) {
        self.name = name
        self.source = source
        self.target = target
        self.mode = mode
        self.keyColumns = keyColumns
        self.foreignKeyFilters = foreignKeyFilters
        self.line = line
    }
}
