import LakeColumnar
import LakeCore
import LakeParquet

extension Table {
    /// Appends `batches` as new files in one commit (`WRITE`, mode `Append`, a blind append).
    ///
    /// With `txn`, the write is idempotent: when the table already records `txn.appId` at a version ≥
    /// `txn.version`, nothing is written and the outcome is `.alreadyApplied`. With `.addNewColumns`, batch
    /// columns the table lacks are added to the schema (§10.4).
    /// - Throws: see `prepareWrite` and `Transaction.commit`.
    @discardableResult
    public func append(
        _ batches: [Batch], txn: TransactionAction? = nil, schemaEvolution: SchemaEvolution = .refuse
    ) throws(TableLogError) -> CommitOutcome {
        try prepareWrite(.append, batches, txn: txn, schemaEvolution: schemaEvolution).commit()
    }

    /// Replaces every live file with new files holding `batches`, in one commit (`WRITE`, mode `Overwrite`).
    /// Older versions keep their files and stay readable by time travel until VACUUM.
    /// - Throws: `appendOnlyViolation` on an append-only table; see `prepareWrite` and `Transaction.commit`.
    @discardableResult
    public func overwrite(_ batches: [Batch], txn: TransactionAction? = nil) throws(TableLogError) -> CommitOutcome {
        try prepareWrite(.overwrite, batches, txn: txn).commit()
    }

    /// Replaces the partitions selected by `replaceWhere` with `batches`, in one commit (`WRITE`, mode
    /// `Overwrite`, parameter `predicate`): removes exactly the live files whose partition values satisfy every
    /// predicate and adds the new files. Other partitions are untouched. An empty `replaceWhere` replaces the
    /// whole table, like `overwrite(_:txn:)`.
    /// - Throws: `invalidArgument` when a predicate column is not a partition column or a row of `batches` does
    ///   not satisfy the predicates; see `prepareWrite` and `Transaction.commit`.
    @discardableResult
    public func overwrite(
        _ batches: [Batch], replaceWhere: [ParquetPredicate], txn: TransactionAction? = nil
    ) throws(TableLogError) -> CommitOutcome {
        try prepareWrite(.overwrite, batches, txn: txn, replaceWhere: replaceWhere).commit()
    }

