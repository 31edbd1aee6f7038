import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import Testing

@Suite struct TableScanTests {
    @Test func partitionedRoundTripPrunesByPartitionValues() throws {
        let scratch = try ScratchDirectory("scan-partitioned")
        let table = Table(store: scratch.store, root: "t")
        let schema = TableRows.regionalBatch(0..<1, seed: 0).schema
        try table.create(schema: schema, partitionColumns: ["region", "day"])
        let batch = TableRows.regionalBatch(0..<40, seed: 21)
        try table.append([batch])
        let snapshot = try table.snapshot()
        let pairs = Set(TableRows.canonical([batch]).map { [$0["region"] ?? "", $0["day"] ?? ""] })
        #expect(snapshot.files.count == pairs.count)
        for file in snapshot.files {
            let region = file.add.partitionValues["region"] ?? nil
            let directory = PartitionValueCodec.directoryName(column: "region", value: region)
            #expect(file.path.hasPrefix(directory + "/day="), "\(file.path)")
            #expect(try scratch.store.head("t/" + file.path).sizeBytes == file.add.size)
        }
        #expect(snapshot.files.contains { $0.path.hasPrefix("region=c%20d%2Fe/") })
        #expect(snapshot.files.contains { $0.add.path.hasPrefix("region=c%2520d%252Fe/") })
        #expect(snapshot.files.contains { $0.path.hasPrefix("region=__HIVE_DEFAULT_PARTITION__/") })

        #expect(try TableRows.canonical(table.scan().readAll()) == TableRows.canonical([batch]))
        let europe = try table.scan(predicates: [ParquetPredicate("region", .equal, .string("eu"))])
        let europeFiles = snapshot.files.filter { $0.add.partitionValues["region"] == "eu" }
        #expect(europe.files == europeFiles)
        #expect(europe.prunedFileCount == snapshot.files.count - europeFiles.count)
        let europeRows = TableRows.canonical(try europe.readAll())
        #expect(europeRows.count == 10 && europeRows.allSatisfy { $0["region"] == "s:eu" })
        let notEurope = try table.scan(predicates: [ParquetPredicate("region", .notEqual, .string("eu"))])
        #expect(
            notEurope.files.count == snapshot.files.count - europeFiles.count - pairs.filter { $0[0] == "null" }.count)
        let firstDay = try table.scan(predicates: [ParquetPredicate("day", .lessOrEqual, .int(19_723))])
        #expect(try TableRows.canonical(firstDay.readAll()).allSatisfy { $0["day"] == "i:19723" })
    }

    @Test func statisticsSkipFilesWhoseRangeCannotMatch() throws {
        let scratch = try ScratchDirectory("scan-skipping")
        let table = Table(store: scratch.store, root: "t")
        try table.create(schema: TableRows.schema)
        for part in 0..<4 {
            let start = Int64(part * 100)
            try table.append([TableRows.batch(start..<start + 100, seed: UInt64(30 + part))])
        }
        let cases: [(ParquetPredicate, Int)] = [
            (ParquetPredicate("id", .greaterOrEqual, .int(250)), 2), (ParquetPredicate("id", .less, .int(100)), 1),
            (ParquetPredicate("id", .equal, .int(399)), 1), (ParquetPredicate("id", .greater, .int(399)), 0),
            (ParquetPredicate("id", .lessOrEqual, .int(100)), 2), (ParquetPredicate("id", .notEqual, .int(5)), 4),
            (ParquetPredicate("name", .equal, .string("zzz")), 0),
        ]
        for (predicate, kept) in cases {
            let scan = try table.scan(predicates: [predicate])
            #expect(scan.files.count == kept, "\(predicate)")
            #expect(scan.prunedFileCount == 4 - kept, "\(predicate)")
        }
        let filtered = try table.scan(
            predicates: [ParquetPredicate("id", .greaterOrEqual, .int(250))], filterRows: true)
        let ids = TableRows.canonical(try filtered.readAll()).compactMap { $0["id"] }
        #expect(ids == (250..<400).map { "i:\($0)" })
        #expect(throws: TableLogError.invalidSchema("no column named \"nope\" in the scan predicates")) {
            try table.scan(predicates: [ParquetPredicate("nope", .equal, .int(1))])
        }
    }
}
