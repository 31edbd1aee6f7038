import LakeColumnar

/// Short spellings for building expressions in Swift (the DataFrame API): `col("price") * lit(2) > lit(10)`.
public func col(_ name: String) -> Expression { .column(name) }

public func lit(_ value: Int64) -> Expression { .literal(.int(value), nil) }
public func lit(_ value: Int) -> Expression { .literal(.int(Int64(value)), nil) }
public func lit(_ value: Double) -> Expression { .literal(.float64(value), nil) }
public func lit(_ value: String) -> Expression { .literal(.string(value), nil) }
public func lit(_ value: Bool) -> Expression { .literal(.bool(value), nil) }
/// A typed literal, for example `lit(.decimal(1234), .decimal(precision: 6, scale: 2))` for 12.34.
public func lit(_ value: Value, _ type: DataType) -> Expression { .literal(value, type) }
/// The untyped null.
public let nullLiteral = Expression.literal(.null, nil)

extension Expression {
    public static func + (lhs: Expression, rhs: Expression) -> Expression { .arithmetic(.add, lhs, rhs) }
    public static func - (lhs: Expression, rhs: Expression) -> Expression { .arithmetic(.subtract, lhs, rhs) }
    public static func * (lhs: Expression, rhs: Expression) -> Expression { .arithmetic(.multiply, lhs, rhs) }
    public static func / (lhs: Expression, rhs: Expression) -> Expression { .arithmetic(.divide, lhs, rhs) }
    public static func % (lhs: Expression, rhs: Expression) -> Expression { .arithmetic(.remainder, lhs, rhs) }
    public static prefix func - (operand: Expression) -> Expression { .negate(operand) }
    public static func < (lhs: Expression, rhs: Expression) -> Expression { .comparison(.less, lhs, rhs) }
    public static func <= (lhs: Expression, rhs: Expression) -> Expression { .comparison(.lessOrEqual, lhs, rhs) }
    public static func > (lhs: Expression, rhs: Expression) -> Expression { .comparison(.greater, lhs, rhs) }
    public static func >= (lhs: Expression, rhs: Expression) -> Expression { .comparison(.greaterOrEqual, lhs, rhs) }
    public static func && (lhs: Expression, rhs: Expression) -> Expression { .and(lhs, rhs) }
    public static func || (lhs: Expression, rhs: Expression) -> Expression { .or(lhs, rhs) }
    public static prefix func ! (operand: Expression) -> Expression { .not(operand) }

    /// `self // divisor`: truncating integer division of integer operands (int64); `/` of integers is float64.
    public func integerDivided(by divisor: Expression) -> Expression { .arithmetic(.integerDivide, self, divisor) }

    /// `self = other` (SQL equality; `==` stays structural equality of expression trees).
    public func equals(_ other: Expression) -> Expression { .comparison(.equal, self, other) }
    public func notEquals(_ other: Expression) -> Expression { .comparison(.notEqual, self, other) }
    public var isNull: Expression { .isNull(self, negated: false) }
    public var isNotNull: Expression { .isNull(self, negated: true) }
    public func cast(to type: DataType) -> Expression { .cast(self, type) }
    /// `TRY_CAST(self AS type)`: values that do not convert become null.
    public func tryCast(to type: DataType) -> Expression { .tryCast(self, type) }
    public func isIn(_ items: [Expression]) -> Expression { .inList(self, items, negated: false) }
    public func between(_ low: Expression, and high: Expression) -> Expression {
        .between(self, low: low, high: high, negated: false)
    }
}
