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
    /// Like `cast`, but a value the target cannot hold (unparsable text, out of range, NaN to an integer) becomes
    /// null instead of failing (SQL `TRY_CAST`). Casts that are not defined between the two types still fail at
    /// binding.
    case tryCast(Expression, DataType)
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

/// `+ - * / // %`.
///
/// `/` of two integers is float64 (DuckDB's rule, which LakeSQL's binder follows: `1 / 2` is 0.5); `//` is the
/// truncating integer division (int64, toward zero) and takes integer operands only. `%` takes the sign of the
/// dividend.
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case integerDivide = "//"
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
    /// `t + INTERVAL`: on date32 (date32 when `microseconds` is 0, else timestamp(us)) and timestamps of any unit
    /// (the argument's type). Months first, clamped to the end of the month (Jan 31 + 1 month = Feb 28/29), then
    /// days, then microseconds (floored to a coarser unit). Subtract by negating every part. Results out of range
    /// are `arithmeticOverflow`.
    case addInterval(months: Int64, days: Int64, microseconds: Int64)
    /// `abs(x)`, `ceil(x)`, `floor(x)` on numbers; the result has the argument's type (`abs` of the smallest
    /// integer is `arithmeticOverflow`; unsigned integers are unchanged).
    case abs, ceil, floor
    /// `round(x [, digits])`: half away from zero at `digits` decimal places (default 0; negative rounds to tens,
    /// hundreds, ...); the result has the argument's type.
    case round
    /// `sqrt`, `exp`, `ln`, `log10` of one number and `power(x, y)`, in float64. As in PostgreSQL, the square
    /// root of a negative number, the logarithm of zero or a negative number, zero to a negative power and a
    /// negative number to a fractional power are `invalidArgument`; a finite input with an infinite result is
    /// `arithmeticOverflow`. NaN propagates.
    case sqrt, exp, ln, log10, power
    /// `greatest(a, ...)`, `least(a, ...)`: the largest/smallest non-null argument in their common type (null only
    /// when all are null, as in PostgreSQL and DuckDB); floats by the total order (NaN largest).
    case greatest, least
    /// `left(s, n)`, `right(s, n)`: the first/last n characters; a negative n drops |n| characters from the other
    /// end (PostgreSQL).
    case left, right
    /// `replace(s, from, to)`: every non-overlapping occurrence of `from`, left to right, replaced; an empty `from`
    /// leaves `s` unchanged.
    case replace
    /// `reverse(s)`: characters (Unicode scalars) in reverse order.
    case reverse
    /// `ltrim(s)`, `rtrim(s)`: spaces removed at the start or the end.
    case ltrim, rtrim
    /// `starts_with(s, prefix)`, `ends_with(s, suffix)`, `contains(s, part)`: bool; the empty string is a prefix,
    /// suffix and part of every string.
    case startsWith, endsWith, contains

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
        case .addInterval(let months, let days, let microseconds):
            "add_interval(\(months) months, \(days) days, \(microseconds) us)"
        case .abs: "abs"
        case .ceil: "ceil"
        case .floor: "floor"
        case .round: "round"
        case .sqrt: "sqrt"
        case .exp: "exp"
        case .ln: "ln"
        case .log10: "log10"
        case .power: "power"
        case .greatest: "greatest"
        case .least: "least"
        case .left: "left"
        case .right: "right"
        case .replace: "replace"
        case .reverse: "reverse"
        case .ltrim: "ltrim"
        case .rtrim: "rtrim"
        case .startsWith: "starts_with"
        case .endsWith: "ends_with"
        case .contains: "contains"
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
