import LakeColumnar
import LakeCore
import LakeParquet

extension Table {
    /// Merges `batches` into the table by the key columns `keys`, in one commit (`MERGE`); see `prepareMerge`.
    /// - Returns: the commit's outcome, or nil when the merge changes nothing (nothing committed).
    /// - Throws: see `prepareMerge` and `Transaction.commit`.
    @discardableResult
    public func merge(_ batches: [Batch], on keys: [String], mode: MergeMode) throws(TableLogError) -> CommitOutcome? {
        try prepareMerge(batches, on: keys, mode: mode)?.commit()
    }

    /// Reads the latest snapshot, matches the source rows `batches` to the table's rows by `keys` and returns the
    /// transaction that applies `mode`, or nil when nothing changes.
    ///
    /// A source row matches a table row when every key column is equal (`Value` equality; NULL never matches, so
    /// a source row with a NULL key is always inserted). Candidate files are the live files whose partition
    /// values and statistics admit a key inside the source's `[min, max]` range of every key column (§5.3); the
    /// others are never read. Each candidate is read on its own, so memory holds the source, its key index and
    /// one target file's batches.
    ///
    /// - `.insertMissing`: reads the candidates' key columns only; appends the source rows whose key no table
    ///   row has. No file is removed.
    /// - `.upsert`: a candidate holding a matched key is removed and rewritten: its unmatched rows are copied,
    ///   each matched row takes the source row's values for the columns the source has (the others keep the
    ///   table's), and the unmatched source rows are appended. Candidates without a matched key are untouched.
    ///
    /// Conflicts (§10.3): the transaction read the candidates under the key-range predicate, so it fails with
    /// `concurrentAppend` when a concurrent non-blind commit (or, under `Serializable`, any commit) adds a file
    /// that may hold keys in that range, with `concurrentDeleteRead` when one removes a candidate, and with
    /// `concurrentDeleteDelete` when one removes a file the upsert rewrites. Concurrent blind appends do not
    /// conflict under `WriteSerializable` (the default), even when they add a key the source also has.
    ///
    /// `commitInfo` as delta-rs 1.6.6 writes a MERGE: parameters `mergePredicate` (`target.k = source.k AND
    /// ...`), `matchedPredicates`, `notMatchedPredicates`, `notMatchedBySourcePredicates`; metrics as JSON
    /// numbers `num_source_rows`, `num_target_rows_inserted`, `num_target_rows_updated`,
    /// `num_target_rows_deleted`, `num_target_rows_copied`, `num_output_rows`, `num_target_files_scanned`,
    /// `num_target_files_skipped_during_scan`, `num_target_files_added`, `num_target_files_removed` (the
    /// timing metrics are left out).
    /// - Throws: `invalidArgument` for no keys, a repeated key, a key column the table or a source batch lacks,
    ///   source batches with different column sets, or two source rows with the same key (naming the key);
    ///   `schemaMismatch` for a source column the table lacks or of another type; `unsupportedType` for a nested
    ///   key column; `appendOnlyViolation` when an upsert would rewrite a file of an append-only table;
    ///   `unsupportedFeature` when this writer cannot honour the table's protocol; `dataFile` and `io`.
    public func prepareMerge(
        _ batches: [Batch], on keys: [String], mode: MergeMode
    ) throws(TableLogError) -> Transaction? {
        let snapshot = try snapshot()
        try ProtocolGate.checkWritable(snapshot.protocolAction, schema: snapshot.schema)
        let configuration = snapshot.metadata.configuration
        let isolationLevel = try TableProperties.isolationLevel(configuration)
        let tableSchema = try snapshot.schema.columnarSchema()
        let source = try MergeSource(batches, keys: keys, tableSchema: tableSchema)
        let readPredicate = source.keyRangePredicates()
        let candidates =
            source.rowsByKey.isEmpty
            ? [] : try TableScan(snapshot: snapshot, store: store, root: root, predicates: readPredicate).files
        let reader = try TableScan(
            snapshot: snapshot, store: store, root: root, columns: mode == .insertMissing ? keys : nil)
        let writer = try DataFileWriter(store: store, root: root, clock: clock, snapshot: snapshot)
        let now = clock.nowMillis()
        var matched: Set<[Value]> = []
        var removes: [Action] = []
        var adds: [AddAction] = []
        var removedPaths: Set<String> = []
        var updatedRows = 0
        var copiedRows = 0
        for file in candidates {
            var output: [Batch] = []
            var fileMatches = false
            for batch in try reader.batches(of: file) {
                let keyColumns = keys.compactMap { batch.column(named: $0) }
                var kept: [Int] = []
                var updates: [(target: Int, source: MergeSource.RowIndex)] = []
                for row in 0..<batch.rowCount {
                    let key = keyColumns.map { $0.value(at: row) }
                    if let sourceRow = source.rowsByKey[key] {
                        matched.insert(key)
                        updates.append((row, sourceRow))
                    } else {
                        kept.append(row)
                    }
                }
                guard mode == .upsert else { continue }
                if !updates.isEmpty { fileMatches = true }
                if !kept.isEmpty {
                    output.append(
                        kept.count == batch.rowCount
                            ? batch : Batch(schema: batch.schema, columns: batch.columns.map { $0.taking(kept) }))
                }
                if !updates.isEmpty {
                    output.append(try source.updatedRows(updates, target: batch))
                    updatedRows += updates.count
                }
            }
            guard mode == .upsert, fileMatches else { continue }
            if TableProperties.isAppendOnly(configuration) { throw .appendOnlyViolation(operation: "merge") }
            removedPaths.insert(file.path)
            removes.append(
                .remove(
                    RemoveAction(
                        path: file.add.path, deletionTimestamp: now, dataChange: true, extendedFileMetadata: true,
                        partitionValues: file.add.partitionValues, size: file.add.size, stats: file.add.stats,
                        deletionVector: file.add.deletionVector)))
            copiedRows += output.reduce(0) { $0 + $1.rowCount }
            adds += try writer.write(output)
        }
        copiedRows -= updatedRows
        let inserts = source.unmatchedBatches(excluding: matched)
        let insertedRows = inserts.reduce(0) { $0 + $1.rowCount }
        adds += try writer.write(inserts)
        if removes.isEmpty && adds.isEmpty { return nil }
        let condition = keys.map { "target.\($0) = source.\($0)" }.joined(separator: " AND ")
        let matchedActions = mode == .upsert ? #"[{"actionType":"update"}]"# : "[]"
        let parameters: JSONObject = [
            "mergePredicate": .string(condition), "matchedPredicates": .string(matchedActions),
            "notMatchedPredicates": .string(#"[{"actionType":"insert"}]"#),
            "notMatchedBySourcePredicates": .string("[]"),
        ]
        let metrics: JSONObject = [
            "num_source_rows": .int64(Int64(source.rowCount)),
            "num_target_rows_inserted": .int64(Int64(insertedRows)),
            "num_target_rows_updated": .int64(Int64(updatedRows)), "num_target_rows_deleted": .int64(0),
            "num_target_rows_copied": .int64(Int64(copiedRows)),
            "num_output_rows": .int64(Int64(insertedRows + updatedRows + copiedRows)),
            "num_target_files_scanned": .int64(Int64(candidates.count)),
            "num_target_files_skipped_during_scan": .int64(Int64(snapshot.files.count - candidates.count)),
            "num_target_files_added": .int64(Int64(adds.count)),
            "num_target_files_removed": .int64(Int64(removes.count)),
        ]
        return Transaction(
            table: self, readVersion: snapshot.version, actions: removes + adds.map(Action.add), operation: "MERGE",
            operationParameters: parameters, operationMetrics: metrics, isBlindAppend: false,
            readsWholeTable: isolationLevel == "Serializable", removedPaths: removedPaths, transactionAction: nil,
            isolationLevel: isolationLevel, alreadyAppliedVersion: nil, readPredicate: readPredicate,
            readSchema: tableSchema, readPaths: Set(candidates.map(\.path)))
    }
}

/// The source rows of a merge, indexed by key.
struct MergeSource {
    /// A source row: batch index and row inside it.
    typealias RowIndex = (batch: Int, row: Int)

