import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// `lake optimize --zorder`, `vacuum`, `restore`, `history` and `describe` through the built executable: their
/// stdout, their stderr summaries (and silence with `--quiet`), and the table state they leave.
@Suite struct LakeMaintenanceCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lake-cli-maint-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func lake(_ arguments: String...) throws -> ChildProcess.Result {
        let binary =
            try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
        return try ChildProcess.run(binary, arguments, secondsMax: 120)
    }

    static let schema = Schema([Field("id", .int64, nullable: false), Field("x", .int64), Field("y", .float64)])

    /// Six appends of 20 seeded rows each (versions 1...6).
    func makeTable() throws -> Table {
        let table = Table(store: LocalObjectStore(root: directory.path))
        try table.create(schema: Self.schema)
        var generator = SeededGenerator(seed: 0xC11)
        for index in 0..<6 {
            var id = ColumnBuilder(type: .int64)
            var x = ColumnBuilder(type: .int64)
            var y = ColumnBuilder(type: .float64)
            for row in 0..<20 {
                try id.append(.int(Int64(index * 20 + row)))
                try x.append(.int(Int64.random(in: 0..<1_000, using: &generator)))
                try y.append(.float64(Double.random(in: -1...1, using: &generator)))
            }
            try table.append([Batch(schema: Self.schema, columns: [id.build(), x.build(), y.build()])])
        }
        return table
    }

    func rows(_ table: Table, version: Int64? = nil) throws -> [String] {
        let scan = try version.map { try table.scan(version: $0) } ?? table.scan()
        var rows: [String] = []
        for batch in try scan.readAll() {
            for row in 0..<batch.rowCount {
                rows.append(batch.columns.map { "\($0.value(at: row))" }.joined(separator: "|"))
            }
        }
        return rows.sorted()
    }

    @Test func optimizeZOrderRewritesFilesAndKeepsRows() throws {
        let table = try makeTable()
        let before = try rows(table)
        let result = try lake("optimize", directory.path, "--zorder", "x, y", "--target-size", "1MB")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "z-ordered by x, y into version 7\n", "\(result.text)")
        #expect(result.standardError.contains("read 6 files"), "summary: \(result.standardError)")
        #expect(result.standardError.contains("wrote 1 files") && result.standardError.contains(" s\n"))
        #expect(try rows(table) == before)
        let snapshot = try table.snapshot()
        #expect(snapshot.files.count == 1 && snapshot.files.allSatisfy { !$0.add.dataChange })
        #expect(snapshot.commitInfo?.operationParameters?["zOrderBy"]?.stringValue == #"["x","y"]"#)

        let history = try lake("history", directory.path, "--limit", "1")
        #expect(history.text.contains("OPTIMIZE") && history.text.contains("zOrderBy"), "\(history.text)")
        let described = try lake("describe", directory.path)
        #expect(described.text.contains("version:     7") && described.text.contains("files:       1"))
        #expect(described.text.contains("rows:        120"), "\(described.text)")

        for bad in ["x,", "id,id", "nope", "a,b,c,d,e,f,g,h,i"] {
            let refused = try lake("optimize", directory.path, "--zorder", bad)
            #expect(refused.exitStatus != 0, "--zorder \(bad) was accepted")
        }
        #expect(try table.snapshot().version == 7)
    }

    @Test func optimizeReportsProgressSummaryUnlessQuiet() throws {
        let table = try makeTable()
        let loud = try lake("optimize", directory.path, "--target-size", "1MB")
        #expect(loud.exitStatus == 0, "\(loud.standardError)")
        #expect(loud.text == "compacted into version 7\n")
        #expect(loud.standardError.contains("read 6 files") && loud.standardError.contains("120 rows"))
        #expect(loud.standardError.contains("1 commits"), "\(loud.standardError)")
        #expect(try table.snapshot().files.count == 1)
        try table.append([
            Batch(
                schema: Self.schema,
                columns: [
                    Column(type: .int64, values: .int64([500])), Column(type: .int64, values: .int64([1])),
                    Column(type: .float64, values: .float64([0.5])),
                ])
        ])
        let quiet = try lake("optimize", directory.path, "--target-size", "1MB", "--quiet")
        #expect(quiet.exitStatus == 0 && quiet.standardError.isEmpty, "\(quiet.standardError)")
        #expect(quiet.text == "compacted into version 9\n")
        #expect(try table.snapshot().files.count == 1 && rows(table).count == 121)
    }

    @Test func vacuumRefusesShortOrMalformedRetentionAndDeletesNothing() throws {
        let table = try makeTable()
        #expect(try lake("optimize", directory.path, "--quiet").exitStatus == 0)
        let removedFiles = try Set(table.snapshot(version: 6).files.map(\.path))
        let present = { () -> Int in
            removedFiles.count(where: {
                FileManager.default.fileExists(atPath: self.directory.appendingPathComponent($0).path)
            })
        }
        for (retain, status, message) in [
            ("1h", Int32(1), "force-short-retention"), ("0", 1, "force-short-retention"), ("-5h", 64, "hours"),
            ("1d", 64, "hours"), ("", 64, "hours"),
        ] {
            let result = try lake("vacuum", directory.path, "--retain=\(retain)")
            #expect(result.exitStatus == status, "--retain '\(retain)': \(result.standardError)")
            #expect(result.standardError.contains(message), "--retain '\(retain)': \(result.standardError)")
        }
        #expect(present() == 6)
        // Inside the default window the replaced files are still needed by time travel.
        let dry = try lake("vacuum", directory.path, "--dry-run")
        #expect(dry.exitStatus == 0 && dry.text.contains("would delete 0 files"), "\(dry.text)")
        #expect(dry.standardError.contains("would delete 0 files ("), "\(dry.standardError)")
        // With an explicit zero retention the dry run lists them, and deletes nothing.
        let short = try lake("vacuum", directory.path, "--retain", "0h", "--force-short-retention", "--dry-run")
        #expect(short.exitStatus == 0, "\(short.standardError)")
        #expect(short.text.contains("would delete 6 files"), "\(short.text)")
        #expect(try present() == 6 && table.snapshot().version == 7)
        let real = try lake("vacuum", directory.path, "--retain", "0h", "--force-short-retention", "--quiet")
        #expect(real.exitStatus == 0 && real.text.contains("deleted 6 files") && real.standardError.isEmpty)
        #expect(present() == 0)
        #expect(try rows(table).count == 120)
    }

    @Test func restoreBringsBackAnEarlierVersionAndSummarizes() throws {
        let table = try makeTable()
        let atThree = try rows(table, version: 3)
        let result = try lake("restore", directory.path, "--version", "3")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "restored version 3 as version 7\n")
        #expect(result.standardError.contains("removed 3 files"), "\(result.standardError)")
        #expect(try rows(table) == atThree)
        let history = try lake("history", directory.path, "--limit", "1")
        #expect(history.text.contains("RESTORE"), "\(history.text)")
        let quiet = try lake("restore", directory.path, "--version", "6", "--quiet")
        #expect(quiet.exitStatus == 0 && quiet.standardError.isEmpty)
        #expect(try rows(table) == rows(table, version: 6))
        #expect(try table.snapshot().version == 8)
    }
}
