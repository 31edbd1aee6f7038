import LakeColumnar

/// Per-group state of one aggregate, kept in arrays indexed by group id and updated a batch at a time.
///
/// Partial accumulators are built on worker threads (one per morsel) and merged into the final one in morsel
/// order, which keeps `first`/`last` and the group order deterministic.
protocol Accumulator: AnyObject {
    var type: DataType { get }
    /// Grows the state to `groupCount` groups (new groups empty).
    func resize(groupCount: Int)
    /// Folds row `i` of `argument` into group `groups[i]`. `argument` is nil for COUNT(*).
    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError)
    /// Folds group `g` of `other` (same kind) into group `mapping[g]` of this one.
    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError)
    /// The final values, one per group.
    func finish() throws(ExecutionError) -> Column
    var estimatedBytes: Int { get }
}

enum AccumulatorFactory {
    static func make(_ function: AggregateFunction, argument: DataType?) throws(ExecutionError) -> any Accumulator {
        let type = try function.resultType(argument)
        switch function {
        case .count: return CountAccumulator(countsNulls: false)
        case .countRows: return CountAccumulator(countsNulls: true)
        case .countDistinct: return CountDistinctAccumulator()
        case .sum: return SumAccumulator(type: type, average: false)
        case .avg: return SumAccumulator(type: argument ?? .float64, average: true)
        case .min, .max: return try ExtremeAccumulator(type: type, minimum: function == .min)
        case .stddevSample, .varianceSample: return VarianceAccumulator(standardDeviation: function == .stddevSample)
        case .first, .last: return FirstLastAccumulator(type: type, first: function == .first)
        }
    }
}

final class CountAccumulator: Accumulator {
    let type = DataType.int64
    let countsNulls: Bool
    var counts: [Int64] = []

    init(countsNulls: Bool) { self.countsNulls = countsNulls }

    func resize(groupCount: Int) {
        if counts.count < groupCount { counts.append(contentsOf: repeatElement(0, count: groupCount - counts.count)) }
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) {
        // Loops work on a local array (moved out and back) to avoid per-element exclusivity checks on the class.
        var local = counts
        counts = []
        if countsNulls || argument?.validity == nil {
            for group in groups { local[Int(group)] += 1 }
        } else if let argument {
            for row in 0..<rowCount where argument.isValid(row) { local[Int(groups[row])] += 1 }
        }
        counts = local
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) {
        guard let other = other as? CountAccumulator else { return }
        for (group, count) in other.counts.enumerated() { counts[Int(mapping[group])] += count }
    }

    func finish() -> Column { Column(type: .int64, values: .int64(counts)) }
    var estimatedBytes: Int { counts.count * 8 }
}

/// COUNT(DISTINCT x): one hash table over (group id, value) pairs; a group's count is the number of pairs it
/// added. Merging re-inserts the other table's pairs under the mapped group ids.
final class CountDistinctAccumulator: Accumulator {
    let type = DataType.int64
    var pairs = KeyHashTable()
    var counts: [Int64] = []

    func resize(groupCount: Int) {
        if counts.count < groupCount { counts.append(contentsOf: repeatElement(0, count: groupCount - counts.count)) }
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        let validRows = (0..<rowCount).filter { argument.isValid($0) }
        guard !validRows.isEmpty else { return }
        let values = validRows.count == rowCount ? argument : argument.taking(validRows)
        let keys = try RowKeyEncoder.encode([values], rowCount: validRows.count, prefix: validRows.map { groups[$0] })
        let (_, inserted) = try pairs.insert(keys)
        for (index, row) in validRows.enumerated() where inserted[index] { counts[Int(groups[row])] += 1 }
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? CountDistinctAccumulator else { return }
        let keys = other.pairs.keys
        let offsets = keys.offsets
        var data = keys.data
        var groups: [Int32] = []
        data.withUnsafeMutableBytes { bytes in
            for row in 0..<keys.count {
                let start = offsets[row]
                let group = mapping[
                    Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: Int32.self)))]
                bytes.storeBytes(of: group.littleEndian, toByteOffset: start, as: Int32.self)
                groups.append(group)
            }
        }
        let remapped = EncodedKeys(data: data, offsets: offsets)
        let (_, inserted) = try pairs.insert(remapped)
        for (index, group) in groups.enumerated() where inserted[index] { counts[Int(group)] += 1 }
    }

    func finish() -> Column { Column(type: .int64, values: .int64(counts)) }
    var estimatedBytes: Int { counts.count * 8 + pairs.estimatedBytes }
}

