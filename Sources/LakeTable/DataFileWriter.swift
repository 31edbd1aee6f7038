import LakeColumnar
import LakeCore
import LakeParquet

/// Writes the rows of a transaction as new Parquet data files and describes each with an `add` action.
///
/// Rows are conformed to the table schema first (columns matched by name; table columns the batches lack are
/// written as nulls when nullable), then grouped by partition values. Each group becomes one file
/// `<partition directories>/part-00000-<uuid>-c000.snappy.parquet` holding the data columns only, with
/// statistics (§5.2) computed from the rows. A file becomes visible in the store only when it is complete, and
/// in the table only when a commit names it: files of a transaction that never commits stay as orphans.
///
/// On a table with column mapping mode `name`, file columns, statistics keys, partition-value keys and partition
/// directories use the physical names (§11.3); mode `id` is refused, since the Parquet writer does not write
/// field ids yet.
///
/// Spec: spec/table-log.md §3.3.2, §4, §5.2, §11.3.
struct DataFileWriter {
    let store: any ObjectStore
    let root: String
    let clock: TableClock
    /// The table's columnar schema (all columns, table order).
    let tableSchema: Schema
    let partitionColumns: [String]
    /// Columns that get statistics (physical names), or nil for all data columns.
    let statisticsColumns: [String]?
    let columnMapping: ColumnMapping

    init(store: any ObjectStore, root: String, clock: TableClock, snapshot: Snapshot) throws(TableLogError) {
        self.store = store
        self.root = root
        self.clock = clock
        tableSchema = try snapshot.schema.columnarSchema()
        partitionColumns = snapshot.metadata.partitionColumns
        let columnMapping = try ColumnMapping(
            protocolAction: snapshot.protocolAction, metadata: snapshot.metadata, schema: snapshot.schema)
        guard columnMapping.mode != .id else {
            throw .unsupportedFeature("columnMapping (mode id: writing Parquet field ids is not supported yet)")
        }
        let isNested: (DeltaField) -> Bool = {
            switch $0.type {
            case .struct, .array, .map: true
            default: false
            }
        }
        if columnMapping.mode != .none, let nested = snapshot.schema.fields.first(where: isNested) {
            // Struct members, list elements and map entries would need physical names inside the file too.
            throw .unsupportedFeature("columnMapping (nested column \"\(nested.name)\")")
        }
        self.columnMapping = columnMapping
        let dataColumns = tableSchema.fields.map(\.name).filter { !snapshot.metadata.partitionColumns.contains($0) }
        let indexed = snapshot.metadata.configuration["delta.dataSkippingNumIndexedCols"].flatMap { Int($0) } ?? 32
        if let listed = snapshot.metadata.configuration["delta.dataSkippingStatsColumns"] {
            let names = Set(listed.split(separator: ",").map { $0.trimmingCharacters(in: " ") })
            statisticsColumns = dataColumns.filter { names.contains($0) }.map(columnMapping.physicalName(of:))
        } else {
            statisticsColumns = indexed < 0 ? nil : dataColumns.prefix(indexed).map(columnMapping.physicalName(of:))
        }
    }

    /// Writes `batches` and returns one `add` per file (`dataChange: true`), in partition order of first row.
    /// - Throws: `schemaMismatch` for a batch column the table lacks, a type difference, or a missing
    ///   non-nullable column; `unsupportedType`/`invalidPartitionValue` from partition serialization;
    ///   `dataFile` when the Parquet writer fails; `io` for storage failures.
    func write(_ batches: [Batch]) throws(TableLogError) -> [AddAction] {
        var groups: [[String?]: [Batch]] = [:]
        var order: [[String?]] = []
        for batch in batches where batch.rowCount > 0 {
            let conformed = try conform(batch)
            for (key, part) in try split(conformed) {
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(part)
            }
        }
        var adds: [AddAction] = []
        for key in order {
            adds.append(try writeFile(groups[key] ?? [], partitionKey: key))
        }
        return adds
    }

