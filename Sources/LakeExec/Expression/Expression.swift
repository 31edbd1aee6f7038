import LakeColumnar

/// A scalar expression over the columns of one input row, before binding: columns are named.
///
/// `bound(to:)` resolves names to indices, infers types and inserts the implicit casts of the promotion rules;
/// the result evaluates a batch at a time. Null semantics follow SQL: operators and functions return null when an
/// input is null, except AND/OR (three-valued logic), IS [NOT] NULL, CASE, COALESCE and `concat`.
///
/// Spec: spec/executor.md (expressions)
public indirect enum Expression: Sendable, Hashable {
    /// The input column with this name (exact match first, then a unique case-insensitive match).
    case column(String)
    /// The input column at this position.
    case columnIndex(Int)
    /// A constant. With a nil type: bool, int64 (`.int`), uint64, float32/64, decimal(38,0), utf8 or binary from
    /// the value's case; an untyped null takes the type its context needs (int64 when nothing constrains it).
    case literal(Value, DataType?)
    case arithmetic(ArithmeticOperator, Expression, Expression)
    case negate(Expression)
    case comparison(ComparisonOperator, Expression, Expression)
    case and(Expression, Expression)
    case or(Expression, Expression)
    case not(Expression)
    /// `x IS NULL`, or `x IS NOT NULL` when negated: never null itself.
    case isNull(Expression, negated: Bool)
    /// `x [NOT] IN (a, b, ...)`: true when some item equals x; otherwise null when x or an item is null.
    case inList(Expression, [Expression], negated: Bool)
    /// `x [NOT] BETWEEN low AND high`, i.e. `x >= low AND x <= high`.
    case between(Expression, low: Expression, high: Expression, negated: Bool)
    /// Searched CASE: the result of the first clause whose condition is true, else `otherwise` (null if absent).
    /// Results are computed only for the rows that select them, so a guarded division never fails.
    case caseWhen([WhenClause], otherwise: Expression?)
    /// The first non-null argument (later arguments are evaluated only for rows still null).
    case coalesce([Expression])
    /// Null when the two arguments are equal, else the first.
    case nullIf(Expression, Expression)
    case cast(Expression, DataType)
    case function(ScalarFunction, [Expression])
}

/// One `WHEN condition THEN result` clause of a CASE expression.
public struct WhenClause: Sendable, Hashable {
    public var condition: Expression
    public var result: Expression

    public init(_ condition: Expression, then result: Expression) {
        self.condition = condition
        self.result = result
    }
}

/// `+ - * / %`. Integer division truncates toward zero; `%` takes the sign of the dividend.
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
}

/// `= <> < <= > >=`.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Whether the operator holds for a three-way comparison result (-1, 0, 1).
    @inline(__always) func holds(_ order: Int) -> Bool {
        switch self {
        case .equal: order == 0
        case .notEqual: order != 0
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .greater: order > 0
        case .greaterOrEqual: order >= 0
        }
    }
}

/// Scalar functions over flat values.
public enum ScalarFunction: Sendable, Hashable, CustomStringConvertible {
    /// `lower(s)`, `upper(s)`: Unicode case mapping (ASCII fast path).
    case lower, upper
    /// `trim(s)`: spaces removed at both ends.
    case trim
    /// `substring(s, start [, length])`: characters from 1-based `start`; positions before 1 count but yield
    /// nothing (SQL); a negative length is an error.
    case substring
    /// `concat(a, b, ...)`: text of every non-null argument joined; never null.
    case concat
    /// `like(s, pattern)`: `%` any run of characters, `_` one character, `\` escapes the next character.
    case like
    /// `split_part(s, delimiter, n)`: the n-th field (1-based; negative counts from the end; empty when out of
    /// range); n = 0 is an error.
    case splitPart
    /// `length(s)`: characters (Unicode scalars) in a string, bytes in a binary value.
    case length
    /// `date_trunc(unit, t)` on dates and timestamps; the result has the argument's type.
    case dateTrunc(DateTruncUnit)
    /// `extract(field FROM t)` on dates, times and timestamps, as int64.
    case extract(DateField)
    /// `to_timestamp(seconds)`: Unix seconds (integer or floating point) as timestamp(us, UTC).
    case fromUnixSeconds

    public var description: String {
        switch self {
        case .lower: "lower"
        case .upper: "upper"
        case .trim: "trim"
        case .substring: "substring"
        case .concat: "concat"
        case .like: "like"
        case .splitPart: "split_part"
        case .length: "length"
        case .dateTrunc(let unit): "date_trunc('\(unit.rawValue)')"
        case .extract(let field): "extract(\(field.rawValue))"
        case .fromUnixSeconds: "to_timestamp"
        }
    }
}

/// Units `date_trunc` rounds down to. Weeks start on Monday (ISO).
public enum DateTruncUnit: String, Sendable, Hashable, CaseIterable {
    case minute, hour, day, week, month, quarter, year
}

/// Fields `extract` reads. `dayOfWeek` counts Sunday as 0 (PostgreSQL `dow`), `isoDayOfWeek` Monday as 1;
/// `epoch` is whole seconds since 1970-01-01 (floored).
public enum DateField: String, Sendable, Hashable, CaseIterable {
    case year, quarter, month, day, hour, minute, second, millisecond, microsecond
    case dayOfWeek = "dow"
    case isoDayOfWeek = "isodow"
    case dayOfYear = "doy"
    case epoch
}
