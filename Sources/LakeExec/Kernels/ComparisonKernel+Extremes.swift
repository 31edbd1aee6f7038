import LakeColumnar

extension ComparisonKernel {
    /// `greatest(...)` / `least(...)` of columns of one type: per row the largest (smallest) non-null value,
    /// null only when every argument is null. Ties keep the earliest argument; floats use the total order.
    ///
    /// One vectorized comparison per argument against the values chosen so far, then one gather.
    /// - Precondition: `columns` is not empty and its columns share one flat type and one length.
    static func extreme(of columns: [Column], greatest: Bool) throws(ExecutionError) -> Column {
        precondition(!columns.isEmpty, "greatest/least needs an argument")
        let type = columns[0].type
        let rowCount = columns[0].count
        if columns.count == 1 { return columns[0] }
        let all = try Column.concatenating(columns, type: type)
        var chosen = Array(0..<rowCount)
        var current = columns[0]
        for (index, next) in columns.enumerated().dropFirst() {
            let better = try compare(greatest ? .greater : .less, next, current)
            guard case .bool(let flags) = better.values else { throw .typeMismatch("comparison result is not bool") }
            let base = index * rowCount
            var changed = false
            for row in 0..<rowCount where next.isValid(row) && (current.isNull(row) || flags[row]) {
                chosen[row] = base + row
                changed = true
            }
            if changed { current = all.taking(chosen) }
        }
        return current
    }
}
