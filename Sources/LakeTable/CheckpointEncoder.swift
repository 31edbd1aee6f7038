import LakeColumnar

/// Turns checkpoint actions into rows of the classic checkpoint schema (`CheckpointSchema.schema`).
///
/// Each action becomes one row whose column of its kind holds the action and whose other columns are null. Maps
/// are written with keys in byte order, so the same actions always give the same batch (two writers racing on one
/// checkpoint name write equivalent files). `commitInfo` actions are refused by precondition: a checkpoint never
/// holds them.
///
/// Spec: spec/table-log.md §8.1.
enum CheckpointEncoder {
    /// The rows of `actions`, in the order given.
    /// - Parameter path: the checkpoint being written, named in errors.
    /// - Throws: `corruptLog` naming `path` when a value does not fit its column (more than 2 GiB of text in one
    ///   column, which `ColumnBuilder` refuses).
    static func batch(_ actions: [Action], path: String) throws(TableLogError) -> Batch {
        let fields = CheckpointSchema.schema.fields
        var builders = fields.map { ColumnBuilder(type: $0.type, capacity: actions.count) }
        let slots = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        for action in actions {
            let (key, value) = row(action)
            guard let slot = slots[key] else { preconditionFailure("no checkpoint column for \(key)") }
            for index in builders.indices {
                do throws(ColumnarError) {
                    if index == slot { try builders[index].append(value) } else { builders[index].appendNull() }
                } catch {
                    throw .corruptLog(path: path, reason: "\(key) does not fit the checkpoint column: \(error)")
                }
            }
        }
        return Batch(schema: CheckpointSchema.schema, columns: builders.map { $0.build() })
    }

    /// The column name and struct value of one action.
    static func row(_ action: Action) -> (String, Value) {
        switch action {
        case .transaction(let txn):
            return ("txn", .struct([.string(txn.appId), .int(txn.version), optional(txn.lastUpdated)]))
        case .add(let add):
            return (
                "add",
                .struct([
                    .string(add.path), nullableMap(add.partitionValues), .int(add.size), .int(add.modificationTime),
                    .bool(add.dataChange), add.stats.map(Value.string) ?? .null,
                    add.tags.map { nullableMap($0.mapValues { Optional($0) }) } ?? .null,
                    deletionVector(add.deletionVector), optional(add.baseRowId), optional(add.defaultRowCommitVersion),
                    add.clusteringProvider.map(Value.string) ?? .null,
                ])
            )
        case .remove(let remove):
            return (
                "remove",
                .struct([
                    .string(remove.path), optional(remove.deletionTimestamp), .bool(remove.dataChange),
                    remove.extendedFileMetadata.map(Value.bool) ?? .null,
                    remove.partitionValues.map(nullableMap) ?? .null, optional(remove.size),
                    deletionVector(remove.deletionVector), optional(remove.baseRowId),
                    optional(remove.defaultRowCommitVersion),
                ])
            )
        case .metadata(let metadata):
            return (
                "metaData",
                .struct([
                    .string(metadata.id), metadata.name.map(Value.string) ?? .null,
                    metadata.description.map(Value.string) ?? .null,
                    .struct([.string(metadata.formatProvider), map(metadata.formatOptions)]),
                    .string(metadata.schemaString), .list(metadata.partitionColumns.map(Value.string)),
                    optional(metadata.createdTime), map(metadata.configuration),
                ])
            )
        case .protocol(let action):
            return (
                "protocol",
                .struct([
                    .int(Int64(action.minReaderVersion)), .int(Int64(action.minWriterVersion)),
                    action.readerFeatures.map { .list($0.map(Value.string)) } ?? .null,
                    action.writerFeatures.map { .list($0.map(Value.string)) } ?? .null,
                ])
            )
        case .domainMetadata(let domain):
            return (
                "domainMetadata",
                .struct([.string(domain.domain), .string(domain.configuration), .bool(domain.removed)])
            )
        case .commitInfo:
            preconditionFailure("checkpoints never hold commitInfo")
        }
    }

    private static func optional(_ value: Int64?) -> Value {
        value.map(Value.int) ?? .null
    }

    private static func map(_ entries: [String: String]) -> Value {
        let keys = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .map(keys: keys.map(Value.string), values: keys.map { .string(entries[$0] ?? "") })
    }

    private static func nullableMap(_ entries: [String: String?]) -> Value {
        let keys = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .map(
            keys: keys.map(Value.string), values: keys.map { key in (entries[key] ?? nil).map(Value.string) ?? .null })
    }

    private static func deletionVector(_ descriptor: DeletionVectorDescriptor?) -> Value {
        guard let descriptor else { return .null }
        return .struct([
            .string(descriptor.storageType), .string(descriptor.pathOrInlineDv),
            descriptor.offset.map { .int(Int64($0)) } ?? .null, .int(Int64(descriptor.sizeInBytes)),
            .int(descriptor.cardinality),
        ])
    }
}