    let batches: [Batch]
    let keys: [String]
    let tableSchema: Schema
    /// The column names every source batch has.
    let columns: Set<String>
    /// Source rows by key; rows with a NULL key are not indexed (they never match).
    let rowsByKey: [[Value]: RowIndex]
    let rowCount: Int

    /// Validates `batches` and indexes them by `keys`.
    /// - Throws: as `Table.prepareMerge`.
    init(_ batches: [Batch], keys: [String], tableSchema: Schema) throws(TableLogError) {
        guard !keys.isEmpty else { throw .invalidArgument("merge needs at least one key column") }
        guard Set(keys).count == keys.count else {
            throw .invalidArgument("merge key columns repeat: \(keys.joined(separator: ", "))")
        }
        for key in keys {
            guard let index = tableSchema.index(of: key) else {
                throw .invalidArgument("merge key \"\(key)\" is not a column of the table")
            }
            switch tableSchema.fields[index].type {
            case .list, .struct, .map: throw .unsupportedType(column: key, type: "nested type as a merge key")
            default: break
            }
        }
        let sourceBatches = batches.filter { $0.rowCount > 0 }
        let columns = Set(sourceBatches.first?.schema.fields.map(\.name) ?? keys)
        for batch in sourceBatches {
            guard Set(batch.schema.fields.map(\.name)) == columns else {
                throw .invalidArgument("merge source batches must all have the same columns")
            }
            for field in batch.schema.fields {
                guard let index = tableSchema.index(of: field.name) else {
                    throw .schemaMismatch("merge source column \"\(field.name)\" is not a column of the table")
                }
                guard tableSchema.fields[index].type == field.type else {
                    throw .schemaMismatch(
                        "merge source column \"\(field.name)\" is \(field.type), the table says "
                            + "\(tableSchema.fields[index].type)")
                }
            }
        }
        for key in keys where !columns.contains(key) {
            throw .invalidArgument("the merge source lacks key column \"\(key)\"")
        }
        var rowsByKey: [[Value]: RowIndex] = [:]
        var rowCount = 0
        for (batchIndex, batch) in sourceBatches.enumerated() {
            let keyColumns = keys.compactMap { batch.column(named: $0) }
            for row in 0..<batch.rowCount {
                let key = keyColumns.map { $0.value(at: row) }
                if key.contains(.null) { continue }
                if rowsByKey[key] != nil {
                    let text = zip(keys, key).map { "\($0)=\($1)" }.joined(separator: ", ")
                    throw .invalidArgument("duplicate key (\(text)) in the merge source")
                }
                rowsByKey[key] = (batchIndex, row)
            }
            rowCount += batch.rowCount
        }
        self.batches = sourceBatches
        self.keys = keys
        self.tableSchema = tableSchema
        self.columns = columns
        self.rowsByKey = rowsByKey
        self.rowCount = rowCount
    }

