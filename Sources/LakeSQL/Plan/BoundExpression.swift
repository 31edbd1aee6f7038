import LakeColumnar

/// A resolved, typed scalar expression over the output columns of one plan node's input.
///
/// Column references are ordinals into the input schema. The binder inserts the conversions the executor needs:
/// both sides of a comparison, the branches of CASE and the arguments of `coalesce` share one type (a `.cast` is
/// added where they did not), and arithmetic operands are converted to the operand type of their result
/// (`int32 + int64` is two int64 operands; anything with a float is float64). `type` is the result type.
///
/// Spec: spec/sql.md §8.2.
public struct BoundExpression: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// The input column at this ordinal.
        case column(Int)
        /// A constant; dates are `.int` days since 1970-01-01, timestamps `.int` counts of their unit, decimals
        /// `.decimal` unscaled values, and NULL is `.null` of the type the context gave it.
        case literal(Value)
        /// `-x` (numeric) or `NOT x` (boolean).
        case unary(UnaryOperator, BoundExpression)
        /// Arithmetic, comparison, `AND`/`OR` (SQL three-valued logic) and `||` on strings.
        case binary(BinaryOperator, BoundExpression, BoundExpression)
        case isNull(BoundExpression, negated: Bool)
        case isDistinctFrom(BoundExpression, BoundExpression, negated: Bool)
        /// Every item has the operand's type.
        case inList(BoundExpression, [BoundExpression], negated: Bool)
        case between(BoundExpression, low: BoundExpression, high: BoundExpression, negated: Bool)
        case like(BoundExpression, pattern: BoundExpression, caseInsensitive: Bool, negated: Bool)
        /// Searched CASE; a simple CASE is bound to `operand = when` conditions.
        case caseWhen([BoundCaseBranch], elseResult: BoundExpression?)
        /// Converts to `type`; when `isTry`, values that do not convert become NULL instead of failing.
        case cast(BoundExpression, isTry: Bool)
        /// A scalar function by its canonical lower-case name (`FunctionRegistry`), arguments already converted.
        case function(String, [BoundExpression])
        /// `EXTRACT(field FROM x)`: int64 (epoch: float64).
        case extract(DateTimeField, BoundExpression)
        /// `x + INTERVAL ...` (a subtraction has the interval negated); `x` is a date or timestamp.
        case addInterval(BoundExpression, IntervalValue)
        /// `(SELECT ...)` used as a value. The plan is uncorrelated (it reads no column of the enclosing query)
        /// and has exactly one column, of the expression's type. No row gives NULL; more than one row is an error
        /// when the subquery is evaluated (see `replacingSubqueries`).
        case scalarSubquery(LogicalPlan)
        /// `x [NOT] IN (SELECT ...)`: the plan is uncorrelated and has one column, already converted to `x`'s
        /// type. SQL null semantics, as for `inList` over the subquery's values: true when some value equals `x`;
        /// otherwise NULL when `x` is NULL (and the subquery has rows) or a value is NULL; otherwise false. No row
        /// gives false (`NOT IN`: true), even for a NULL `x`.
        case inSubquery(BoundExpression, LogicalPlan, negated: Bool)
        /// `[NOT] EXISTS (SELECT ...)`: whether the uncorrelated plan yields a row; never NULL. The binder plans
        /// it to yield at most one row of one boolean constant, so evaluating it reads as little as possible.
        case exists(LogicalPlan, negated: Bool)
    }

    public var kind: Kind
    public var type: DataType

    public init(_ kind: Kind, type: DataType) {
        self.kind = kind
        self.type = type
    }

    public static func column(_ index: Int, _ type: DataType) -> BoundExpression {
        BoundExpression(.column(index), type: type)
    }

    public static func literal(_ value: Value, _ type: DataType) -> BoundExpression {
        BoundExpression(.literal(value), type: type)
    }

    /// True for `.literal(.null)`.
    public var isNullLiteral: Bool {
        if case .literal(.null) = kind { return true }
        return false
    }

    /// Whether a subquery (scalar, IN or EXISTS) occurs in the expression, outside the subqueries' own plans.
    public var containsSubquery: Bool {
        var found = false
        visit {
            switch $0.kind {
            case .scalarSubquery, .inSubquery, .exists: found = true
            default: break
            }
        }
        return found
    }

    /// The constant's value when the expression is a literal.
    public var literalValue: Value? {
        if case .literal(let value) = kind { return value }
        return nil
    }
}
