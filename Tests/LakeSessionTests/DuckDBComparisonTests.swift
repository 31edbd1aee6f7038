import Foundation
import LakeColumnar
import LakeSession
import LakeTestSupport
import Testing

/// The same queries through LakeSession and through DuckDB over the same seeded Parquet files
/// (`DuckDBComparisonDataset`), compared value by value: as multisets of rows unless the query's ORDER BY fixes
/// the order, floats to a relative 1e-9.
///
/// A query marked with a missing feature must fail with that feature's error until the engine runs it; from then
/// on it is compared like the others.
///
/// DuckDB runs once for all queries (`Tests/interop/duckdb_compare.py`). When Python or its duckdb module is
/// missing every test fails with the install command; none is skipped.
@Suite struct DuckDBComparisonTests {
    @Test(arguments: DuckDBComparisonQuery.all)
    func lakeReturnsWhatDuckDBReturns(_ query: DuckDBComparisonQuery) throws {
        let fixture = try DuckDBComparisonFixture.shared.get()
        let expected = try #require(fixture.answers[query.name], "duckdb_compare.py printed no answer")
        if let error = expected.error {
            Issue.record("DuckDB rejects the query: \(error)")
            return
        }
        let result: QueryResult
        do {
            result = try LakeSession(root: fixture.root).execute(query.sql)
        } catch {
            if let missing = query.missingFeature {
                let message = "\(error)"
                #expect(
                    missing.errorFragments.contains { message.contains($0) },
                    "expected a refusal for \(missing.feature)")
            } else {
                Issue.record("lake cannot run the query: \(error)")
            }
            return
        }
        #expect(result.schema.fields.map { $0.name.lowercased() } == expected.columns.map { $0.lowercased() })
        #expect(!expected.rows.isEmpty, "every query of the suite returns rows in DuckDB")
        let ours = Self.cells(result)
        #expect(ours.count == expected.rows.count, "row count: lake \(ours.count), DuckDB \(expected.rows.count)")
        let differences = Self.differences(ours, expected.rows, ordered: query.ordered)
        #expect(
            differences.isEmpty,
            "\(differences.count) rows differ, e.g.\n\(differences.prefix(5).joined(separator: "\n"))")
    }

    @Test func datasetHasNullsAndSeveralTypesInBothTables() throws {
        let fixture = try DuckDBComparisonFixture.shared.get()
        let session = try LakeSession(root: fixture.root)
        let trades = try session.execute(
            "SELECT count(*) AS n, count(coin_id) AS coins, count(qty) AS qty, count(price) AS price FROM bronze.trades"
        )
        let counts = trades.batches.first.map { batch in batch.columns.map { ValueFormatter.text($0, row: 0) ?? "" } }
        #expect(counts?.first == String(DuckDBComparisonDataset.tradeRows))
        #expect(
            counts?.dropFirst().allSatisfy { Int($0).map { $0 < DuckDBComparisonDataset.tradeRows } ?? false } == true)
        let types = Set(trades.schema.fields.map(\.type))
        #expect(types == [.int64])
        let all = try session.execute("SELECT * FROM bronze.trades LIMIT 1")
        #expect(all.schema.fields.count == 9)
        #expect(Set(all.schema.fields.map(\.type)).count >= 6)
        #expect(try session.execute("SELECT * FROM bronze.coins").rowCount == 78)
    }

    @Test func comparisonToleratesRoundingButNotChangedValues() {
        let rows: [[DuckDBComparisonCell]] = [
            [.integer("1"), .float(0.1 + 0.2), .text("a")], [.integer("2"), .null, .text("b")],
        ]
        let reordered = [rows[1], [.integer("1"), .float(0.3), .text("a")]]
        #expect(Self.differences(rows, reordered, ordered: false).isEmpty)
        #expect(Self.differences(rows, reordered, ordered: true).count == 2)
        #expect(Self.differences(rows, [rows[0], [.integer("2"), .float(0), .text("b")]], ordered: true).count == 1)
        #expect(Self.differences(rows, [rows[0]], ordered: true) == ["row 1: lake \(rows[1]), DuckDB none"])
        #expect(!DuckDBComparisonCell.float(1).matches(.float(1 + 1e-6)))
        #expect(DuckDBComparisonCell.integer("3").matches(.float(3)))
        #expect(!DuckDBComparisonCell.text("3").matches(.integer("3")))
        #expect(DuckDBComparisonCell.float(.nan).matches(.float(.nan)))
    }

    /// Rows of a result as cells.
    static func cells(_ result: QueryResult) -> [[DuckDBComparisonCell]] {
        result.batches.flatMap { batch in
            (0..<batch.rowCount).map { row in batch.columns.map { DuckDBComparisonCell($0, row: row) } }
        }
    }

    /// Descriptions of the row pairs that differ, after sorting both sides by `sortKey` unless `ordered`.
    static func differences(
        _ ours: [[DuckDBComparisonCell]], _ theirs: [[DuckDBComparisonCell]], ordered: Bool
    ) -> [String] {
        func key(_ row: [DuckDBComparisonCell]) -> String { row.map(\.sortKey).joined(separator: "\u{1}") }
        let left = ordered ? ours : ours.sorted { key($0) < key($1) }
        let right = ordered ? theirs : theirs.sorted { key($0) < key($1) }
        var differences: [String] = []
        for index in 0..<max(left.count, right.count) {
            let mine = index < left.count ? left[index] : nil
            let expected = index < right.count ? right[index] : nil
            if let mine, let expected, mine.count == expected.count,
                zip(mine, expected).allSatisfy({ $0.matches($1) })
            {
                continue
            }
            differences.append(
                "row \(index): lake \(mine.map { "\($0)" } ?? "none"), DuckDB \(expected.map { "\($0)" } ?? "none")")
        }
        return differences
    }
}

