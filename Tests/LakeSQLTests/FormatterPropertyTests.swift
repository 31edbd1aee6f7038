import LakeSQL
import Testing

/// The formatter's contract on random trees: formatted text parses back to the same tree.
@Suite struct FormatterPropertyTests {
    @Test(arguments: [0xF0_0001, 0xF0_0002, 0xF0_0003, 0xF0_0004] as [UInt64])
    func randomExpressionsRoundTrip(seed: UInt64) throws {
        var generator = RandomSyntaxTree(seed: seed, depth: 5)
        for _ in 0..<300 {
            let expression = generator.expression()
            let text = SQLFormatter().format(expression)
            let parsed = try SQLParser.parseExpression(text)
            #expect(parsed == expression, "seed \(seed): \(text)\n\(firstDifference(parsed, expression))")
        }
    }

    @Test(arguments: [0xF1_0001, 0xF1_0002, 0xF1_0003] as [UInt64])
    func randomQueriesRoundTrip(seed: UInt64) throws {
        var generator = RandomSyntaxTree(seed: seed, depth: 4)
        for _ in 0..<150 {
            let statement = Statement.query(generator.query())
            let text = SQLFormatter().format(statement)
            let parsed = try SQLParser.parseStatement(text)
            #expect(parsed == statement, "seed \(seed):\n\(text)\n\(firstDifference(parsed, statement))")
            #expect(SQLFormatter().format(parsed) == text)
        }
    }

    /// The first line where the dumps of two trees differ, with a few lines of context, for failure messages.
    private func firstDifference<T>(_ actual: T, _ expected: T) -> String {
        var actualDump = ""
        var expectedDump = ""
        dump(actual, to: &actualDump)
        dump(expected, to: &expectedDump)
        // Locations are not part of equality; leave them out of the comparison.
        let isLocation = { (line: Substring) in
            ["location:", "- line:", "- column:", "- offset:"].contains { line.contains($0) }
        }
        let actualLines = actualDump.split(separator: "\n").filter { !isLocation($0) }
        let expectedLines = expectedDump.split(separator: "\n").filter { !isLocation($0) }
        for index in 0..<min(actualLines.count, expectedLines.count) where actualLines[index] != expectedLines[index] {
            let context = actualLines[max(0, index - 6)..<index].joined(separator: "\n")
            return "\(context)\nparsed:   \(actualLines[index])\nexpected: \(expectedLines[index])"
        }
        return "dumps differ in length"
    }
}
