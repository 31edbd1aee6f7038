import LakeColumnar
import LakeCore
import LakeTestSupport
import Testing

@testable import LakeParquet

/// Footers crafted to overflow arithmetic or exhaust memory: each must be refused with a `ParquetError`.
@Suite struct ParquetHostileMetadataTests {
    let store = LocalObjectStore(root: "/tmp/lake-hostile-\(UInt64.random(in: 0...UInt64.max))")

    /// `PAR1`, `data` (as the data section), then `footer`, its length and `PAR1`.
    func file(_ footer: FileMetaData, data: [UInt8] = Array(repeating: 0, count: 64)) throws -> String {
        let encoded = footer.encode()
        let length = UInt32(encoded.count)
        let bytes = Array("PAR1".utf8) + data + encoded
            + [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8(length >> 24)]
            + Array("PAR1".utf8)
        let name = "f\(UInt32.random(in: 0...UInt32.max)).parquet"
        try store.put(name, bytes)
        return name
    }

    func footer(
        columns: [SchemaElement] = [SchemaElement(type: .int64, repetitionType: .optional, name: "x")],
        groups: [(rows: Int64, offset: Int64, size: Int64)]
    ) -> FileMetaData {
        let schema = [SchemaElement(name: "schema", numChildren: Int32(columns.count))] + columns
        let rowGroups = groups.map { group in
            RowGroup(
                columns: columns.map { column in
                    ColumnChunk(
                        fileOffset: group.offset,
                        metaData: ColumnMetaData(
                            type: column.type ?? .int64, encodings: [.plain], pathInSchema: [column.name],
                            codec: .uncompressed, numValues: group.rows, totalUncompressedSize: group.size,
                            totalCompressedSize: group.size, dataPageOffset: group.offset))
                }, totalByteSize: group.size, numRows: group.rows)
        }
        return FileMetaData(
            version: 2, schema: schema, numRows: groups.reduce(0) { $0 &+ $1.rows }, rowGroups: rowGroups)
    }

    func openError(_ name: String) -> ParquetError? {
        do {
            let reader = try ParquetFileReader(store: store, path: name)
            _ = try reader.readAll()
            for group in 0..<reader.rowGroupCount {
                for column in reader.parquetSchema.columns.indices { _ = try reader.pageIndex(rowGroup: group, column: column) }
            }
            return nil
        } catch {
            return error
        }
    }

    @Test func chunkRangeNearInt64MaxIsRefused() throws {
        let name = try file(footer(groups: [(1, Int64.max - 16, 256)]))
        #expect(openError(name)?.kind == .invalidMetadata)
    }

    @Test func rowCountsThatOverflowAreRefused() throws {
        let name = try file(footer(groups: [(Int64.max, 4, 8), (Int64.max, 4, 8)]))
        #expect(openError(name)?.kind == .invalidMetadata)
    }

    @Test func pageIndexOffsetNearInt64MaxIsRefused() throws {
        var meta = footer(groups: [(0, 4, 0)])
        meta.rowGroups[0].columns[0].columnIndexOffset = Int64.max
        meta.rowGroups[0].columns[0].columnIndexLength = 100
        let name = try file(meta)
        #expect(openError(name)?.kind == .invalidMetadata)
    }

    @Test func hugeFixedLengthWidthIsRefused() throws {
        let wide = SchemaElement(type: .fixedLenByteArray, typeLength: Int32.max, repetitionType: .optional, name: "w")
        let name = try file(footer(columns: [wide], groups: [(100, 4, 16)]))
        #expect(openError(name)?.kind == .invalidMetadata)
    }

    @Test func billionsOfNullRowsAreRefusedBeforeAllocating() throws {
        // One v1 page claiming 2^31 - 1 null rows: a few bytes on disk, tens of GB decoded.
        let levels: [UInt8] = [6, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0x00]  // RLE run of 2^31-1 zeros
        let header = PageHeader(
            type: .dataPage, uncompressedPageSize: Int32(levels.count), compressedPageSize: Int32(levels.count),
            dataPageHeader: DataPageHeader(
                numValues: Int32.max, encoding: .plain, definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle))
        let page = header.encode() + levels
        let name = try file(footer(groups: [(Int64(Int32.max), 4, Int64(page.count))]), data: page)
        #expect(openError(name)?.kind == .unsupported)
    }

