import LakeColumnar
import LakeExec
import LakeSQL

/// Turns LakeSQL's bound expressions (ordinals, explicit conversions) into LakeExec expressions over the same
/// input columns (`.columnIndex`), so the executor evaluates exactly what the binder typed.
///
/// Forms the executor has no node for are rewritten into equivalent ones: `a || b` is NULL when either side is
/// (unlike `concat`), `IS [NOT] DISTINCT FROM` becomes a CASE that treats NULLs as equal, `ILIKE` compares
/// lower-cased text, `now()` and `current_date` are the statement's start time.
///
/// Spec: spec/session.md (lowering)
struct ExpressionLowering {
    /// The statement's start, microseconds since the epoch (UTC): the value of `now()` and `current_date`.
    let statementStartMicros: Int64

    /// `expression` converted to the type the binder gave it (a no-op when the executor infers the same type).
    func lowerTyped(_ expression: LakeSQL.BoundExpression) throws(SessionError) -> LakeExec.Expression {
        .cast(try lower(expression), expression.type)
    }

    func lower(_ expression: LakeSQL.BoundExpression) throws(SessionError) -> LakeExec.Expression {
        switch expression.kind {
        case .column(let index):
            return .columnIndex(index)
        case .literal(let value):
            return .literal(value, expression.type)
        case .unary(let op, let operand):
            let inner = try lower(operand)
            switch op {
            case .not: return .not(inner)
            case .negate: return .negate(inner)
            case .plus: return inner
            }
        case .binary(let op, let lhs, let rhs):
            return try lowerBinary(op, try lower(lhs), try lower(rhs))
        case .isNull(let operand, let negated):
            return .isNull(try lower(operand), negated: negated)
        case .isDistinctFrom(let lhs, let rhs, let negated):
            let left = try lower(lhs)
            let right = try lower(rhs)
            let distinct = LakeExec.Expression.caseWhen(
                [
                    WhenClause(.isNull(left, negated: false), then: .isNull(right, negated: true)),
                    WhenClause(.isNull(right, negated: false), then: .literal(.bool(true), .bool)),
                ],
                otherwise: .comparison(.notEqual, left, right))
            return negated ? .not(distinct) : distinct
        case .inList(let operand, let items, let negated):
            var lowered: [LakeExec.Expression] = []
            for item in items { lowered.append(try lower(item)) }
            return .inList(try lower(operand), lowered, negated: negated)
        case .between(let operand, let low, let high, let negated):
            return .between(try lower(operand), low: try lower(low), high: try lower(high), negated: negated)
        case .like(let operand, let pattern, let caseInsensitive, let negated):
            var text = try lower(operand)
            var mask = try lower(pattern)
            if caseInsensitive {
                text = .function(.lower, [text])
                mask = .function(.lower, [mask])
            }
            let match = LakeExec.Expression.function(.like, [text, mask])
            return negated ? .not(match) : match
        case .caseWhen(let branches, let elseResult):
            var clauses: [WhenClause] = []
            for branch in branches {
                clauses.append(WhenClause(try lower(branch.condition), then: try lower(branch.result)))
            }
            return .caseWhen(clauses, otherwise: try elseResult.map { (result) throws(SessionError) in try lower(result) })
        case .cast(let operand, let isTry):
            let inner = try lower(operand)
            return isTry ? .tryCast(inner, expression.type) : .cast(inner, expression.type)
        case .function(let name, let arguments):
            return try lowerFunction(name, arguments, type: expression.type)
        case .extract(let field, let operand):
            // The executor extracts int64 (epoch: whole seconds); the binder's type (float64 for epoch) wins.
            return .cast(.function(.extract(try Self.dateField(field)), [try lower(operand)]), expression.type)
        case .addInterval(let operand, let interval):
            return .function(
                .addInterval(months: interval.months, days: interval.days, microseconds: interval.microseconds),
                [try lower(operand)])
        default:
            throw .unsupported("the expression \(expression) (a subquery the session did not evaluate)")
        }
    }

