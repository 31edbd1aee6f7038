import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

/// Partition pruning and data skipping decided from the log alone (no data file is opened while planning).
@Suite struct FilePruningTests {
    static let schema = Schema([
        Field("id", .int64), Field("at", .timestamp(.microseconds, utc: true)), Field("note", .utf8),
        Field("region", .utf8),
    ])

    /// A table whose commit 1 adds the files `stats` describes (path to stats JSON), partitioned by region.
    func makeTable(
        in scratch: ScratchDirectory, _ files: [(path: String, region: String?, stats: String?)]
    ) throws -> Table {
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: Self.schema, partitionColumns: ["region"])
        let adds = files.map { file in
            Action.add(
                AddAction(
                    path: file.path, partitionValues: ["region": file.region], size: 1, modificationTime: 0,
                    stats: file.stats))
        }
        let commit = try CommitFile.encode([.commitInfo(CommitInfo(json: ["operation": "WRITE"]))] + adds)
        try scratch.store.putIfAbsent("t/_delta_log/" + LogFileName.commitName(1), commit)
        return table
    }

    func keptPaths(_ table: Table, _ predicates: [ParquetPredicate]) throws -> [String] {
        try table.scan(predicates: predicates).files.map(\.path)
    }

    @Test func skippingStaysSafeForTruncatedBoundsAndNulls() throws {
        let long = String(repeating: "a", count: 32)
        let scratch = try ScratchDirectory("pruning")
        let table = try makeTable(
            in: scratch,
            [
                ("truncated-time.parquet", "eu", #"{"numRecords":2,"maxValues":{"at":"2024-01-01T00:00:00.123Z"}}"#),
                ("long-note.parquet", "eu", #"{"numRecords":2,"maxValues":{"note":"\#(long)"}}"#),
                ("short-note.parquet", "eu", #"{"numRecords":2,"minValues":{"id":5},"maxValues":{"note":"abc"}}"#),
                ("all-null-id.parquet", "eu", #"{"numRecords":2,"nullCount":{"id":2}}"#),
                ("no-stats.parquet", "eu", nil),
            ])
        let atMicros: Int64 = 1_704_067_200_123_000
        #expect(
            try keptPaths(table, [ParquetPredicate("at", .greater, .int(atMicros + 500))])
                == [
                    "all-null-id.parquet", "long-note.parquet", "no-stats.parquet", "short-note.parquet",
                    "truncated-time.parquet",
                ])
        #expect(
            try keptPaths(table, [ParquetPredicate("at", .greater, .int(atMicros + 999))])
                == ["all-null-id.parquet", "long-note.parquet", "no-stats.parquet", "short-note.parquet"])
        #expect(
            try keptPaths(table, [ParquetPredicate("note", .greater, .string("b"))])
                == ["all-null-id.parquet", "long-note.parquet", "no-stats.parquet", "truncated-time.parquet"])
        #expect(
            try keptPaths(table, [ParquetPredicate("id", .less, .int(5))])
                == ["long-note.parquet", "no-stats.parquet", "truncated-time.parquet"])
    }

    @Test func nullPartitionValuesNeverMatchAComparison() throws {
        let scratch = try ScratchDirectory("pruning")
        let table = try makeTable(
            in: scratch,
            [
                ("region=eu/a.parquet", "eu", nil), ("region=__HIVE_DEFAULT_PARTITION__/b.parquet", nil, nil),
                ("region=us/c.parquet", "us", nil),
            ])
        #expect(try keptPaths(table, [ParquetPredicate("region", .equal, .string("eu"))]) == ["region=eu/a.parquet"])
        #expect(try keptPaths(table, [ParquetPredicate("region", .notEqual, .string("eu"))]) == ["region=us/c.parquet"])
        #expect(
            try keptPaths(
                table,
                [
                    ParquetPredicate("region", .greaterOrEqual, .string("a")),
                    ParquetPredicate("region", .less, .string("f")),
                ])
                == ["region=eu/a.parquet"])
        #expect(try table.scan(predicates: [ParquetPredicate("region", .equal, .string("eu"))]).prunedFileCount == 2)
    }
}
