import LakeColumnar
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Filtered reads that use the page index must return exactly the rows of reads that do not, while skipping
/// pages that cannot match.
@Suite("Parquet page-level pruning")
struct PagePruningTests {
    // MARK: - Helpers

    /// Every row of a filtered read, each cell rendered as text (so NaN and nulls compare).
    static func read(
        _ reader: ParquetFileReader, _ predicates: [ParquetPredicate], columns: [String]?,
        pageIndex: Bool
    ) throws -> (rows: [[String]], statistics: ParquetReadStatistics) {
        var batches = try reader.makeBatchReader(
            columns: columns, predicates: predicates, filterRows: true, batchRowsMax: 333,
            usesPageIndex: pageIndex)
        var rows: [[String]] = []
        while let batch = try batches.next() {
            for row in 0..<batch.rowCount {
                rows.append(batch.columns.map { ValueFormatter.text($0, row: row) ?? "null" })
            }
        }
        return (rows, batches.statistics)
    }

    /// A sorted id, a sorted nullable group, every flat type of `ParquetTestData` at random, and a list column.
    static func mixedBatch(rows: Int, seed: UInt64) -> Batch {
        let random = ParquetTestData.batch(
            schema: ParquetTestData.schema(nullable: true), rows: rows, seed: seed)
        var id = ColumnBuilder(type: .int64)
        var group = ColumnBuilder(type: .int32)
        var tags = ColumnBuilder(type: .list(Field("element", .utf8)))
        for row in 0..<rows {
            try? id.append(.int(Int64(row) * 3))
            try? group.append(row % 11 == 0 ? .null : .int(Int64(row / 37)))
            try? tags.append(
                row % 5 == 0 ? .null : .list((0..<(row % 4)).map { .string("t\(row % 13)-\($0)") }))
        }
        let fields = [
            Field("id", .int64, nullable: false), Field("group", .int32),
            Field("tags", .list(Field("element", .utf8))),
        ]
        return Batch(
            schema: Schema(fields + random.schema.fields),
            columns: [id.build(), group.build(), tags.build()] + random.columns)
    }

    static func write(
        _ batch: Batch, _ options: ParquetWriteOptions, in directory: ScratchDirectory
    )
        throws
        -> ParquetFileReader
    {
        let writer = try ParquetFileWriter(
            store: directory.store, path: "p.parquet", schema: batch.schema, options: options)
        try writer.write(batch)
        try writer.close()
        return try ParquetFileReader(store: directory.store, path: "p.parquet")
    }

    /// Non-null literals taken from `column` at seeded rows, plus its smallest and largest rows' values.
    static func literals(_ batch: Batch, _ name: String, count: Int, seed: UInt64) -> [Value] {
        guard let column = batch.column(named: name) else { return [] }
        var generator = SeededGenerator(seed: seed)
        var values: [Value] = []
        for _ in 0..<(count * 4) where values.count < count {
            let value = column.value(at: Int.random(in: 0..<batch.rowCount, using: &generator))
            if value != .null { values.append(value) }
        }
        return values
    }

    // MARK: - Tests

