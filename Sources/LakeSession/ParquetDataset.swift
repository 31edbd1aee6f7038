import LakeColumnar
import LakeCore
import LakeParquet

/// Several Parquet files read as one table: a folder of snapshots (`bronze/listings_latest/`), a glob, or the
/// files a pipeline binds.
///
/// The schema is the union of the files' columns by name, in order of first appearance. A column's type is the
/// common type of the files that hold values in it: integers widen to int64, integers and floats to float64; a
/// column that is entirely null in a file (by its statistics) takes any type. Other mixes read as utf8 (the values
/// as text). Files lacking a column read nulls there.
///
/// Spec: spec/session.md (Parquet datasets)
struct ParquetDataset: Sendable {
    let store: LocalObjectStore
    /// Object paths of the files, in read order.
    let files: [String]
    let schema: Schema

    /// Reads the footers of `files` and unifies their schemas.
    /// - Throws: `file` naming the file whose footer cannot be read, or nested columns that differ between files.
    init(store: LocalObjectStore, files: [String]) throws(SessionError) {
        self.store = store
        self.files = files
        var fields: [Field] = []
        var positions: [String: Int] = [:]
        var typed: [Bool] = []
        for file in files {
            let reader: ParquetFileReader
            do {
                reader = try ParquetFileReader(store: store, path: file)
            } catch {
                throw .file(path: store.root + "/" + file, reason: error.description)
            }
            let allNull = Self.allNullColumns(reader)
            for (index, field) in reader.schema.fields.enumerated() {
                let hasValues = !allNull.contains(index)
                guard let position = positions[field.name] else {
                    positions[field.name] = fields.count
                    fields.append(Field(field.name, field.type, nullable: true))
                    typed.append(hasValues)
                    continue
                }
                guard hasValues else { continue }
                guard typed[position] else {
                    fields[position] = Field(field.name, field.type, nullable: true)
                    typed[position] = true
                    continue
                }
                guard let common = Self.unifiedType(fields[position].type, field.type) else {
                    throw .file(
                        path: store.root + "/" + file,
                        reason: "column \"\(field.name)\" is \(field.type) here but \(fields[position].type) in "
                            + "earlier files")
                }
                fields[position] = Field(field.name, common, nullable: true)
            }
        }
        schema = Schema(fields)
    }

    /// The `*.parquet` objects under `location` (recursively: partition folders included), sorted by path.
    static func files(in location: DatasetLocation) throws(SessionError) -> [String] {
        let prefix = location.prefix.isEmpty ? "" : location.prefix + "/"
        do {
            return try location.store.list(prefix: prefix, after: nil).map(\.path)
                .filter { $0.hasSuffix(".parquet") && !$0.contains("/_") }
        } catch {
            throw .file(path: location.path, reason: "cannot list: \(error)")
        }
    }

    /// Leaf positions of a flat file whose every row group records as many nulls as rows.
    private static func allNullColumns(_ reader: ParquetFileReader) -> Set<Int> {
        let groups = reader.metadata.rowGroups
        guard let first = groups.first, first.columns.count == reader.schema.fields.count else { return [] }
        var result = Set<Int>()
        for column in first.columns.indices {
            let allNull = groups.allSatisfy { group in
                guard column < group.columns.count,
                    let nulls = group.columns[column].metaData?.statistics?.nullCount
                else { return false }
                return nulls == group.numRows
            }
            if allNull { result.insert(column) }
        }
        return result
    }

    /// The type two files' columns unify to, or nil for nested types that differ.
    static func unifiedType(_ lhs: DataType, _ rhs: DataType) -> DataType? {
        if lhs == rhs { return lhs }
        if lhs.isNested || rhs.isNested { return nil }
        if lhs.isIntegerType && rhs.isIntegerType { return .int64 }
        if lhs.isNumericType && rhs.isNumericType && !lhs.isDecimalType && !rhs.isDecimalType { return .float64 }
        return .utf8
    }
}

extension DataType {
    var isNested: Bool {
        switch self {
        case .list, .struct, .map: true
        default: false
        }
    }

    var isIntegerType: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32: true
        default: false
        }
    }

    var isDecimalType: Bool {
        if case .decimal = self { return true }
        return false
    }

    var isNumericType: Bool {
        switch self {
        case .float32, .float64, .decimal: true
        default: isIntegerType
        }
    }
}
