import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct WindowTests {
    /// Rows of (p utf8, o int64, v int64) with repeated order values (ties) and nulls.
    static func input(seed: UInt64, count: Int) -> (frame: DataFrame, rows: [[Value]]) {
        var generator = SeededGenerator(seed: seed)
        let rows: [[Value]] = (0..<count).map { _ in
            let partition: Value =
                Int.random(in: 0..<10, using: &generator) == 0
                ? .null : .string(["a", "b", "c"][Int.random(in: 0..<3, using: &generator)])
            let order: Value = .int(Int64.random(in: 0..<15, using: &generator))
            let value: Value =
                Int.random(in: 0..<6, using: &generator) == 0
                ? .null : .int(Int64.random(in: -50...50, using: &generator))
            return [partition, order, value]
        }
        let schema = Schema([Field("p", .utf8), Field("o", .int64), Field("v", .int64)])
        let batches = makeBatches(rows, schema: schema, batchRows: 64)
        return (DataFrame(name: "w", schema: schema, batches: batches), rows)
    }

    /// For each input row: its partition's rows in window order (by o, then input order) and its position there.
    static func windows(_ rows: [[Value]]) -> [(partition: [Int], position: Int)] {
        var partitions: [Value: [Int]] = [:]
        for (index, row) in rows.enumerated() { partitions[row[0], default: []].append(index) }
        var result = [(partition: [Int], position: Int)](repeating: ([], 0), count: rows.count)
        for (_, members) in partitions {
            let ordered = members.sorted { a, b in
                let order = referenceCompare(rows[a][1], rows[b][1])
                return order != 0 ? order < 0 : a < b
            }
            for (position, row) in ordered.enumerated() { result[row] = (ordered, position) }
        }
        return result
    }

    @Test func rankingAndOffsetsMatchAReference() throws {
        let (frame, input) = Self.input(seed: 0x3D, count: 400)
        let order = [SortKey(col("o"))]
        let result = try frame.window(
            WindowExpression(.rowNumber, partitionBy: [col("p")], orderBy: order, as: "rn"),
            WindowExpression(.rank, partitionBy: [col("p")], orderBy: order, as: "rk"),
            WindowExpression(.denseRank, partitionBy: [col("p")], orderBy: order, as: "dr"),
            WindowExpression(
                .lag(col("v"), offset: 1, default: nil), partitionBy: [col("p")], orderBy: order, as: "lag"),
            WindowExpression(
                .lead(col("v"), offset: 2, default: lit(-99)), partitionBy: [col("p")], orderBy: order, as: "lead")
        ).collect()
        let output = rows(result)
        let windows = Self.windows(input)
        #expect(output.count == input.count)
        for (index, row) in output.enumerated() {
            let (partition, position) = windows[index]
            #expect(Array(row[0...2]) == input[index])
            let peers = partition.filter { input[$0][1] == input[index][1] }
            let firstPeer = partition.firstIndex(of: peers[0]) ?? 0
            let distinctBefore = Set(partition[..<firstPeer].map { input[$0][1] }).count
            #expect(row[3] == .int(Int64(position + 1)))
            #expect(row[4] == .int(Int64(firstPeer + 1)))
            #expect(row[5] == .int(Int64(distinctBefore + 1)))
            #expect(row[6] == (position >= 1 ? input[partition[position - 1]][2] : .null))
            #expect(row[7] == (position + 2 < partition.count ? input[partition[position + 2]][2] : .int(-99)))
        }
    }

    @Test func frameAggregatesMatchAReference() throws {
        let (frame, input) = Self.input(seed: 0xF4A, count: 300)
        let order = [SortKey(col("o"))]
        let sliding = WindowFrame.rows(preceding: 2, following: 1)
        let result = try frame.window(
            WindowExpression(
                .aggregate(.sum, col("v"), frame: .runningRows), partitionBy: [col("p")], orderBy: order, as: "run_sum"),
            WindowExpression(
                .aggregate(.count, col("v"), frame: .runningRange), partitionBy: [col("p")], orderBy: order,
                as: "range_count"),
            WindowExpression(
                .aggregate(.sum, col("v"), frame: sliding), partitionBy: [col("p")], orderBy: order, as: "slide_sum"),
            WindowExpression(
                .aggregate(.avg, col("v"), frame: sliding), partitionBy: [col("p")], orderBy: order, as: "slide_avg"),
            WindowExpression(
                .aggregate(.min, col("v"), frame: sliding), partitionBy: [col("p")], orderBy: order, as: "slide_min"),
            WindowExpression(
                .aggregate(.max, col("v"), frame: .runningRows), partitionBy: [col("p")], orderBy: order, as: "run_max"),
            WindowExpression(
                .aggregate(.countRows, nil, frame: .partition), partitionBy: [col("p")], orderBy: order, as: "size"),
            WindowExpression(
                .aggregate(.first, col("v"), frame: sliding), partitionBy: [col("p")], orderBy: order, as: "first")
        ).collect()
        let output = rows(result)
        let windows = Self.windows(input)
        for (index, row) in output.enumerated() {
            let (partition, position) = windows[index]
            func values(_ range: Range<Int>) -> [Int64] { range.compactMap { input[partition[$0]][2].int64 } }
            let running = values(0..<(position + 1))
            let lastPeer = partition.lastIndex { input[$0][1] == input[index][1] } ?? position
            let window = max(0, position - 2)..<min(partition.count, position + 2)
            let slide = values(window)
            #expect(row[3] == (running.isEmpty ? .null : .int(running.reduce(0, +))))
            #expect(row[4] == .int(Int64(values(0..<(lastPeer + 1)).count)))
            #expect(row[5] == (slide.isEmpty ? .null : .int(slide.reduce(0, +))))
            #expect(row[6] == (slide.isEmpty ? .null : .float64(Double(slide.reduce(0, +)) / Double(slide.count))))
            #expect(row[7] == (slide.min().map(Value.int) ?? .null))
            #expect(row[8] == (running.max().map(Value.int) ?? .null))
            #expect(row[9] == .int(Int64(partition.count)))
            #expect(row[10] == input[partition[window.lowerBound]][2])
        }
    }

    @Test func windowWithoutPartitionOrOrderCoversAllRows() throws {
        let (frame, input) = Self.input(seed: 5, count: 50)
        let result = try frame.window(
            WindowExpression(.aggregate(.sum, col("v"), frame: .partition), as: "total"),
            WindowExpression(.rowNumber, as: "rn")
        ).collect()
        let total = input.compactMap { $0[2].int64 }.reduce(0, +)
        #expect(rows(result).map { $0[3] } == Array(repeating: .int(total), count: 50))
        #expect(rows(result).map { $0[4] } == (1...50).map { .int(Int64($0)) })
    }

    @Test func unsupportedWindowAggregatesFailAtPlanning() {
        let (frame, _) = Self.input(seed: 6, count: 5)
        #expect(
            throws: ExecutionError.invalidArgument(
                function: "count_distinct", reason: "not supported as a window function")
        ) {
            try frame.window(WindowExpression(.aggregate(.countDistinct, col("v"), frame: .partition), as: "x"))
                .collect()
        }
    }
}
