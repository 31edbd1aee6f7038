import LakeColumnar

/// A comparison of a column with a constant, used to skip row groups by their statistics and, optionally, to
/// filter rows.
///
/// Rows whose column is null never match (SQL semantics). Literals compare in the column's domain: integers
/// with integer columns (any width, signed or unsigned), floats with float columns, strings with utf8 and
/// bytes with binary columns, unscaled decimals with decimal columns of the same scale, and `.int` counts with
/// dates, times and timestamps.
///
/// Spec: spec/parquet.md#pruning
public struct ParquetPredicate: Sendable, Hashable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case less = "<"
        case lessOrEqual = "<="
        case equal = "="
        case notEqual = "!="
        case greaterOrEqual = ">="
        case greater = ">"
    }

    public var column: String
    public var comparison: Comparison
    public var value: Value

    public init(_ column: String, _ comparison: Comparison, _ value: Value) {
        self.column = column
        self.comparison = comparison
        self.value = value
    }

    public var description: String { "\(column) \(comparison.rawValue) \(value)" }

    /// Parses `column<op>literal` such as `crypto_id<100`, `symbol=BTC` or `price>=1.5`. The literal is
    /// interpreted for `type`.
    public static func parse(_ text: String, schema: Schema) -> ParquetPredicate? {
        for comparison in [Comparison.lessOrEqual, .greaterOrEqual, .notEqual, .less, .greater, .equal] {
            guard let range = text.firstRange(of: comparison.rawValue) else { continue }
            let name = String(text[..<range.lowerBound]).trimmingCharacters(in: " ")
            let literal = String(text[range.upperBound...]).trimmingCharacters(in: " ")
            guard let field = schema.fields.first(where: { $0.name == name }),
                let value = Self.literal(literal, for: field.type)
            else { return nil }
            return ParquetPredicate(name, comparison, value)
        }
        return nil
    }

    static func literal(_ text: String, for type: DataType) -> Value? {
        switch type {
        case .bool: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        case .int8, .int16, .int32, .int64, .date32, .time, .timestamp: return Int64(text).map(Value.int)
        case .uint8, .uint16, .uint32, .uint64: return UInt64(text).map(Value.uint)
        case .float32: return Float(text).map(Value.float32)
        case .float64: return Double(text).map(Value.float64)
        case .utf8: return .string(text)
        case .decimal(let precision, let scale): return unscaledDecimal(text, precision: precision, scale: scale)
        case .binary, .fixedSizeBinary: return .bytes(Array(text.utf8))
        case .list, .struct, .map: return nil
        }
    }

    /// `12.5` for decimal(p, 2) as the unscaled 1250; nil when the text has more fractional digits than the scale
    /// or more digits than the precision.
    static func unscaledDecimal(_ text: String, precision: Int, scale: Int) -> Value? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= scale, whole.count + scale <= precision,
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }),
            let unscaled = Int128(String(whole) + fraction + String(repeating: "0", count: scale - fraction.count))
        else { return nil }
        return .decimal(negative ? -unscaled : unscaled)
    }

    /// Whether the literal can be compared with values of `type` (so a mistyped literal is an error rather than a
    /// filter that silently matches nothing).
    func literalFits(_ type: DataType) -> Bool {
        switch (type, value) {
        case (.bool, .bool), (.utf8, .string), (.binary, .bytes), (.fixedSizeBinary, .bytes), (.decimal, .decimal):
            true
        case (.float32, .float32), (.float32, .float64), (.float64, .float64), (.float32, .int), (.float64, .int):
            true
        case (.int8, .int), (.int16, .int), (.int32, .int), (.int64, .int), (.date32, .int), (.time, .int),
            (.timestamp, .int), (.int8, .uint), (.int16, .uint), (.int32, .uint), (.int64, .uint):
            true
        case (.uint8, .uint), (.uint16, .uint), (.uint32, .uint), (.uint64, .uint), (.uint8, .int), (.uint16, .int),
            (.uint32, .int), (.uint64, .int):
            true
        default:
            false
        }
    }

    /// Ordering of a column value against the literal: negative, zero or positive; nil if incomparable.
    static func order(_ value: Value, _ literal: Value) -> Int? {
        func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }
        switch (value, literal) {
        case (.int(let a), .int(let b)): return sign(a, b)
        case (.uint(let a), .uint(let b)): return sign(a, b)
        case (.uint(let a), .int(let b)): return b < 0 ? 1 : sign(a, UInt64(b))
        case (.int(let a), .uint(let b)): return a < 0 ? -1 : sign(UInt64(a), b)
        case (.float64(let a), .float64(let b)): return a.isNaN || b.isNaN ? nil : sign(a, b)
        case (.float32(let a), .float32(let b)): return a.isNaN || b.isNaN ? nil : sign(a, b)
        case (.float32(let a), .float64(let b)): return a.isNaN || b.isNaN ? nil : sign(Double(a), b)
        case (.float64(let a), .int(let b)): return a.isNaN ? nil : sign(a, Double(b))
        case (.float32(let a), .int(let b)): return a.isNaN ? nil : sign(Double(a), Double(b))
        case (.decimal(let a), .decimal(let b)): return sign(a, b)
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : a == b ? 0 : 1
        case (.bytes(let a), .bytes(let b)): return a.lexicographicallyPrecedes(b) ? -1 : a == b ? 0 : 1
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
        default: return nil
        }
    }

    /// Whether a value that compares to the literal with `order` satisfies the predicate.
    func accepts(order: Int) -> Bool {
        switch comparison {
        case .less: order < 0
        case .lessOrEqual: order <= 0
        case .equal: order == 0
        case .notEqual: order != 0
        case .greaterOrEqual: order >= 0
        case .greater: order > 0
        }
    }

    /// Whether some value within `[minimum, maximum]` could satisfy the predicate. Incomparable bounds keep
    /// the row group (pruning must never drop a match).
    func mayMatch(minimum: Value, maximum: Value) -> Bool {
        guard let low = Self.order(minimum, value), let high = Self.order(maximum, value) else { return true }
        switch comparison {
        case .less: return low < 0
        case .lessOrEqual: return low <= 0
        case .equal: return low <= 0 && high >= 0
        case .notEqual: return !(low == 0 && high == 0)
        case .greaterOrEqual: return high >= 0
        case .greater: return high > 0
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
