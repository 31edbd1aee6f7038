import LakeColumnar
import LakeCore
import LakeParquet

/// Reads the live files of a snapshot as batches of the table's columns.
///
/// Each output batch has `schema`: the projected columns in the order asked for. Partition columns are
/// materialized as constant columns from `add.partitionValues`; columns a file lacks (older files after schema
/// evolution) read as nulls; columns a file has beyond the schema are ignored. Files are pruned by partition
/// values and statistics (`FilePruner`) and, inside each file, row groups by Parquet statistics; with
/// `filterRows` the data predicates also drop non-matching rows. Without it, batches may hold rows that do not
/// satisfy the predicates (pruning is only a superset).
///
/// Paths come from the snapshot, already checked by `PathCodec.decode`, so every read stays under `root`.
///
/// ```swift
/// let snapshot = try Snapshot.load(store: store, root: "silver/prices")
/// let scan = try TableScan(snapshot: snapshot, store: store, root: "silver/prices", columns: ["id", "day"],
///                          predicates: [ParquetPredicate("day", .equal, .int(19_800))])
/// let batches = try scan.readAll()
/// ```
///
/// Spec: spec/table-log.md §3.3.2, §4, §5.3.
public struct TableScan: Sendable {
    public let snapshot: Snapshot
    public let store: any ObjectStore
    public let root: String
    /// The schema of every output batch.
    public let schema: Schema
    public let predicates: [ParquetPredicate]
    public let filterRows: Bool
    /// Live files left after pruning, in snapshot order (by path).
    public let files: [ActiveFile]
    /// Live files dropped by partition pruning and data skipping.
    public let prunedFileCount: Int
    /// The table's columnar schema, all columns.
    private let tableSchema: Schema
    private let partitionColumns: Set<String>

    /// Plans a scan of `snapshot`.
    /// - Parameters:
    ///   - columns: the projection, in output order; all columns when nil.
    ///   - predicates: a conjunction used to prune files and row groups (and rows with `filterRows`).
    /// - Throws: `invalidSchema` for an unknown projected or predicate column; `unsupportedType` for a nested
    ///   column in the projection; `invalidPartitionValue` for a partition value that does not parse.
    public init(
        snapshot: Snapshot, store: any ObjectStore, root: String, columns: [String]? = nil,
        predicates: [ParquetPredicate] = [], filterRows: Bool = false
    ) throws(TableLogError) {
        self.snapshot = snapshot
        self.store = store
        self.root = root
        self.predicates = predicates
        self.filterRows = filterRows
        schema = try snapshot.schema.columnarSchema(projecting: columns)
        let predicateColumns = predicates.map(\.column).filter { name in snapshot.schema.field(named: name) != nil }
        guard predicateColumns.count == predicates.count else {
            let unknown = predicates.first { snapshot.schema.field(named: $0.column) == nil }?.column ?? ""
            throw .invalidSchema("no column named \"\(unknown)\" in the scan predicates")
        }
        let supported = snapshot.schema.fields.filter { $0.type.columnarType != nil }.map(\.name)
        let tableSchema = try snapshot.schema.columnarSchema(projecting: supported)
        self.tableSchema = tableSchema
        for predicate in predicates where tableSchema.index(of: predicate.column) == nil {
            throw .unsupportedType(column: predicate.column, type: "nested type in a predicate")
        }
        partitionColumns = Set(snapshot.metadata.partitionColumns)
        var kept: [ActiveFile] = []
        for file in snapshot.files {
            let values = try Self.typedPartitionValues(
                file, columns: snapshot.metadata.partitionColumns, schema: tableSchema)
            let statistics = file.add.stats.flatMap { FileStatistics(parsing: $0, schema: tableSchema) }
            if FilePruner.mayMatch(
                predicates: predicates, partitionValues: values, statistics: statistics, schema: tableSchema)
            {
                kept.append(file)
            }
        }
        files = kept
        prunedFileCount = snapshot.files.count - kept.count
    }

