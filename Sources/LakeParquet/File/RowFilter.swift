import LakeColumnar

/// Keeps the rows of a batch that satisfy every predicate (nulls never match).
///
/// A reader-level convenience for scans that push simple filters down; the executor has its own vectorized
/// filter. Numeric columns run a tight loop per type; other types compare row by row.
enum RowFilter {
    static func apply(_ predicates: [ParquetPredicate], to batch: Batch) -> Batch {
        let keep = matchingRows(predicates, in: batch)
        let rows = keep.indices.filter { keep[$0] }
        if rows.count == batch.rowCount { return batch }
        return Batch(schema: batch.schema, columns: batch.columns.map { $0.taking(rows) })
    }

    /// One flag per row: whether the row satisfies every predicate. A predicate column the batch lacks counts as
    /// all null, so no row matches.
    static func matchingRows(_ predicates: [ParquetPredicate], in batch: Batch) -> [Bool] {
        var keep = [Bool](repeating: true, count: batch.rowCount)
        for predicate in predicates {
            guard let column = batch.column(named: predicate.column) else {
                return [Bool](repeating: false, count: batch.rowCount)
            }
            select(column, predicate, &keep)
        }
        return keep
    }

    private static func select(_ column: Column, _ predicate: ParquetPredicate, _ keep: inout [Bool]) {
        switch (column.values, predicate.value) {
        case (.int64(let values), .int(let bound)): compare(values, bound, predicate, &keep)
        case (.int32(let values), .int(let bound)):
            if let narrow = Int32(exactly: bound) {
                compare(values, narrow, predicate, &keep)
            } else {
                compareRows(column, predicate, &keep)
            }
        case (.float64(let values), .float64(let bound)) where !bound.isNaN:
            compare(values, bound, predicate, &keep)
            // NaN is unordered: it matches no comparison, `!=` included, as in pruning and `compareRows`.
            if predicate.comparison == .notEqual {
                for row in keep.indices where values[row].isNaN { keep[row] = false }
            }
        default: compareRows(column, predicate, &keep)
        }
        if let validity = column.validity, column.nullCount > 0 {
            for row in keep.indices where !validity[row] { keep[row] = false }
        }
    }

    private static func compare<T: Comparable>(_ values: [T], _ bound: T, _ predicate: ParquetPredicate, _ keep: inout [Bool]) {
        values.withUnsafeBufferPointer { v in
            keep.withUnsafeMutableBufferPointer { k in
                switch predicate.comparison {
                case .less: for i in 0..<v.count { k[i] = k[i] && v[i] < bound }
                case .lessOrEqual: for i in 0..<v.count { k[i] = k[i] && v[i] <= bound }
                case .equal: for i in 0..<v.count { k[i] = k[i] && v[i] == bound }
                case .notEqual: for i in 0..<v.count { k[i] = k[i] && v[i] != bound }
                case .greaterOrEqual: for i in 0..<v.count { k[i] = k[i] && v[i] >= bound }
                case .greater: for i in 0..<v.count { k[i] = k[i] && v[i] > bound }
                }
            }
        }
    }

    private static func compareRows(_ column: Column, _ predicate: ParquetPredicate, _ keep: inout [Bool]) {
        for row in keep.indices where keep[row] {
            keep[row] = predicate.isSatisfied(by: column.value(at: row))
        }
    }
}

extension ParquetPredicate {
    /// Whether `value` satisfies the predicate; null, NaN and values that do not compare with the literal never do.
    public func isSatisfied(by value: Value) -> Bool {
        Self.order(value, self.value).map(accepts) ?? false
    }

    /// One flag per row of `batch`: whether the row satisfies every predicate (see `isSatisfied(by:)`). A predicate
    /// column the batch lacks counts as all null.
    public static func matchingRows(_ predicates: [ParquetPredicate], in batch: Batch) -> [Bool] {
        RowFilter.matchingRows(predicates, in: batch)
    }
}
