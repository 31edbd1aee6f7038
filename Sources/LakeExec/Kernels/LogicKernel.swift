import LakeColumnar

/// AND, OR and NOT with SQL three-valued logic, and IS [NOT] NULL.
///
/// AND is false when either side is false (even if the other is null), null when neither is false and one is
/// null; OR is the dual. Spec: spec/executor.md (null semantics)
enum LogicKernel {
    static func and(_ lhs: Column, _ rhs: Column) throws(ExecutionError) -> Column {
        try combine(lhs, rhs, dominant: false)
    }

    static func or(_ lhs: Column, _ rhs: Column) throws(ExecutionError) -> Column {
        try combine(lhs, rhs, dominant: true)
    }

    /// `dominant` is the value that decides the result alone (false for AND, true for OR).
    private static func combine(_ lhs: Column, _ rhs: Column, dominant: Bool) throws(ExecutionError) -> Column {
        guard case .bool(let a) = lhs.values, case .bool(let b) = rhs.values else {
            throw .typeMismatch("logical operands must be bool")
        }
        if lhs.validity == nil && rhs.validity == nil {
            let values = dominant ? zip(a, b).map { $0 || $1 } : zip(a, b).map { $0 && $1 }
            return Column(type: .bool, values: .bool(values))
        }
        var values = [Bool](repeating: false, count: a.count)
        var valid = [Bool](repeating: true, count: a.count)
        for row in 0..<a.count {
            let aValid = lhs.isValid(row)
            let bValid = rhs.isValid(row)
            if (aValid && a[row] == dominant) || (bValid && b[row] == dominant) {
                values[row] = dominant
            } else if aValid && bValid {
                values[row] = !dominant
            } else {
                valid[row] = false
            }
        }
        return Column.make(.bool, .bool(values), validity: Bitmap.fromBools(valid))
    }

    static func not(_ operand: Column) throws(ExecutionError) -> Column {
        guard case .bool(let a) = operand.values else { throw .typeMismatch("NOT needs bool") }
        return Column.make(.bool, .bool(a.map { !$0 }), validity: operand.validity)
    }

    static func isNull(_ operand: Column, negated: Bool) -> Column {
        guard let validity = operand.validity else {
            return Column(type: .bool, values: .bool([Bool](repeating: negated, count: operand.count)))
        }
        return Column(type: .bool, values: .bool((0..<operand.count).map { validity[$0] == negated }))
    }
}