    @Test(
        "filtered reads with the page index return the rows of reads without it",
        arguments: [ParquetWriteOptions.DataPageVersion.v1, .v2])
    func prunedRowsEqualUnprunedRows(version: ParquetWriteOptions.DataPageVersion) throws {
        let directory = try ScratchDirectory("page-pruning")
        let batch = Self.mixedBatch(rows: 4_000, seed: 41)
        var options = ParquetWriteOptions()
        options.dataPageVersion = version
        options.rowGroupRowsMax = 1_500
        options.dataPageRowsMax = 97
        options.dataPageBytesMax = 1_500  // byte-heavy columns cut their pages elsewhere
        options.encoding = version == .v1 ? .dictionary : .plain
        options.compression = version == .v1 ? .snappy : .zstd(level: 1)
        let reader = try Self.write(batch, options, in: directory)
        var total = ParquetReadStatistics()
        let predicateColumns = [
            "id", "group", "int8", "int32", "int64", "uint32", "uint64", "float32", "float64", "decimal5",
            "decimal18",
            "decimal30", "utf8", "binary", "fixed16", "date32", "timestamp_us", "time_ns",
        ]
        for (offset, name) in predicateColumns.enumerated() {
            for literal in Self.literals(batch, name, count: 1, seed: UInt64(offset)) {
                for comparison in ParquetPredicate.Comparison.allCases {
                    let predicates = [ParquetPredicate(name, comparison, literal)]
                    let columns = ["id", "utf8", "tags", "float64"]
                    let pruned = try Self.read(reader, predicates, columns: columns, pageIndex: true)
                    let plain = try Self.read(reader, predicates, columns: columns, pageIndex: false)
                    #expect(pruned.rows == plain.rows, "\(predicates) (\(version))")
                    #expect(plain.statistics.pagesSkipped == 0)
                    total.add(pruned.statistics)
                }
            }
        }
        // Two predicates: the candidate rows are the intersection of both columns' pages.
        let both = [
            ParquetPredicate("id", .greaterOrEqual, .int(3_000)),
            ParquetPredicate("group", .less, .int(60)),
        ]
        let pruned = try Self.read(reader, both, columns: nil, pageIndex: true)
        #expect(pruned.rows == (try Self.read(reader, both, columns: nil, pageIndex: false)).rows)
        #expect(pruned.rows.count == (1_000..<(60 * 37)).filter { $0 % 11 != 0 }.count)
        #expect(pruned.statistics.pagesSkipped > 0)
        #expect(total.pagesSkipped > 300, "sorted columns should skip many pages: \(total)")
        #expect(total.pagesRead > 0)
    }

    @Test("a selective predicate on a sorted column reads only the pages that overlap it")
    func pageCountsOfASelectivePredicate() throws {
        let directory = try ScratchDirectory("page-counts")
        var id = ColumnBuilder(type: .int64)
        var random = ColumnBuilder(type: .int32)
        var generator = SeededGenerator(seed: 7)
        for row in 0..<5_000 {
            try id.append(.int(Int64(row)))
            try random.append(
                row % 9 == 0 ? .null : .int(Int64(Int32.random(in: -1_000...1_000, using: &generator))))
        }
        let schema = Schema([Field("id", .int64, nullable: false), Field("r", .int32)])
        var options = ParquetWriteOptions()
        options.rowGroupRowsMax = 2_000
        options.dataPageRowsMax = 100
        options.encoding = .plain
        let reader = try Self.write(
            Batch(schema: schema, columns: [id.build(), random.build()]), options, in: directory)
        let predicate = [ParquetPredicate("id", .less, .int(250))]
        let (rows, statistics) = try Self.read(reader, predicate, columns: nil, pageIndex: true)
        #expect(rows.map { $0[0] } == (0..<250).map(String.init))
        #expect(statistics.rowGroupsPrunedByStatistics == 2)
        #expect(statistics.pagesRead == 3 * 2)  // pages 0..<300 of both columns
        #expect(statistics.pagesSkipped == 17 * 2)
        #expect(statistics.rowsSkippedByPageIndex == 1_700)

        // A predicate no page can match: nothing is decoded, and the read is still empty rather than failing.
        let gap = [
            ParquetPredicate("id", .greater, .int(1_000)), ParquetPredicate("id", .less, .int(1_000)),
        ]
        let (none, noneStatistics) = try Self.read(reader, gap, columns: nil, pageIndex: true)
        #expect(none.isEmpty)
        #expect(noneStatistics.pagesRead == 0)
        #expect(noneStatistics.pagesSkipped == 20 * 2)

        // Without an offset index every page is decoded.
        options.writePageIndex = false
        let unindexed = try Self.write(
            Batch(schema: schema, columns: [id.build(), random.build()]), options, in: directory)
        let (same, plainStatistics) = try Self.read(unindexed, predicate, columns: nil, pageIndex: true)
        #expect(same == rows)
        #expect(plainStatistics.pagesSkipped == 0)
    }

    @Test("pyarrow files with a page index prune to the same rows")
    func pyarrowPageIndexFile() throws {
        let corpus = try PyarrowCorpus.shared.get()
        let reader = try corpus.reader("page_index")
        let all = ParquetTestData.concatenate(try reader.readAll(), schema: reader.schema)
        var skipped = 0
        for (offset, field) in reader.schema.fields.enumerated() {
            switch field.type {
            case .list, .struct, .map, .bool: continue
            default: break
            }
            let name = field.name
            guard reader.parquetSchema.columns.first(where: { $0.name == name })?.physicalType != .int96
            else { continue }
            for literal in Self.literals(all, name, count: 2, seed: UInt64(offset) + 100) {
                for comparison in ParquetPredicate.Comparison.allCases {
                    let predicates = [ParquetPredicate(name, comparison, literal)]
                    let pruned = try Self.read(reader, predicates, columns: nil, pageIndex: true)
                    let plain = try Self.read(reader, predicates, columns: nil, pageIndex: false)
                    #expect(pruned.rows == plain.rows, "\(predicates)")
                    skipped += pruned.statistics.pagesSkipped
                }
            }
        }
        #expect(skipped > 0)
    }

