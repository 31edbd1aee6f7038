/// Table properties (`metaData.configuration`) this writer interprets or accepts when creating a table.
///
/// Spec: spec/table-log.md §13.
enum TableProperties {
    /// `delta.*` keys accepted on create. Keys of features we cannot write yet (deletion vectors, column mapping,
    /// change data feed, in-commit timestamps, constraints) are refused rather than silently ignored.
    static let creatableDeltaKeys: Set<String> = [
        "delta.appendOnly", "delta.checkpointInterval", "delta.checkpoint.writeStatsAsJson",
        "delta.checkpoint.writeStatsAsStruct", "delta.deletedFileRetentionDuration", "delta.logRetentionDuration",
        "delta.enableExpiredLogCleanup", "delta.isolationLevel", "delta.dataSkippingNumIndexedCols",
        "delta.dataSkippingStatsColumns", "delta.parquet.compression.codec", "delta.targetFileSize",
        "delta.columnMapping.mode",
    ]

    /// Checks the `delta.*` keys of `properties` for `create`.
    /// - Throws: `invalidArgument` naming the first refused key or malformed value.
    static func validateForCreate(_ properties: [String: String]) throws(TableLogError) {
        for key in properties.keys.sorted() where key.hasPrefix("delta.") {
            guard creatableDeltaKeys.contains(key) else {
                throw .invalidArgument("table property \"\(key)\" is unknown or not supported when creating a table")
            }
        }
        _ = try isolationLevel(properties)
        if let value = properties["delta.appendOnly"], !["true", "false"].contains(value.lowercased()) {
            throw .invalidArgument("delta.appendOnly must be true or false, found \"\(value)\"")
        }
        if let value = properties["delta.columnMapping.mode"], !["none", "name"].contains(value) {
            throw .invalidArgument(
                "delta.columnMapping.mode must be none or name when creating a table (id needs Parquet field ids, "
                    + "which this writer does not write yet), found \"\(value)\"")
        }
    }

    /// `delta.isolationLevel`: `WriteSerializable` (default) or `Serializable`.
    /// - Throws: `invalidArgument` for any other value.
    static func isolationLevel(_ properties: [String: String]) throws(TableLogError) -> String {
        let value = properties["delta.isolationLevel"] ?? "WriteSerializable"
        guard value == "WriteSerializable" || value == "Serializable" else {
            throw .invalidArgument("delta.isolationLevel must be WriteSerializable or Serializable, found \"\(value)\"")
        }
        return value
    }

    /// Whether `delta.appendOnly` is true (case-insensitive).
    static func isAppendOnly(_ properties: [String: String]) -> Bool {
        properties["delta.appendOnly"]?.lowercased() == "true"
    }
}
