import LakeColumnar

/// Computes the `FileStatistics` of the rows written to one data file.
///
/// Bounds are computed from the column data for the types §5.2 lists; boolean, binary and fixed-size binary
/// columns get only a null count; nested columns (struct, list, map) get no statistics, which readers treat as
/// unknown. A float column holding NaN or an infinity gets no bounds. Strings: the
/// minimum is cut to its first `TableLimits.statsStringPrefixCodePointsMax` code points; a longer maximum is cut
/// the same way and followed by U+10FFFF, which keeps it an upper bound. Strings compare by UTF-8 bytes, as
/// Spark and delta-rs compare them.
///
/// - Complexity: O(rows × columns), one `Value` per cell; fine for the once-per-file cost of writing.
///
/// Spec: spec/table-log.md §5.2.
public enum StatisticsCollector {
    /// The statistics of `batches` (all with the same schema), for the columns named in `columns` (all when nil).
    public static func statistics(of batches: [Batch], schema: Schema, columns: [String]? = nil) -> FileStatistics {
        var accumulator = Accumulator(schema: schema, columns: columns)
        for batch in batches { accumulator.add(batch) }
        return accumulator.statistics
    }

    /// Statistics gathered batch by batch, for files written as a stream: the result equals
    /// `statistics(of:schema:columns:)` over all the batches added.
    struct Accumulator {
        private let schema: Schema
        private let columns: [String]?
        private var rowCount: Int64 = 0
        private var nulls: [Int64]
        private var minimums: [Value?]
        private var maximums: [Value?]
        private var hasBounds: [Bool]

        init(schema: Schema, columns: [String]?) {
            self.schema = schema
            self.columns = columns
            nulls = Array(repeating: 0, count: schema.fields.count)
            minimums = Array(repeating: nil, count: schema.fields.count)
            maximums = Array(repeating: nil, count: schema.fields.count)
            hasBounds = schema.fields.map { hasBoundsType($0.type) }
        }

        /// Adds the rows of `batch`, which has `schema`.
        mutating func add(_ batch: Batch) {
            rowCount += Int64(batch.rowCount)
            for (index, field) in schema.fields.enumerated()
            where index < batch.columns.count && !field.type.isNested && (columns?.contains(field.name) ?? true) {
                let column = batch.columns[index]
                nulls[index] += Int64(column.nullCount)
                guard hasBounds[index] else { continue }
                for row in 0..<column.count where !column.isNull(row) {
                    let value = column.value(at: row)
                    if !isFiniteOrNotFloat(value) {
                        hasBounds[index] = false
                        break
                    }
                    if minimums[index].map({ isLess(value, $0) }) ?? true { minimums[index] = value }
                    if maximums[index].map({ isLess($0, value) }) ?? true { maximums[index] = value }
                }
            }
        }

        /// The statistics of every row added so far.
        var statistics: FileStatistics {
            var statistics = FileStatistics(numRecords: rowCount)
            for (index, field) in schema.fields.enumerated()
            where !field.type.isNested && (columns?.contains(field.name) ?? true) {
                statistics.nullCount[field.name] = nulls[index]
                if hasBounds[index], let minimum = minimums[index], let maximum = maximums[index] {
                    statistics.minValues[field.name] = truncatedMinimum(minimum)
                    statistics.maxValues[field.name] = truncatedMaximum(maximum)
                }
            }
            return statistics
        }
    }

    private static func hasBoundsType(_ type: DataType) -> Bool {
        switch type {
        case .bool, .binary, .fixedSizeBinary, .time: false
        default: true
        }
    }

    private static func isFiniteOrNotFloat(_ value: Value) -> Bool {
        switch value {
        case .float32(let number): number.isFinite
        case .float64(let number): number.isFinite
        default: true
        }
    }

    /// Ordering within one column type; values of different kinds never meet here.
    private static func isLess(_ lhs: Value, _ rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): a < b
        case (.uint(let a), .uint(let b)): a < b
        case (.float32(let a), .float32(let b)): a < b
        case (.float64(let a), .float64(let b)): a < b
        case (.decimal(let a), .decimal(let b)): a < b
        case (.string(let a), .string(let b)): a.utf8.lexicographicallyPrecedes(b.utf8)
        default: false
        }
    }

    private static func truncatedMinimum(_ value: Value) -> Value {
        guard case .string(let text) = value else { return value }
        return .string(String(text.unicodeScalars.prefix(TableLimits.statsStringPrefixCodePointsMax)))
    }

    private static func truncatedMaximum(_ value: Value) -> Value {
        guard case .string(let text) = value, text.unicodeScalars.count > TableLimits.statsStringPrefixCodePointsMax
        else { return value }
        var scalars = String.UnicodeScalarView(text.unicodeScalars.prefix(TableLimits.statsStringPrefixCodePointsMax))
        scalars.append("\u{10FFFF}")
        return .string(String(scalars))
    }
}
