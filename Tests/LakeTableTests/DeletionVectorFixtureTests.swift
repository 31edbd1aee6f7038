import Foundation
import LakeColumnar
import LakeCore
import LakeParquet
import LakeTable
import LakeTestSupport
import Testing

/// The deletion-vector and column-mapping tables of `Fixtures/delta/good/` (written by
/// `Tests/interop/make_dv_fixtures.py`): at every version our rows equal deltalake's `scan()` rows, or the rows the
/// manifest records for tables deltalake cannot read (`colmap-id`, spec/table-log.md §15). The hostile DVs of
/// `Fixtures/delta/bad/dv_*` run through `TableBadLogTests` (stage `read`); this suite checks each also names
/// its data file.
@Suite("Deletion vector and column mapping fixtures")
struct DeletionVectorFixtureTests {
    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        struct Summary: Decodable, Sendable {
            var rows: Int
            var idSum: Int64
            enum CodingKeys: String, CodingKey {
                case rows
                case idSum = "id_sum"
            }
        }
        var path: String
        var stage: String
        var opens: Bool
        var generator: String?
        var expectedError: String?
        var expectedSummary: [String: Summary]?
        var deltalakeAgrees: Bool?

        var testDescription: String { path }

        enum CodingKeys: String, CodingKey {
            case path, stage, opens, generator
            case expectedError = "expected_error"
            case expectedSummary = "expected_summary"
            case deltalakeAgrees = "deltalake_agrees"
        }
    }

    struct Manifest: Decodable {
        var cases: [Entry]
    }

    static let generator = "Tests/interop/make_dv_fixtures.py"

    static func entries() throws -> [Entry] {
        let url = try TableBadLogTests.deltaDirectory().appendingPathComponent("MANIFEST.json")
        return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url)).cases
            .filter { $0.generator == generator }
    }

    /// `expected_rows[version]` of the manifest entry at `path` (recorded for tables deltalake cannot read).
    static func recordedRows(_ path: String, version: Int64) throws -> [JSONValue] {
        let url = try TableBadLogTests.deltaDirectory().appendingPathComponent("MANIFEST.json")
        let manifest = try JSONParser.parse(Array(try Data(contentsOf: url)))
        let cases = try #require(manifest.objectValue?["cases"]?.arrayValue)
        let entry = try #require(cases.first { $0.objectValue?["path"]?.stringValue == path }?.objectValue)
        return try #require(
            entry["expected_rows"]?.objectValue?[String(version)]?.arrayValue, "\(path) records no rows")
    }

    static func goodEntries() throws -> [Entry] { try entries().filter(\.opens) }
    static func badEntries() throws -> [Entry] { try entries().filter { !$0.opens } }

    static func table(_ entry: Entry) throws -> (Table, String) {
        let directory = try TableBadLogTests.deltaDirectory().appendingPathComponent(entry.path, isDirectory: true)
        return (Table(store: LocalObjectStore(root: directory.path)), directory.path)
    }

    /// deltalake's rows at `version` (`Tests/interop/delta_scan_table.py`), in `TableRows.canonical` form.
    static func peerRows(_ path: String, version: Int64, schema: Schema) throws -> [[String: String]] {
        try PythonPeer.requireModules(["deltalake", "pyarrow"])
        let output = try PythonPeer.run("delta_scan_table.py", [path, "--version", String(version)])
        let document = try #require(try JSONParser.parse(output.text).objectValue)
        #expect(document["version"]?.int64Value == version)
        let rows = try #require(document["rows"]?.arrayValue)
        return TableRows.canonical(peerRows: rows, schema: schema)
    }

    @Test("the manifest lists the generated fixtures")
    func manifestListsTheFixtures() throws {
        let paths = Set(try Self.entries().map(\.path))
        for name in [
            "good/dv-inline-and-file", "good/dv-64bit-bucket", "good/colmap-name", "good/colmap-id",
            "good/colmap-id-physical", "bad/dv_bad_crc", "bad/dv_row_beyond_file", "bad/dv_absolute_path",
        ] {
            #expect(paths.contains(name), "\(name) is missing from Fixtures/delta/MANIFEST.json")
        }
    }

    @Test("our rows equal deltalake's (or the recorded rows) at every version", arguments: try goodEntries())
    func rowsMatchThePeerAtEveryVersion(_ entry: Entry) throws {
        let (table, path) = try Self.table(entry)
        let summaries = try #require(entry.expectedSummary)
        #expect(try table.snapshot().version == Int64(summaries.count - 1))
        for version in 0..<Int64(summaries.count) {
            let scan = try table.scan(version: version)
            let ours = TableRows.canonical(try scan.readAll())
            let summary = try #require(summaries[String(version)])
            #expect(ours.count == summary.rows, "\(entry.path) version \(version)")
            let idSum = ours.reduce(Int64(0)) { $0 + (Int64($1["id"]?.dropFirst(2) ?? "") ?? 0) }
            #expect(idSum == summary.idSum, "\(entry.path) version \(version)")
            let expected: [[String: String]]
            if entry.deltalakeAgrees == true {
                expected = try Self.peerRows(path, version: version, schema: scan.schema)
            } else {
                let rows = try Self.recordedRows(entry.path, version: version)
                expected = TableRows.canonical(peerRows: rows, schema: scan.schema).sorted {
                    (Int64($0["id"]?.dropFirst(2) ?? "") ?? 0) < (Int64($1["id"]?.dropFirst(2) ?? "") ?? 0)
                }
            }
            #expect(ours == expected, "\(entry.path) version \(version)")
        }
    }

    /// DuckDB's delta extension (1.5.5) reads every fixture like deltalake, with two known differences, both
    /// DuckDB's (spec/table-log.md §15.4): in `colmap-id` it matches columns by physical name and returns NULL where
    /// the file names differ (that table is left out), and under column mapping it returns NULL for partition
    /// columns, whose `partitionValues` keys are physical names as the protocol says (delta-rs writes them so too),
    /// so `colmap-name` is compared without its partition column `region`.
    @Test(
        "our rows equal DuckDB delta_scan's at every version",
        arguments: try goodEntries().filter { $0.path != "good/colmap-id" })
    func rowsMatchDuckDBAtEveryVersion(_ entry: Entry) throws {
        let python = try TableDuckDBDeltaInteropTests.interpreter()
        let (table, path) = try Self.table(entry)
        let ignored: Set<String> = entry.path == "good/colmap-name" ? ["region"] : []
        func comparable(_ rows: [[String: String]]) -> [[String: String]] {
            rows.map { $0.filter { !ignored.contains($0.key) } }
        }
        for version in 0...(try table.snapshot().version) {
            let scan = try table.scan(version: version)
            let ours = TableRows.canonical(try scan.readAll())
            let theirs = try TableDuckDBDeltaInteropTests.duckdbRows(
                python, path, version: version, schema: scan.schema)
            #expect(comparable(theirs) == comparable(ours), "\(entry.path) version \(version)")
            if entry.path == "good/colmap-name" {
                #expect(theirs.allSatisfy { $0["region"] == "null" }, "DuckDB now maps partition values: update §15.4")
            }
        }
    }

    @Test(
        "describe and an empty projection count live rows: numRecords minus DV cardinality",
        arguments: try goodEntries())
    func rowCountsSubtractDeletedRows(_ entry: Entry) throws {
        let (table, _) = try Self.table(entry)
        let summaries = try #require(entry.expectedSummary)
        let latest = try #require(summaries[String(summaries.count - 1)])
        #expect(try table.describe().rowCount == Int64(latest.rows))
        let counted = try table.scan(columns: []).readAll().reduce(0) { $0 + $1.rowCount }
        #expect(counted == latest.rows)
    }

    @Test func filterRowsAppliesPredicatesAfterTheDeletionVector() throws {
        let entry = try #require(try Self.goodEntries().first { $0.path == "good/dv-inline-and-file" })
        let (table, _) = try Self.table(entry)
        let all = TableRows.canonical(try table.scan().readAll())
        let predicates = [
            ParquetPredicate("id", .greaterOrEqual, .int(1_050_000)), ParquetPredicate("id", .less, .int(1_150_000)),
        ]
        let scan = try table.scan(predicates: predicates, filterRows: true)
        #expect(scan.prunedFileCount == 3)  // the small, middle and tiny files fall outside by their statistics
        let filtered = TableRows.canonical(try scan.readAll())
        let expected = all.filter { row in
            let id = Int64(row["id"]?.dropFirst(2) ?? "") ?? 0
            return id >= 1_050_000 && id < 1_150_000
        }
        #expect(filtered == expected)
        #expect(!filtered.isEmpty)
    }

    @Test func mappedStatisticsAndPartitionValuesPruneByLogicalNames() throws {
        let entry = try #require(try Self.goodEntries().first { $0.path == "good/colmap-name" })
        let (table, _) = try Self.table(entry)
        let byPrice = try table.scan(predicates: [ParquetPredicate("price", .greater, .float64(50))])
        #expect(byPrice.files.count == 1 && byPrice.prunedFileCount == 2)
        let byRegion = try table.scan(
            columns: ["id", "region"], predicates: [ParquetPredicate("region", .equal, .string("us"))],
            filterRows: true)
        let rows = TableRows.canonical(try byRegion.readAll())
        #expect(rows.map { $0["id"] } == ["i:6", "i:7", "i:8", "i:9"])
        #expect(rows.allSatisfy { $0["region"] == "s:us" })
        #expect(byRegion.columnMapping.mode == .name)
        #expect(byRegion.columnMapping.physicalName(of: "price") == "col-2f9d41c7-amount")
    }

    @Test("each hostile DV names its data file", arguments: try badEntries())
    func hostileDeletionVectorNamesTheDataFile(_ entry: Entry) throws {
        let (table, _) = try Self.table(entry)
        let scan = try table.scan()
        do throws(TableLogError) {
            _ = try scan.readAll()
            Issue.record("\(entry.path) was read without an error")
        } catch {
            #expect(TableBadLogTests.caseName(error) == entry.expectedError, "\(entry.path): \(error)")
            if case .corruptDeletionVector(let dataFile, _, _, _) = error {
                #expect(dataFile == "part-00000-a.zstd.parquet")
            }
        }
    }
}
