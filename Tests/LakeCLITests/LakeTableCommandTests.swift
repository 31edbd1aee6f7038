import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// The table commands (`history`, `describe`, `restore`, `vacuum`) run through the built `lake` executable on a
/// table written with `LakeTable`.
@Suite struct LakeTableCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lake-cli-table-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func lake(_ arguments: String...) throws -> ChildProcess.Result {
        let binary =
            try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
        return try ChildProcess.run(binary, arguments, secondsMax: 120)
    }

    /// A table at `directory`: create, two appends of seeded rows (3 + 2), then an overwrite with 4 rows.
    func makeTable() throws -> Table {
        let schema = Schema([Field("id", .int64, nullable: false), Field("city", .utf8)])
        func batch(_ ids: Range<Int64>, seed: UInt64) -> Batch {
            var generator = SeededGenerator(seed: seed)
            var id = ColumnBuilder(type: .int64)
            var city = ColumnBuilder(type: .utf8)
            for value in ids {
                try? id.append(.int(value))
                try? city.append(.string(["Oslo", "Lima", "Pune"][Int.random(in: 0..<3, using: &generator)]))
            }
            return Batch(schema: schema, columns: [id.build(), city.build()])
        }
        let table = Table(store: LocalObjectStore(root: directory.path))
        try table.create(schema: schema, properties: ["owner": "cli-tests"])
        try table.append([batch(0..<3, seed: 1)])
        try table.append([batch(3..<5, seed: 2)])
        try table.overwrite([batch(5..<9, seed: 3)])
        return table
    }

    @Test func optimizeCompactsSmallFilesAndKeepsTheRows() throws {
        let table = try makeTable()
        let schema = Schema([Field("id", .int64, nullable: false), Field("city", .utf8)])
        try table.append([
            Batch(
                schema: schema,
                columns: [
                    Column(type: .int64, values: .int64([9])), Column(type: .utf8, values: .bytes(offsets: [0, 1], data: [65])),
                ])
        ])
        let before = try table.describe()
        let result = try lake("optimize", directory.path, "--target-size", "1MB")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text.contains("compacted into version 5"))
        let after = try table.describe()
        #expect(after.fileCount == 1 && before.fileCount == 2)
        #expect(after.rowCount == before.rowCount)
        let again = try lake("optimize", directory.path)
        #expect(again.text.contains("nothing to compact"))
        #expect(try lake("optimize", directory.path, "--target-size", "lots").exitStatus == 64)
    }

    @Test func historyListsCommitsNewestFirst() throws {
        _ = try makeTable()
        let result = try lake("history", directory.path)
        #expect(result.exitStatus == 0, "\(result.standardError)")
        let lines = result.text.split(separator: "\n")
        try #require(lines.count == 5, "\(result.text)")
        #expect(lines.first?.hasPrefix("version") == true && lines.first?.contains("operation") == true)
        #expect(lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) } == ["3", "2", "1", "0"])
        #expect(lines[1].contains("WRITE") && lines[1].contains(#""mode":"Overwrite""#))
        #expect(lines[4].contains("CREATE TABLE") && lines[4].contains("lake/0.1"))
        let limited = try lake("history", directory.path, "--limit", "1")
        #expect(limited.text.split(separator: "\n").count == 2)
    }

    @Test func describeShowsSizesRowsSchemaAndProperties() throws {
        let table = try makeTable()
        let result = try lake("describe", directory.path)
        #expect(result.exitStatus == 0, "\(result.standardError)")
        let snapshot = try table.snapshot()
        let bytes = snapshot.files.reduce(Int64(0)) { $0 + $1.add.size }
        for expected in [
            "version:     3", "protocol:    reader 1, writer 2", "files:       \(snapshot.files.count)",
            "(\(bytes) bytes)", "rows:        4", "partitions:  none", "owner", "cli-tests", "city",
        ] {
            #expect(result.text.contains(expected), "missing '\(expected)' in:\n\(result.text)")
        }
    }

    @Test func vacuumDryRunListsOldOrphansAndDeletesNothing() throws {
        _ = try makeTable()
        let orphan = directory.appendingPathComponent("part-orphan.parquet")
        try Data(repeating: 7, count: 123).write(to: orphan)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -30 * 86_400)], ofItemAtPath: orphan.path)
        let result = try lake("vacuum", directory.path, "--dry-run")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text.contains("part-orphan.parquet") && result.text.contains("123"))
        #expect(result.text.contains("would delete 1 file"))
        #expect(FileManager.default.fileExists(atPath: orphan.path))

        let refused = try lake("vacuum", directory.path, "--retain", "1h")
        #expect(refused.exitStatus == 1)
        #expect(refused.standardError.contains("force-short-retention"), "\(refused.standardError)")
        #expect(FileManager.default.fileExists(atPath: orphan.path))

        let real = try lake("vacuum", directory.path, "--retain", "168h")
        #expect(real.exitStatus == 0, "\(real.standardError)")
        #expect(real.text.contains("deleted 1 file"))
        #expect(!FileManager.default.fileExists(atPath: orphan.path))
    }

    @Test func restoreCommitsTheEarlierContent() throws {
        let table = try makeTable()
        let result = try lake("restore", directory.path, "--version", "2")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text.contains("restored version 2 as version 4"))
        #expect(try table.scan().readAll().reduce(0) { $0 + $1.rowCount } == 5)
        let missing = try lake("restore", directory.path, "--version", "40")
        #expect(missing.exitStatus == 1 && missing.standardError.contains("version 40 does not exist"))
    }
}
