import LakeColumnar

/// The columnar schema of a classic (V1) checkpoint: one nullable struct column per action kind, each row holding
/// exactly one non-null column.
///
/// Columns are in the order Spark writes them (`txn`, `add`, `remove`, `metaData`, `protocol`,
/// `domainMetadata`). Nullability follows the protocol: a required child stays required inside an optional parent,
/// so a reader sees definition levels exactly where the protocol allows absent values. `add.stats` is the JSON text
/// of the statistics; `stats_parsed` and `partitionValues_parsed` are not written.
///
/// Spec: spec/table-log.md §8.1.
enum CheckpointSchema {
    /// The `deletionVector` struct of `add` and `remove`.
    static let deletionVector = DataType.struct([
        Field("storageType", .utf8, nullable: false),
        Field("pathOrInlineDv", .utf8, nullable: false),
        Field("offset", .int32),
        Field("sizeInBytes", .int32, nullable: false),
        Field("cardinality", .int64, nullable: false),
    ])

    /// A `map<string, string>`; `nullableValues` for partition values and tags, whose values may be null.
    static func stringMap(nullableValues: Bool) -> DataType {
        .map(key: Field("key", .utf8, nullable: false), value: Field("value", .utf8, nullable: nullableValues))
    }

    /// A list of non-null strings.
    static let stringList = DataType.list(Field("element", .utf8, nullable: false))

    static let transaction = DataType.struct([
        Field("appId", .utf8, nullable: false),
        Field("version", .int64, nullable: false),
        Field("lastUpdated", .int64),
    ])

    static let add = DataType.struct([
        Field("path", .utf8, nullable: false),
        Field("partitionValues", stringMap(nullableValues: true), nullable: false),
        Field("size", .int64, nullable: false),
        Field("modificationTime", .int64, nullable: false),
        Field("dataChange", .bool, nullable: false),
        Field("stats", .utf8),
        Field("tags", stringMap(nullableValues: true)),
        Field("deletionVector", deletionVector),
        Field("baseRowId", .int64),
        Field("defaultRowCommitVersion", .int64),
        Field("clusteringProvider", .utf8),
    ])

    static let remove = DataType.struct([
        Field("path", .utf8, nullable: false),
        Field("deletionTimestamp", .int64),
        Field("dataChange", .bool, nullable: false),
        Field("extendedFileMetadata", .bool),
        Field("partitionValues", stringMap(nullableValues: true)),
        Field("size", .int64),
        Field("deletionVector", deletionVector),
        Field("baseRowId", .int64),
        Field("defaultRowCommitVersion", .int64),
    ])

    static let metadata = DataType.struct([
        Field("id", .utf8, nullable: false),
        Field("name", .utf8),
        Field("description", .utf8),
        Field(
            "format",
            .struct([
                Field("provider", .utf8, nullable: false),
                Field("options", stringMap(nullableValues: false), nullable: false),
            ]), nullable: false),
        Field("schemaString", .utf8, nullable: false),
        Field("partitionColumns", stringList, nullable: false),
        Field("createdTime", .int64),
        Field("configuration", stringMap(nullableValues: false), nullable: false),
    ])

    static let protocolType = DataType.struct([
        Field("minReaderVersion", .int32, nullable: false),
        Field("minWriterVersion", .int32, nullable: false),
        Field("readerFeatures", stringList),
        Field("writerFeatures", stringList),
    ])

    static let domainMetadata = DataType.struct([
        Field("domain", .utf8, nullable: false),
        Field("configuration", .utf8, nullable: false),
        Field("removed", .bool, nullable: false),
    ])

    /// The whole checkpoint schema.
    static let schema = Schema([
        Field("txn", transaction),
        Field("add", add),
        Field("remove", remove),
        Field("metaData", metadata),
        Field("protocol", protocolType),
        Field("domainMetadata", domainMetadata),
    ])

    /// Top-level columns a checkpoint reader looks for, including the V2 kinds that only checkpoints hold.
    static let readableColumns = [
        "txn", "add", "remove", "metaData", "protocol", "domainMetadata", "sidecar",
        "checkpointMetadata",
    ]
}
