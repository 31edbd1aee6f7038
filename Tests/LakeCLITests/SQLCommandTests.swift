import Foundation
import LakeColumnar
import LakeCore
import LakeTable
import LakeTestSupport
import Testing

/// `lake sql` run through the built executable over a lake root holding Delta tables written with `LakeTable`:
/// every output format, scripts from an argument, a file and standard input, and the exit statuses scripts rely on.
///
/// The binary is `.build/debug/lake` of the checkout, or `LAKE_BINARY`.
@Suite struct SQLCommandTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("lake-cli-sql-\(UUID().uuidString)")

    /// The columns of `silver.coins`: every kind of value the formats treat differently.
    static let coinsSchema = Schema([
        Field("id", .int64, nullable: false), Field("symbol", .utf8), Field("name", .utf8), Field("price", .float64),
        Field("amount", .decimal(precision: 12, scale: 2)), Field("listed", .date32),
        Field("updated", .timestamp(.microseconds, utc: true)), Field("active", .bool),
    ])
    /// 80 characters: cut in tables unless `--wide`.
    static let longName = String(repeating: "abcdefghij", count: 8)
    /// Rows of `silver.ticks`.
    static let tickCount = 1_500

    init() throws {
        for table in ["silver/coins", "silver/ticks"] {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent(table), withIntermediateDirectories: true)
        }
        let coins = Table(store: LocalObjectStore(root: root.appendingPathComponent("silver/coins").path))
        try coins.create(schema: Self.coinsSchema)
        try coins.append([Self.coinsBatch()])

        let ticksSchema = Schema([Field("seq", .int64, nullable: false), Field("value", .float64)])
        var generator = SeededGenerator(seed: 0x5_1C0)
        let values = (0..<Self.tickCount).map { _ in Double.random(in: 0..<1_000, using: &generator) }
        let ticks = Table(store: LocalObjectStore(root: root.appendingPathComponent("silver/ticks").path))
        try ticks.create(schema: ticksSchema)
        try ticks.append([
            Batch(
                schema: ticksSchema,
                columns: [
                    Column(type: .int64, values: .int64((0..<Int64(Self.tickCount)).map { $0 })),
                    Column(type: .float64, values: .float64(values)),
                ])
        ])

        let brokenLog = root.appendingPathComponent("silver/broken/_delta_log")
        try FileManager.default.createDirectory(at: brokenLog, withIntermediateDirectories: true)
        try Data("this is not a commit\n".utf8).write(to: brokenLog.appendingPathComponent("00000000000000000000.json"))
    }

    /// Three coins: BTC and ETH with every value, the third with nulls and a long name.
    static func coinsBatch() -> Batch {
        func column(_ type: DataType, _ values: [Value]) -> Column {
            var builder = ColumnBuilder(type: type)
            for value in values { try? builder.append(value) }
            return builder.build()
        }
        let updated: Int64 = 1_704_164_645_000_000  // 2024-01-02T03:04:05Z
        return Batch(
            schema: coinsSchema,
            columns: [
                column(.int64, [.int(1), .int(2), .int(3)]),
                column(.utf8, [.string("BTC"), .string("ETH"), .null]),
                column(.utf8, [.string("Bitcoin"), .string(#"Ether, "the" coin"#), .string(longName)]),
                column(.float64, [.float64(97000.5), .float64(3400.25), .float64(0.5)]),
                column(.decimal(precision: 12, scale: 2), [.decimal(1250), .decimal(-5), .null]),
                column(.date32, [.int(15823), .int(16654), .null]),  // 2013-04-28, 2015-08-07
                column(.timestamp(.microseconds, utc: true), [.int(updated), .int(updated + 1_500_000), .null]),
                column(.bool, [.bool(true), .bool(false), .null]),
            ])
    }

    static func binary() throws -> String {
        try ProcessInfo.processInfo.environment["LAKE_BINARY"]
            ?? FixturePaths.repositoryRoot().appendingPathComponent(".build/debug/lake").path
    }

    /// `lake sql --root <root> arguments...`.
    func sql(_ arguments: String...) throws -> ChildProcess.Result {
        try ChildProcess.run(Self.binary(), ["sql", "--root", root.path] + arguments, secondsMax: 120)
    }

    /// `lake <command> --root <root> arguments...` with standard input read from a file holding `input`.
    func lake(_ command: String, input: String, _ arguments: [String] = []) throws -> ChildProcess.Result {
        let inputFile = try write("input-\(UUID().uuidString).txt", input)
        let shellArguments = ["-c", #"exec "$0" "$@" < "$INPUT_FILE""#, try Self.binary(), command]
        return try ChildProcess.run(
            "/bin/sh", shellArguments + ["--root", root.path] + arguments, environment: ["INPUT_FILE": inputFile],
            secondsMax: 120)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    // MARK: - Formats

    @Test func tableOutputAlignsNumbersRightAndCountsTheRows() throws {
        let result = try sql("SELECT id, symbol, price FROM silver.coins ORDER BY id")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(
            result.text == """
                id | symbol |   price
                ---+--------+--------
                 1 | BTC    | 97000.5
                 2 | ETH    | 3400.25
                 3 | NULL   |     0.5
                (3 rows)

                """)
        #expect(result.standardError.isEmpty)
    }

    @Test func tableOutputCutsLongTextUnlessWide() throws {
        let query = "SELECT name FROM silver.coins WHERE id = 3"
        let cut = try sql(query)
        #expect(cut.exitStatus == 0, "\(cut.standardError)")
        #expect(cut.text.contains(String(Self.longName.prefix(59)) + "…\n"))
        #expect(!cut.text.contains(Self.longName))
        let wide = try sql(query, "--wide")
        #expect(wide.text.contains(Self.longName + "\n"))
        #expect(wide.text.hasSuffix("(1 row)\n"))
    }

    @Test func tableOutputShowsAtMostMaxRowsAndSaysHowManyWereLeftOut() throws {
        let result = try sql("SELECT seq, value FROM silver.ticks ORDER BY seq", "--max-rows", "10")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        let lines = result.text.split(separator: "\n")
        #expect(lines.count == 2 + 10 + 1)
        #expect(lines.last == "(\(Self.tickCount) rows, \(Self.tickCount - 10) not shown; raise --max-rows)")
        #expect(lines[2].hasPrefix("  0 | "))
        let all = try sql("SELECT seq FROM silver.ticks")
        #expect(all.text.split(separator: "\n").count == 2 + 1_000 + 1, "the default is 1000 rows")
    }

    @Test func csvOutputQuotesFieldsAndLeavesNullsEmpty() throws {
        let result = try sql(
            "SELECT id, name, symbol, amount FROM silver.coins WHERE id < 3 ORDER BY id", "--format", "csv")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "id,name,symbol,amount\n1,Bitcoin,BTC,12.50\n2,\"Ether, \"\"the\"\" coin\",ETH,-0.05\n")
        let empty = try sql("SELECT '' AS e, CAST(NULL AS VARCHAR) AS n", "--format", "csv")
        #expect(empty.exitStatus == 0, "\(empty.standardError)")
        #expect(empty.text == "e,n\n\"\",\n", "an empty string is quoted, a null is an empty field")
    }

    @Test func jsonOutputWritesOneTypedObjectPerRow() throws {
        let result = try sql("SELECT * FROM silver.coins ORDER BY id", "--format", "json")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(
            result.text.split(separator: "\n").map(String.init) == [
                #"{"id":1,"symbol":"BTC","name":"Bitcoin","price":97000.5,"amount":12.50,"listed":"2013-04-28","#
                    + #""updated":"2024-01-02T03:04:05Z","active":true}"#,
                #"{"id":2,"symbol":"ETH","name":"Ether, \"the\" coin","price":3400.25,"amount":-0.05,"#
                    + #""listed":"2015-08-07","updated":"2024-01-02T03:04:06.500000Z","active":false}"#,
                #"{"id":3,"symbol":null,"name":""# + Self.longName + #"","price":0.5,"amount":null,"listed":null,"#
                    + #""updated":null,"active":null}"#,
            ])
        for line in result.text.split(separator: "\n") {
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) }
        }
    }

    @Test func anEmptyResultKeepsItsHeader() throws {
        let query = "SELECT id, symbol FROM silver.coins WHERE id > 100"
        #expect(try sql(query).text == "id | symbol\n---+-------\n(0 rows)\n")
        #expect(try sql(query, "--format", "csv").text == "id,symbol\n")
        #expect(try sql(query, "--format", "jsonl").text == "", "jsonl is another name for json")
    }

    @Test func parquetOutputIsReadBackByPyarrowWithTheSameValues() throws {
        try PythonPeer.requireModules(["pyarrow"])
        let file = root.appendingPathComponent("out/coins.parquet")
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let result = try sql("SELECT * FROM silver.coins ORDER BY id", "--format", "parquet", "--output", file.path)
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text.isEmpty)
        #expect(result.standardError.contains("wrote 3 rows to \(file.path)"))
        let peer = try PythonPeer.dump(file, engine: "pyarrow")
        let expected = CanonicalDump(batches: [Self.coinsBatch()], schema: Self.coinsSchema)
        #expect(peer.differences(from: expected, comparingNullability: false) == [])
    }

    @Test func outputOptionWritesTextResultsToAFile() throws {
        let file = root.appendingPathComponent("result.csv")
        let result = try sql("SELECT symbol FROM silver.coins WHERE id = 2", "--format", "csv", "--output", file.path)
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == "symbol\nETH\n")
    }

    // MARK: - Scripts

    @Test func aScriptFileRunsEveryStatementInOrder() throws {
        let script = try write(
            "two.sql",
            """
            -- two queries, the second over two lines
            SELECT count(*) AS n FROM silver.coins;
            SELECT symbol FROM silver.coins
            WHERE id = 2;
            """)
        let csv = try sql("-f", script, "--format", "csv")
        #expect(csv.exitStatus == 0, "\(csv.standardError)")
        #expect(csv.text == "n\n3\nsymbol\nETH\n")
        let table = try sql("-f", script)
        #expect(table.text == "n\n-\n3\n(1 row)\n\nsymbol\n------\nETH\n(1 row)\n")
    }

    @Test func statementsComeFromStandardInputWithoutAnArgument() throws {
        let result = try lake(
            "sql", input: "SELECT count(*) AS n FROM silver.ticks;\nSELECT max(seq) AS last FROM silver.ticks;\n",
            ["--format", "json"])
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "{\"n\":\(Self.tickCount)}\n{\"last\":\(Self.tickCount - 1)}\n")
    }

    @Test func timerReportsEachStatementOnStandardError() throws {
        let result = try sql("SELECT 1 AS a; SELECT 2 AS b", "--timer", "--format", "csv")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "a\n1\nb\n2\n")
        #expect(result.standardError.split(separator: "\n").filter { $0.hasPrefix("Run time: ") }.count == 2)
    }

    @Test func executionOptionsAreAccepted() throws {
        let result = try sql(
            "SELECT count(*) AS n FROM silver.ticks", "--memory-limit", "64MiB", "--threads", "1", "--format", "csv")
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "n\n\(Self.tickCount)\n")
    }

    @Test func theRootDefaultsToTheEnvironmentVariable() throws {
        let result = try ChildProcess.run(
            Self.binary(), ["sql", "SELECT count(*) AS n FROM silver.coins", "--format", "csv"],
            environment: ["LAKE_ROOT": root.path], secondsMax: 120)
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "n\n3\n")
    }

    // MARK: - Exit statuses

    @Test func aSyntaxErrorExitsWithTwoAndShowsTheLineWithACaret() throws {
        let result = try sql("SELECT id FORM silver.coins")
        #expect(result.exitStatus == 2)
        #expect(result.text.isEmpty)
        #expect(result.standardError.contains("line 1, column"), "\(result.standardError)")
        #expect(result.standardError.contains("1 | SELECT id FORM silver.coins"), "\(result.standardError)")
        #expect(result.standardError.contains("^"))
    }

    @Test func anErrorInAScriptFilePointsAtItsLine() throws {
        let script = try write("bad.sql", "SELECT 1 AS a;\n\nSELECT price + FROM silver.coins;\n")
        let result = try sql("-f", script, "--format", "csv")
        #expect(result.exitStatus == 2)
        #expect(result.text.isEmpty, "the script fails to parse, so nothing runs")
        #expect(result.standardError.contains("line 3, column"), "\(result.standardError)")
        #expect(result.standardError.contains("3 | SELECT price + FROM silver.coins"))
    }

    @Test func anUnknownTableOrColumnIsASQLError() throws {
        let table = try sql("SELECT * FROM silver.no_such_table")
        #expect(table.exitStatus == 2)
        #expect(table.standardError.contains("no_such_table"), "\(table.standardError)")
        let column = try sql("SELECT no_such_column FROM silver.coins")
        #expect(column.exitStatus == 2)
        #expect(column.standardError.contains("no_such_column"), "\(column.standardError)")
    }

    @Test func aTableThatCannotBeReadIsARuntimeFailureAfterEarlierResults() throws {
        let result = try sql("SELECT 1 AS a; SELECT * FROM silver.broken", "--format", "csv")
        #expect(result.exitStatus == 1, "\(result.standardError)")
        #expect(result.text == "a\n1\n", "the first statement ran")
        #expect(result.standardError.contains("broken"), "\(result.standardError)")
    }

    @Test func usageErrorsExitWith64() throws {
        let badRoot = try ChildProcess.run(
            Self.binary(), ["sql", "--root", root.appendingPathComponent("missing").path, "SELECT 1"], secondsMax: 60)
        #expect(badRoot.exitStatus == 64)
        #expect(badRoot.standardError.contains("not a directory"), "\(badRoot.standardError)")
        #expect(try sql("SELECT 1", "--format", "parquet").exitStatus == 64, "parquet needs --output")
        #expect(try sql("SELECT 1", "--format", "xml").exitStatus == 64)
        #expect(try sql("SELECT 1", "--max-rows", "-1").exitStatus == 64)
        #expect(try sql("SELECT 1", "--memory-limit", "lots").exitStatus == 64)
        #expect(try sql("SELECT 1", "-f", "x.sql").exitStatus == 64, "an argument and a file")
    }

    @Test func helpDocumentsTheExitStatuses() throws {
        let help = try ChildProcess.run(Self.binary(), ["sql", "--help"], secondsMax: 60)
        #expect(help.exitStatus == 0)
        for expected in ["Exit status:", "0   success", "1   runtime failure", "2   SQL error", "64  usage error"] {
            #expect(help.text.contains(expected), "missing '\(expected)'")
        }
    }
}
