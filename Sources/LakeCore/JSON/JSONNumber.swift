/// A JSON number that keeps integers exact.
///
/// The parser makes `int64` of every literal without fraction or exponent that fits `Int64`, `uint64` of such a
/// literal in `Int64.max + 1 ... UInt64.max`, and `double` of everything else (`1.0`, `1e3`, integers beyond
/// `UInt64`), correctly rounded. The split follows the text, not the value: `1` and `1.0` are different numbers
/// here (as in Python and serde_json), so a log field written as an integer can be required to be one, and the
/// writer reproduces what it read.
///
/// Canonical form: `uint64` holds only values above `Int64.max`. Use `init(_: UInt64)` to build one; equality and
/// hashing also treat a non-canonical `.uint64(5)` as equal to `.int64(5)`. A `double` is never equal to an
/// integer, and `-0.0 == 0.0` as for `Double`. JSON has no NaN or infinity: the parser never produces them and
/// the writer rejects them.
///
/// Spec: RFC 8259 section 6.
public enum JSONNumber: Sendable, Hashable, CustomStringConvertible {
    case int64(Int64)
    /// An integer above `Int64.max`.
    case uint64(UInt64)
    case double(Double)

    /// An integer in canonical form: `int64` when it fits, else `uint64`.
    public init(_ value: UInt64) {
        self = value <= UInt64(Int64.max) ? .int64(Int64(value)) : .uint64(value)
    }

    /// The value as `Int64` when it is an integer in range; nil for doubles (even integral ones).
    public var int64Value: Int64? {
        switch self {
        case .int64(let value): value
        case .uint64(let value): Int64(exactly: value)
        case .double: nil
        }
    }

    /// The value as `UInt64` when it is a non-negative integer; nil for doubles and negative integers.
    public var uint64Value: UInt64? {
        switch self {
        case .int64(let value): UInt64(exactly: value)
        case .uint64(let value): value
        case .double: nil
        }
    }

    /// The value as `Double`; integers beyond 2^53 are rounded to the nearest double.
    public var doubleValue: Double {
        switch self {
        case .int64(let value): Double(value)
        case .uint64(let value): Double(value)
        case .double(let value): value
        }
    }

    /// True for `int64` and `uint64`.
    public var isInteger: Bool {
        if case .double = self { return false }
        return true
    }

    /// The number as JSON text (`nan`/`inf` for non-finite doubles, which `JSONWriter` rejects).
    public var description: String {
        switch self {
        case .int64(let value): String(value)
        case .uint64(let value): String(value)
        case .double(let value): value.description
        }
    }

    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        switch (lhs, rhs) {
        case (.double(let left), .double(let right)): left == right
        case (.double, _), (_, .double): false
        default: lhs.integerKey == rhs.integerKey
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .double(let value):
            hasher.combine(1 as UInt8)
            hasher.combine(value)
        case .int64, .uint64:
            hasher.combine(0 as UInt8)
            let key = integerKey
            hasher.combine(key.negative)
            hasher.combine(key.magnitude)
        }
    }

    /// Sign and magnitude of an integer, the same for `.int64(5)` and `.uint64(5)`.
    private var integerKey: (negative: Bool, magnitude: UInt64) {
        switch self {
        case .int64(let value): (value < 0, value.magnitude)
        case .uint64(let value): (false, value)
        case .double: (false, 0)
        }
    }
}
