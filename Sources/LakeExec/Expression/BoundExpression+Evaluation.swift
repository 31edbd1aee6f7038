import LakeColumnar

extension BoundExpression {
    /// The expression's value for every row of `batch`, as a column of `type` with `batch.rowCount` rows.
    ///
    /// Dispatches on the node and the operand types once per batch; the kernels then loop over whole arrays.
    /// - Precondition: `batch` has the schema the expression was bound to.
    /// - Throws: `ExecutionError` for overflow, division by zero, failed casts and invalid function arguments on
    ///   valid rows.
    public func evaluate(_ batch: Batch) throws(ExecutionError) -> Column {
        switch node {
        case .column(let index):
            precondition(index < batch.columns.count, "expression bound to another schema")
            return batch.columns[index]
        case .literal(let value):
            if case .null = value { return try Column.nulls(type, count: batch.rowCount) }
            return try Column.repeating(value, type: type, count: batch.rowCount)
        case .arithmetic(let op, let lhs, let rhs):
            return try ArithmeticKernel.evaluate(op, try lhs.evaluate(batch), try rhs.evaluate(batch), type: type)
        case .negate(let operand):
            return try ArithmeticKernel.negate(try operand.evaluate(batch))
        case .dateShift(let date, let days, let subtract):
            return try DateTimeKernel.shift(
                try date.evaluate(batch), days: try days.evaluate(batch), subtract: subtract)
        case .dateDifference(let lhs, let rhs):
            return try DateTimeKernel.difference(try lhs.evaluate(batch), try rhs.evaluate(batch))
        case .comparison(let op, let lhs, let rhs):
            return try ComparisonKernel.compare(op, try lhs.evaluate(batch), try rhs.evaluate(batch))
        case .and(let lhs, let rhs):
            return try LogicKernel.and(try lhs.evaluate(batch), try rhs.evaluate(batch))
        case .or(let lhs, let rhs):
            return try LogicKernel.or(try lhs.evaluate(batch), try rhs.evaluate(batch))
        case .not(let operand):
            return try LogicKernel.not(try operand.evaluate(batch))
        case .isNull(let operand, let negated):
            return LogicKernel.isNull(try operand.evaluate(batch), negated: negated)
        case .caseWhen(let clauses, let otherwise):
            return try evaluateCase(clauses, otherwise: otherwise, batch: batch)
        case .cast(let operand):
            return try CastKernel.cast(try operand.evaluate(batch), to: type)
        case .tryCast(let operand):
            return try CastKernel.tryCast(try operand.evaluate(batch), to: type)
        case .function(let function, let arguments):
            var columns: [Column] = []
            for argument in arguments { columns.append(try argument.evaluate(batch)) }
            return try evaluateFunction(function, columns, rowCount: batch.rowCount)
        }
    }

    private func evaluateFunction(_ function: ScalarFunction, _ arguments: [Column], rowCount: Int)
        throws(ExecutionError) -> Column
    {
        switch function {
        case .lower: return try StringKernel.lower(arguments[0])
        case .upper: return try StringKernel.upper(arguments[0])
        case .trim: return try StringKernel.trim(arguments[0])
        case .substring:
            return try StringKernel.substring(
                arguments[0], start: arguments[1], length: arguments.count > 2 ? arguments[2] : nil)
        case .concat: return try StringKernel.concat(arguments, rowCount: rowCount)
        case .like: return try StringKernel.like(arguments[0], pattern: arguments[1])
        case .splitPart: return try StringKernel.splitPart(arguments[0], delimiter: arguments[1], index: arguments[2])
        case .length: return try StringKernel.length(arguments[0])
        case .dateTrunc(let unit): return try DateTimeKernel.truncate(arguments[0], to: unit)
        case .extract(let field): return try DateTimeKernel.extract(field, from: arguments[0])
        case .fromUnixSeconds: return try DateTimeKernel.fromUnixSeconds(arguments[0])
        case .addInterval(let months, let days, let microseconds):
            return try DateTimeKernel.addInterval(
                arguments[0], months: months, days: days, microseconds: microseconds)
        case .abs: return try MathKernel.absolute(arguments[0])
        case .ceil: return try MathKernel.round(arguments[0], digits: nil, rule: .up)
        case .floor: return try MathKernel.round(arguments[0], digits: nil, rule: .down)
        case .round:
            return try MathKernel.round(
                arguments[0], digits: arguments.count > 1 ? arguments[1] : nil, rule: .toNearestOrAwayFromZero)
        case .sqrt, .exp, .ln, .log10, .power:
            return try MathKernel.transcendental(function, arguments)
        case .greatest: return try ComparisonKernel.extreme(of: arguments, greatest: true)
        case .least: return try ComparisonKernel.extreme(of: arguments, greatest: false)
        case .left: return try StringKernel.prefix(arguments[0], length: arguments[1], fromStart: true)
        case .right: return try StringKernel.prefix(arguments[0], length: arguments[1], fromStart: false)
        case .replace: return try StringKernel.replace(arguments[0], pattern: arguments[1], with: arguments[2])
        case .reverse: return try StringKernel.reverse(arguments[0])
        case .ltrim: return try StringKernel.trim(arguments[0], leading: true, trailing: false)
        case .rtrim: return try StringKernel.trim(arguments[0], leading: false, trailing: true)
        case .startsWith, .endsWith, .contains: return try StringKernel.search(function, arguments[0], arguments[1])
        }
    }

    /// CASE evaluated lazily: each clause's condition sees only the rows no earlier clause took, and each result
    /// only the rows that select it; the pieces are then gathered back into row order.
    private func evaluateCase(
        _ clauses: [(condition: BoundExpression, result: BoundExpression)], otherwise: BoundExpression, batch: Batch
    ) throws(ExecutionError) -> Column {
        var remaining = Array(0..<batch.rowCount)
        var current = batch
        var pieces: [Column] = []
        var pieceRows: [[Int]] = []
        for clause in clauses where !remaining.isEmpty {
            let condition = try clause.condition.evaluate(current)
            guard case .bool(let flags) = condition.values else { throw .typeMismatch("CASE condition is not bool") }
            var selected: [Int] = []
            var rest: [Int] = []
            for row in 0..<flags.count {
                if flags[row] && condition.isValid(row) { selected.append(row) } else { rest.append(row) }
            }
            if selected.isEmpty { continue }
            let chosen = selected.count == current.rowCount ? current : current.taking(selected)
            pieces.append(try clause.result.evaluate(chosen))
            pieceRows.append(selected.map { remaining[$0] })
            remaining = rest.map { remaining[$0] }
            current = current.taking(rest)
        }
        if !remaining.isEmpty || pieces.isEmpty {
            pieces.append(try otherwise.evaluate(current))
            pieceRows.append(remaining)
        }
        if pieces.count == 1 && pieceRows[0].count == batch.rowCount { return pieces[0] }
        var gather = [Int](repeating: 0, count: batch.rowCount)
        var offset = 0
        for (piece, rows) in zip(pieces, pieceRows) {
            for (position, row) in rows.enumerated() { gather[row] = offset + position }
            offset += piece.count
        }
        return try Column.concatenating(pieces, type: type).taking(gather)
    }
}
