import LakeColumnar

/// Turns rows of a checkpoint (ours or another engine's) back into actions.
///
/// Columns are found by name; columns other than the action kinds are ignored, and so are fields a struct has
/// beyond the ones the protocol defines. A non-null struct with a missing or mistyped required field is an error
/// naming the checkpoint file, the row and the field: hostile content never traps.
///
/// Spec: spec/table-log.md §8.1, §8.3.
enum CheckpointDecoder {
    /// What one checkpoint file (or sidecar) holds.
    struct Content {
        var actions: [Action] = []
        /// `sidecar` actions of a V2 checkpoint, in row order.
        var sidecars: [SidecarReference] = []
        /// `checkpointMetadata.version` of a V2 checkpoint.
        var checkpointMetadataVersion: Int64?
    }

    /// A `sidecar` action: a Parquet file under `_delta_log/_sidecars/` with more file actions.
    struct SidecarReference: Sendable, Hashable {
        /// The file name as written (percent-encoded, relative to `_delta_log/_sidecars/`).
        var path: String
        var sizeInBytes: Int64
    }

    /// Appends the actions of `batch` to `content`.
    /// - Parameters:
    ///   - firstRow: the file row of the batch's first row, for error messages.
    ///   - path: the checkpoint file, for error messages.
    /// - Throws: `corruptLog` naming `path`, the 0-based row and the field.
    static func decode(
        _ batch: Batch, firstRow: Int, path: String, into content: inout Content
    ) throws(TableLogError) {
        for (field, column) in zip(batch.schema.fields, batch.columns) {
            guard CheckpointSchema.readableColumns.contains(field.name) else { continue }
            guard case .struct = field.type else {
                throw .corruptLog(path: path, reason: "checkpoint column \(field.name) is not a struct")
            }
            for row in 0..<column.count where !column.isNull(row) {
                do throws(CheckpointRecord.Malformed) {
                    let record = try CheckpointRecord(path: field.name, type: field.type, value: column.value(at: row))
                    try decode(record, kind: field.name, into: &content)
                } catch {
                    throw .corruptLog(path: path, reason: "row \(firstRow + row): \(error.reason)")
                }
            }
        }
    }

    private static func decode(
        _ record: CheckpointRecord, kind: String, into content: inout Content
    ) throws(CheckpointRecord.Malformed) {
        switch kind {
        case "txn":
            content.actions.append(
                .transaction(
                    TransactionAction(
                        appId: try record.requireString("appId"), version: try record.requireInt64("version"),
                        lastUpdated: try record.optionalInt64("lastUpdated"))))
        case "add":
            content.actions.append(.add(try add(record)))
        case "remove":
            content.actions.append(.remove(try remove(record)))
        case "metaData":
            let format = try record.requireRecord("format")
            content.actions.append(
                .metadata(
                    MetadataAction(
                        id: try record.requireString("id"), name: try record.optionalString("name"),
                        description: try record.optionalString("description"),
                        formatProvider: try format.requireString("provider"),
                        formatOptions: try format.optionalStringMap("options") ?? [:],
                        schemaString: try record.requireString("schemaString"),
                        partitionColumns: try record.optionalStringList("partitionColumns") ?? [],
                        configuration: try record.optionalStringMap("configuration") ?? [:],
                        createdTime: try record.optionalInt64("createdTime"))))
        case "protocol":
            content.actions.append(
                .protocol(
                    ProtocolAction(
                        minReaderVersion: try record.requireInt32("minReaderVersion"),
                        minWriterVersion: try record.requireInt32("minWriterVersion"),
                        readerFeatures: try record.optionalStringList("readerFeatures"),
                        writerFeatures: try record.optionalStringList("writerFeatures"))))
        case "domainMetadata":
            content.actions.append(
                .domainMetadata(
                    DomainMetadataAction(
                        domain: try record.requireString("domain"),
                        configuration: try record.requireString("configuration"),
                        removed: try record.requireBool("removed"))))
        case "sidecar":
            content.sidecars.append(
                SidecarReference(
                    path: try record.requireString("path"), sizeInBytes: try record.optionalInt64("sizeInBytes") ?? -1))
        case "checkpointMetadata":
            guard content.checkpointMetadataVersion == nil else {
                throw CheckpointRecord.Malformed(reason: "more than one checkpointMetadata row")
            }
            content.checkpointMetadataVersion = try record.requireInt64("version")
        default:
            break
        }
    }

    private static func add(_ record: CheckpointRecord) throws(CheckpointRecord.Malformed) -> AddAction {
        guard let partitionValues = try record.optionalNullableStringMap("partitionValues") else {
            throw CheckpointRecord.Malformed(reason: "add.partitionValues is missing or null")
        }
        let size = try record.requireInt64("size")
        guard size >= 0 else { throw CheckpointRecord.Malformed(reason: "add.size is negative (\(size))") }
        return AddAction(
            path: try record.requireString("path"), partitionValues: partitionValues, size: size,
            modificationTime: try record.requireInt64("modificationTime"),
            dataChange: try record.optionalBool("dataChange") ?? false, stats: try record.optionalString("stats"),
            tags: try record.optionalNullableStringMap("tags")?.compactMapValues { $0 },
            deletionVector: try deletionVector(record.optionalRecord("deletionVector")),
            baseRowId: try record.optionalInt64("baseRowId"),
            defaultRowCommitVersion: try record.optionalInt64("defaultRowCommitVersion"),
            clusteringProvider: try record.optionalString("clusteringProvider"))
    }

    private static func remove(_ record: CheckpointRecord) throws(CheckpointRecord.Malformed) -> RemoveAction {
        RemoveAction(
            path: try record.requireString("path"), deletionTimestamp: try record.optionalInt64("deletionTimestamp"),
            dataChange: try record.optionalBool("dataChange") ?? false,
            extendedFileMetadata: try record.optionalBool("extendedFileMetadata"),
            partitionValues: try record.optionalNullableStringMap("partitionValues"),
            size: try record.optionalInt64("size"), stats: try record.optionalString("stats"),
            tags: try record.optionalNullableStringMap("tags")?.compactMapValues { $0 },
            deletionVector: try deletionVector(record.optionalRecord("deletionVector")),
            baseRowId: try record.optionalInt64("baseRowId"),
            defaultRowCommitVersion: try record.optionalInt64("defaultRowCommitVersion"))
    }

    private static func deletionVector(
        _ record: CheckpointRecord?
    ) throws(CheckpointRecord.Malformed) -> DeletionVectorDescriptor? {
        guard let record else { return nil }
        var offset: Int32?
        if let wide = try record.optionalInt64("offset") {
            guard let narrow = Int32(exactly: wide) else {
                throw CheckpointRecord.Malformed(reason: "\(record.path).offset does not fit 32 bits")
            }
            offset = narrow
        }
        return DeletionVectorDescriptor(
            storageType: try record.requireString("storageType"),
            pathOrInlineDv: try record.requireString("pathOrInlineDv"), offset: offset,
            sizeInBytes: try record.requireInt32("sizeInBytes"), cardinality: try record.requireInt64("cardinality"))
    }
}
