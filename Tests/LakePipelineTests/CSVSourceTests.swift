import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakePipeline
import LakeTable
import LakeTextFormats
import Testing

/// `CSVSnapshotRunner`: CSV files dropped in a folder become bronze snapshots, each file taken once.
@Suite struct CSVSourceTests {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lake-csv-source-\(UUID().uuidString)")
    var store: LocalObjectStore { LocalObjectStore(root: url.path) }
    /// 2026-11-20T12:00:00Z.
    static let startMillis: Int64 = 1_795_176_000_000

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func drop(_ text: String, as path: String) throws {
        try store.put(path, Array(text.utf8))
    }

    func runner(
        at millis: Int64 = startMillis, schema: Schema? = nil, options: CSVOptions = CSVOptions()
    ) -> CSVSnapshotRunner {
        CSVSnapshotRunner(
            store: store,
            sources: [CSVFolderSource(name: "prices", folder: "inbox/prices", schema: schema, options: options)],
            clock: .fixed(millis))
    }

    /// Rows of the snapshot at `path` as text, `|`-separated.
    func rows(_ path: String) throws -> [String] {
        let reader = try ParquetFileReader(store: store, path: path)
        var result: [String] = []
        for batch in try reader.readAll(columns: nil) {
            for row in 0..<batch.rowCount {
                result.append(batch.columns.map { Self.text($0.value(at: row)) }.joined(separator: "|"))
            }
        }
        return result
    }

