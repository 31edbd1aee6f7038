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
        case .stddevSample, .varianceSample, .stddevPopulation, .variancePopulation:
            guard let values else { throw .invalidArgument(function: function.rawValue, reason: "needs an argument") }
            return try variance(function, values: values, frameStart: frameStart, frameEnd: frameEnd)
        case .boolAnd, .boolOr:
            guard let values, case .bool(let flags) = values.values else {
                throw .typeMismatch("\(function.rawValue) needs a bool argument")
            }
            let valid = prefixCounts(values)
            var trues = [Int64](repeating: 0, count: flags.count + 1)
            for row in 0..<flags.count { trues[row + 1] = trues[row] + (flags[row] && values.isValid(row) ? 1 : 0) }
            var result = [Bool](repeating: false, count: count)
            var present = [Bool](repeating: false, count: count)
            for position in 0..<count {
                let validRows = valid[frameEnd[position]] - valid[frameStart[position]]
                let trueRows = trues[frameEnd[position]] - trues[frameStart[position]]
                present[position] = validRows > 0
                result[position] = function == .boolAnd ? trueRows == validRows : trueRows > 0
            }
            return Column.make(.bool, .bool(result), validity: Bitmap.fromBools(present))
        case .anyValue:
            guard let values else { throw .invalidArgument(function: "any_value", reason: "needs an argument") }
            // nextValid[i]: the first valid row at or after i (values.count when none).
            var nextValid = [Int](repeating: values.count, count: values.count + 1)
            for row in stride(from: values.count - 1, through: 0, by: -1) {
                nextValid[row] = values.isValid(row) ? row : nextValid[row + 1]
            }
            let rows = (0..<count).map { nextValid[frameStart[$0]] < frameEnd[$0] ? nextValid[frameStart[$0]] : -1 }
            return try values.taking(optionalRows: rows)
        case .countDistinct, .stringAgg, .argMin, .argMax:
            throw .invalidArgument(function: function.rawValue, reason: "not supported as a window function")
        }
    }

    /// Variance and standard deviation of each frame by Welford's update over its rows: O(n) in all for frames that
    /// extend the previous one (whole partition, running), O(n·w) for sliding frames.
    private static func variance(
        _ function: AggregateFunction, values: Column, frameStart: [Int], frameEnd: [Int]
    ) throws(ExecutionError) -> Column {
        let numbers = try values.float64Values()
        let population = function == .stddevPopulation || function == .variancePopulation
        let root = function == .stddevPopulation || function == .stddevSample
        let minimumCount = population ? 1 : 2
        var result = [Double](repeating: 0, count: frameStart.count)
        var present = [Bool](repeating: false, count: frameStart.count)
        var count = 0
        var mean = 0.0
        var squares = 0.0
        for position in 0..<frameStart.count {
            // Welford's state carries over when the frame extends the previous one (same start).
            var from = frameStart[position]
            if position > 0 && frameStart[position] == frameStart[position - 1]
                && frameEnd[position] >= frameEnd[position - 1]
            {
                from = frameEnd[position - 1]
            } else {
                count = 0
                mean = 0
                squares = 0
            }
            for row in from..<frameEnd[position] where values.isValid(row) {
                count += 1
                let delta = numbers[row] - mean
                mean += delta / Double(count)
                squares += delta * (numbers[row] - mean)
            }
            guard count >= minimumCount else { continue }
            present[position] = true
            let variance = max(0, squares / Double(population ? count : count - 1))
            result[position] = root ? variance.squareRoot() : variance
        }
        return Column.make(.float64, .float64(result), validity: Bitmap.fromBools(present))
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
            // A frame with the previous frame's start extends its sum (whole-partition and running frames are
            // O(n) in all); other frames are summed afresh, which keeps every sum exact to its own rows.
            var sum = 0.0
            for position in 0..<count {
                let start = frameStart[position]
                let end = frameEnd[position]
                var from = start
                if position > 0 && start == frameStart[position - 1] && end >= frameEnd[position - 1] {
                    from = frameEnd[position - 1]
                } else {
                    sum = 0
                }
                for row in from..<end where values.isValid(row) { sum += numbers[row] }
                guard valid[position] else { continue }
                result[position] = average ? sum / Double(counts[end] - counts[start]) : sum
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
