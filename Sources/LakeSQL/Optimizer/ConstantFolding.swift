import LakeColumnar

/// Evaluates operations on constants at plan time: integer and float arithmetic (integer overflow is left for
/// run time, where it is an error), comparisons of constants, `AND`/`OR`/`NOT` with known truth values, casts of
/// constants, `IS [NOT] NULL` of constants, and timestamp constants plus intervals. A filter whose predicate
/// becomes TRUE disappears.
///
/// Spec: spec/sql.md §8.6.
public struct ConstantFolding: OptimizerRule {
    public var name: String { "constant folding" }

    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        plan.transformedUp { node in
            let folded = node.mappingExpressions(Self.fold)
            if case .filter(let input, let predicate) = folded, predicate.literalValue == .bool(true) { return input }
            if case .scan(let table, let schema, let columns, let filters) = folded {
                return .scan(
                    table: table, tableSchema: schema, columns: columns,
                    filters: filters.filter { $0.literalValue != .bool(true) })
            }
            return folded
        }
    }

    /// The expression with every constant subexpression evaluated.
    public static func fold(_ expression: BoundExpression) -> BoundExpression {
        expression.rewritten(foldNode)
    }

    private static func foldNode(_ node: BoundExpression) -> BoundExpression? {
        switch node.kind {
        case .binary(let op, let left, let right):
            return foldBinary(op, left, right, type: node.type)
        case .unary(.not, let operand):
            if case .bool(let flag)? = operand.literalValue { return .literal(.bool(!flag), .bool) }
            return nil
        case .unary(.negate, let operand):
            switch operand.literalValue {
            case .int(let value)? where value != .min: return .literal(.int(-value), node.type)
            case .float64(let value)?: return .literal(.float64(-value), node.type)
            case .decimal(let value)?: return .literal(.decimal(-value), node.type)
            default: return nil
            }
        case .cast(let operand, _):
            return PlanBuilder.convertLiteral(operand, to: node.type)
        case .isNull(let operand, let negated):
            guard let value = operand.literalValue else { return nil }
            return .literal(.bool((value == .null) != negated), .bool)
        case .addInterval(let operand, let interval):
            guard case .int(let count)? = operand.literalValue, case .timestamp(let unit, _) = node.type,
                let result = addInterval(interval, to: count, unit: unit)
            else { return nil }
            return .literal(.int(result), node.type)
        default:
            return nil
        }
    }

    private static func foldBinary(
        _ op: BinaryOperator, _ left: BoundExpression, _ right: BoundExpression,
        type: DataType
    ) -> BoundExpression? {
        switch op {
        case .and:
            if left.literalValue == .bool(false) || right.literalValue == .bool(false) {
                return .literal(.bool(false), .bool)
            }
            if left.literalValue == .bool(true) { return right }
            if right.literalValue == .bool(true) { return left }
            return nil
        case .or:
            if left.literalValue == .bool(true) || right.literalValue == .bool(true) {
                return .literal(.bool(true), .bool)
            }
            if left.literalValue == .bool(false) { return right }
            if right.literalValue == .bool(false) { return left }
            return nil
        default:
            break
        }
        if comparison(op, 0) != nil, let narrowed = narrowingComparison(op, left, right) { return narrowed }
        guard let a = left.literalValue, let b = right.literalValue, a != .null, b != .null else { return nil }
        switch (a, b) {
        case (.int(let x), .int(let y)) where left.type == right.type:
            if let order = comparison(op, x < y ? -1 : (x == y ? 0 : 1)) { return .literal(.bool(order), .bool) }
            guard type == .int64 else { return nil }
            let result: (Int64, Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            case .modulo where y != 0: result = x.remainderReportingOverflow(dividingBy: y)
            default: return nil
            }
            return result.1 ? nil : .literal(.int(result.0), .int64)
        case (.float64(let x), .float64(let y)):
            if let order = comparison(op, x < y ? -1 : (x == y ? 0 : 1)), !x.isNaN, !y.isNaN {
                return .literal(.bool(order), .bool)
            }
            switch op {
            case .add: return .literal(.float64(x + y), .float64)
            case .subtract: return .literal(.float64(x - y), .float64)
            case .multiply: return .literal(.float64(x * y), .float64)
            case .divide where y != 0: return .literal(.float64(x / y), .float64)
            default: return nil
            }
        case (.string(let x), .string(let y)):
            // Byte order of UTF-8, as the executor compares strings (Swift's `<` orders by Unicode rules).
            let order = x.utf8.elementsEqual(y.utf8) ? 0 : (x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1)
            if let result = comparison(op, order) { return .literal(.bool(result), .bool) }
            if op == .concatenate { return .literal(.string(x + y), .utf8) }
            return nil
        case (.bool(let x), .bool(let y)):
            if op == .equal { return .literal(.bool(x == y), .bool) }
            if op == .notEqual { return .literal(.bool(x != y), .bool) }
            return nil
        default:
            return nil
        }
    }

    /// `CAST(int_column AS wider) op constant` compares the column with the constant converted to the column's
    /// type when the constant fits it exactly (integer widening is exact and keeps order), so scans can use the
    /// column's statistics.
    private static func narrowingComparison(_ op: BinaryOperator, _ left: BoundExpression, _ right: BoundExpression)
        -> BoundExpression?
    {
        if case .cast(let inner, false) = left.kind, inner.type.isSQLInteger, left.type.isSQLInteger,
            right.literalValue != nil, let constant = PlanBuilder.convertLiteral(right, to: inner.type)
        {
            return BoundExpression(.binary(op, inner, constant), type: .bool)
        }
        if case .cast(let inner, false) = right.kind, inner.type.isSQLInteger, right.type.isSQLInteger,
            left.literalValue != nil, let constant = PlanBuilder.convertLiteral(left, to: inner.type)
        {
            return BoundExpression(.binary(op, constant, inner), type: .bool)
        }
        return nil
    }

    private static func comparison(_ op: BinaryOperator, _ order: Int) -> Bool? {
        switch op {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        default: nil
        }
    }

    /// `count` (a timestamp in `unit`) plus the interval: months on the calendar (the day clamped to the month's
    /// length), then days and microseconds; nil on overflow or for sub-microsecond units with a remainder.
    static func addInterval(_ interval: IntervalValue, to count: Int64, unit: TimeUnit) -> Int64? {
        let perDay = 86_400 * unit.perSecond
        var days = count / perDay
        var within = count % perDay
        if within < 0 {
            within += perDay
            days -= 1
        }
        if interval.months != 0 {
            let (year, month, day) = CivilCalendar.date(days: days)
            let (totalMonths, overflow) = (year * 12 + month - 1).addingReportingOverflow(interval.months)
            guard !overflow else { return nil }
            let newYear = totalMonths >= 0 ? totalMonths / 12 : (totalMonths - 11) / 12
            let newMonth = totalMonths - newYear * 12 + 1
            days = CivilCalendar.days(
                year: newYear, month: newMonth, day: min(day, CivilCalendar.daysInMonth(year: newYear, month: newMonth))
            )
        }
        let (shiftedDays, dayOverflow) = days.addingReportingOverflow(interval.days)
        let unitsPerMicrosecond = unit.perSecond / 1_000_000
        let microsecondUnits: Int64
        switch unit {
        case .milliseconds:
            guard interval.microseconds % 1_000 == 0 else { return nil }
            microsecondUnits = interval.microseconds / 1_000
        default:
            let (scaled, overflow) = interval.microseconds.multipliedReportingOverflow(by: max(1, unitsPerMicrosecond))
            guard !overflow else { return nil }
            microsecondUnits = scaled
        }
        let (dayUnits, multiplyOverflow) = shiftedDays.multipliedReportingOverflow(by: perDay)
        let (base, baseOverflow) = dayUnits.addingReportingOverflow(within)
        let (result, resultOverflow) = base.addingReportingOverflow(microsecondUnits)
        guard !dayOverflow, !multiplyOverflow, !baseOverflow, !resultOverflow else { return nil }
        return result
    }
}
