/// A constant written in the text.
///
/// Numbers keep the narrowest exact form: integers that fit `Int64` are `.integer`; other digit strings, with or
/// without a fraction, are `.decimal` with the text as written; numbers with an exponent are `.double`. A minus
/// sign is never part of a literal: `-5` is `.unary(.negate, 5)`.
///
/// Spec: spec/sql.md §2.4.
public enum Literal: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    /// Digits with an optional fraction, as written: `1.50`, `.5`, `99999999999999999999`.
    case decimal(String)
    /// A finite number written with an exponent: `1e3`.
    case double(Double)
    case string(String)
    /// `DATE '2024-01-31'`, `TIMESTAMP '2024-01-31 12:00:00'`: the text is checked by the binder.
    case typed(TypeName, String)
    case interval(IntervalLiteral)
}
