import Foundation
import LakeTestSupport
import Testing

/// `lake shell` driven through a pipe (no terminal: no prompts, the first failure ends it) and through a
/// pseudo-terminal made by `script(1)` (prompts, history, the loop going on after an error).
extension SQLCommandTests {
    @Test func shellRunsMultiLineStatementsAndDotCommandsFromAPipe() throws {
        let input = """
            .tables
            SELECT symbol,
                   price
              FROM silver.coins
             WHERE id = 1;

            .mode csv
            .timer on
            SELECT count(*) AS n FROM silver.coins;
            .schema silver.coins
            .quit
            SELECT 'not run' AS x;
            """
        let result = try lake("shell", input: input)
        #expect(result.exitStatus == 0, "\(result.standardError)")
        let text = result.text
        #expect(text.hasPrefix("name\n"), "\(text)")
        for name in ["silver.coins\n", "silver.ticks\n"] { #expect(text.contains(name)) }
        #expect(!text.contains("lake> "), "no prompts without a terminal")
        #expect(text.contains("symbol |   price\n-------+--------\nBTC    | 97000.5\n(1 row)\n"), "\(text)")
        #expect(text.contains("(1 row)\nn\n3\n"), "csv after .mode csv: \(text)")
        #expect(
            text.hasSuffix(
                """
                column,type,nullable
                id,BIGINT,NO
                symbol,VARCHAR,YES
                name,VARCHAR,YES
                price,DOUBLE,YES
                amount,"DECIMAL(12,2)",YES
                listed,DATE,YES
                updated,TIMESTAMP WITH TIME ZONE,YES
                active,BOOLEAN,YES

                """), "\(text)")
        #expect(!text.contains("not run"), ".quit ends the shell")
        #expect(result.standardError.split(separator: "\n").filter { $0.hasPrefix("Run time: ") }.count == 1)
    }

    @Test func shellWithoutATerminalStopsAtTheFirstFailureWithItsStatus() throws {
        let sqlError = try lake(
            "shell", input: "SELECT 1 AS a;\nSELECT * FROM silver.nope;\nSELECT 2 AS b;\n", ["--format", "csv"])
        #expect(sqlError.exitStatus == 2)
        #expect(sqlError.text == "a\n1\n")
        #expect(sqlError.standardError.contains("nope"), "\(sqlError.standardError)")

        let unknownCommand = try lake("shell", input: ".frobnicate\nSELECT 1;\n")
        #expect(unknownCommand.exitStatus == 64)
        #expect(unknownCommand.standardError.contains("unknown command .frobnicate"))
        #expect(unknownCommand.text.isEmpty)
    }

    @Test func shellRunsPendingTextAtTheEndOfInput() throws {
        let result = try lake("shell", input: "SELECT 7 AS seven", ["--format", "json"])
        #expect(result.exitStatus == 0, "\(result.standardError)")
        #expect(result.text == "{\"seven\":7}\n")
    }

    @Test func shellOnATerminalPromptsKeepsGoingAfterAnErrorAndAppendsHistory() throws {
        let history = root.appendingPathComponent("history.txt")
        let typed = "SELECT * FROM silver.nope;\nSELECT 41 + 1\n  AS answer;\n.quit\n"
        let inputFile = try write("typed.txt", typed)
        // script(1) runs the shell on a pseudo-terminal fed from the file.
        let command = #"script -qec "\"$0\" shell --root \"$1\"" /dev/null < "$2""#
        let result = try ChildProcess.run(
            "/bin/sh", ["-c", command, Self.binary(), root.path, inputFile],
            environment: ["LAKE_HISTORY": history.path], secondsMax: 120)
        #expect(result.exitStatus == 0, "\(result.text)\n\(result.standardError)")
        let screen = result.text
        #expect(screen.contains("lake> "), "\(screen)")
        #expect(screen.contains("   -> "), "continuation prompt: \(screen)")
        #expect(screen.contains("nope"), "the error is shown: \(screen)")
        #expect(screen.contains("answer") && screen.contains("    42"), "the loop went on: \(screen)")
        #expect(try String(contentsOf: history, encoding: .utf8) == typed)
    }
}
