import LakeColumnar

extension BoundExpression {
    /// The expression as EXPLAIN shows it, with columns named from `input`: `(price#3 > 0)`. Every binary
    /// operation is parenthesised, so the text shows the tree without precedence rules.
    ///
    /// Subqueries appear as labels numbered in order of appearance: `(day#2 < $1)`, `(id#0 IN $2)`,
    /// `(EXISTS $3)`; `LogicalPlan.explain` prints the plan of each label under the node that uses it.
    public func text(in input: Schema) -> String {
        var labels = SubqueryLabels()
        return text(in: input, labels: &labels)
    }

    /// The text with subqueries labelled by `labels`, which gives new subqueries the next numbers.
    func text(in input: Schema, labels: inout SubqueryLabels) -> String {
        func sub(_ expression: BoundExpression) -> String { expression.text(in: input, labels: &labels) }
        switch kind {
        case .column(let index):
            let name = index < input.fields.count ? input.fields[index].name : "?"
            return "\(name)#\(index)"
        case .literal(let value):
            return Self.literalText(value, type: type)
        case .unary(let op, let operand):
            return op == .not ? "(NOT \(sub(operand)))" : "(\(op.rawValue)\(sub(operand)))"
        case .binary(let op, let left, let right):
            return "(\(sub(left)) \(op.symbol) \(sub(right)))"
        case .isNull(let operand, let negated):
            return "(\(sub(operand)) IS \(negated ? "NOT " : "")NULL)"
        case .isDistinctFrom(let left, let right, let negated):
            return "(\(sub(left)) IS \(negated ? "NOT " : "")DISTINCT FROM \(sub(right)))"
        case .inList(let operand, let items, let negated):
            return "(\(sub(operand)) \(negated ? "NOT " : "")IN (\(items.map(sub).joined(separator: ", "))))"
        case .between(let operand, let low, let high, let negated):
            return "(\(sub(operand)) \(negated ? "NOT " : "")BETWEEN \(sub(low)) AND \(sub(high)))"
        case .like(let operand, let pattern, let caseInsensitive, let negated):
            let op = caseInsensitive ? "ILIKE" : "LIKE"
            return "(\(sub(operand)) \(negated ? "NOT " : "")\(op) \(sub(pattern)))"
        case .caseWhen(let branches, let elseResult):
            var text = "CASE"
            for branch in branches { text += " WHEN \(sub(branch.condition)) THEN \(sub(branch.result))" }
            if let elseResult { text += " ELSE \(sub(elseResult))" }
            return text + " END"
        case .cast(let operand, let isTry):
            return "\(isTry ? "TRY_CAST" : "CAST")(\(sub(operand)) AS \(type))"
        case .function(let name, let arguments):
            return "\(name)(\(arguments.map(sub).joined(separator: ", ")))"
        case .extract(let field, let operand):
            return "extract(\(field.rawValue) FROM \(sub(operand)))"
        case .addInterval(let operand, let interval):
            return "(\(sub(operand)) + INTERVAL '\(interval)')"
        case .scalarSubquery(let plan):
            return labels.label(of: plan)
        case .inSubquery(let operand, let plan, let negated):
            let operandText = sub(operand)
            return "(\(operandText) \(negated ? "NOT " : "")IN \(labels.label(of: plan)))"
        case .exists(let plan, let negated):
            return "(\(negated ? "NOT " : "")EXISTS \(labels.label(of: plan)))"
        }
    }

    /// A constant as text: `42`, `'it''s'`, `12.50`, `DATE '2024-02-29'`, `TIMESTAMP '2024-01-01 00:00:00'`.
    static func literalText(_ value: Value, type: DataType) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        case .int(let number):
            switch type {
            case .date32: return "DATE '\(DateTimeText.date(days: number))'"
            case .timestamp(let unit, _): return "TIMESTAMP '\(DateTimeText.timestamp(number, unit: unit))'"
            default: return String(number)
            }
        case .uint(let number): return String(number)
        case .float32(let number): return "\(number)"
        case .float64(let number): return "\(number)"
        case .decimal(let unscaled):
            guard case .decimal(_, let scale) = type else { return String(unscaled) }
            return DecimalText.text(unscaled: unscaled, scale: scale)
        case .string(let text):
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        case .bytes(let bytes): return "X'\(bytes.map { String($0, radix: 16) }.joined())'"
        case .list, .struct, .map: return "\(value)"
        }
    }
}
