import LakeColumnar
import LakeCore
import LakeExec
import LakeParquet

/// Streams the rows of a `ParquetDataset`, file by file, as batches of the projected columns of its unified
/// schema. Row groups and pages whose statistics rule out `predicates` are skipped; with `filterRows` the rows
/// failing a predicate are dropped too (a predicate on a column whose type differs between files is only used in
/// files where the type is the unified one).
struct ParquetFilesSource: BatchSource {
    let dataset: ParquetDataset
    let schema: Schema
    let predicates: [ParquetPredicate]
    let filterRows: Bool
    private var fileIndex = 0
    private var reader: ParquetBatchReader?
    private var currentPath = ""

    /// - Parameter columns: names of the dataset's columns to read, in output order.
    init(dataset: ParquetDataset, columns: [String], predicates: [ParquetPredicate], filterRows: Bool) {
        self.dataset = dataset
        schema = Schema(columns.compactMap { name in dataset.schema.fields.first { $0.name == name } })
        self.predicates = predicates
        self.filterRows = filterRows
    }

    mutating func nextBatch() throws -> Batch? {
        while true {
            if let current = reader {
                var active = current
                let batch = try readNext(&active)
                reader = active
                if let batch { return batch }
                reader = nil
            }
            guard fileIndex < dataset.files.count else { return nil }
            let path = dataset.files[fileIndex]
            fileIndex += 1
            currentPath = dataset.store.root + "/" + path
            do {
                let file = try ParquetFileReader(store: dataset.store, path: path)
                if schema.fields.isEmpty {
                    if file.rowCount > 0 { return Batch(rowCount: Int(clamping: file.rowCount)) }
                    continue
                }
                let present = schema.fields.map(\.name).filter { file.schema.index(of: $0) != nil }
                let usable = predicates.filter { predicate in
                    guard let index = file.schema.index(of: predicate.column),
                        let unified = dataset.schema.index(of: predicate.column)
                    else { return false }
                    return file.schema.fields[index].type == dataset.schema.fields[unified].type
                }
                reader = try file.makeBatchReader(columns: present, predicates: usable, filterRows: filterRows)
            } catch {
                throw SessionError.file(path: currentPath, reason: error.description)
            }
        }
    }

    private func readNext(_ reader: inout ParquetBatchReader) throws(SessionError) -> Batch? {
        let batch: Batch?
        do {
            batch = try reader.next()
        } catch {
            throw .file(path: currentPath, reason: error.description)
        }
        guard let batch else { return nil }
        var columns: [Column] = []
        for field in schema.fields {
            if let index = batch.schema.index(of: field.name) {
                columns.append(try ColumnWidening.convert(batch.columns[index], to: field.type, path: currentPath))
            } else {
                columns.append(ColumnWidening.nulls(field.type, count: batch.rowCount))
            }
        }
        return Batch(schema: schema, columns: columns)
    }
}
