import LakeColumnar
import LakeCore
import Testing

@testable import LakeTextFormats

@Suite struct BatchBoundaryTests {
    private static let batchRows = 16

    private func csv(rows: Int) -> String {
        "id,name\n" + (0..<rows).map { "\($0),\"n\($0)\"\n" }.joined()
    }

    private func jsonLines(rows: Int) -> String {
        (0..<rows).map { "{\"id\": \($0), \"name\": \"n\($0)\"}\n" }.joined()
    }

    @Test(arguments: [0, 1, batchRows - 1, batchRows, batchRows + 1, 2 * batchRows, 2 * batchRows + 1])
    func csvBatchesHoldAtMostBatchRowsAndKeepEveryRowInOrder(rows: Int) throws {
        let options = CSVOptions(batchRowsMax: Self.batchRows, inferenceRowsMax: 5)
        let result = try readCSV(
            csv(rows: rows), options: options,
            schema: rows == 0 ? Schema([Field("id", .int64), Field("name", .utf8)]) : nil)
        #expect(result.batches.map(\.rowCount) == expectedBatchSizes(rows))
        #expect(result.values("id") == (0..<rows).map { .int(Int64($0)) })
        #expect(result.values("name") == (0..<rows).map { .text("n\($0)") })
    }

    @Test(arguments: [0, 1, batchRows - 1, batchRows, batchRows + 1, 2 * batchRows, 2 * batchRows + 1])
    func jsonLinesBatchesHoldAtMostBatchRowsAndKeepEveryRowInOrder(rows: Int) throws {
        let options = JSONLinesOptions(batchRowsMax: Self.batchRows, inferenceRowsMax: 5)
        let result = try readJSONLines(jsonLines(rows: rows), options: options)
        #expect(result.batches.map(\.rowCount) == expectedBatchSizes(rows))
        #expect(result.values("id") == (0..<rows).map { .int(Int64($0)) })
    }

    private func expectedBatchSizes(_ rows: Int) -> [Int] {
        stride(from: 0, to: rows, by: Self.batchRows).map { min(Self.batchRows, rows - $0) }
    }

    @Test func nullsInALaterBatchDoNotLeakIntoTheNext() throws {
        // A quoted empty field is null in an int64 column (an empty line would be skipped as blank).
        let text = "a\n1\n\n2\n\"\"\n3\n4\n"
        let result = try readCSV(text, options: CSVOptions(batchRowsMax: 2))
        #expect(result.batches.map(\.rowCount) == [2, 2, 1])
        #expect(result.batches.map { $0.columns[0].nullCount } == [0, 1, 0])
        #expect(result.values("a") == [.int(1), .int(2), .null, .int(3), .int(4)])
    }

    @Test func seededRandomCSVReadsTheSameWithEveryChunkAndBatchSize() throws {
        var generator = SeededGenerator(seed: 0x7E47_F0A7)
        var text = "i,f,s,d\n"
        var expectedStrings: [Value] = []
        for _ in 0..<300 {
            let number = Int64.random(in: -1_000_000...1_000_000, using: &generator)
            let fraction = Double(Int.random(in: 0...99_999, using: &generator)) / 100
            let pieces = ["a", ",", "\"", "\n", "é", " ", "\r\n"]
            let string = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                pieces.randomElement(using: &generator) ?? ""
            }.joined()
            expectedStrings.append(string.isEmpty ? .text("") : .text(string))
            let day = Int.random(in: 1...28, using: &generator)
            let quoted = "\"" + string.replacing("\"", with: "\"\"") + "\""
            text += "\(number),\(fraction),\(quoted),2024-02-\(day < 10 ? "0" : "")\(day)\r\n"
        }
        let reference = try readCSV(text)
        #expect(reference.type("i") == .int64)
        #expect(reference.type("f") == .float64)
        #expect(reference.type("d") == .date32)
        #expect(reference.values("s") == expectedStrings)
        for (chunk, batch) in [(1, 7), (3, 64), (13, 300), (4_096, 1)] {
            let options = CSVOptions(batchRowsMax: batch, inferenceRowsMax: 50, readChunkBytes: chunk)
            let other = try readCSV(text, options: options)
            #expect(other.schema == reference.schema)
            for name in ["i", "f", "s", "d"] { #expect(other.values(name) == reference.values(name)) }
        }
    }
}
