import LakeColumnar

/// Aggregate functions of GROUP BY and of window frames.
///
/// Nulls are skipped by every function except `countRows` (COUNT(*)) and `first`/`last`, which return the value
/// of the first/last row of the group in input order, null or not. Over no values: count is 0, the others null.
/// Result types: counts int64; sum of integers int64 (checked), of floats float64, of decimal(p,s) decimal(38,s);
/// avg, stddev_samp and var_samp float64; min/max/first/last the argument's type.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case count
    case countRows = "count(*)"
    case countDistinct = "count_distinct"
    case sum, avg, min, max
    case stddevSample = "stddev_samp"
    case varianceSample = "var_samp"
    case first, last

    /// The result type for an argument of `argument` type (nil for COUNT(*)).
    func resultType(_ argument: DataType?) throws(ExecutionError) -> DataType {
        switch self {
        case .count, .countRows, .countDistinct: return .int64
        case .avg, .stddevSample, .varianceSample:
            guard let argument, argument.isNumeric else { throw .typeMismatch("\(rawValue) needs a numeric argument") }
            return .float64
        case .sum:
            guard let argument, argument.isNumeric else { throw .typeMismatch("sum needs a numeric argument") }
            if argument.isInteger { return .int64 }
            if case .decimal(_, let scale) = argument {
                return .decimal(precision: DataType.decimalPrecisionMax, scale: scale)
            }
            return .float64
        case .min, .max, .first, .last:
            guard let argument else { throw .invalidArgument(function: rawValue, reason: "needs an argument") }
            try argument.requireFlat(rawValue)
            return argument
        }
    }
}

/// One aggregate of an aggregation: function, argument (nil only for COUNT(*)) and output name.
public struct AggregateExpression: Sendable, Hashable {
    public var function: AggregateFunction
    public var argument: Expression?
    public var name: String

    public init(_ function: AggregateFunction, _ argument: Expression?, as name: String) {
        self.function = function
        self.argument = argument
        self.name = name
    }

    var text: String {
        let inner = function == .countRows ? "*" : argument.map(ExpressionText.render) ?? ""
        let functionName = function == .countRows ? "count" : function.rawValue
        return "\(functionName)(\(inner)) AS \(name)"
    }
}