/// SUM and AVG: integers and decimals sum exactly in Int128, floats in Double.
final class SumAccumulator: Accumulator {
    let type: DataType
    let argumentScale: Int
    let average: Bool
    let exact: Bool
    var exactSums: [Int128] = []
    var floatSums: [Double] = []
    var counts: [Int64] = []

    /// `type` is the result type for SUM, the argument type for AVG.
    init(type: DataType, average: Bool) {
        self.average = average
        self.type = average ? .float64 : type
        exact = !type.isFloatingPoint
        argumentScale = type.decimalShape?.scale ?? 0
    }

    func resize(groupCount: Int) {
        let added = groupCount - counts.count
        guard added > 0 else { return }
        counts.append(contentsOf: repeatElement(0, count: added))
        if exact {
            exactSums.append(contentsOf: repeatElement(0, count: added))
        } else {
            floatSums.append(contentsOf: repeatElement(0, count: added))
        }
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        var localCounts = counts
        counts = []
        defer { counts = localCounts }
        if exact {
            let values = try argument.int128Values()
            var sums = exactSums
            exactSums = []
            var overflow = false
            for row in 0..<rowCount where argument.isValid(row) {
                let group = Int(groups[row])
                let (sum, flag) = sums[group].addingReportingOverflow(values[row])
                sums[group] = sum
                overflow = overflow || flag
                localCounts[group] += 1
            }
            exactSums = sums
            if overflow { throw .arithmeticOverflow(operation: "sum") }
        } else {
            let values = try argument.float64Values()
            var sums = floatSums
            floatSums = []
            for row in 0..<rowCount where argument.isValid(row) {
                let group = Int(groups[row])
                sums[group] += values[row]
                localCounts[group] += 1
            }
            floatSums = sums
        }
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? SumAccumulator else { return }
        for group in 0..<other.counts.count {
            let target = Int(mapping[group])
            counts[target] += other.counts[group]
            if exact {
                let (sum, overflow) = exactSums[target].addingReportingOverflow(other.exactSums[group])
                if overflow { throw .arithmeticOverflow(operation: "sum") }
                exactSums[target] = sum
            } else {
                floatSums[target] += other.floatSums[group]
            }
        }
    }

    func finish() throws(ExecutionError) -> Column {
        let validity = Bitmap.fromBools(counts.map { $0 > 0 })
        if average {
            let divisor = DecimalMath.powerOfTenDouble(argumentScale)
            let values = (0..<counts.count).map { group in
                guard counts[group] > 0 else { return 0.0 }
                let sum = exact ? Double(exactSums[group]) / divisor : floatSums[group]
                return sum / Double(counts[group])
            }
            return Column.make(.float64, .float64(values), validity: validity)
        }
        switch type {
        case .int64:
            var values = [Int64](repeating: 0, count: counts.count)
            for group in 0..<counts.count where counts[group] > 0 {
                guard let value = Int64(exactly: exactSums[group]) else {
                    throw .arithmeticOverflow(operation: "int64 sum")
                }
                values[group] = value
            }
            return Column.make(.int64, .int64(values), validity: validity)
        case .decimal(let precision, _):
            for group in 0..<counts.count where !DecimalMath.fits(exactSums[group], precision: precision) {
                throw .arithmeticOverflow(operation: "decimal sum")
            }
            return Column.make(type, .int128(exactSums), validity: validity)
        default:
            return Column.make(.float64, .float64(floatSums), validity: validity)
        }
    }

