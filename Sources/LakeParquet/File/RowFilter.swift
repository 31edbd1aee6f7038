import LakeColumnar

/// Keeps the rows of a batch that satisfy every predicate (nulls never match).
///
/// A reader-level convenience for scans that push simple filters down; the executor has its own vectorized
/// filter. Numeric columns run a tight loop per type; other types compare row by row.
enum RowFilter {
    static func apply(_ predicates: [ParquetPredicate], to batch: Batch) -> Batch {
        var keep = [Bool](repeating: true, count: batch.rowCount)
        for predicate in predicates {
            guard let column = batch.column(named: predicate.column) else { continue }
            select(column, predicate, &keep)
        }
        let rows = keep.indices.filter { keep[$0] }
        if rows.count == batch.rowCount { return batch }
        return Batch(schema: batch.schema, columns: batch.columns.map { $0.taking(rows) })
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
            let order = ParquetPredicate.order(column.value(at: row), predicate.value)
            keep[row] = order.map(predicate.accepts) ?? false
        }
    }
}
