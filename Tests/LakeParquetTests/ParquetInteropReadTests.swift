import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTestSupport
import Testing

/// Files written by pyarrow and DuckDB must read with this engine exactly as the peers read them; projection
/// and predicates must return the right rows.
@Suite("Parquet interop: files peers write")
struct ParquetInteropReadTests {
    // MARK: - pyarrow_write.py cases, written fresh

    @Test("every pyarrow_write.py case reads as pyarrow reads it", arguments: try PythonPeer.writerCases())
    func readsPyarrowCase(name: String) throws {
        let corpus = try PyarrowCorpus.shared.get()
        let expected = try corpus.dump(name)
        let reader = try corpus.reader(name)
        let dump = CanonicalDump(batches: try reader.readAll(), schema: reader.schema)
        let differences = dump.differences(from: expected)
        #expect(differences.isEmpty, "\(name).parquet:\n\(differences.joined(separator: "\n"))")
        #expect(reader.rowCount == Int64(expected.numRows))
    }

    @Test("row-group statistics of pyarrow files decode to pyarrow's min and max")
    func statisticsOfPyarrowFiles() throws {
        let corpus = try PyarrowCorpus.shared.get()
        for name in ["plain", "many_row_groups", "legacy_format_1_0", "byte_stream_split"] {
            let reader = try corpus.reader(name)
            let statistics = try #require(corpus.statistics(name))
            for (groupIndex, group) in statistics.rowGroups.enumerated() {
                for (columnIndex, chunk) in group.columns.enumerated() where chunk.hasMinMax {
                    guard let type = reader.parquetSchema.columns[columnIndex].dataType,
                        reader.parquetSchema.columns[columnIndex].physicalType != .int96
                    else { continue }
                    let bounds = reader.statisticsBounds(rowGroup: groupIndex, column: columnIndex)
                    let label = "\(name) row group \(groupIndex) column '\(chunk.name)'"
                    guard let bounds else {
                        Issue.record("\(label): no bounds, pyarrow reads \(chunk.min ?? "nil")...\(chunk.max ?? "nil")")
                        continue
                    }
                    #expect(Self.statisticsString(bounds.minimum, type) == chunk.min, "\(label) min")
                    #expect(Self.statisticsString(bounds.maximum, type) == chunk.max, "\(label) max")
                }
            }
        }
    }

    /// A bound as `parquet_stats.py` prints it: like a dump value, except byte strings as hex.
    static func statisticsString(_ value: Value, _ type: DataType) -> String? {
        switch value {
        case .string(let text): return CanonicalDump.hex(Array(text.utf8))
        case .null: return nil
        default:
            var builder = ColumnBuilder(type: type)
            guard (try? builder.append(value)) != nil else { return "unrepresentable \(value)" }
            return CanonicalDump.valueString(builder.build(), row: 0)
        }
    }

