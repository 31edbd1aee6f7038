/// A scalar expression with the place it starts in the text.
///
/// Equality and hashing compare `kind` only: locations serve error messages, not identity, so parsing the
/// formatter's output gives an equal tree.
///
/// Spec: spec/sql.md §2.4.
public struct Expression: Sendable, Hashable {
    /// The forms an expression takes.
    public indirect enum Kind: Sendable, Hashable {
        case literal(Literal)
        /// `price`, `t.price`, `silver.fact.price`.
        case column(ObjectName)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `x IS NULL`, or `x IS NOT NULL` when `negated`.
        case isNull(Expression, negated: Bool)
        /// `x IS DISTINCT FROM y`, or `IS NOT DISTINCT FROM` when `negated`: comparison treating nulls as values.
        case isDistinctFrom(Expression, Expression, negated: Bool)
        /// `x [NOT] IN (a, b, ...)`; the list is never empty.
        case inList(Expression, [Expression], negated: Bool)
        /// `x [NOT] IN (SELECT ...)`.
        case inSubquery(Expression, Query, negated: Bool)
        /// `x [NOT] BETWEEN low AND high`.
        case between(Expression, low: Expression, high: Expression, negated: Bool)
        /// `x [NOT] LIKE pattern`, or `ILIKE` when `caseInsensitive`.
        case like(Expression, pattern: Expression, caseInsensitive: Bool, negated: Bool)
        case caseWhen(CaseExpression)
        /// `CAST(x AS type)` and `x::type`: a value that does not convert is an error.
        case cast(Expression, TypeName)
        /// `TRY_CAST(x AS type)`: a value that does not convert becomes NULL.
        case tryCast(Expression, TypeName)
        case function(FunctionCall)
        /// `EXTRACT(field FROM x)`.
        case extract(DateTimeField, Expression)
        /// `(SELECT ...)` used as a value.
        case subquery(Query)
        /// `EXISTS (SELECT ...)`.
        case exists(Query)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = .start) {
        self.kind = kind
        self.location = location
    }

    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.kind == rhs.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

extension Expression {
    /// A column reference from unquoted parts: `.column("t", "price")`.
    public static func column(_ parts: String...) -> Expression {
        Expression(.column(ObjectName(parts.map { Identifier($0) })))
    }

    public static func literal(_ literal: Literal) -> Expression { Expression(.literal(literal)) }

    public static func integer(_ value: Int64) -> Expression { Expression(.literal(.integer(value))) }

    public static func string(_ value: String) -> Expression { Expression(.literal(.string(value))) }

    public static func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> Expression {
        Expression(.binary(op, left, right))
    }

    public static func function(_ name: String, _ arguments: [Expression]) -> Expression {
        Expression(.function(FunctionCall(name: ObjectName(name), arguments: .list(arguments))))
    }
}