    @Test func duplicateColumnNamesOfDifferentTypesReadWithoutTrapping() throws {
        let batch = Batch(
            schema: Schema([Field("a", .int32, nullable: false), Field("b", .int64)]),
            columns: [
                Column(type: .int32, values: .int32([1, 2])), Column(type: .int64, values: .int64([3, 4])),
            ])
        let writer = try ParquetFileWriter(store: store, path: "dup.parquet", schema: batch.schema)
        try writer.write(batch)
        let meta = try writer.close()
        var renamed = meta
        renamed.schema[2].name = "a"  // both leaves now called "a"
        for group in renamed.rowGroups.indices { renamed.rowGroups[group].columns[1].metaData?.pathInSchema = ["a"] }
        let original = try store.read("dup.parquet")
        let footerLength = Int(UInt32(littleEndianBytes: Array(original.suffix(8).prefix(4))))
        let data = Array(original[4..<(original.count - 8 - footerLength)])
        let name = try file(renamed, data: data)
        let batches = try ParquetFileReader(store: store, path: name).readAll()
        #expect(batches.first?.schema.fields.map(\.type) == [.int32, .int64])
    }
}

@Suite struct ParquetWriterMisuseTests {
    let store = LocalObjectStore(root: "/tmp/lake-misuse-\(UInt64.random(in: 0...UInt64.max))")

    @Test func invalidDecimalsWidthsAndDuplicateNamesAreRefusedUpFront() {
        for schema in [
            Schema([Field("d", .decimal(precision: 0, scale: 0))]),
            Schema([Field("d", .decimal(precision: 40, scale: 2))]),
            Schema([Field("f", .fixedSizeBinary(width: 0))]),
            Schema([Field("x", .int32), Field("x", .int64)]),
        ] {
            #expect(throws: ParquetError.self) { try ParquetFileWriter(store: store, path: "m.parquet", schema: schema) }
        }
    }

    @Test func aMismatchedBatchIsRefusedAndTheFileStaysUsable() throws {
        let schema = Schema([Field("x", .int64)])
        let writer = try ParquetFileWriter(store: store, path: "keep.parquet", schema: schema)
        let wrong = Batch(schema: Schema([Field("y", .int64)]), columns: [Column(type: .int64, values: .int64([1]))])
        #expect(throws: ParquetError.self) { try writer.write(wrong) }
        try writer.write(Batch(schema: schema, columns: [Column(type: .int64, values: .int64([7]))]))
        try writer.close()
        #expect(try ParquetFileReader(store: store, path: "keep.parquet").rowCount == 1)
    }

    @Test func longStringsAreCutIntoPagesByBytes() throws {
        var options = ParquetWriteOptions()
        options.dataPageBytesMax = 64 << 10
        options.encoding = .plain
        let text = String(repeating: "x", count: 10_000)
        var builder = ColumnBuilder(type: .utf8)
        for _ in 0..<100 { try builder.append(.string(text)) }
        let schema = Schema([Field("s", .utf8)])
        let writer = try ParquetFileWriter(store: store, path: "pages.parquet", schema: schema, options: options)
        try writer.write(Batch(schema: schema, columns: [builder.build()]))
        try writer.close()
        let reader = try ParquetFileReader(store: store, path: "pages.parquet")
        let pages = try #require(try reader.pageIndex(rowGroup: 0, column: 0).1).pageLocations
        #expect(pages.count >= 15)
        #expect(try reader.readAll().first?.rowCount == 100)
    }

    @Test(arguments: [("12.5", Int128(1250)), ("-0.05", -5), ("7", 700)])
    func decimalLiteralsAreScaled(text: String, unscaled: Int128) {
        #expect(ParquetPredicate.unscaledDecimal(text, precision: 10, scale: 2) == .decimal(unscaled))
    }

    @Test func decimalLiteralsWithTooManyDigitsAreRejected() {
        #expect(ParquetPredicate.unscaledDecimal("1.234", precision: 10, scale: 2) == nil)
        #expect(ParquetPredicate.unscaledDecimal("123456789", precision: 10, scale: 2) == nil)
        #expect(ParquetPredicate.unscaledDecimal("1e3", precision: 10, scale: 2) == nil)
    }

    @Test func aLiteralOfTheWrongTypeIsAnError() throws {
        let schema = Schema([Field("x", .int64)])
        let writer = try ParquetFileWriter(store: store, path: "typed.parquet", schema: schema)
        try writer.write(Batch(schema: schema, columns: [Column(type: .int64, values: .int64([1, 2]))]))
        try writer.close()
        let reader = try ParquetFileReader(store: store, path: "typed.parquet")
        #expect(throws: ParquetError.self) {
            try reader.makeBatchReader(predicates: [ParquetPredicate("x", .equal, .string("1"))], filterRows: true)
        }
    }
}
