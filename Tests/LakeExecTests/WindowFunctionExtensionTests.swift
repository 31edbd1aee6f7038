import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct WindowFunctionExtensionTests {
    @Test func distributionFunctionsMatchAReference() throws {
        let (frame, input) = WindowTests.input(seed: 0xD15, count: 350)
        let order = [SortKey(col("o"))]
        let result = try frame.window(
            WindowExpression(.ntile(4), partitionBy: [col("p")], orderBy: order, as: "quartile"),
            WindowExpression(.ntile(1_000), partitionBy: [col("p")], orderBy: order, as: "many"),
            WindowExpression(.percentRank, partitionBy: [col("p")], orderBy: order, as: "percent"),
            WindowExpression(.cumeDist, partitionBy: [col("p")], orderBy: order, as: "cume")
        ).collect()
        let windows = WindowTests.windows(input)
        for (index, row) in rows(result).enumerated() {
            let (partition, position) = windows[index]
            let size = partition.count
            let firstPeer = partition.firstIndex { input[$0][1] == input[index][1] } ?? position
            let lastPeer = partition.lastIndex { input[$0][1] == input[index][1] } ?? position
            // Reference ntile: hand out rows to buckets one by one, larger buckets first.
            var bucketOf: [Int] = []
            for bucket in 0..<4 {
                let rowsInBucket = size / 4 + (bucket < size % 4 ? 1 : 0)
                bucketOf += Array(repeating: bucket + 1, count: rowsInBucket)
            }
            #expect(row[3] == .int(Int64(bucketOf[position])))
            #expect(row[4] == .int(Int64(position + 1)))
            #expect(row[5] == .float64(size > 1 ? Double(firstPeer) / Double(size - 1) : 0))
            #expect(row[6] == .float64(Double(lastPeer + 1) / Double(size)))
        }
    }

    @Test func framesThatExcludeTheCurrentRowMatchAReference() throws {
        let (frame, input) = WindowTests.input(seed: 0xF7E, count: 300)
        let order = [SortKey(col("o"))]
        let before = WindowFrame(start: -3, end: -1)
        let after = WindowFrame.rows(from: 1, to: 3)
        let result = try frame.window(
            WindowExpression(
                .aggregate(.sum, col("v"), frame: before), partitionBy: [col("p")], orderBy: order, as: "b"),
            WindowExpression(
                .aggregate(.count, col("v"), frame: after), partitionBy: [col("p")], orderBy: order, as: "a"),
            WindowExpression(
                .aggregate(.max, col("v"), frame: after), partitionBy: [col("p")], orderBy: order, as: "m"),
            WindowExpression(
                .aggregate(.last, col("v"), frame: before), partitionBy: [col("p")], orderBy: order, as: "l"),
            WindowExpression(
                .aggregate(.countRows, nil, frame: .rows(from: 2, to: 1)), partitionBy: [col("p")], orderBy: order,
                as: "empty"),
            WindowExpression(
                .nthValue(col("v"), 2, frame: .partition), partitionBy: [col("p")], orderBy: order, as: "second"),
            WindowExpression(
                .nthValue(col("v"), 3, frame: .runningRows), partitionBy: [col("p")], orderBy: order, as: "third"),
            WindowExpression(
                .aggregate(.anyValue, col("v"), frame: after), partitionBy: [col("p")], orderBy: order, as: "any"),
            WindowExpression(
                .aggregate(.boolOr, col("v") > lit(40), frame: before), partitionBy: [col("p")], orderBy: order,
                as: "big"),
            WindowExpression(
                .aggregate(.variancePopulation, col("v"), frame: after), partitionBy: [col("p")], orderBy: order,
                as: "var")
        ).collect()
        let windows = WindowTests.windows(input)
        for (index, row) in rows(result).enumerated() {
            let (partition, position) = windows[index]
            func slice(_ range: Range<Int>) -> [Value] {
                range.clamped(to: 0..<partition.count).map { input[partition[$0]][2] }
            }
            let previous = slice((position - 3)..<position)
            let next = slice((position + 1)..<(position + 4))
            let previousNumbers = previous.compactMap(\.int64)
            let nextNumbers = next.compactMap(\.int64)
            #expect(row[3] == (previousNumbers.isEmpty ? .null : .int(previousNumbers.reduce(0, +))))
            #expect(row[4] == .int(Int64(nextNumbers.count)))
            #expect(row[5] == (nextNumbers.max().map(Value.int) ?? .null))
            #expect(row[6] == (previous.last ?? .null))
            #expect(row[7] == .int(0))
            #expect(row[8] == (partition.count >= 2 ? input[partition[1]][2] : .null))
            #expect(row[9] == (position >= 2 ? input[partition[2]][2] : .null))
            #expect(row[10] == (nextNumbers.first.map(Value.int) ?? .null))
            #expect(row[11] == (previousNumbers.isEmpty ? .null : .bool(previousNumbers.contains { $0 > 40 })))
            if nextNumbers.isEmpty {
                #expect(row[12] == .null)
            } else {
                let mean = Double(nextNumbers.reduce(0, +)) / Double(nextNumbers.count)
                let variance =
                    nextNumbers.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
                    / Double(nextNumbers.count)
                #expect(Swift.abs((row[12].double ?? -1) - variance) < 1e-9 * Swift.max(1, variance))
            }
        }
    }

    @Test func rangeFramesStartingAtTheCurrentRowIncludePeers() throws {
        let batch = makeBatch([("o", makeColumn(.int64, [.int(1), .int(2), .int(2), .int(3)]))])
        let frame = DataFrame(name: "t", schema: batch.schema, batches: [batch])
        let result = try frame.window(
            WindowExpression(
                .aggregate(.countRows, nil, frame: WindowFrame(start: 0, end: nil, extendsToPeers: true)),
                orderBy: [SortKey(col("o"))], as: "rest")
        ).collect()
        #expect(rows(result).map { $0[1] } == [.int(4), .int(3), .int(3), .int(1)])
    }

    @Test func invalidBucketCountsAndRowsFailAtPlanning() {
        let (frame, _) = WindowTests.input(seed: 7, count: 5)
        #expect(throws: ExecutionError.invalidArgument(function: "ntile", reason: "0 buckets")) {
            try frame.window(WindowExpression(.ntile(0), as: "x")).collect()
        }
        #expect(throws: ExecutionError.invalidArgument(function: "nth_value", reason: "row 0 of a frame")) {
            try frame.window(WindowExpression(.nthValue(col("v"), 0, frame: .partition), as: "x")).collect()
        }
        #expect(
            throws: ExecutionError.invalidArgument(function: "arg_max", reason: "not supported as a window function")
        ) {
            try frame.window(WindowExpression(.aggregate(.argMax, col("v"), frame: .partition), as: "x")).collect()
        }
    }

    @Test func legacyFrameConstructorsKeepTheirMeaning() {
        #expect(WindowFrame(preceding: 2, following: 1) == WindowFrame(start: -2, end: 1))
        #expect(WindowFrame.runningRows == WindowFrame(start: nil, end: 0))
        #expect(WindowFrame.rows(preceding: 0, following: 0) == WindowFrame.rows(from: 0, to: 0))
        #expect(WindowFrame.partition == WindowFrame(preceding: nil, following: nil))
    }
}
