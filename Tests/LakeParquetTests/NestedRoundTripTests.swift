import LakeColumnar
import LakeCore
import LakeParquet
import Testing

/// Nested columns written by this engine and read back by it: every shape, nulls at every level, several pages
/// and row groups, both page versions, dictionary on and off.
@Suite struct NestedRoundTripTests {
    static let intList = DataType.list(Field("element", .int32))
    static let stringList = DataType.list(Field("element", .utf8, nullable: false))
    static let point = DataType.struct([Field("x", .int64), Field("label", .utf8, nullable: false)])
    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("ints", intList),
        Field("strings", stringList),
        Field("points", .list(Field("element", point))),
        Field("wrapper", .struct([Field("tags", stringList), Field("inner", .struct([Field("v", .float64)]))])),
        Field("attributes", .map(key: Field("key", .utf8, nullable: false), value: Field("value", .utf8))),
        Field("places", .map(key: Field("key", .utf8, nullable: false), value: Field("value", point))),
        Field("matrix", .list(Field("element", intList))),
        Field("required", .list(Field("element", .int64, nullable: false)), nullable: false),
    ])

    /// A random value of `type`; `nullable` allows null. Lists hold 0...4 items.
    static func value(_ type: DataType, nullable: Bool, _ rng: inout SeededGenerator) -> Value {
        if nullable && Int.random(in: 0..<6, using: &rng) == 0 { return .null }
        switch type {
        case .int32: return .int(Int64(Int32.random(in: -50...50, using: &rng)))
        case .int64: return .int(Int64.random(in: -1_000_000...1_000_000, using: &rng))
        case .float64: return .float64(Double(Int.random(in: -100...100, using: &rng)) / 4)
        case .utf8: return .string("s\(Int.random(in: 0..<40, using: &rng))")
        case .list(let element):
            let count = Int.random(in: 0...4, using: &rng)
            return .list((0..<count).map { _ in value(element.type, nullable: element.isNullable, &rng) })
        case .struct(let fields):
            return .struct(fields.map { value($0.type, nullable: $0.isNullable, &rng) })
        case .map(let key, let valueField):
            let count = Int.random(in: 0...3, using: &rng)
            let keys = (0..<count).map { Value.string("k\($0)") }
            _ = key
            return .map(keys: keys, values: keys.map { _ in value(valueField.type, nullable: valueField.isNullable, &rng) })
        default: return .null
        }
    }

    static func batch(rows: Int, seed: UInt64) throws -> Batch {
        var rng = SeededGenerator(seed: seed)
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for row in 0..<rows {
            for (index, field) in schema.fields.enumerated() {
                let cell = index == 0 ? .int(Int64(row)) : value(field.type, nullable: field.isNullable, &rng)
                try builders[index].append(cell)
            }
        }
        return Batch(schema: schema, columns: builders.map { $0.build() })
    }

    static func rows(_ batches: [Batch]) -> [[Value]] {
        batches.flatMap { batch in (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row) } } }
    }

    @Test(arguments: [ParquetWriteOptions.DataPageVersion.v1, .v2], [
        ParquetWriteOptions.ValueEncoding.dictionary, .plain,
    ])
    func nestedColumnsRoundTripAcrossPagesAndRowGroups(
        version: ParquetWriteOptions.DataPageVersion, encoding: ParquetWriteOptions.ValueEncoding
    ) throws {
        let scratch = try ScratchDirectory("nested")
        let batch = try Self.batch(rows: 3_000, seed: 0x5EED)
        var options = ParquetWriteOptions()
        options.dataPageVersion = version
        options.encoding = encoding
        options.rowGroupRowsMax = 1_100
        options.dataPageRowsMax = 250
        let writer = try ParquetFileWriter(store: scratch.store, path: "n.parquet", schema: Self.schema, options: options)
        try writer.write(batch.slice(0..<1_700))
        try writer.write(batch.slice(1_700..<3_000))
        try writer.close()
        let reader = try ParquetFileReader(store: scratch.store, path: "n.parquet")
        #expect(reader.schema.fields == Self.schema.fields)
        #expect(reader.rowGroupCount == 3)
        let batches = try reader.readAll()
        #expect(Self.rows(batches) == Self.rows([batch]))
        let projected = try reader.readAll(columns: ["places", "id"])
        #expect(Self.rows(projected) == Self.rows([batch.projecting([6, 0])]))
        // Page indexes count records: pages start at record boundaries, null counts add up to the chunk's.
        for leaf in reader.parquetSchema.columns.indices {
            let (columnIndex, offsetIndex) = try reader.pageIndex(rowGroup: 0, column: leaf)
            let firstRows = try #require(offsetIndex).pageLocations.map(\.firstRowIndex)
            #expect(firstRows == Array(stride(from: 0, to: 1_100, by: 250)), "\(reader.parquetSchema.columns[leaf].name)")
            let chunkNulls = reader.metadata.rowGroups[0].columns[leaf].metaData?.statistics?.nullCount
            #expect(try #require(columnIndex).nullCounts?.reduce(0, +) == chunkNulls)
        }
    }

    @Test func predicatesOnFlatColumnsPruneAndFilterRowsOfNestedColumns() throws {
        let scratch = try ScratchDirectory("nested-filter")
        let batch = try Self.batch(rows: 2_000, seed: 0xF11)
        var options = ParquetWriteOptions()
        options.rowGroupRowsMax = 500
        let writer = try ParquetFileWriter(store: scratch.store, path: "f.parquet", schema: Self.schema, options: options)
        try writer.write(batch)
        try writer.close()
        let reader = try ParquetFileReader(store: scratch.store, path: "f.parquet")
        var filtered = try reader.makeBatchReader(
            columns: ["id", "points", "attributes"], predicates: [ParquetPredicate("id", .greaterOrEqual, .int(1_700))],
            filterRows: true)
        #expect(filtered.prunedRowGroups == 3)
        var batches: [Batch] = []
        while let next = try filtered.next() { batches.append(next) }
        #expect(Self.rows(batches) == Self.rows([batch.slice(1_700..<2_000).projecting([0, 3, 5])]))
    }

    @Test func emptyNestedFileReadsAsNoRows() throws {
        let scratch = try ScratchDirectory("nested-empty")
        let writer = try ParquetFileWriter(store: scratch.store, path: "e.parquet", schema: Self.schema)
        try writer.write(try Self.batch(rows: 0, seed: 1))
        try writer.close()
        let reader = try ParquetFileReader(store: scratch.store, path: "e.parquet")
        #expect(reader.schema.fields == Self.schema.fields)
        #expect(try reader.readAll().allSatisfy { $0.rowCount == 0 })
    }

    @Test func leafOptionsApplyByTopLevelNameOrLeafPath() throws {
        let scratch = try ScratchDirectory("nested-options")
        var options = ParquetWriteOptions()
        options.columns["attributes"] = .init(encoding: .plain, compression: .zstd(level: 3))
        options.columns["attributes.key_value.value"] = .init(encoding: .deltaLengthByteArray)
        let writer = try ParquetFileWriter(store: scratch.store, path: "o.parquet", schema: Self.schema, options: options)
        try writer.write(try Self.batch(rows: 300, seed: 2))
        try writer.close()
        let reader = try ParquetFileReader(store: scratch.store, path: "o.parquet")
        let chunks = try #require(reader.metadata.rowGroups.first).columns
        let leaves = reader.parquetSchema.columns
        func meta(_ name: String) throws -> ColumnMetaData {
            let index = try #require(leaves.firstIndex { $0.name == name })
            return try #require(chunks[index].metaData)
        }
        #expect(try meta("attributes.key_value.key").codec == .zstd)
        #expect(try meta("attributes.key_value.key").encodings.contains(.plain))
        #expect(try meta("attributes.key_value.value").encodings.contains(.deltaLengthByteArray))
        #expect(try meta("attributes.key_value.value").codec == .zstd)
        #expect(try meta("ints.list.element").encodings.contains(.rleDictionary))
    }

    @Test func structWithoutFieldsIsRefused() throws {
        let scratch = try ScratchDirectory("nested-empty-struct")
        let schema = Schema([Field("s", .struct([]))])
        #expect(throws: ParquetError.self) {
            _ = try ParquetFileWriter(store: scratch.store, path: "e.parquet", schema: schema)
        }
    }

    @Test func nullInNonNullableNestedFieldIsRefused() throws {
        let scratch = try ScratchDirectory("nested-null")
        let type = DataType.list(Field("element", .int64, nullable: false))
        let elements = Column(
            type: .int64, values: .int64([1, 0]), validity: Bitmap([true, false]))
        let column = Column(type: type, values: .list(offsets: [0, 2], elements: elements))
        let schema = Schema([Field("l", type)])
        let writer = try ParquetFileWriter(store: scratch.store, path: "n.parquet", schema: schema)
        #expect(throws: ParquetError.self) { try writer.write(Batch(schema: schema, columns: [column])) }
    }
}
