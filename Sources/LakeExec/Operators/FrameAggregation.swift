import LakeColumnar

/// Aggregates over per-row frames `frameStart[i] ..< frameEnd[i]` of a column in window order.
enum FrameAggregation {
    /// - Parameter growing: every frame starts at its partition start, so a running state can be extended.
    static func compute(
        _ function: AggregateFunction, values: Column?, type: DataType, frameStart: [Int], frameEnd: [Int],
        growing: Bool
    ) throws(ExecutionError) -> Column {
        let count = frameStart.count
        switch function {
        case .countRows:
            return Column(type: .int64, values: .int64((0..<count).map { Int64(frameEnd[$0] - frameStart[$0]) }))
        case .count:
            guard let values else { throw .invalidArgument(function: "count", reason: "needs an argument") }
            let prefix = prefixCounts(values)
            return Column(
                type: .int64, values: .int64((0..<count).map { prefix[frameEnd[$0]] - prefix[frameStart[$0]] }))
        case .first, .last:
            guard let values else { throw .invalidArgument(function: function.rawValue, reason: "needs an argument") }
            let rows = (0..<count).map { function == .first ? frameStart[$0] : frameEnd[$0] - 1 }
            let empty = (0..<count).map { frameEnd[$0] <= frameStart[$0] }
            return try values.taking(optionalRows: zip(rows, empty).map { $1 ? -1 : $0 })
        case .min, .max:
            guard let values else { throw .invalidArgument(function: function.rawValue, reason: "needs an argument") }
            let comparator = try RowComparator(columns: [values], directions: [(true, false)])
            var best = [Int](repeating: -1, count: count)
            for position in 0..<count {
                var current = -1
                var from = frameStart[position]
                if growing && position > 0 && frameStart[position] == frameStart[position - 1]
                    && frameEnd[position] >= frameEnd[position - 1]
                {
                    current = best[position - 1]
                    from = frameEnd[position - 1]
                }
                for row in from..<frameEnd[position] where values.isValid(row) {
                    let order = current < 0 ? 0 : comparator.compare(row, current)
                    if current < 0 || (function == .min ? order < 0 : order > 0) { current = row }
                }
                best[position] = current
            }
            return try values.taking(optionalRows: best)
        case .sum, .avg:
            guard let values else { throw .invalidArgument(function: function.rawValue, reason: "needs an argument") }
            return try sumOrAverage(
                function == .avg, values: values, type: type, frameStart: frameStart, frameEnd: frameEnd)
        case .countDistinct, .stddevSample, .varianceSample:
            throw .invalidArgument(function: function.rawValue, reason: "not supported as a window function")
        }
    }

    private static func prefixCounts(_ values: Column) -> [Int64] {
        var prefix = [Int64](repeating: 0, count: values.count + 1)
        for row in 0..<values.count { prefix[row + 1] = prefix[row] + (values.isValid(row) ? 1 : 0) }
        return prefix
    }

    /// Exact prefix sums for integers and decimals (Int128, so no intermediate overflow); floats are summed
    /// frame by frame left to right, so results equal a naive evaluation bit for bit.
    private static func sumOrAverage(
        _ average: Bool, values: Column, type: DataType, frameStart: [Int], frameEnd: [Int]
    ) throws(ExecutionError) -> Column {
        let count = frameStart.count
        let counts = prefixCounts(values)
        let valid = (0..<count).map { counts[frameEnd[$0]] - counts[frameStart[$0]] > 0 }
        let validity = Bitmap.fromBools(valid)
        if values.type.isFloatingPoint {
            let numbers = try values.float64Values()
            var result = [Double](repeating: 0, count: count)
            for position in 0..<count where valid[position] {
                var sum = 0.0
                for row in frameStart[position]..<frameEnd[position] where values.isValid(row) { sum += numbers[row] }
                result[position] =
                    average ? sum / Double(counts[frameEnd[position]] - counts[frameStart[position]]) : sum
            }
            return Column.make(.float64, .float64(result), validity: validity)
        }
        let numbers = try values.int128Values()
        var prefix = [Int128](repeating: 0, count: numbers.count + 1)
        for row in 0..<numbers.count {
            let (sum, overflow) = prefix[row].addingReportingOverflow(values.isValid(row) ? numbers[row] : 0)
            guard !overflow else { throw .arithmeticOverflow(operation: "window sum") }
            prefix[row + 1] = sum
        }
        let sums = (0..<count).map { prefix[frameEnd[$0]] - prefix[frameStart[$0]] }
        if average {
            let divisor = DecimalMath.powerOfTenDouble(values.type.decimalShape?.scale ?? 0)
            let result = (0..<count).map { position -> Double in
                let rows = counts[frameEnd[position]] - counts[frameStart[position]]
                return rows > 0 ? Double(sums[position]) / divisor / Double(rows) : 0
            }
            return Column.make(.float64, .float64(result), validity: validity)
        }
        if case .decimal(let precision, _) = type {
            for position in 0..<count where valid[position] && !DecimalMath.fits(sums[position], precision: precision) {
                throw .arithmeticOverflow(operation: "decimal window sum")
            }
            return Column.make(type, .int128(sums), validity: validity)
        }
        var result = [Int64](repeating: 0, count: count)
        for position in 0..<count where valid[position] {
            guard let value = Int64(exactly: sums[position]) else {
                throw .arithmeticOverflow(operation: "int64 window sum")
            }
            result[position] = value
        }
        return Column.make(.int64, .int64(result), validity: validity)
    }
}