    var estimatedBytes: Int { counts.count * (exact ? 24 : 16) }
}

/// stddev_samp / var_samp with Welford's update and Chan's merge of partial states.
final class VarianceAccumulator: Accumulator {
    let type = DataType.float64
    let standardDeviation: Bool
    var counts: [Int64] = []
    var means: [Double] = []
    var squares: [Double] = []

    init(standardDeviation: Bool) { self.standardDeviation = standardDeviation }

    func resize(groupCount: Int) {
        let added = groupCount - counts.count
        guard added > 0 else { return }
        counts.append(contentsOf: repeatElement(0, count: added))
        means.append(contentsOf: repeatElement(0, count: added))
        squares.append(contentsOf: repeatElement(0, count: added))
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        let values = try argument.float64Values()
        var localCounts = counts
        var localMeans = means
        var localSquares = squares
        (counts, means, squares) = ([], [], [])
        for row in 0..<rowCount where argument.isValid(row) {
            let group = Int(groups[row])
            localCounts[group] += 1
            let delta = values[row] - localMeans[group]
            localMeans[group] += delta / Double(localCounts[group])
            localSquares[group] += delta * (values[row] - localMeans[group])
        }
        (counts, means, squares) = (localCounts, localMeans, localSquares)
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) {
        guard let other = other as? VarianceAccumulator else { return }
        for group in 0..<other.counts.count where other.counts[group] > 0 {
            let target = Int(mapping[group])
            let n1 = Double(counts[target])
            let n2 = Double(other.counts[group])
            let total = n1 + n2
            let delta = other.means[group] - means[target]
            means[target] += delta * n2 / total
            squares[target] += other.squares[group] + delta * delta * n1 * n2 / total
            counts[target] += other.counts[group]
        }
    }

    func finish() -> Column {
        let values = (0..<counts.count).map { group -> Double in
            guard counts[group] > 1 else { return 0 }
            let variance = max(0, squares[group] / Double(counts[group] - 1))
            return standardDeviation ? variance.squareRoot() : variance
        }
        return Column.make(.float64, .float64(values), validity: Bitmap.fromBools(counts.map { $0 > 1 }))
    }

    var estimatedBytes: Int { counts.count * 24 }
}

/// FIRST / LAST: the value of the group's first or last row in input order (nulls included).
final class FirstLastAccumulator: Accumulator {
    let type: DataType
    let first: Bool
    var values: [Value] = []
    var seen: [Bool] = []

    init(type: DataType, first: Bool) {
        self.type = type
        self.first = first
    }

    func resize(groupCount: Int) {
        let added = groupCount - values.count
        guard added > 0 else { return }
        values.append(contentsOf: repeatElement(.null, count: added))
        seen.append(contentsOf: repeatElement(false, count: added))
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) {
        guard let argument else { return }
        if first {
            for row in 0..<rowCount where !seen[Int(groups[row])] {
                seen[Int(groups[row])] = true
                values[Int(groups[row])] = argument.value(at: row)
            }
        } else {
            var lastRow = [Int32: Int]()
            for row in 0..<rowCount { lastRow[groups[row]] = row }
            for (group, row) in lastRow {
                seen[Int(group)] = true
                values[Int(group)] = argument.value(at: row)
            }
        }
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) {
        guard let other = other as? FirstLastAccumulator else { return }
        for group in 0..<other.values.count where other.seen[group] {
            let target = Int(mapping[group])
            if !first || !seen[target] {
                values[target] = other.values[group]
                seen[target] = true
            }
        }
    }

    func finish() throws(ExecutionError) -> Column {
        try Column.fromValues(values, type: type)
    }

    var estimatedBytes: Int { values.count * 40 }
}
