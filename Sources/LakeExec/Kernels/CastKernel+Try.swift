import LakeColumnar

extension CastKernel {
    /// `TRY_CAST`: `cast(column, to:)` with the values that do not convert (`invalidCast`, `arithmeticOverflow`)
    /// as nulls.
    ///
    /// The whole column is cast first; only when that fails is it split in halves, recursively, so the rows that
    /// convert are still cast a run at a time and a failing row costs O(log n) extra casts.
    /// - Throws: errors other than a value that does not convert (`typeMismatch`, `unsupportedType`).
    /// - Complexity: O(n) when every value converts; O(n + k·log n) casts of shrinking runs for k failing rows.
    static func tryCast(_ column: Column, to target: DataType) throws(ExecutionError) -> Column {
        do throws(ExecutionError) {
            return try cast(column, to: target)
        } catch {
            switch error {
            case .invalidCast, .arithmeticOverflow: break
            default: throw error
            }
        }
        if column.count <= 1 { return try Column.nulls(target, count: column.count) }
        let half = column.count / 2
        let lower = try tryCast(column.slice(0..<half), to: target)
        let upper = try tryCast(column.slice(half..<column.count), to: target)
        return try Column.concatenating([lower, upper], type: target)
    }
}
