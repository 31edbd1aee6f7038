import LakeColumnar

/// SQL-like text of an expression, for `explain` and error messages.
enum ExpressionText {
    static func render(_ expression: Expression) -> String {
        switch expression {
        case .column(let name): return name
        case .columnIndex(let index): return "#\(index)"
        case .literal(let value, let type):
            guard let text = ValueFormatter.text(value, type: type ?? TypeRules.literalType(value)) else {
                return "NULL"
            }
            if case .string = value { return "'\(text)'" }
            return text
        case .arithmetic(let op, let lhs, let rhs): return "(\(render(lhs)) \(op.rawValue) \(render(rhs)))"
        case .negate(let operand): return "-\(render(operand))"
        case .comparison(let op, let lhs, let rhs): return "(\(render(lhs)) \(op.rawValue) \(render(rhs)))"
        case .and(let lhs, let rhs): return "(\(render(lhs)) AND \(render(rhs)))"
        case .or(let lhs, let rhs): return "(\(render(lhs)) OR \(render(rhs)))"
        case .not(let operand): return "NOT \(render(operand))"
        case .isNull(let operand, let negated): return "(\(render(operand)) IS \(negated ? "NOT " : "")NULL)"
        case .inList(let operand, let items, let negated):
            return "(\(render(operand)) \(negated ? "NOT " : "")IN (\(items.map(render).joined(separator: ", "))))"
        case .between(let operand, let low, let high, let negated):
            return "(\(render(operand)) \(negated ? "NOT " : "")BETWEEN \(render(low)) AND \(render(high)))"
        case .caseWhen(let clauses, let otherwise):
            let whens = clauses.map { "WHEN \(render($0.condition)) THEN \(render($0.result))" }.joined(separator: " ")
            return "CASE \(whens)\(otherwise.map { " ELSE \(render($0))" } ?? "") END"
        case .coalesce(let arguments): return "coalesce(\(arguments.map(render).joined(separator: ", ")))"
        case .nullIf(let lhs, let rhs): return "nullif(\(render(lhs)), \(render(rhs)))"
        case .cast(let operand, let type): return "CAST(\(render(operand)) AS \(type))"
        case .tryCast(let operand, let type): return "TRY_CAST(\(render(operand)) AS \(type))"
        case .function(let function, let arguments):
            return "\(function)(\(arguments.map(render).joined(separator: ", ")))"
        }
    }
}
