import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// XXH64 and split-block bloom filters as pyarrow and DuckDB write them, and files whose filters are hostile.
@Suite("Parquet bloom filters")
struct BloomFilterTests {
    @Test("XXH64 matches the reference values, across the 32-byte stripe boundary")
    func xxhash64ReferenceValues() {
        #expect(XXHash64.hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(
            XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
    }

    @Test("a filter contains what was inserted and rejects most other values")
    func insertedValuesAreFound() {
        var filter = SplitBlockBloomFilter(blockCount: 64)
        for value in 0..<1_000 { filter.insert(hash: XXHash64.hash(UInt64(value).bytes)) }
        #expect((0..<1_000).allSatisfy { filter.mayContain(hash: XXHash64.hash(UInt64($0).bytes)) })
        let falsePositives = (1_000..<11_000).filter {
            filter.mayContain(hash: XXHash64.hash(UInt64($0).bytes))
        }.count
        #expect(falsePositives < 500, "\(falsePositives) false positives of 10,000")
        let reread = try? SplitBlockBloomFilter(bitset: filter.bitset[...])
        #expect(reread == filter)
    }

    @Test("pyarrow's bloom filters hold every value of their chunks")
    func pyarrowFilters() throws {
        let corpus = try PyarrowCorpus.shared.get()
        let reader = try corpus.reader("bloom_filter")
        let batches = try reader.readAll(columns: ["int64", "utf8"])
        var absentsRejected = 0
        for (group, batch) in batches.enumerated() {
            for (name, column) in zip(["int64", "utf8"], batch.columns) {
                let leaf = try #require(reader.parquetSchema.leafIndex(path: name))
                let filter = try #require(try reader.bloomFilter(rowGroup: group, column: leaf), "\(name)")
                for row in 0..<batch.rowCount {
                    switch column.value(at: row) {
                    case .int(let value):
                        #expect(
                            filter.mayContain(hash: XXHash64.hash(UInt64(bitPattern: value).bytes)), "\(value)")
                    case .string(let value):
                        #expect(filter.mayContain(hash: XXHash64.hash(Array(value.utf8))), "\(value)")
                    default: continue
                    }
                }
                for absent in 0..<200
                where !filter.mayContain(hash: XXHash64.hash(Array("absent-\(absent)".utf8))) {
                    absentsRejected += 1
                }
            }
        }
        #expect(absentsRejected > 300)
        // A literal absent from the data but inside the statistics' range is pruned by the filter alone.
        var pruned = try reader.makeBatchReader(
            columns: ["utf8"], predicates: [ParquetPredicate("int64", .equal, .int(1))], filterRows: true)
        var plain = try reader.makeBatchReader(
            columns: ["utf8"], predicates: [ParquetPredicate("int64", .equal, .int(1))], filterRows: true,
            usesBloomFilters: false)
        #expect(try Self.rows(&pruned) == Self.rows(&plain))
    }

    @Test("DuckDB's bloom filters prune row groups that statistics cannot")
    func duckdbFilters() throws {
        let directory = try ScratchDirectory("duckdb-bloom")
        _ = try PythonPeer.run(
            "parquet_pruning_peer.py", ["duckdb-bloom", directory.file("bloom.parquet").path])
        let reader = try ParquetFileReader(store: directory.store, path: "bloom.parquet")
        #expect(reader.rowGroupCount == 4)
        let prefix = "category-with-a-long-common-prefix-"
        let cases: [(ParquetPredicate, [Int])] = [
            (
                ParquetPredicate("category", .equal, .string("\(prefix)5-2")),
                (50_000..<75_000).filter { $0 % 97 == 5 }
            ),
            (ParquetPredicate("code", .equal, .int(5_002)), (50_000..<75_000).filter { $0 % 89 == 5 }),
            (ParquetPredicate("category", .equal, .string("\(prefix)50-9")), []),
        ]
        for (predicate, expectedIDs) in cases {
            var pruned = try reader.makeBatchReader(
                columns: ["id"], predicates: [predicate], filterRows: true)
            var plain = try reader.makeBatchReader(
                columns: ["id"], predicates: [predicate], filterRows: true, usesBloomFilters: false)
            let rows = try Self.rows(&pruned)
            #expect(rows == (try Self.rows(&plain)), "\(predicate)")
            #expect(rows.map { $0[0] } == expectedIDs.map(String.init), "\(predicate)")
            #expect(pruned.statistics.rowGroupsPrunedByStatistics == 0, "\(predicate)")
            // DuckDB sizes its filters tightly: one of the three absent row groups may be a false positive.
            #expect(pruned.statistics.rowGroupsPrunedByBloomFilter >= 2, "\(predicate)")
            #expect(plain.statistics.rowGroupsPrunedByBloomFilter == 0)
        }
    }

    // MARK: - Writing

    @Test("written bloom filters prune here and in DuckDB, and hold every written value")
    func writtenFilters() throws {
        let directory = try ScratchDirectory("bloom-write")
        let schema = Schema([
            Field("id", .int64), Field("name", .utf8), Field("price", .decimal(precision: 30, scale: 2)),
        ])
        var builders = schema.fields.map { ColumnBuilder(type: $0.type) }
        for row in 0..<10_000 {
            try builders[0].append(.int(Int64(row) * 2))  // even ids only: odd ones lie inside every range
            try builders[1].append(row % 10 == 0 ? .null : .string("name-\(row * 2)-with-some-length"))
            try builders[2].append(.decimal(Int128(row) * 200))
        }
        var options = ParquetWriteOptions()
        options.rowGroupRowsMax = 5_000
        options.columns["id"] = .init(bloomFilterDistinctValues: 5_000)
        options.columns["name"] = .init(bloomFilterDistinctValues: 5_000)
        options.columns["price"] = .init(bloomFilterDistinctValues: 5_000)
        let writer = try ParquetFileWriter(store: directory.store, path: "w.parquet", schema: schema, options: options)
        try writer.write(Batch(schema: schema, columns: builders.map { $0.build() }))
        try writer.close()
        let reader = try ParquetFileReader(store: directory.store, path: "w.parquet")
        #expect(reader.rowGroupCount == 2)
        for group in 0..<2 {
            let filter = try #require(try reader.bloomFilter(rowGroup: group, column: 0))
            let ids = (group * 5_000..<(group + 1) * 5_000).map { UInt64($0 * 2) }
            #expect(ids.allSatisfy { filter.mayContain(hash: XXHash64.hash($0.bytes)) })
        }
        let cases: [(ParquetPredicate, Int)] = [
            (ParquetPredicate("id", .equal, .int(7_001)), 0),
            (ParquetPredicate("id", .equal, .int(7_002)), 1),
            (ParquetPredicate("name", .equal, .string("name-7001-with-some-length")), 0),
            (ParquetPredicate("name", .equal, .string("name-7002-with-some-length")), 1),
            (ParquetPredicate("price", .equal, .decimal(350_100)), 0),
            (ParquetPredicate("price", .equal, .decimal(350_200)), 1),
        ]
        for (predicate, expectedRows) in cases {
            var batches = try reader.makeBatchReader(columns: ["id"], predicates: [predicate], filterRows: true)
            #expect(try Self.rows(&batches).count == expectedRows, "\(predicate)")
            // Every literal lies in row group 0's range (statistics skip group 1); the filter skips it when absent.
            #expect(batches.statistics.rowGroupsPrunedByStatistics == 1, "\(predicate)")
            #expect(batches.statistics.rowGroupsPrunedByBloomFilter == 1 - expectedRows, "\(predicate)")
        }
        let path = directory.file("w.parquet").path
        let probes: [(String, String, String)] = [
            ("id", "7001", "[true, true]"), ("id", "7002", "[false, true]"),
            ("name", "\"name-7001-with-some-length\"", "[true, true]"),
            ("name", "\"name-7002-with-some-length\"", "[false, true]"),
        ]
        for (column, literal, expected) in probes {
            let output = try PythonPeer.run("parquet_pruning_peer.py", ["duckdb-bloom-probe", path, column, literal])
            #expect(output.text.trimmingCharacters(in: .whitespacesAndNewlines) == expected, "\(column) = \(literal)")
        }
    }

    // MARK: - Hostile filters

    static func rows(_ reader: inout ParquetBatchReader) throws -> [[String]] {
        var rows: [[String]] = []
        while let batch = try reader.next() {
            for row in 0..<batch.rowCount {
                rows.append(batch.columns.map { ValueFormatter.text($0, row: row) ?? "null" })
            }
        }
        return rows
    }

    /// A file of ids 0..<100 whose chunk points at `filter` (header and bitset), with `length` as its recorded
    /// length (the filter's size when nil is not asked for).
    static func file(
        withFilter filter: [UInt8], length: Int32?, offset: ((Int64) -> Int64)? = nil
    )
        throws
        -> ParquetFileReader
    {
        let directory = try ScratchDirectory("hostile-bloom")
        var id = ColumnBuilder(type: .int64)
        for row in 0..<100 { try id.append(.int(Int64(row))) }
        let writer = try ParquetFileWriter(
            store: directory.store, path: "b.parquet", schema: Schema([Field("id", .int64)]))
        try writer.write(Batch(schema: Schema([Field("id", .int64)]), columns: [id.build()]))
        try writer.close()
        let bytes = try FooterRewrite.rewrite(
            try directory.store.read("b.parquet", range: nil), inserting: filter
        ) {
            metadata, at in
            metadata.rowGroups[0].columns[0].metaData?.bloomFilterOffset = offset.map { $0(at) } ?? at
            metadata.rowGroups[0].columns[0].metaData?.bloomFilterLength = length
        }
        return try ParquetFileReader(store: SingleObjectStore(bytes: bytes), path: "mutant.parquet")
    }

    static func filterBytes(_ header: BloomFilterHeader, bitset: [UInt8]) -> [UInt8] {
        header.encode() + bitset
    }

    @Test("hostile bloom filter headers throw the error that names them")
    func hostileHeaders() throws {
        let empty = [UInt8](repeating: 0, count: 32)
        let cases: [(String, [UInt8], Int32?, ((Int64) -> Int64)?, ParquetError.Kind)] = [
            (
                "huge bitset", Self.filterBytes(BloomFilterHeader(numBytes: 1 << 30), bitset: empty), nil,
                nil, .invalidData
            ),
            (
                "33-byte bitset", Self.filterBytes(BloomFilterHeader(numBytes: 33), bitset: empty + [0]),
                nil, nil,
                .invalidData
            ),
            (
                "negative size", Self.filterBytes(BloomFilterHeader(numBytes: -32), bitset: empty), nil,
                nil, .invalidData
            ),
            ("garbage header", [UInt8](repeating: 0xFF, count: 40), nil, nil, .invalidMetadata),
            (
                "offset past the end", Self.filterBytes(BloomFilterHeader(numBytes: 32), bitset: empty),
                nil,
                { $0 + 1_000_000 }, .invalidMetadata
            ),
            (
                "length shorter than the bitset",
                Self.filterBytes(BloomFilterHeader(numBytes: 64), bitset: empty + empty),
                Int32(BloomFilterHeader(numBytes: 64).encode().count + 32), nil, .invalidData
            ),
            (
                "length past the end", Self.filterBytes(BloomFilterHeader(numBytes: 32), bitset: empty),
                1 << 30, nil,
                .invalidMetadata
            ),
        ]
        for (label, bytes, length, offset, kind) in cases {
            let reader = try Self.file(withFilter: bytes, length: length, offset: offset)
            let error = #expect(throws: ParquetError.self, "\(label)") {
                _ = try reader.makeBatchReader(predicates: [ParquetPredicate("id", .equal, .int(5))])
            }
            #expect(error?.kind == kind, "\(label): \(String(describing: error))")
            #expect(error?.column == "id" && error?.file == "mutant.parquet", "\(label)")
            // Range predicates never read the filter.
            #expect(
                try reader.makeBatchReader(predicates: [ParquetPredicate("id", .less, .int(5))]).rowGroups
                    == [0])
        }
    }

    @Test("filters of an unknown algorithm are ignored and an empty filter prunes")
    func unknownAndEmptyFilters() throws {
        let bitset = [UInt8](repeating: 0, count: 64)
        for header in [
            BloomFilterHeader(numBytes: 64, isSplitBlock: false),
            BloomFilterHeader(numBytes: 64, isXXHash: false),
            BloomFilterHeader(numBytes: 64, isUncompressed: false),
        ] {
            let reader = try Self.file(withFilter: Self.filterBytes(header, bitset: bitset), length: nil)
            #expect(try reader.bloomFilter(rowGroup: 0, column: 0) == nil)
            var batches = try reader.makeBatchReader(
                predicates: [ParquetPredicate("id", .equal, .int(5))], filterRows: true)
            #expect(try Self.rows(&batches) == [["5"]])
        }
        // All bits clear: the filter claims no value is present, so the row group is skipped (the filter is trusted
        // as the spec allows; it only ever removes row groups an `=` literal cannot be in).
        let reader = try Self.file(
            withFilter: Self.filterBytes(BloomFilterHeader(numBytes: 64), bitset: bitset), length: nil)
        let batches = try reader.makeBatchReader(
            predicates: [ParquetPredicate("id", .equal, .int(5))], filterRows: true)
        #expect(batches.rowGroups.isEmpty)
        #expect(batches.statistics.rowGroupsPrunedByBloomFilter == 1)
    }
}

extension UInt64 {
    /// The eight little-endian bytes, as PLAIN encodes an INT64.
    fileprivate var bytes: [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) } }
}