    /// `key >= min` and `key <= max` over the non-null source keys of every key column whose values order; a
    /// superset of the table rows a source key can match. Empty when the source has no non-null key.
    func keyRangePredicates() -> [ParquetPredicate] {
        var predicates: [ParquetPredicate] = []
        for (position, key) in keys.enumerated() {
            var low: Value?
            var high: Value?
            var ordered = true
            for values in rowsByKey.keys {
                let value = values[position]
                guard let currentLow = low, let currentHigh = high else {
                    low = value
                    high = value
                    continue
                }
                guard let below = FilePruner.compare(value, currentLow),
                    let above = FilePruner.compare(value, currentHigh)
                else {
                    ordered = false
                    break
                }
                if below < 0 { low = value }
                if above > 0 { high = value }
            }
            guard ordered, let low, let high else { continue }
            predicates.append(ParquetPredicate(key, .greaterOrEqual, low))
            predicates.append(ParquetPredicate(key, .lessOrEqual, high))
        }
        return predicates
    }

    /// The rows `updates` of table batch `target` after the update: columns the source has take the source
    /// row's values, the others keep the target's. The result has `target`'s schema.
    func updatedRows(_ updates: [(target: Int, source: RowIndex)], target: Batch) throws(TableLogError) -> Batch {
        var columns: [Column] = []
        for (field, column) in zip(target.schema.fields, target.columns) {
            var builder = ColumnBuilder(type: field.type, capacity: updates.count)
            let fromSource = sourceColumns(named: field.name)
            do {
                for update in updates {
                    if let fromSource {
                        try builder.append(fromSource[update.source.batch].value(at: update.source.row))
                    } else {
                        try builder.append(column.value(at: update.target))
                    }
                }
            } catch {
                throw .schemaMismatch("cannot update column \"\(field.name)\": \(error)")
            }
            columns.append(builder.build())
        }
        return Batch(schema: target.schema, columns: columns)
    }

    /// The column `name` of every source batch, nil when the source lacks it.
    private func sourceColumns(named name: String) -> [Column]? {
        guard columns.contains(name) else { return nil }
        return batches.compactMap { $0.column(named: name) }
    }

    /// The source rows whose key is not in `matched` (and those with a NULL key), batch by batch.
    func unmatchedBatches(excluding matched: Set<[Value]>) -> [Batch] {
        var result: [Batch] = []
        for batch in batches {
            let keyColumns = keys.compactMap { batch.column(named: $0) }
            var rows: [Int] = []
            for row in 0..<batch.rowCount {
                let key = keyColumns.map { $0.value(at: row) }
                if key.contains(.null) || !matched.contains(key) { rows.append(row) }
            }
            if rows.count == batch.rowCount {
                result.append(batch)
            } else if !rows.isEmpty {
                result.append(Batch(schema: batch.schema, columns: batch.columns.map { $0.taking(rows) }))
            }
        }
        return result
    }
}
