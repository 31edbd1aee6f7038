import LakeColumnar
import LakeParquet

/// Decides from a file's partition values and statistics whether it may hold rows matching a conjunction of
/// simple predicates (partition pruning and data skipping).
///
/// A file is dropped only when the log proves no row can match: a partition value that fails a predicate (NULL
/// never matches), or statistics that put every non-null value outside the predicate's range, or a column that
/// is all null. Missing or unusable statistics keep the file. Bounds are widened where peers make them inexact:
/// timestamp maxima by 999 µs (truncated to milliseconds), decimal bounds by one unit in the last place (they may
/// arrive as JSON floats), and a string maximum of 32 or more code points not ending in U+10FFFF or U+FFFF is
/// ignored (it may be a truncated prefix).
///
/// Spec: spec/table-log.md §5.3.
enum FilePruner {
    /// Whether `file` may hold a row satisfying every predicate.
    /// - Parameters:
    ///   - partitionValues: the file's typed partition values, by column name.
    ///   - statistics: the file's parsed statistics, nil when it has none.
    ///   - schema: the table's columnar schema (all columns), giving each predicate column's type.
    static func mayMatch(
        predicates: [ParquetPredicate], partitionValues: [String: Value], statistics: FileStatistics?, schema: Schema
    ) -> Bool {
        for predicate in predicates {
            if let value = partitionValues[predicate.column] {
                if case .null = value { return false }
                guard let order = compare(value, predicate.value) else { continue }
                if !satisfies(order, predicate.comparison) { return false }
                continue
            }
            guard let statistics, let index = schema.index(of: predicate.column) else { continue }
            if !statisticsMayMatch(predicate, statistics: statistics, type: schema.fields[index].type) { return false }
        }
        return true
    }

    private static func statisticsMayMatch(
        _ predicate: ParquetPredicate, statistics: FileStatistics, type: DataType
    ) -> Bool {
        let column = predicate.column
        if let records = statistics.numRecords, let nulls = statistics.nullCount[column], nulls == records {
            return false
        }
        let minimum = statistics.minValues[column].map { widened($0, type: type, by: -1) }
        let maximum = statistics.maxValues[column].flatMap { usableMaximum($0, type: type) }
        let literal = predicate.value
        switch predicate.comparison {
        case .equal:
            if let minimum, let order = compare(literal, minimum), order < 0 { return false }
            if let maximum, let order = compare(literal, maximum), order > 0 { return false }
        case .less:
            if let minimum, let order = compare(minimum, literal), order >= 0 { return false }
        case .lessOrEqual:
            if let minimum, let order = compare(minimum, literal), order > 0 { return false }
        case .greater:
            if let maximum, let order = compare(maximum, literal), order <= 0 { return false }
        case .greaterOrEqual:
            if let maximum, let order = compare(maximum, literal), order < 0 { return false }
        case .notEqual:
            break
        }
        return true
    }

    private static func usableMaximum(_ value: Value, type: DataType) -> Value? {
        if case .string(let text) = value, text.unicodeScalars.count >= TableLimits.statsStringPrefixCodePointsMax,
            let last = text.unicodeScalars.last, last != "\u{10FFFF}", last != "\u{FFFF}"
        {
            return nil
        }
        return widened(value, type: type, by: 1)
    }

    /// Moves a bound outward where peers write it inexactly.
    private static func widened(_ value: Value, type: DataType, by direction: Int64) -> Value {
        switch (type, value) {
        case (.timestamp(.microseconds, _), .int(let micros)) where direction > 0:
            let (sum, overflow) = micros.addingReportingOverflow(999)
            return .int(overflow ? .max : sum)
        case (.decimal, .decimal(let unscaled)):
            return .decimal(direction > 0 ? unscaled &+ 1 : unscaled &- 1)
        default:
            return value
        }
    }

    private static func satisfies(_ order: Int, _ comparison: ParquetPredicate.Comparison) -> Bool {
        switch comparison {
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .equal: order == 0
        case .notEqual: order != 0
        case .greaterOrEqual: order >= 0
        case .greater: order > 0
        }
    }

    /// -1, 0 or 1 ordering `lhs` against `rhs`; nil when the kinds do not compare (the file is then kept).
    static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return order(a, b)
        case (.uint(let a), .uint(let b)): return order(a, b)
        case (.int(let a), .uint(let b)): return a < 0 ? -1 : order(UInt64(a), b)
        case (.uint(let a), .int(let b)): return b < 0 ? 1 : order(a, UInt64(b))
        case (.decimal(let a), .decimal(let b)): return order(a, b)
        case (.bool(let a), .bool(let b)): return order(a ? 1 : 0, b ? 1 : 0)
        case (.string(let a), .string(let b)):
            if a == b { return 0 }
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        default:
            guard let a = floatingValue(lhs), let b = floatingValue(rhs), !a.isNaN, !b.isNaN else { return nil }
            return order(a, b)
        }
    }

    private static func floatingValue(_ value: Value) -> Double? {
        switch value {
        case .float32(let number): Double(number)
        case .float64(let number): number
        default: nil
        }
    }

    private static func order<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }
}
