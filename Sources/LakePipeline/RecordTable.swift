import LakeColumnar
import LakeCore
import LakeTable

/// A record the pipeline keeps in an append-only Delta table under `_lake/` (extraction run records, pipeline step
/// records): the table's place and schema, and the conversion of one record to and from a row.
public protocol StoredRecord: Sendable {
    /// The table's prefix in the lake root (`_lake/extract_runs`).
    static var tableRoot: String { get }
    /// The table's name and description in its metadata.
    static var tableName: String { get }
    static var tableDescription: String { get }
    static var schema: Schema { get }
    /// The run the record belongs to, and its position in that run: the order `readAll` returns.
    var runID: String { get }
    var sequence: Int64 { get }
    /// The record's values, one per field of `schema`, in order.
    var rowValues: [Value] { get }
    /// The record in `row` of `columns` (the table's columns in `schema` order).
    /// - Throws: `PipelineError.storage` when the row does not hold a valid record.
    init(row: Int, of columns: RecordColumns) throws(PipelineError)
}

/// The columns of a stored-record batch in schema order, with typed accessors for one row.
public struct RecordColumns: Sendable {
    let columns: [Column]

    public func text(_ column: Int, _ row: Int) -> String? {
        if case .string(let value) = columns[column].value(at: row) { return value }
        return nil
    }

    /// The integer at (column, row); 0 for null.
    public func integer(_ column: Int, _ row: Int) -> Int64 {
        if case .int(let value) = columns[column].value(at: row) { return value }
        return 0
    }

    /// The float64 at (column, row); 0 for null.
    public func double(_ column: Int, _ row: Int) -> Double {
        if case .float64(let value) = columns[column].value(at: row) { return value }
        return 0
    }
}

/// The append-only Delta table of one kind of stored record.
///
/// Appends are one commit each, so a crash keeps every record appended before it; the table is created by the first
/// append (a concurrent creator is tolerated).
public struct RecordTable<Record: StoredRecord>: Sendable {
    public static var root: String { Record.tableRoot }
    public static var schema: Schema { Record.schema }

    public let table: Table

    public init(store: any ObjectStore, clock: TableClock) {
        table = Table(store: store, root: Record.tableRoot, clock: clock)
    }

    /// Appends `records` in one commit, creating the table first when it does not exist.
    /// - Throws: `storage` when the table cannot be created or written.
    public func append(_ records: [Record]) throws(PipelineError) {
        guard !records.isEmpty else { return }
        do {
            try createIfAbsent()
            try table.append([try Self.batch(records)])
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: Self.root, reason: "\(error)")
        }
    }

    /// Every record, ordered by run id, then position in the run. Empty when the table does not exist.
    public func readAll() throws(PipelineError) -> [Record] {
        do {
            guard try exists() else { return [] }
            var records: [Record] = []
            let scan = try table.scan()
            for file in scan.files {
                for batch in try scan.batches(of: file) {
                    records.append(contentsOf: try Self.records(batch))
                }
            }
            return records.sorted { ($0.runID, $0.sequence) < ($1.runID, $1.sequence) }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw .storage(path: Self.root, reason: "\(error)")
        }
    }

    private func exists() throws -> Bool {
        !(try table.store.list(prefix: Self.root + "/_delta_log/", after: nil)).isEmpty
    }

    private func createIfAbsent() throws {
        guard try !exists() else { return }
        do {
            try table.create(schema: Self.schema, name: Record.tableName, description: Record.tableDescription)
        } catch .tableExists {
            // Another writer created it between the check and the commit.
        }
    }

    static func batch(_ records: [Record]) throws -> Batch {
        var builders = Self.schema.fields.map { ColumnBuilder(type: $0.type, capacity: records.count) }
        for record in records {
            for (index, value) in record.rowValues.enumerated() { try builders[index].append(value) }
        }
        return Batch(schema: Self.schema, columns: builders.map { $0.build() })
    }

    static func records(_ batch: Batch) throws(PipelineError) -> [Record] {
        var columns: [Column] = []
        for field in Self.schema.fields {
            guard let column = batch.column(named: field.name) else {
                throw .storage(path: Self.root, reason: "the table lacks column \(field.name)")
            }
            columns.append(column)
        }
        let view = RecordColumns(columns: columns)
        var records: [Record] = []
        for row in 0..<batch.rowCount { records.append(try Record(row: row, of: view)) }
        return records
    }
}
