import Foundation
import LakeTestSupport
import Testing

/// Runs the built `lake` executable the way a user does and checks its output and exit status.
///
/// The binary is `.build/debug/lake` beside the tests (built by `swift build --build-tests`), or `LAKE_BINARY`.
@Suite struct LakeCommandTests {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lake-cli-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    func lake(_ arguments: String...) throws -> ChildProcess.Result {
        let binary = try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
        return try ChildProcess.run(binary, arguments, secondsMax: 120)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func convertInfersTypesAndCatPrintsTheRowsBack() throws {
        let csv = try write(
            "coins.csv",
            "id,symbol,price,listed\n1,BTC,97000.5,2013-04-28T00:00:00Z\n2,ETH,3400.25,2015-08-07T00:00:00Z\n3,,0.5,\n")
        let parquet = scratch.appendingPathComponent("coins.parquet").path
        let converted = try lake("parquet", "convert", csv, parquet)
        #expect(converted.exitStatus == 0, "\(converted.standardError)")
        #expect(converted.standardError.contains("wrote 3 rows"))

        let jsonl = try lake("parquet", "cat", parquet, "--format", "jsonl")
        #expect(jsonl.exitStatus == 0)
        #expect(jsonl.text.split(separator: "\n") == [
            #"{"id":1,"symbol":"BTC","price":97000.5,"listed":"2013-04-28T00:00:00Z"}"#,
            #"{"id":2,"symbol":"ETH","price":3400.25,"listed":"2015-08-07T00:00:00Z"}"#,
            #"{"id":3,"symbol":null,"price":0.5,"listed":null}"#,
        ])

        let csvOut = try lake("parquet", "cat", parquet, "--format", "csv", "--columns", "symbol,id", "--filter", "id>=2")
        #expect(csvOut.text == "symbol,id\nETH,2\n,3\n")
    }

    @Test func convertReportsTheLineOfMalformedInputAndWritesNothing() throws {
        let csv = try write("bad.csv", "a,b\n1,2\n3,4\n5\n")
        let parquet = scratch.appendingPathComponent("bad.parquet").path
        let result = try lake("parquet", "convert", csv, parquet)
        #expect(result.exitStatus == 1)
        #expect(result.standardError.contains("bad.csv:4"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: parquet))
    }

    @Test func convertHonoursAGivenSchema() throws {
        let jsonl = try write("rows.jsonl", #"{"id": 7, "amount": "12.50"}"# + "\n" + #"{"id": 8, "amount": "-0.05"}"# + "\n")
        let parquet = scratch.appendingPathComponent("rows.parquet").path
        let result = try lake(
            "parquet", "convert", jsonl, parquet, "--schema", "id:int32 not null,amount:decimal(10,2)")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        let inspect = try lake("parquet", "inspect", parquet)
        #expect(inspect.text.contains("decimal(10,2)"))
        #expect(inspect.text.contains("DECIMAL(10,2)"))
        let rows = try lake("parquet", "cat", parquet, "--format", "csv")
        #expect(rows.text == "id,amount\n7,12.50\n8,-0.05\n")
    }

    @Test func inspectShowsRowGroupsEncodingsAndStatistics() throws {
        let parquet = try FixturePaths.parquet("page_index.parquet").path
        let result = try lake("parquet", "inspect", parquet, "--pages")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        for expected in ["created by:", "row group 0:", "encodings", "min", "data page(s)", "schema:"] {
            #expect(result.text.contains(expected), "missing '\(expected)'")
        }
    }

    @Test func aCorruptFileFailsWithItsNameAndExitStatusOne() throws {
        let parquet = try FixturePaths.parquet("bad/footer_garbage.parquet").path
        let result = try lake("parquet", "cat", parquet)
        #expect(result.exitStatus == 1)
        #expect(result.standardError.contains("footer_garbage.parquet"))
        #expect(result.standardError.contains("invalidMetadata"))
    }

    @Test func unknownColumnsAndBadFiltersAreUsageErrors() throws {
        let parquet = try FixturePaths.parquet("many_row_groups.parquet").path
        let unknown = try lake("parquet", "cat", parquet, "--columns", "no_such_column")
        #expect(unknown.exitStatus == 1)
        #expect(unknown.standardError.contains("no column 'no_such_column'"))
        let filter = try lake("parquet", "cat", parquet, "--filter", "nonsense")
        #expect(filter.exitStatus == 64)
    }

    @Test func demoWritesReadsAndVerifiesAFile() throws {
        let result = try lake("demo", "--dir", scratch.path, "--coins", "50", "--snapshots", "3")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text.contains("round trip verified (150 rows"))
        #expect(result.text.contains("top 5 coins"))
    }
}