    private func lowerBinary(_ op: BinaryOperator, _ left: LakeExec.Expression, _ right: LakeExec.Expression)
        throws(SessionError) -> LakeExec.Expression
    {
        switch op {
        case .or: return .or(left, right)
        case .and: return .and(left, right)
        case .equal: return .comparison(.equal, left, right)
        case .notEqual: return .comparison(.notEqual, left, right)
        case .less: return .comparison(.less, left, right)
        case .lessOrEqual: return .comparison(.lessOrEqual, left, right)
        case .greater: return .comparison(.greater, left, right)
        case .greaterOrEqual: return .comparison(.greaterOrEqual, left, right)
        case .add: return .arithmetic(.add, left, right)
        case .subtract: return .arithmetic(.subtract, left, right)
        case .multiply: return .arithmetic(.multiply, left, right)
        case .divide: return .arithmetic(.divide, left, right)
        case .modulo: return .arithmetic(.remainder, left, right)
        case .concatenate:
            let eitherNull = LakeExec.Expression.or(.isNull(left, negated: false), .isNull(right, negated: false))
            return .caseWhen(
                [WhenClause(eitherNull, then: .literal(.null, .utf8))], otherwise: .function(.concat, [left, right]))
        }
    }

    private func lowerFunction(_ name: String, _ arguments: [LakeSQL.BoundExpression], type: DataType) throws(SessionError)
        -> LakeExec.Expression
    {
        if name == "date_trunc" {
            guard arguments.count == 2, case .string(let unitText)? = arguments[0].literalValue,
                let unit = DateTruncUnit(rawValue: unitText.lowercased())
            else {
                throw .unsupported("date_trunc with a unit that is not a constant minute..year")
            }
            return .function(.dateTrunc(unit), [try lower(arguments[1])])
        }
        if name == "now" { return .literal(.int(statementStartMicros), type) }
        if name == "current_date" {
            let days = statementStartMicros >= 0
                ? statementStartMicros / 86_400_000_000 : (statementStartMicros + 1) / 86_400_000_000 - 1
            return .literal(.int(days), type)
        }
        var lowered: [LakeExec.Expression] = []
        for argument in arguments { lowered.append(try lower(argument)) }
        switch name {
        case "coalesce": return .coalesce(lowered)
        case "nullif" where lowered.count == 2: return .nullIf(lowered[0], lowered[1])
        case "to_timestamp": return .function(.fromUnixSeconds, lowered)
        default:
            guard let function = Self.scalarFunctions[name] else {
                throw .unsupported("the function \(name) in the executor")
            }
            return .function(function, lowered)
        }
    }

    /// SQL names of the executor's scalar functions that take their arguments as the binder converted them.
    static let scalarFunctions: [String: ScalarFunction] = [
        "lower": .lower, "upper": .upper, "trim": .trim, "ltrim": .ltrim, "rtrim": .rtrim, "substring": .substring,
        "concat": .concat, "length": .length, "like": .like, "split_part": .splitPart, "left": .left,
        "right": .right, "replace": .replace, "reverse": .reverse, "starts_with": .startsWith,
        "ends_with": .endsWith, "contains": .contains, "abs": .abs, "ceil": .ceil, "floor": .floor, "round": .round,
        "sqrt": .sqrt, "exp": .exp, "ln": .ln, "log10": .log10, "power": .power, "greatest": .greatest,
        "least": .least,
    ]

    static func dateField(_ field: DateTimeField) throws(SessionError) -> DateField {
        switch field {
        case .year: .year
        case .quarter: .quarter
        case .month: .month
        case .day: .day
        case .dayOfWeek: .dayOfWeek
        case .dayOfYear: .dayOfYear
        case .hour: .hour
        case .minute: .minute
        case .second: .second
        case .millisecond: .millisecond
        case .microsecond: .microsecond
        case .epoch: .epoch
        case .week: throw .unsupported("EXTRACT(WEEK ...) in the executor")
        }
    }
}
