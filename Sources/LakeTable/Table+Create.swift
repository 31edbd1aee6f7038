import LakeColumnar
import LakeCore

extension Table {
    /// Creates the table: commit 0 with `commitInfo` (`CREATE TABLE`), `protocol` and `metaData`.
    ///
    /// The protocol is the lowest that covers the schema: 1/2, or 3/7 with the `timestampNtz` feature (and
    /// `appendOnly` as a writer feature when `delta.appendOnly` is set) when a column is `timestamp_ntz`. With
    /// `delta.columnMapping.mode=name`, every field gets a column id and a `col-<uuid>` physical name,
    /// `delta.columnMapping.maxColumnId` is recorded, and the protocol is 3/7 with `columnMapping` (§11.3).
    /// - Parameters:
    ///   - schema: the columns; every type must have a Delta counterpart.
    ///   - partitionColumns: top-level columns, in directory order; float, double and binary are refused.
    ///   - properties: `metaData.configuration`; `delta.*` keys must be ones this writer supports.
    /// - Returns: the version committed, 0.
    /// - Throws: `tableExists` when the log holds a commit; `invalidArgument` for a bad partition column or
    ///   property; `unsupportedType` for a column type without a Delta form or a refused partition type; `io`.
    @discardableResult
    public func create(
        schema: Schema, partitionColumns: [String] = [], properties: [String: String] = [:], name: String? = nil,
        description: String? = nil
    ) throws(TableLogError) -> Int64 {
        var deltaSchema = try DeltaSchema(schema)
        var properties = properties
        try Self.validatePartitionColumns(partitionColumns, schema: schema)
        try TableProperties.validateForCreate(properties)
        let existing = try TableLocation.storeCall {
            try store.list(prefix: TableLocation.logPrefix(root), after: nil)
        }
        if existing.contains(where: { info in
            if case .commit = LogFileName(fileName: String(info.path.split(separator: "/").last ?? "")) {
                return true
            }
            return false
        }) {
            throw .tableExists(root)
        }
        let usesNtz = schema.fields.contains { $0.type == .timestamp(.microseconds, utc: false) }
        let mapsColumns = properties[ColumnMapping.modeKey] == "name"
        var protocolAction = ProtocolAction(minReaderVersion: 1, minWriterVersion: 2)
        if usesNtz || mapsColumns {
            let readerFeatures = (mapsColumns ? ["columnMapping"] : []) + (usesNtz ? ["timestampNtz"] : [])
            let appendOnly = TableProperties.isAppendOnly(properties)
            let writerFeatures = (appendOnly ? ["appendOnly"] : []) + readerFeatures
            protocolAction = ProtocolAction(
                minReaderVersion: 3, minWriterVersion: 7, readerFeatures: readerFeatures,
                writerFeatures: writerFeatures)
        }
        if mapsColumns {
            var generator = SystemRandomNumberGenerator()
            let (annotated, maxColumnId) = ColumnMapping.assigningIdentities(to: deltaSchema, using: &generator)
            deltaSchema = annotated
            properties[ColumnMapping.maxColumnIdKey] = String(maxColumnId)
        }
        let now = clock.nowMillis()
        let metadata = MetadataAction(
            id: UUIDText.random(), name: name, description: description, schemaString: try deltaSchema.jsonString(),
            partitionColumns: partitionColumns, configuration: properties, createdTime: now)
        let parameters: JSONObject = [
            "mode": "ErrorIfExists", "partitionBy": .string(try Self.jsonText(.stringArray(partitionColumns))),
            "properties": .string(try Self.jsonText(.stringMap(properties))),
        ]
        let transaction = Transaction(
            table: self, readVersion: nil, actions: [.protocol(protocolAction), .metadata(metadata)],
            operation: "CREATE TABLE", operationParameters: parameters, operationMetrics: [:], isBlindAppend: false,
            readsWholeTable: false, removedPaths: [], transactionAction: nil,
            isolationLevel: try TableProperties.isolationLevel(properties), alreadyAppliedVersion: nil)
        return try transaction.commit().version
    }

    static func validatePartitionColumns(_ columns: [String], schema: Schema) throws(TableLogError) {
        guard columns.count <= TableLimits.partitionColumnsMax else {
            throw .invalidArgument("\(columns.count) partition columns; at most \(TableLimits.partitionColumnsMax)")
        }
        guard Set(columns).count == columns.count else {
            throw .invalidArgument("partition columns repeat a name: \(columns)")
        }
        guard columns.count < schema.fields.count else {
            throw .invalidArgument("a table needs at least one column that is not a partition column")
        }
        for column in columns {
            guard let index = schema.index(of: column) else {
                throw .invalidArgument("partition column \"\(column)\" is not in the schema")
            }
            switch schema.fields[index].type {
            case .utf8, .int8, .int16, .int32, .int64, .bool, .decimal, .date32, .timestamp(.microseconds, _):
                break
            default:
                throw .unsupportedType(column: column, type: "\(schema.fields[index].type) as a partition column")
            }
        }
    }

    static func jsonText(_ value: JSONValue) throws(TableLogError) -> String {
        do {
            return try JSONWriter.serializedString(value)
        } catch {
            throw .invalidArgument(error.description)
        }
    }
}