    /// Reads the latest snapshot, writes the data files of `batches` and returns the transaction that commits
    /// them. Callers that commit later race with other writers exactly as `append`/`overwrite` do.
    ///
    /// `replaceWhere` (only with `.overwrite`) limits the overwrite to the partitions whose values satisfy every
    /// predicate; the transaction then reads (for §10.3) those partitions and the files it removes, so it
    /// conflicts only with commits that add data there (blind appends excepted under `WriteSerializable`) or
    /// remove those files. `schemaEvolution` decides what happens to batch columns the table lacks (§10.4); the
    /// transaction then also commits the new `metaData` and conflicts with concurrent blind appends.
    ///
    /// `txn.lastUpdated` is replaced by the clock's time.
    /// - Throws: `unsupportedFeature` when this writer cannot honour the table's protocol (or the evolved
    ///   schema, e.g. a new `timestamp_ntz` column on a table without that feature); `schemaMismatch` when the
    ///   batches do not fit the schema, naming every column the table lacks; `appendOnlyViolation`;
    ///   `invalidArgument` for a bad `replaceWhere` or `delta.isolationLevel`; `dataFile` and `io` for write
    ///   failures.
    public func prepareWrite(
        _ mode: WriteMode, _ batches: [Batch], txn: TransactionAction? = nil, replaceWhere: [ParquetPredicate] = [],
        schemaEvolution: SchemaEvolution = .refuse
    ) throws(TableLogError) -> Transaction {
        var snapshot = try snapshot()
        try ProtocolGate.checkWritable(snapshot.protocolAction, schema: snapshot.schema, metadata: snapshot.metadata)
        let configuration = snapshot.metadata.configuration
        let isolationLevel = try TableProperties.isolationLevel(configuration)
        let partitionColumns = snapshot.metadata.partitionColumns
        let partitionBy = try Self.jsonText(.stringArray(partitionColumns))
        var parameters: JSONObject = ["mode": .string(mode.rawValue), "partitionBy": .string(partitionBy)]
        if let txn, let recorded = snapshot.transactionVersion(appId: txn.appId), recorded >= txn.version {
            return Transaction(
                table: self, readVersion: snapshot.version, actions: [], operation: "WRITE",
                operationParameters: parameters, operationMetrics: [:], isBlindAppend: mode == .append,
                readsWholeTable: mode == .overwrite, removedPaths: [], transactionAction: txn,
                isolationLevel: isolationLevel, alreadyAppliedVersion: snapshot.version)
        }
        let evolvedMetadata = try Self.evolvedMetadata(snapshot, batches, schemaEvolution)
        if let evolvedMetadata {
            snapshot.metadata = evolvedMetadata
            snapshot.schema = try DeltaSchema(parsing: evolvedMetadata.schemaString)
        }
        let tableSchema = try snapshot.schema.columnarSchema()
        var replaced = snapshot.files
        if !replaceWhere.isEmpty {
            guard mode == .overwrite else {
                throw .invalidArgument("replaceWhere applies to overwrites only, not to mode \(mode.rawValue)")
            }
            replaced = try Self.filesToReplace(snapshot, replaceWhere, batches, schema: tableSchema)
            parameters["predicate"] = .string(Self.sqlText(replaceWhere, schema: tableSchema))
        }
        if mode == .overwrite && TableProperties.isAppendOnly(configuration) && !replaced.isEmpty {
            throw .appendOnlyViolation(operation: "overwrite")
        }
        let writer = try DataFileWriter(store: store, root: root, clock: clock, snapshot: snapshot)
        let adds = try writer.write(batches)
        let now = clock.nowMillis()
        var actions: [Action] = []
        if let evolvedMetadata { actions.append(.metadata(evolvedMetadata)) }
        var removedPaths: Set<String> = []
        if mode == .overwrite {
            for file in replaced {
                removedPaths.insert(file.path)
                actions.append(
                    .remove(
                        RemoveAction(
                            path: file.add.path, deletionTimestamp: now, dataChange: true, extendedFileMetadata: true,
                            partitionValues: file.add.partitionValues, size: file.add.size,
                            deletionVector: file.add.deletionVector)))
            }
        }
        actions += adds.map(Action.add)
        let recordedTxn = txn.map { TransactionAction(appId: $0.appId, version: $0.version, lastUpdated: now) }
        if let recordedTxn { actions.append(.transaction(recordedTxn)) }
        let rows = batches.reduce(0) { $0 + $1.rowCount }
        var metrics: JSONObject = [
            "numFiles": .string(String(adds.count)), "numOutputRows": .string(String(rows)),
            "numOutputBytes": .string(String(adds.reduce(0) { $0 + $1.size })),
        ]
        if mode == .overwrite {
            metrics["numAddedFiles"] = .string(String(adds.count))
            metrics["numRemovedFiles"] = .string(String(replaced.count))
        }
        let partial = mode == .overwrite && !replaceWhere.isEmpty
        return Transaction(
            table: self, readVersion: snapshot.version, actions: actions, operation: "WRITE",
            operationParameters: parameters, operationMetrics: metrics, isBlindAppend: mode == .append,
            readsWholeTable: mode == .overwrite && !partial, removedPaths: removedPaths, transactionAction: recordedTxn,
            isolationLevel: isolationLevel, alreadyAppliedVersion: nil, readPredicate: partial ? replaceWhere : nil,
            readSchema: tableSchema, readPaths: partial ? removedPaths : [], changesMetadata: evolvedMetadata != nil)
    }

    /// The live files a `replaceWhere` overwrite removes, after checking the predicate and every new row.
    private static func filesToReplace(
        _ snapshot: Snapshot, _ replaceWhere: [ParquetPredicate], _ batches: [Batch], schema: Schema
    ) throws(TableLogError) -> [ActiveFile] {
        let partitionColumns = snapshot.metadata.partitionColumns
        for predicate in replaceWhere where !partitionColumns.contains(predicate.column) {
            throw .invalidArgument(
                "replaceWhere column \"\(predicate.column)\" is not a partition column (partition columns: "
                    + "\(partitionColumns.joined(separator: ", ")))")
        }
        for batch in batches where batch.rowCount > 0 {
            let matched = ParquetPredicate.matchingRows(replaceWhere, in: batch)
            if let row = matched.firstIndex(of: false) {
                let values = replaceWhere.map { predicate in
                    "\(predicate.column)=\(batch.column(named: predicate.column)?.value(at: row) ?? .null)"
                }
                throw .invalidArgument(
                    "row outside the replaced partitions: row \(row) has \(values.joined(separator: ", ")), which "
                        + "does not satisfy replaceWhere \(replaceWhere.map(\.description).joined(separator: " AND "))")
            }
        }
        var replaced: [ActiveFile] = []
        for file in snapshot.files {
            let values = try TableScan.typedPartitionValues(file, columns: partitionColumns, schema: schema)
            if replaceWhere.allSatisfy({ $0.isSatisfied(by: values[$0.column] ?? .null) }) { replaced.append(file) }
        }
        return replaced
    }