    // MARK: - Hostile page indexes

    /// A plain file of 1,000 rows in 10 pages of 100 per column, its bytes and its offset index of column 0.
    static func indexedFile() throws -> ([UInt8], OffsetIndex, ColumnIndex) {
        let directory = try ScratchDirectory("hostile-page-index")
        var id = ColumnBuilder(type: .int64)
        for row in 0..<1_000 { try id.append(.int(Int64(row))) }
        var options = ParquetWriteOptions()
        options.dataPageRowsMax = 100
        options.encoding = .plain
        let reader = try Self.write(
            Batch(schema: Schema([Field("id", .int64)]), columns: [id.build()]), options, in: directory)
        let bytes = try directory.store.read("p.parquet", range: nil)
        let (columnIndex, offsetIndex) = try reader.pageIndex(rowGroup: 0, column: 0)
        return (bytes, try #require(offsetIndex), try #require(columnIndex))
    }

    static func withOffsetIndex(_ file: [UInt8], _ index: OffsetIndex) throws -> ParquetFileReader {
        let encoded = index.encode()
        let bytes = try FooterRewrite.rewrite(file, inserting: encoded) { metadata, at in
            metadata.rowGroups[0].columns[0].offsetIndexOffset = at
            metadata.rowGroups[0].columns[0].offsetIndexLength = Int32(encoded.count)
        }
        return try ParquetFileReader(store: SingleObjectStore(bytes: bytes), path: "mutant.parquet")
    }

    @Test("an offset index that contradicts the pages is refused, never trusted")
    func hostileOffsetIndexes() throws {
        let (file, index, _) = try Self.indexedFile()
        let predicate = [ParquetPredicate("id", .greaterOrEqual, .int(950))]
        var shifted = index  // page 9 claims to start one row later: its header holds 100 rows, not 99
        shifted.pageLocations[9].firstRowIndex += 1
        var descending = index
        descending.pageLocations[3].firstRowIndex = 150
        var late = index
        late.pageLocations[0].firstRowIndex = 5
        var outside = index
        outside.pageLocations[9].offset = Int64(file.count)
        var overlapping = index
        overlapping.pageLocations[9].offset = overlapping.pageLocations[8].offset
        var short = index
        short.pageLocations.removeLast()
        for (label, hostile) in [
            ("shifted", shifted), ("descending", descending), ("late start", late), ("outside", outside),
            ("overlapping", overlapping), ("fewer pages than the column index", short),
        ] {
            let reader = try Self.withOffsetIndex(file, hostile)
            #expect(throws: ParquetError.self, "\(label)") {
                _ = try Self.read(reader, predicate, columns: nil, pageIndex: true)
            }
            // Unfiltered reads never look at the page index.
            #expect(try reader.readAll().first?.rowCount == 1_000, "\(label)")
        }
        // The unmodified index, moved, still prunes.
        let (rows, statistics) = try Self.read(
            try Self.withOffsetIndex(file, index), predicate, columns: nil, pageIndex: true)
        #expect(rows.count == 50)
        #expect(statistics.pagesSkipped == 9)
    }

    @Test("row ranges merge, intersect and answer overlap queries")
    func rowRanges() {
        let ranges = RowRanges([5..<10, 0..<3, 8..<12, 12..<13, 20..<20])
        #expect(ranges.ranges == [0..<3, 5..<13])
        #expect(ranges.rowCount == 11)
        #expect(ranges.intersection(RowRanges([2..<6, 11..<30])).ranges == [2..<3, 5..<6, 11..<13])
        #expect(
            ranges.overlaps(2..<4) && ranges.overlaps(12..<100) && !ranges.overlaps(3..<5)
                && !ranges.overlaps(13..<20))
        #expect(RowRanges(all: 0).isEmpty)
    }
}
