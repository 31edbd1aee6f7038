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
    /// Folds row `i` of both arguments into group `groups[i]`: two-argument aggregates implement this, the others
    /// get the default, which ignores `secondArgument`.
    func update(groups: [Int32], argument: Column?, secondArgument: Column?, rowCount: Int) throws(ExecutionError)
    /// Folds group `g` of `other` (same kind) into group `mapping[g]` of this one.
    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError)
    /// The final values, one per group.
    func finish() throws(ExecutionError) -> Column
    var estimatedBytes: Int { get }
}

extension Accumulator {
    func update(groups: [Int32], argument: Column?, secondArgument: Column?, rowCount: Int) throws(ExecutionError) {
        try update(groups: groups, argument: argument, rowCount: rowCount)
    }
}

/// What an aggregation needs to make the accumulators of one aggregate: on the final table and again for every
/// morsel's partial table.
struct AggregateSpecification: Sendable {
    var function: AggregateFunction
    /// The bound argument's type (nil for COUNT(*)).
    var argument: DataType?
    /// The bound second argument's type (arg_min/arg_max keys).
    var secondArgument: DataType?
    var distinct: Bool
    /// string_agg's separator bytes.
    var separator: [UInt8]
}

enum AccumulatorFactory {
    static func make(_ specification: AggregateSpecification) throws(ExecutionError) -> any Accumulator {
        let function = specification.function
        let argument = specification.argument
        let type = try function.resultType(argument)
        let accumulator: any Accumulator
        switch function {
        case .count: accumulator = CountAccumulator(countsNulls: false)
        case .countRows: accumulator = CountAccumulator(countsNulls: true)
        case .countDistinct: accumulator = CountDistinctAccumulator()
        case .sum: accumulator = SumAccumulator(type: type, average: false)
        case .avg: accumulator = SumAccumulator(type: argument ?? .float64, average: true)
        case .min, .max: accumulator = try ExtremeAccumulator(type: type, minimum: function == .min)
        case .stddevSample, .varianceSample, .stddevPopulation, .variancePopulation:
            accumulator = VarianceAccumulator(
                standardDeviation: function == .stddevSample || function == .stddevPopulation,
                population: function == .stddevPopulation || function == .variancePopulation)
        case .first, .last:
            accumulator = FirstLastAccumulator(type: type, first: function == .first, skipsNulls: false)
        case .anyValue: accumulator = FirstLastAccumulator(type: type, first: true, skipsNulls: true)
        case .boolAnd, .boolOr: accumulator = BoolAccumulator(all: function == .boolAnd)
        case .stringAgg: accumulator = StringAggregateAccumulator(separator: specification.separator)
        case .argMin, .argMax:
            guard let key = specification.secondArgument else {
                throw .invalidArgument(function: function.rawValue, reason: "needs a second argument")
            }
            accumulator = try ArgExtremeAccumulator(type: type, key: key, minimum: function == .argMin)
        }
        guard specification.distinct && !function.ignoresDuplicates else { return accumulator }
        return DistinctAccumulator(accumulator)
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
        var local = counts
        counts = []
        for (group, count) in other.counts.enumerated() { local[Int(mapping[group])] += count }
        counts = local
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
        // Local arrays (moved out and back) avoid per-element exclusivity checks on the class.
        var localCounts = counts
        var localExact = exactSums
        var localFloat = floatSums
        (counts, exactSums, floatSums) = ([], [], [])
        defer { (counts, exactSums, floatSums) = (localCounts, localExact, localFloat) }
        let otherCounts = other.counts
        let otherExact = other.exactSums
        let otherFloat = other.floatSums
        for group in 0..<otherCounts.count {
            let target = Int(mapping[group])
            localCounts[target] += otherCounts[group]
            if exact {
                let (sum, overflow) = localExact[target].addingReportingOverflow(otherExact[group])
                if overflow { throw .arithmeticOverflow(operation: "sum") }
                localExact[target] = sum
            } else {
                localFloat[target] += otherFloat[group]
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

/// stddev_samp / var_samp / stddev_pop / var_pop with Welford's update and Chan's merge of partial states.
final class VarianceAccumulator: Accumulator {
    let type = DataType.float64
    let standardDeviation: Bool
    /// Divides by n (null under 1 value) instead of n - 1 (null under 2).
    let population: Bool
    var counts: [Int64] = []
    var means: [Double] = []
    var squares: [Double] = []

    init(standardDeviation: Bool, population: Bool) {
        self.standardDeviation = standardDeviation
        self.population = population
    }

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
        var localCounts = counts
        var localMeans = means
        var localSquares = squares
        (counts, means, squares) = ([], [], [])
        let (otherCounts, otherMeans, otherSquares) = (other.counts, other.means, other.squares)
        for group in 0..<otherCounts.count where otherCounts[group] > 0 {
            let target = Int(mapping[group])
            let n1 = Double(localCounts[target])
            let n2 = Double(otherCounts[group])
            let total = n1 + n2
            let delta = otherMeans[group] - localMeans[target]
            localMeans[target] += delta * n2 / total
            localSquares[target] += otherSquares[group] + delta * delta * n1 * n2 / total
            localCounts[target] += otherCounts[group]
        }
        (counts, means, squares) = (localCounts, localMeans, localSquares)
    }

    func finish() -> Column {
        let minimumCount: Int64 = population ? 1 : 2
        let values = (0..<counts.count).map { group -> Double in
            guard counts[group] >= minimumCount else { return 0 }
            let divisor = Double(population ? counts[group] : counts[group] - 1)
            let variance = max(0, squares[group] / divisor)
            return standardDeviation ? variance.squareRoot() : variance
        }
        return Column.make(
            .float64, .float64(values), validity: Bitmap.fromBools(counts.map { $0 >= minimumCount }))
    }

    var estimatedBytes: Int { counts.count * 24 }
}