/// The lake root with the dataset and DuckDB's answers to every query, made once per test process.
struct DuckDBComparisonFixture: Sendable {
    /// What DuckDB returned for one query: one line of `duckdb_compare.py` output.
    struct Answer: Sendable, Decodable {
        var name: String
        var columns: [String] = []
        var rows: [[DuckDBComparisonCell]] = []
        var error: String?

        enum CodingKeys: String, CodingKey {
            case name, columns, rows, error
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            error = try container.decodeIfPresent(String.self, forKey: .error)
            columns = try container.decodeIfPresent([String].self, forKey: .columns) ?? []
            rows = try container.decodeIfPresent([[DuckDBComparisonCell]].self, forKey: .rows) ?? []
        }
    }

    /// Why the fixture could not be made (a missing duckdb module names its install command).
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// The lake root (under the temporary directory; it stays for the life of the test process).
    let root: String
    let answers: [String: Answer]

    static let shared: Result<DuckDBComparisonFixture, Failure> = {
        do {
            return .success(try make())
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    private static func make() throws -> DuckDBComparisonFixture {
        try PythonPeer.requireModules(["duckdb"])
        let lake = try TemporaryLake("duckdb-compare")
        try DuckDBComparisonDataset.write(to: lake)
        let queries = DuckDBComparisonQuery.all.map { ["name": $0.name, "sql": $0.sql] }
        let queryFile = URL(fileURLWithPath: lake.root).appendingPathComponent("queries.json")
        try JSONSerialization.data(withJSONObject: queries).write(to: queryFile)
        let output = try PythonPeer.run(
            "duckdb_compare.py",
            [
                "--root", lake.root, "--tables", DuckDBComparisonDataset.tableNames.joined(separator: ","),
                "--queries", queryFile.path,
            ])
        var answers: [String: Answer] = [:]
        let decoder = JSONDecoder()
        for line in output.standardOutput.split(separator: UInt8(ascii: "\n")) {
            let answer = try decoder.decode(Answer.self, from: Data(line))
            answers[answer.name] = answer
        }
        // The root must outlive `lake` (which deletes it when released): hand it to a copy that is never deleted.
        let kept = FileManager.default.temporaryDirectory
            .appendingPathComponent("lake-duckdb-compare-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: kept)
        try FileManager.default.copyItem(atPath: lake.root, toPath: kept)
        return DuckDBComparisonFixture(root: kept, answers: answers)
    }
}