    @Test("the page index pyarrow writes decodes consistently with the footer")
    func pageIndexOfPyarrowFile() throws {
        let corpus = try PyarrowCorpus.shared.get()
        let reader = try corpus.reader("page_index")
        let statistics = try #require(corpus.statistics("page_index"))
        let rows = reader.rowCount
        for (column, chunk) in statistics.rowGroups[0].columns.enumerated() {
            let (columnIndex, offsetIndex) = try reader.pageIndex(rowGroup: 0, column: column)
            let locations = try #require(offsetIndex, "column '\(chunk.name)' has no offset index").pageLocations
            // max_rows_per_page=16 in pyarrow_write.py.
            #expect(
                locations.map(\.firstRowIndex) == Array(stride(from: 0, to: rows, by: 16)),
                "column '\(chunk.name)'"
            )
            #expect(
                zip(locations, locations.dropFirst()).allSatisfy {
                    $0.offset + Int64($0.compressedPageSize) <= $1.offset
                }
            )
            if let columnIndex, let nullCounts = columnIndex.nullCounts {
                #expect(nullCounts.reduce(0, +) == Int64(chunk.nullCount ?? -1), "column '\(chunk.name)' null counts")
                #expect(columnIndex.nullPages.count == locations.count)
            }
        }
    }

    // MARK: - Fixtures

    @Test("every good fixture reads as its expected dump", arguments: try FixturePaths.manifest().good.map(\.path))
    func readsFixture(path: String) throws {
        let manifest = try FixturePaths.manifest()
        let file = try #require(manifest.goodFile(path))
        let expected = try FixturePaths.expectedDump(for: file)
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        let result = Result { () throws(ParquetError) -> (ParquetFileReader, [Batch]) in
            let reader = try ParquetFileReader(store: store, path: path)
            return (reader, try reader.readAll())
        }
        guard case .success(let (reader, batches)) = result else {
            if case .failure(let error) = result {
                // A strict reader may reject a file that only lenient peers read (see the manifest note).
                let pyarrowRejects = file.expectedEngine == "duckdb" && file.crossCheck.readable == false
                #expect(pyarrowRejects && error.kind == .invalidData, "\(path): \(error)")
            }
            return
        }
        let dump = CanonicalDump(batches: batches, schema: reader.schema)
        let differences = dump.differences(from: expected, comparingNullability: file.expectedEngine == "pyarrow")
        #expect(differences.isEmpty, "\(path):\n\(differences.joined(separator: "\n"))")
        #expect(reader.rowGroupCount == file.numRowGroups)
        #expect(reader.parquetSchema.columns.count == file.numColumns)  // the manifest counts leaf columns
    }

    @Test("every Parquet file in Fixtures/parquet has a manifest entry")
    func everyFixtureIsListed() throws {
        let manifest = try FixturePaths.manifest()
        let listed = Set(manifest.good.map(\.path))
        let unlisted = try FixturePaths.parquetFiles(in: "").filter { !listed.contains($0) }
        #expect(unlisted.isEmpty, "no manifest entry (so no test) for \(unlisted)")
    }

    // MARK: - Projection

    @Test(
        "a projection returns the named columns in the asked order",
        arguments: [["id"], ["utf8", "id", "float64"], ["int32_all_null"], ["timestamp_ns_utc", "decimal30", "bool"]]
    )
    func projection(columns: [String]) throws {
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        let manifest = try FixturePaths.manifest()
        let file = try #require(manifest.goodFile("many_row_groups.parquet"))
        let expected = try FixturePaths.expectedDump(for: file).projecting(columns)
        let reader = try ParquetFileReader(store: store, path: file.path)
        let batches = try reader.readAll(columns: columns)
        #expect(batches.allSatisfy { $0.schema.fields.map(\.name) == columns })
        let dump = CanonicalDump(
            batches: batches,
            schema: reader.schema.projecting(columns.compactMap { reader.schema.index(of: $0) })
        )
        let differences = dump.differences(from: expected)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("asking for an unknown column throws invalidArgument naming it")
    func unknownColumn() throws {
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        let reader = try ParquetFileReader(store: store, path: "plain.parquet")
        #expect {
            _ = try reader.readAll(columns: ["id", "no_such_column"])
        } throws: { error in
            guard let error = error as? ParquetError else { return false }
            return error.kind == .invalidArgument && error.reason.contains("no_such_column")
        }
    }

    @Test("batchRowsMax cuts row groups into batches of at most that many rows", arguments: [1, 4, 15, 16, 1000])
    func batchRowsMax(rows: Int) throws {
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        let manifest = try FixturePaths.manifest()
        let file = try #require(manifest.goodFile("many_row_groups.parquet"))
        let reader = try ParquetFileReader(store: store, path: file.path)
        var batchReader = try reader.makeBatchReader(batchRowsMax: rows)
        var batches: [Batch] = []
        while let batch = try batchReader.next() { batches.append(batch) }
        #expect(batches.allSatisfy { $0.rowCount <= rows && $0.rowCount > 0 })
        let dump = CanonicalDump(batches: batches, schema: reader.schema)
        #expect(dump.differences(from: try FixturePaths.expectedDump(for: file)).isEmpty)
    }

    // MARK: - Predicates

    /// A predicate on `many_row_groups.parquet` (row groups of ids 0-14, 15-29, 30-44, 45-59, 60-63) with the
    /// row groups its statistics must keep and the ids that match.
    struct PruningCase: Sendable, CustomTestStringConvertible {
        var predicates: [ParquetPredicate]
        var kept: [Int]
        var ids: [Int]
        var testDescription: String { predicates.map(\.description).joined(separator: " AND ") }

        init(_ predicates: ParquetPredicate..., kept: [Int], ids: [Int]) {
            self.predicates = predicates
            self.kept = kept
            self.ids = ids
        }
    }

    static let pruningCases: [PruningCase] = [
        PruningCase(ParquetPredicate("id", .less, .int(20)), kept: [0, 1], ids: Array(0..<20)),
        PruningCase(ParquetPredicate("id", .lessOrEqual, .int(14)), kept: [0], ids: Array(0...14)),
        PruningCase(ParquetPredicate("id", .equal, .int(47)), kept: [3], ids: [47]),
        PruningCase(ParquetPredicate("id", .greater, .int(59)), kept: [4], ids: Array(60..<64)),
        PruningCase(ParquetPredicate("id", .greaterOrEqual, .int(64)), kept: [], ids: []),
        PruningCase(
            ParquetPredicate("id", .notEqual, .int(5)),
            kept: [0, 1, 2, 3, 4],
            ids: (0..<64).filter { $0 != 5 }
        ),
        PruningCase(
            ParquetPredicate("id", .greater, .int(10)),
            ParquetPredicate("id", .less, .int(40)),
            kept: [0, 1, 2],
            ids: Array(11..<40)
        ),
        PruningCase(ParquetPredicate("int32_all_null", .equal, .int(0)), kept: [], ids: []),
        PruningCase(ParquetPredicate("int32_all_null", .notEqual, .int(0)), kept: [], ids: []),
        PruningCase(ParquetPredicate("req_utf8", .less, .string("row-00015")), kept: [0], ids: Array(0..<15)),
        PruningCase(
            ParquetPredicate("req_utf8", .greaterOrEqual, .string("row-00045")),
            kept: [3, 4],
            ids: Array(45..<64)
        ),
        PruningCase(ParquetPredicate("id", .less, .uint(3)), kept: [0], ids: [0, 1, 2]),
    ]

    @Test("statistics prune row groups and filterRows keeps exactly the matching rows", arguments: pruningCases)
    func pruning(_ testCase: PruningCase) throws {
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        let reader = try ParquetFileReader(store: store, path: "many_row_groups.parquet")
        var filtered = try reader.makeBatchReader(columns: ["id"], predicates: testCase.predicates, filterRows: true)
        #expect(filtered.rowGroups == testCase.kept)
        #expect(filtered.prunedRowGroups == reader.rowGroupCount - testCase.kept.count)
        var ids: [Int] = []
        while let batch = try filtered.next() {
            let column = try #require(batch.column(named: "id"))
            ids += (0..<batch.rowCount).map { row in Int(CanonicalDump.valueString(column, row: row)) ?? -1 }
        }
        #expect(ids == testCase.ids)
        // Without filterRows the kept row groups come back whole.
        var unfiltered = try reader.makeBatchReader(columns: ["id"], predicates: testCase.predicates)
        var rows = 0
        while let batch = try unfiltered.next() { rows += batch.rowCount }
        let groupRows = [15, 15, 15, 15, 4]
        #expect(rows == testCase.kept.map { groupRows[$0] }.reduce(0, +))
    }

    /// The columns of `many_row_groups.parquet` that hold values, other than `id`.
    static func manyRowGroupsColumns() throws -> [String] {
        guard let file = try FixturePaths.manifest().goodFile("many_row_groups.parquet") else {
            throw FixturePaths.Failure.missingFixture(path: "many_row_groups.parquet (manifest entry)")
        }
        return try FixturePaths.expectedDump(for: file).columns
            .filter { $0.name != "id" && $0.values.contains { $0 != nil } }.map(\.name)
    }

    @Test(
        "filterRows agrees with evaluating the predicate row by row on every column",
        arguments: try manyRowGroupsColumns()
    )
    func filterAgreesWithBruteForce(column: String) throws {
        let store = LocalObjectStore(root: try FixturePaths.parquetDirectory().path)
        let reader = try ParquetFileReader(store: store, path: "many_row_groups.parquet")
        let whole = ParquetTestData.concatenate(
            try reader.readAll(columns: ["id", column]),
            schema: Schema(
                ["id", column].compactMap { name in reader.schema.index(of: name).map { reader.schema.fields[$0] } }
            )
        )
        let values = whole.columns[1]
        let literalRows = [0, 1, 2, 3, 4, 9, 20, 33, 47, 62].filter { $0 < values.count && !values.isNull($0) }
        for row in literalRows {
            let literal = values.value(at: row)
            for comparison in ParquetPredicate.Comparison.allCases {
                let predicate = ParquetPredicate(column, comparison, literal)
                var filtered = try reader.makeBatchReader(columns: ["id"], predicates: [predicate], filterRows: true)
                var ids: [Int] = []
                while let batch = try filtered.next() {
                    let idColumn = try #require(batch.column(named: "id"))
                    ids += (0..<batch.rowCount).map { Int(CanonicalDump.valueString(idColumn, row: $0)) ?? -1 }
                }
                let expected = (0..<values.count).filter { candidate in
                    guard !values.isNull(candidate), let order = Self.order(values.value(at: candidate), literal) else {
                        return false
                    }
                    return Self.accepts(comparison, order)
                }
                #expect(ids == expected, "\(predicate) (literal from row \(row))")
            }
        }
    }

    /// Reference ordering for the brute-force check: numbers numerically (NaN is incomparable and never
    /// matches), strings and bytes as unsigned bytes, false before true.
    static func order(_ value: Value, _ literal: Value) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }
        switch (value, literal) {
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.uint(let a), .uint(let b)): return sign(a, b)
        case (.decimal(let a), .decimal(let b)): return sign(a, b)
        case (.float32(let a), .float32(let b)): return a.isNaN || b.isNaN ? nil : sign(a, b)
        case (.float64(let a), .float64(let b)): return a.isNaN || b.isNaN ? nil : sign(a, b)
        case (.bool(let a), .bool(let b)): return sign(a ? 1 : 0, b ? 1 : 0)
        case (.string(let a), .string(let b)):
            return a.utf8.elementsEqual(b.utf8) ? 0 : a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        case (.bytes(let a), .bytes(let b)): return a == b ? 0 : a.lexicographicallyPrecedes(b) ? -1 : 1
        default: return nil
        }
    }

    static func accepts(_ comparison: ParquetPredicate.Comparison, _ order: Int) -> Bool {
        switch comparison {
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .equal: order == 0
        case .notEqual: order != 0
        case .greaterOrEqual: order >= 0
        case .greater: order > 0
        }
    }

    @Test(
        "pruning keeps a row group whose largest string has no short upper bound",
        arguments: [
            (
                Field("text", .utf8),
                [Value.string("a"), .string("b"), .string(String(repeating: "\u{10FFFF}", count: 20))]
            ),
            (Field("blob", .binary), [Value.bytes([0]), .bytes([1]), .bytes([UInt8](repeating: 0xFF, count: 100))]),
        ]
    )
    func pruningKeepsUnboundedMaximum(field: Field, values: [Value]) throws {
        let directory = try ScratchDirectory("read-unbounded-max")
        let schema = Schema([field])
        var builder = ColumnBuilder(type: field.type)
        for value in values { try builder.append(value) }
        var options = ParquetWriteOptions()
        options.dataPageRowsMax = 2  // the long value gets a page of its own
        let writer = try ParquetFileWriter(store: directory.store, path: "t.parquet", schema: schema, options: options)
        try writer.write(Batch(schema: schema, columns: [builder.build()]))
        try writer.close()
        let reader = try ParquetFileReader(store: directory.store, path: "t.parquet")
        let largest = try #require(values.last)
        var filtered = try reader.makeBatchReader(
            predicates: [ParquetPredicate(field.name, .greaterOrEqual, largest)],
            filterRows: true
        )
        var matches = 0
        while let batch = try filtered.next() { matches += batch.rowCount }
        #expect(matches == 1, "the row group holding the largest value was pruned")
        if let bounds = reader.statisticsBounds(rowGroup: 0, column: 0) {
            let order = try #require(Self.order(bounds.maximum, largest))
            #expect(order >= 0, "statistics max \(bounds.maximum) is below the largest value")
        }
    }

    @Test("float32 and float64 columns filter NaN alike", arguments: ParquetPredicate.Comparison.allCases)
    func floatFiltersAgreeOnNaN(comparison: ParquetPredicate.Comparison) throws {
        let directory = try ScratchDirectory("read-nan")
        let schema = Schema([Field("f32", .float32), Field("f64", .float64)])
        let numbers: [Double] = [.nan, 1.5, -2, .nan, 1.5, .infinity]
        var single = ColumnBuilder(type: .float32)
        var double = ColumnBuilder(type: .float64)
        for number in numbers {
            try single.append(.float32(Float(number)))
            try double.append(.float64(number))
        }
        let writer = try ParquetFileWriter(store: directory.store, path: "nan.parquet", schema: schema)
        try writer.write(Batch(schema: schema, columns: [single.build(), double.build()]))
        try writer.close()
        let reader = try ParquetFileReader(store: directory.store, path: "nan.parquet")
        func matches(_ predicate: ParquetPredicate) throws -> Int {
            var filtered = try reader.makeBatchReader(predicates: [predicate], filterRows: true)
            var rows = 0
            while let batch = try filtered.next() { rows += batch.rowCount }
            return rows
        }
        let float32Rows = try matches(ParquetPredicate("f32", comparison, .float32(1.5)))
        let float64Rows = try matches(ParquetPredicate("f64", comparison, .float64(1.5)))
        #expect(
            float32Rows == float64Rows,
            "f32 \(comparison.rawValue) 1.5 keeps \(float32Rows) rows, f64 keeps \(float64Rows)"
        )
    }
}
