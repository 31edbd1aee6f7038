import LakeColumnar

extension Column {
    /// The rows at `rows` where -1 stands for a null row (the unmatched side of an outer join).
    func taking(optionalRows rows: [Int]) throws(ExecutionError) -> Column {
        guard count > 0 else { return try Column.nulls(type, count: rows.count) }
        guard rows.contains(-1) else { return taking(rows) }
        let taken = taking(rows.map { max(0, $0) })
        var valid = rows.map { $0 >= 0 }
        if let validity = taken.validity {
            for row in 0..<valid.count where !validity[row] { valid[row] = false }
        }
        return Column.make(type, taken.values, validity: Bitmap.fromBools(valid))
    }
}