    /// Every batch of every file left after pruning, file by file.
    /// - Complexity: memory holds the whole result; use `batches(of:)` to stream file by file.
    public func readAll() throws(TableLogError) -> [Batch] {
        var batches: [Batch] = []
        for file in files { batches += try self.batches(of: file) }
        return batches
    }

    /// The batches of one live file, conformed to `schema`.
    /// - Throws: `dataFile` when the file cannot be read, a column has another type than the table's, or a
    ///   non-nullable column holds nulls; `io` for storage failures.
    public func batches(of file: ActiveFile) throws(TableLogError) -> [Batch] {
        let objectPath = TableLocation.objectPath(root, file.path)
        let partitionValues = try Self.typedPartitionValues(
            file, columns: snapshot.metadata.partitionColumns, schema: tableSchema)
        do {
            let reader = try ParquetFileReader(store: store, path: objectPath)
            let dataColumns = schema.fields.map(\.name).filter {
                !partitionColumns.contains($0) && reader.schema.index(of: $0) != nil
            }
            var filePredicates: [ParquetPredicate] = []
            for predicate in predicates where !partitionColumns.contains(predicate.column) {
                guard reader.schema.index(of: predicate.column) != nil else {
                    if filterRows { return [] }  // the column is all null here, and null never matches
                    continue
                }
                filePredicates.append(predicate)
            }
            if schema.fields.isEmpty && !filterRows {
                return reader.rowCount > 0 ? [Batch(rowCount: Int(clamping: reader.rowCount))] : []
            }
            var batchReader = try reader.makeBatchReader(
                columns: dataColumns, predicates: filePredicates, filterRows: filterRows)
            var batches: [Batch] = []
            while let batch = try batchReader.next() {
                batches.append(try conform(batch, partitionValues: partitionValues, path: file.path))
            }
            return batches
        } catch let error as ParquetError {
            throw .dataFile(path: file.path, reason: error.description)
        } catch let error as TableLogError {
            throw error
        } catch {
            throw .dataFile(path: file.path, reason: "\(error)")
        }
    }

    /// `batch` (the file's data columns) as a batch of `schema`.
    private func conform(_ batch: Batch, partitionValues: [String: Value], path: String) throws(TableLogError) -> Batch
    {
        var columns: [Column] = []
        for field in schema.fields {
            let column: Column
            if let value = partitionValues[field.name] {
                column = try Self.constantColumn(value, type: field.type, count: batch.rowCount, path: path)
            } else if let index = batch.schema.index(of: field.name) {
                column = batch.columns[index]
                guard column.type == field.type else {
                    throw .dataFile(
                        path: path, reason: "column \"\(field.name)\" is \(column.type), the table says \(field.type)")
                }
            } else {
                column = try Self.constantColumn(.null, type: field.type, count: batch.rowCount, path: path)
            }
            guard field.isNullable || column.nullCount == 0 else {
                throw .dataFile(path: path, reason: "non-nullable column \"\(field.name)\" holds nulls")
            }
            columns.append(column)
        }
        if columns.isEmpty { return Batch(rowCount: batch.rowCount) }
        return Batch(schema: schema, columns: columns)
    }

    static func constantColumn(_ value: Value, type: DataType, count: Int, path: String) throws(TableLogError)
        -> Column
    {
        var builder = ColumnBuilder(type: type, capacity: count)
        do {
            for _ in 0..<count { try builder.append(value) }
        } catch {
            throw .dataFile(path: path, reason: "partition value \(value) does not fit type \(type): \(error)")
        }
        return builder.build()
    }

    /// The typed partition values of `file`, one per partition column (NULL for a missing key).
    static func typedPartitionValues(
        _ file: ActiveFile, columns: [String], schema: Schema
    ) throws(TableLogError) -> [String: Value] {
        var values: [String: Value] = [:]
        for column in columns {
            guard let index = schema.index(of: column) else { continue }
            let text = file.add.partitionValues[column] ?? nil
            values[column] = try PartitionValueCodec.parse(text, as: schema.fields[index].type, column: column)
        }
        return values
    }
}