    /// Writes one file in partition `partitionValues` (the text of an existing file's `add.partitionValues`,
    /// kept verbatim) from the batches `nextBatches` yields until it returns nil, and describes it
    /// (`dataChange: true`). Batches are conformed and written as they arrive and statistics are accumulated, so
    /// memory holds one yielded chunk plus the Parquet writer's open row group. Every row must belong to the
    /// partition; rows are not checked against it.
    /// - Returns: nil when no rows arrived (no file is left behind).
    /// - Throws: as `write`, plus whatever `nextBatches` throws (the partial file is then aborted).
    func writeFile(
        partitionValues: [String: String?], from nextBatches: () throws(TableLogError) -> [Batch]?
    ) throws(TableLogError) -> AddAction? {
        let dataIndices = tableSchema.fields.indices.filter { !partitionColumns.contains(tableSchema.fields[$0].name) }
        let dataSchema = physical(tableSchema.projecting(dataIndices))
        let partitionKey = partitionColumns.map {
            (partitionValues[columnMapping.physicalName(of: $0)] ?? partitionValues[$0]) ?? nil
        }
        let relativePath = newFilePath(partitionKey: partitionKey)
        let objectPath = TableLocation.objectPath(root, relativePath)
        var accumulator = StatisticsCollector.Accumulator(schema: dataSchema, columns: statisticsColumns)
        var rowCount = 0
        let writer: ParquetFileWriter
        do throws(ParquetError) {
            writer = try ParquetFileWriter(store: store, path: objectPath, schema: dataSchema)
        } catch {
            throw .dataFile(path: relativePath, reason: error.description)
        }
        do throws(TableLogError) {
            while let batches = try nextBatches() {
                for batch in batches where batch.rowCount > 0 {
                    let data = Batch(schema: dataSchema, columns: try conform(batch).projecting(dataIndices).columns)
                    do throws(ParquetError) {
                        try writer.write(data)
                    } catch {
                        throw .dataFile(path: relativePath, reason: error.description)
                    }
                    accumulator.add(data)
                    rowCount += data.rowCount
                }
            }
            if rowCount == 0 {
                writer.abort()
                return nil
            }
            do throws(ParquetError) {
                _ = try writer.close()
            } catch {
                throw .dataFile(path: relativePath, reason: error.description)
            }
        } catch {
            writer.abort()
            throw error
        }
        let size = try TableLocation.storeCall { try store.head(objectPath).sizeBytes }
        var recordedValues: [String: String?] = [:]
        for (column, value) in zip(partitionColumns, partitionKey) {
            recordedValues[columnMapping.physicalName(of: column)] = .some(value)
        }
        return AddAction(
            path: PathCodec.encode(relativePath), partitionValues: recordedValues, size: size,
            modificationTime: clock.nowMillis(), dataChange: true,
            stats: try accumulator.statistics.jsonString(schema: dataSchema))
    }

    /// `<partition directories>/part-00000-<uuid>-c000.snappy.parquet` for a new file.
    private func newFilePath(partitionKey: [String?]) -> String {
        let directories = zip(partitionColumns, partitionKey).map {
            PartitionValueCodec.directoryName(column: columnMapping.physicalName(of: $0), value: $1)
        }
        let name = "part-00000-\(UUIDText.random())-c000.snappy.parquet"
        return (directories + [name]).joined(separator: "/")
    }

    /// `batch` with the table's columns in table order.
    private func conform(_ batch: Batch) throws(TableLogError) -> Batch {
        for field in batch.schema.fields where tableSchema.index(of: field.name) == nil {
            throw .schemaMismatch("column \"\(field.name)\" is not in the table schema")
        }
        var columns: [Column] = []
        for field in tableSchema.fields {
            if let index = batch.schema.index(of: field.name) {
                let column = batch.columns[index]
                guard column.type == field.type else {
                    throw .schemaMismatch("column \"\(field.name)\" is \(column.type), the table has \(field.type)")
                }
                guard field.isNullable || column.nullCount == 0 else {
                    throw .schemaMismatch("non-nullable column \"\(field.name)\" holds nulls")
                }
                columns.append(column)
            } else {
                guard field.isNullable else {
                    throw .schemaMismatch("non-nullable column \"\(field.name)\" is missing from the batch")
                }
                columns.append(
                    try TableScan.constantColumn(.null, type: field.type, count: batch.rowCount, path: "<new file>"))
            }
        }
        return Batch(schema: tableSchema, columns: columns)
    }