    static func text(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .int(let number): String(number)
        case .float64(let number): String(number)
        case .string(let text): text
        default: "\(value)"
        }
    }

    func schema(_ path: String) throws -> [String] {
        try ParquetFileReader(store: store, path: path).schema.fields.map { "\($0.name):\($0.type)" }
    }

    @Test func newFilesBecomeOneSnapshotWithQuotedFieldsAndEmbeddedLineBreaks() throws {
        defer { try? FileManager.default.removeItem(at: url) }
        try drop("id,name,price\n1,\"Bitcoin, the first\",9.5\n2,\"say \"\"hi\"\"\",10\n", as: "inbox/prices/a.csv")
        try drop("id,name,price\r\n3,\"two\nlines\",\r\n", as: "inbox/prices/b.CSV")
        try drop("not,a,csv\n", as: "inbox/prices/notes.txt")
        try drop("id,name,price\n9,nested,1\n", as: "inbox/prices/old/c.csv")

        let report = try runner().run()
        let record = try #require(report.record("prices"))
        #expect(record.status == .succeeded && record.rows == 3 && record.requests == 2, "\(record)")
        #expect(record.source == "csv" && record.credits == 0)
        let path = "bronze/prices/prices-20261120_120000.parquet"
        #expect(record.bronzePath == path)
        #expect(record.parameters == #"{"folder":"inbox/prices/","files":["inbox/prices/a.csv","inbox/prices/b.CSV"]}"#)
        #expect(
            try schema(path) == [
                "id:int64", "name:utf8", "price:float64", "_source_file:utf8", "_extracted_at:timestamp(us,UTC)",
            ])
        let stamp = Self.startMillis * 1_000
        #expect(
            try rows(path) == [
                "1|Bitcoin, the first|9.5|inbox/prices/a.csv|\(stamp)", "2|say \"hi\"|10.0|inbox/prices/a.csv|\(stamp)",
                "3|two\nlines|null|inbox/prices/b.CSV|\(stamp)",
            ])
        let taken = try CSVTakenFiles.load(from: store)
        #expect(taken.bySource == ["prices": ["inbox/prices/a.csv": path, "inbox/prices/b.CSV": path]])
        #expect(try RunRecordTable(store: store, clock: .fixed(0)).readAll().count == 1)
    }

    @Test func aReRunTakesNothingAndALaterDropIsTakenAlone() throws {
        defer { try? FileManager.default.removeItem(at: url) }
        try drop("id,name\n1,a\n", as: "inbox/prices/a.csv")
        #expect(try runner().run().record("prices")?.status == .succeeded)
        let again = try runner(at: Self.startMillis + 60_000).run()
        #expect(again.record("prices")?.status == .skipped && again.record("prices")?.bronzePath == nil)
        #expect(try store.list(prefix: "bronze/prices/", after: nil).count == 1)

        try drop("id,name\n2,b\n", as: "inbox/prices/b.csv")
        let later = try runner(at: Self.startMillis + 120_000).run()
        let path = "bronze/prices/prices-20261120_120200.parquet"
        #expect(later.record("prices")?.bronzePath == path && later.record("prices")?.rows == 1)
        #expect(try rows(path) == ["2|b|inbox/prices/b.csv|\((Self.startMillis + 120_000) * 1_000)"])
        #expect(
            try RunRecordTable(store: store, clock: .fixed(0)).readAll().map(\.status) == [
                .succeeded, .skipped, .succeeded,
            ])
    }

    @Test func aBadRowFailsTheSourceNamingFileAndLineAndTakesNothing() throws {
        defer { try? FileManager.default.removeItem(at: url) }
        try drop("id,note\n1,ok\n", as: "inbox/prices/a.csv")
        try drop("id,note\n2,\"spans\ntwo lines\"\nthree,bad\n", as: "inbox/prices/b.csv")
        let report = try runner(schema: Schema([Field("id", .int64)])).run()
        let record = try #require(report.record("prices"))
        #expect(record.status == .failed && record.bronzePath == nil)
        #expect(record.error?.contains("inbox/prices/b.csv:4:1: column 'id'") == true, "\(record.error ?? "")")
        #expect(try store.list(prefix: "bronze/", after: nil).isEmpty, "the partial snapshot is discarded")
        #expect(try CSVTakenFiles.load(from: store).bySource.isEmpty)

        try drop("id,note\n2,\"spans\ntwo lines\"\n3,fixed\n", as: "inbox/prices/b.csv")
        let fixed = try runner(at: Self.startMillis + 1_000, schema: Schema([Field("id", .int64)])).run()
        #expect(fixed.record("prices")?.status == .succeeded && fixed.record("prices")?.rows == 3)
    }

    @Test func laterFilesMustFitTheFirstFilesInferredColumns() throws {
        defer { try? FileManager.default.removeItem(at: url) }
        try drop("id,price\n1,2.5\n", as: "inbox/prices/a.csv")
        try drop("price,id\n3,2\n", as: "inbox/prices/b.csv")
        let reordered = try runner().run().record("prices")
        #expect(reordered?.status == .succeeded && reordered?.rows == 2, "header order may differ")
        let path = "bronze/prices/prices-20261120_120000.parquet"
        #expect(try rows(path).map { $0.split(separator: "|").prefix(2).joined(separator: "|") } == ["1|2.5", "2|3.0"])

        try drop("id,price\n4,x\n", as: "inbox/prices/c.csv")
        try drop("id,price,extra\n5,1,z\n", as: "inbox/prices/d.csv")
        try drop("id,price\n6,1\n", as: "inbox/prices/0.csv")
        let mismatched = try runner(at: Self.startMillis + 1_000).run().record("prices")
        #expect(mismatched?.status == .failed)
        #expect(mismatched?.error?.contains("inbox/prices/c.csv:2:") == true, "\(mismatched?.error ?? "")")
    }

    @Test func anExistingSnapshotIsNeverOverwritten() throws {
        defer { try? FileManager.default.removeItem(at: url) }
        try drop("id\n1\n", as: "inbox/prices/a.csv")
        _ = try runner().run()
        try drop("id\n2\n", as: "inbox/prices/b.csv")
        let clash = try runner().run().record("prices")
        #expect(clash?.status == .failed && clash?.error?.contains("never overwritten") == true)
        #expect(try rows("bronze/prices/prices-20261120_120000.parquet").count == 1)
        #expect(try CSVTakenFiles.load(from: store).contains("inbox/prices/b.csv", source: "prices") == false)
    }

    @Test func filesWithoutRowsAreTakenWithoutASnapshot() throws {
        defer { try? FileManager.default.removeItem(at: url) }
        try drop("id,name\n", as: "inbox/prices/empty.csv")
        let record = try runner().run().record("prices")
        #expect(record?.status == .succeeded && record?.rows == 0 && record?.bronzePath == nil)
        #expect(try store.list(prefix: "bronze/", after: nil).isEmpty)
        #expect(try CSVTakenFiles.load(from: store).contains("inbox/prices/empty.csv", source: "prices"))
    }

    @Test func unknownOrRepeatedSourcesAreRefused() throws {
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: PipelineError.self) { try runner().run(only: ["volumes"]) }
        let twice = CSVSnapshotRunner(
            store: store, sources: [CSVFolderSource(name: "a", folder: "x"), CSVFolderSource(name: "a", folder: "y")])
        #expect(throws: PipelineError.self) { try twice.run() }
    }
}
