/// Decides whether this version of `LakeTable` can read a table, from its protocol and metadata.
///
/// Reader features are accepted only where reading needs nothing we lack:
/// - `timestampNtz`, `vacuumProtocolCheck`, `v2Checkpoint` need no reader work;
/// - `deletionVectors`: `TableScan` drops the rows each live file's DV marks (`DeletionVectorLoader`);
/// - `columnMapping` (also implied by reader version 2) in modes `none`, `name` and `id`, once the schema's
///   mapping annotations pass `ColumnMapping`'s checks; `TableScan` then reads columns by physical name or id;
/// - `variantType*` / `variantShredding*` only while no column has type `variant`;
/// - `typeWidening*` only while no field carries `delta.typeChanges`.
/// Every other reader feature is refused by name.
///
/// Spec: spec/table-log.md §11.
public enum ProtocolGate {
    /// Reader features accepted without conditions.
    public static let unconditionalReaderFeatures: Set<String> = [
        "timestampNtz", "vacuumProtocolCheck", "v2Checkpoint", "deletionVectors", "columnMapping",
    ]

    /// Checks that a snapshot with `protocol` and `metadata` can be read.
    /// - Throws: `unsupportedProtocol` for versions outside 1...3 / 1...7; `corruptLog` for reader 3 without
    ///   writer 7; `unsupportedFeature(name)` for the first refused feature; `unsupportedFormat` for a
    ///   non-Parquet table; `invalidSchema` for column-mapping annotations that break §11.3.
    public static func checkReadable(
        _ protocolAction: ProtocolAction, metadata: MetadataAction, schema: DeltaSchema, logPath: String
    ) throws(TableLogError) {
        let reader = protocolAction.minReaderVersion
        let writer = protocolAction.minWriterVersion
        guard (1...3).contains(reader), (1...7).contains(writer) else {
            throw .unsupportedProtocol(minReaderVersion: Int64(reader), minWriterVersion: Int64(writer))
        }
        if reader == 3 && writer != 7 {
            throw .corruptLog(path: logPath, reason: "minReaderVersion 3 requires minWriterVersion 7, found \(writer)")
        }
        if reader == 3 && protocolAction.readerFeatures == nil {
            throw .corruptLog(path: logPath, reason: "minReaderVersion 3 requires a readerFeatures list")
        }
        var features: [String] = []
        if reader == 2 { features = ["columnMapping"] }
        if reader == 3 { features = protocolAction.readerFeatures ?? [] }
        for feature in features where !unconditionalReaderFeatures.contains(feature) {
            guard isConditionallySupported(feature, metadata: metadata, schema: schema) else {
                throw .unsupportedFeature(feature)
            }
        }
        guard metadata.formatProvider == "parquet" else { throw .unsupportedFormat(metadata.formatProvider) }
        _ = try ColumnMapping(protocolAction: protocolAction, metadata: metadata, schema: schema)
        try checkPartitionColumns(metadata.partitionColumns, schema: schema)
    }

    /// Partition columns must be distinct top-level columns of the schema, and at least one column must not be
    /// a partition column (data files need a column).
    static func checkPartitionColumns(_ columns: [String], schema: DeltaSchema) throws(TableLogError) {
        for column in columns where schema.field(named: column) == nil {
            throw .invalidSchema("partition column '\(column)' is not a column of the schema")
        }
        guard Set(columns).count == columns.count else { throw .invalidSchema("partition columns repeat a name") }
        guard columns.count < schema.fields.count else {
            throw .invalidSchema("every column is a partition column; data files would have no column")
        }
    }

    private static func isConditionallySupported(
        _ feature: String, metadata: MetadataAction, schema: DeltaSchema
    ) -> Bool {
        switch feature {
        case "variantType", "variantType-preview", "variantShredding", "variantShredding-preview":
            return !schema.fields.contains { contains($0.type) { $0 == .other("variant") } }
        case "typeWidening", "typeWidening-preview":
            return !schema.fields.contains { hasTypeChanges($0) }
        default:
            return false
        }
    }

    private static func contains(_ type: DeltaType, where predicate: (DeltaType) -> Bool) -> Bool {
        if predicate(type) { return true }
        switch type {
        case .struct(let fields): return fields.contains { contains($0.type, where: predicate) }
        case .array(let element, _): return contains(element, where: predicate)
        case .map(let key, let value, _): return contains(key, where: predicate) || contains(value, where: predicate)
        default: return false
        }
    }

    private static func hasTypeChanges(_ field: DeltaField) -> Bool {
        if field.metadata["delta.typeChanges"] != nil { return true }
        if case .struct(let fields) = field.type { return fields.contains { hasTypeChanges($0) } }
        return false
    }
}
