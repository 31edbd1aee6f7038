import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Page CRC-32s: written on request, verified on read, and agreeing with pyarrow both ways.
@Suite("Parquet page checksums")
struct PageChecksumTests {
    static let schema = Schema([Field("id", .int64), Field("name", .utf8), Field("score", .float64)])

    static func batch() throws -> Batch {
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for row in 0..<6_000 {
            try builders[0].append(.int(Int64(row)))
            try builders[1].append(row % 7 == 0 ? .null : .string("name-\(row % 311)"))
            try builders[2].append(.float64(Double(row) / 4))
        }
        return Batch(schema: schema, columns: builders.map { $0.build() })
    }

    /// The bytes of `path` with one byte flipped in the last byte of data page `page` of leaf `column`, and the
    /// file offset where that page starts.
    static func corrupting(
        _ reader: ParquetFileReader, _ bytes: [UInt8], column: Int, page: Int
    )
        throws
        -> ([UInt8], Int64)
    {
        let (_, offsetIndex) = try reader.pageIndex(rowGroup: 0, column: column)
        let location = try #require(offsetIndex).pageLocations[page]
        var mutated = bytes
        mutated[Int(location.offset) + Int(location.compressedPageSize) - 1] ^= 0x5A
        return (mutated, location.offset)
    }

    static func firstPageHeader(
        _ reader: ParquetFileReader, _ bytes: [UInt8], column: Int
    ) throws
        -> PageHeader
    {
        let start = Int(
            try #require(reader.metadata.rowGroups[0].columns[column].metaData).dataPageOffset)
        return try PageHeader.decode(bytes[start...]).0
    }

    @Test(
        "written checksums verify here and in pyarrow, and a flipped byte fails both",
        arguments: [ParquetWriteOptions.DataPageVersion.v1, .v2])
    func writtenChecksums(version: ParquetWriteOptions.DataPageVersion) throws {
        let directory = try ScratchDirectory("crc-write")
        var options = ParquetWriteOptions()
        options.writePageChecksums = true
        options.dataPageVersion = version
        options.dataPageRowsMax = 1_000
        options.compression = .zstd(level: 1)
        let writer = try ParquetFileWriter(
            store: directory.store, path: "c.parquet", schema: Self.schema, options: options)
        try writer.write(try Self.batch())
        try writer.close()
        let reader = try ParquetFileReader(store: directory.store, path: "c.parquet")
        let bytes = try directory.store.read("c.parquet", range: nil)
        for column in 0..<3 {
            let header = try Self.firstPageHeader(reader, bytes, column: column)
            #expect(header.crc != nil, "column \(column) page header carries no CRC")
        }
        #expect(try reader.readAll().first?.rowCount == 6_000)
        let output = try PythonPeer.run(
            "parquet_pruning_peer.py", ["verify-checksums", directory.file("c.parquet").path])
        #expect(output.text.contains("\"rows\": 6000"))

        let (mutated, pageOffset) = try Self.corrupting(reader, bytes, column: 1, page: 2)
        try Data(mutated).write(to: directory.file("bad.parquet"))
        #expect(throws: PythonPeer.Failure.self) {
            try PythonPeer.run(
                "parquet_pruning_peer.py", ["verify-checksums", directory.file("bad.parquet").path])
        }
        let bad = try ParquetFileReader(store: directory.store, path: "bad.parquet")
        let error = #expect(throws: ParquetError.self) { _ = try bad.readAll() }
        #expect(error?.kind == .invalidData)
        #expect(error?.column == "name" && error?.file == "bad.parquet")
        #expect(error?.offset == pageOffset, "\(String(describing: error))")
        #expect(error?.reason.contains("CRC") == true)
        // A page-pruned read that fetches the damaged page fails the same way; one that skips it succeeds.
        let hitting = [ParquetPredicate("id", .greaterOrEqual, .int(2_500))]
        #expect(throws: ParquetError.self) {
            var batches = try bad.makeBatchReader(
                columns: ["name"], predicates: hitting, filterRows: true)
            while try batches.next() != nil {}
        }
        var missing = try bad.makeBatchReader(
            columns: ["name"], predicates: [ParquetPredicate("id", .less, .int(1_000))], filterRows: true)
        var rows = 0
        while let batch = try missing.next() { rows += batch.rowCount }
        #expect(rows == 1_000)
    }

    @Test("pages carry no checksum unless asked")
    func noChecksumByDefault() throws {
        let directory = try ScratchDirectory("crc-default")
        let writer = try ParquetFileWriter(
            store: directory.store, path: "c.parquet", schema: Self.schema)
        try writer.write(try Self.batch())
        try writer.close()
        let reader = try ParquetFileReader(store: directory.store, path: "c.parquet")
        let bytes = try directory.store.read("c.parquet", range: nil)
        #expect(try Self.firstPageHeader(reader, bytes, column: 0).crc == nil)
    }

    @Test(
        "pyarrow's page checksums verify here and a flipped byte is reported with its column and offset"
    )
    func pyarrowChecksums() throws {
        let directory = try ScratchDirectory("crc-pyarrow")
        _ = try PythonPeer.run(
            "parquet_pruning_peer.py", ["write-checksums", directory.file("p.parquet").path])
        let reader = try ParquetFileReader(store: directory.store, path: "p.parquet")
        let bytes = try directory.store.read("p.parquet", range: nil)
        #expect(try Self.firstPageHeader(reader, bytes, column: 0).crc != nil)
        #expect(try reader.readAll().reduce(0) { $0 + $1.rowCount } == 5_000)
        for column in 0..<3 {
            let (mutated, pageOffset) = try Self.corrupting(reader, bytes, column: column, page: 0)
            let store = SingleObjectStore(bytes: mutated)
            let bad = try ParquetFileReader(store: store, path: "mutant.parquet")
            let error = #expect(throws: ParquetError.self) { _ = try bad.readAll() }
            #expect(error?.kind == .invalidData)
            #expect(error?.column == reader.parquetSchema.columns[column].name)
            #expect(error?.offset == pageOffset)
        }
    }
}