    /// A conjunction as SQL text, the way delta-rs records `predicate` (`region = 'eu' AND day >= '2024-01-02'`):
    /// numbers bare, other literals as their partition-value text in single quotes.
    static func sqlText(_ predicates: [ParquetPredicate], schema: Schema) -> String {
        predicates.map { predicate in
            let type = schema.fields.first { $0.name == predicate.column }?.type
            let literal: String
            switch (predicate.value, type) {
            case (.int(let number), .int8), (.int(let number), .int16), (.int(let number), .int32),
                (.int(let number), .int64), (.int(let number), nil):
                literal = String(number)
            case (.uint(let number), _): literal = String(number)
            case (.float32(let number), _): literal = String(number)
            case (.float64(let number), _): literal = String(number)
            case (.bool(let flag), _): literal = String(flag)
            case (.null, _): literal = "NULL"
            case (.string(let text), _): literal = "'" + text.replacingAll("'", with: "''") + "'"
            case (let value, let type):
                let text = type.flatMap { try? PartitionValueCodec.serialize(value, as: $0, column: predicate.column) }
                literal = "'" + (text ?? "\(value)").replacingAll("'", with: "''") + "'"
            }
            return "\(predicate.column) \(predicate.comparison.rawValue) \(literal)"
        }.joined(separator: " AND ")
    }

    /// The `metaData` that adds the batch columns `snapshot`'s schema lacks, or nil when there are none.
    /// - Throws: `schemaMismatch` naming the missing columns without `.addNewColumns` (`columns "a", "b" are not
    ///   in the table schema`), or when batches disagree
    ///   on a new column's type; `unsupportedFeature` on column-mapped tables and for a new `timestamp_ntz`
    ///   column on a table whose protocol lacks `timestampNtz`; `unsupportedType` for a type Delta lacks.
    static func evolvedMetadata(
        _ snapshot: Snapshot, _ batches: [Batch], _ evolution: SchemaEvolution
    ) throws(TableLogError) -> MetadataAction? {
        var newFields: [Field] = []
        for batch in batches {
            for field in batch.schema.fields where snapshot.schema.field(named: field.name) == nil {
                if let earlier = newFields.first(where: { $0.name == field.name }) {
                    guard earlier.type == field.type else {
                        throw .schemaMismatch(
                            "new column \"\(field.name)\" is \(earlier.type) in one batch and \(field.type) in another")
                    }
                    continue
                }
                newFields.append(Field(field.name, field.type, nullable: true))
            }
        }
        if newFields.isEmpty { return nil }
        guard evolution == .addNewColumns else {
            let names = newFields.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw .schemaMismatch(
                newFields.count == 1
                    ? "column \(names) is not in the table schema" : "columns \(names) are not in the table schema")
        }
        let mapping = snapshot.metadata.configuration["delta.columnMapping.mode"] ?? "none"
        guard mapping == "none" else {
            throw .unsupportedFeature("schema evolution on a table with column mapping mode \(mapping)")
        }
        let added = try DeltaSchema(Schema(newFields)).fields
        let features = Set(snapshot.protocolAction.writerFeatures ?? [])
        if added.contains(where: { $0.type == .timestampNtz }) && !features.contains("timestampNtz") {
            throw .unsupportedFeature("timestampNtz (adding a timestamp_ntz column needs a protocol upgrade)")
        }
        var schema = snapshot.schema
        schema.fields += added
        var metadata = snapshot.metadata
        metadata.schemaString = try schema.jsonString()
        return metadata
    }
}

extension String {
    /// The string with every occurrence of `target` (a single character) replaced by `replacement`.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
