/// A summary of a table's latest snapshot, as `Table.describe` reports it.
///
/// Spec: spec/table-log.md §3.1, §3.2, §5.1.
public struct TableDescription: Sendable, Hashable {
    public var version: Int64
    /// `metaData.id`.
    public var id: String
    public var name: String?
    public var description: String?
    public var schema: DeltaSchema
    public var partitionColumns: [String]
    public var protocolAction: ProtocolAction
    /// `metaData.configuration`.
    public var properties: [String: String]
    /// `metaData.createdTime`, milliseconds since the Unix epoch.
    public var createdTimeMillis: Int64?
    /// Live logical files.
    public var fileCount: Int
    /// Sum of `add.size` over the live files.
    public var totalBytes: Int64
    /// Sum of live rows (`numRecords` minus DV cardinality, `ActiveFile.recordCount`) over the live files; nil when
    /// any live file lacks `numRecords` in its statistics.
    public var rowCount: Int64?

    public init(
        version: Int64, id: String, name: String?, description: String?, schema: DeltaSchema,
        partitionColumns: [String], protocolAction: ProtocolAction, properties: [String: String],
        createdTimeMillis: Int64?, fileCount: Int, totalBytes: Int64, rowCount: Int64?
    ) {
        self.version = version
        self.id = id
        self.name = name
        self.description = description
        self.schema = schema
        self.partitionColumns = partitionColumns
        self.protocolAction = protocolAction
        self.properties = properties
        self.createdTimeMillis = createdTimeMillis
        self.fileCount = fileCount
        self.totalBytes = totalBytes
        self.rowCount = rowCount
    }
}