    /// The rows of `batch` grouped by serialized partition values, groups in order of first appearance.
    private func split(_ batch: Batch) throws(TableLogError) -> [([String?], Batch)] {
        if partitionColumns.isEmpty { return [([], batch)] }
        var indices: [Int] = []
        for column in partitionColumns {
            guard let index = tableSchema.index(of: column) else {
                throw .invalidSchema("partition column \"\(column)\" is not in the schema")
            }
            indices.append(index)
        }
        var rowsByKey: [[String?]: [Int]] = [:]
        var order: [[String?]] = []
        for row in 0..<batch.rowCount {
            var key: [String?] = []
            for (column, index) in zip(partitionColumns, indices) {
                key.append(
                    try PartitionValueCodec.serialize(
                        batch.columns[index].value(at: row), as: tableSchema.fields[index].type, column: column))
            }
            if rowsByKey[key] == nil { order.append(key) }
            rowsByKey[key, default: []].append(row)
        }
        if order.count == 1 { return [(order[0], batch)] }
        var parts: [([String?], Batch)] = []
        for key in order {
            parts.append((key, try Self.take(rowsByKey[key] ?? [], from: batch)))
        }
        return parts
    }

    /// The rows `rows` of `batch`, in that order.
    private static func take(_ rows: [Int], from batch: Batch) throws(TableLogError) -> Batch {
        var columns: [Column] = []
        for column in batch.columns {
            var builder = ColumnBuilder(type: column.type, capacity: rows.count)
            do {
                for row in rows { try builder.append(column.value(at: row)) }
            } catch {
                throw .schemaMismatch("cannot copy a \(column.type) column: \(error)")
            }
            columns.append(builder.build())
        }
        return Batch(schema: batch.schema, columns: columns)
    }

    /// Writes one file of the data columns of `batches` (all in one partition) and describes it.
    private func writeFile(_ batches: [Batch], partitionKey: [String?]) throws(TableLogError) -> AddAction {
        let dataIndices = tableSchema.fields.indices.filter { !partitionColumns.contains(tableSchema.fields[$0].name) }
        let dataSchema = physical(tableSchema.projecting(dataIndices))
        let relativePath = newFilePath(partitionKey: partitionKey)
        let objectPath = TableLocation.objectPath(root, relativePath)
        let dataBatches = batches.map { Batch(schema: dataSchema, columns: $0.projecting(dataIndices).columns) }
        do throws(ParquetError) {
            let writer = try ParquetFileWriter(store: store, path: objectPath, schema: dataSchema)
            do throws(ParquetError) {
                for batch in dataBatches { try writer.write(batch) }
                _ = try writer.close()
            } catch {
                writer.abort()
                throw error
            }
        } catch {
            throw .dataFile(path: relativePath, reason: error.description)
        }
        let size = try TableLocation.storeCall { try store.head(objectPath).sizeBytes }
        let statistics = StatisticsCollector.statistics(of: dataBatches, schema: dataSchema, columns: statisticsColumns)
        var partitionValues: [String: String?] = [:]
        for (column, value) in zip(partitionColumns, partitionKey) {
            partitionValues[columnMapping.physicalName(of: column)] = .some(value)
        }
        return AddAction(
            path: PathCodec.encode(relativePath), partitionValues: partitionValues, size: size,
            modificationTime: clock.nowMillis(), dataChange: true, stats: try statistics.jsonString(schema: dataSchema))
    }

    /// `schema` with each field renamed to its physical name (unchanged without column mapping).
    private func physical(_ schema: Schema) -> Schema {
        guard columnMapping.mode != .none else { return schema }
        return Schema(
            schema.fields.map {
                Field(columnMapping.physicalName(of: $0.name), $0.type, nullable: $0.isNullable, metadata: $0.metadata)
            }, metadata: schema.metadata)
    }
}
