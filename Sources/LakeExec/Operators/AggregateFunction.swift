import LakeColumnar

/// Aggregate functions of GROUP BY and of window frames.
///
/// Nulls are skipped by every function except `countRows` (COUNT(*)) and `first`/`last`, which return the value
/// of the first/last row of the group in input order, null or not. Over no values: count is 0, the others null.
/// Result types: counts int64; sum of integers int64 (checked), of floats float64, of decimal(p,s) decimal(38,s);
/// avg, stddev and variance float64; min/max/first/last/any_value the argument's type; bool_and/bool_or bool;
/// string_agg utf8; arg_min/arg_max the type of their first argument.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case count
    case countRows = "count(*)"
    case countDistinct = "count_distinct"
    case sum, avg, min, max
    case stddevSample = "stddev_samp"
    case varianceSample = "var_samp"
    /// Population standard deviation and variance (divided by n): null over no values, 0 over one.
    case stddevPopulation = "stddev_pop"
    case variancePopulation = "var_pop"
    case first, last
    /// Whether every (some) non-null bool argument is true.
    case boolAnd = "bool_and"
    case boolOr = "bool_or"
    /// The first non-null value in input order.
    case anyValue = "any_value"
    /// The non-null texts in input order joined by the second argument, a constant string (`,` when absent; a null
    /// separator joins with nothing). Arguments of other types are cast to utf8.
    case stringAgg = "string_agg"
    /// `arg_min(value, key)`, `arg_max(value, key)`: `value` at the row with the smallest (largest) non-null `key`;
    /// the first such row in input order on ties; rows with a null key are skipped, a null value is returned as is.
    case argMin = "arg_min"
    case argMax = "arg_max"

    /// Whether the function takes a second argument (required for arg_min/arg_max, optional for string_agg).
    var takesSecondArgument: Bool { self == .argMin || self == .argMax || self == .stringAgg }

    /// Whether DISTINCT changes nothing: the result over the distinct values equals the result over all of them.
    var ignoresDuplicates: Bool {
        switch self {
        case .min, .max, .countDistinct, .boolAnd, .boolOr, .anyValue: true
        default: false
        }
    }

    /// The result type for an argument of `argument` type (nil for COUNT(*)).
    func resultType(_ argument: DataType?) throws(ExecutionError) -> DataType {
        switch self {
        case .count, .countRows, .countDistinct: return .int64
        case .avg, .stddevSample, .varianceSample, .stddevPopulation, .variancePopulation:
            guard let argument, argument.isNumeric else { throw .typeMismatch("\(rawValue) needs a numeric argument") }
            return .float64
        case .sum:
            guard let argument, argument.isNumeric else { throw .typeMismatch("sum needs a numeric argument") }
            if argument.isInteger { return .int64 }
            if case .decimal(_, let scale) = argument {
                return .decimal(precision: DataType.decimalPrecisionMax, scale: scale)
            }
            return .float64
        case .boolAnd, .boolOr:
            guard argument == .bool else { throw .typeMismatch("\(rawValue) needs a bool argument") }
            return .bool
        case .stringAgg:
            guard argument == .utf8 else { throw .typeMismatch("string_agg needs a utf8 argument") }
            return .utf8
        case .min, .max, .first, .last, .anyValue, .argMin, .argMax:
            guard let argument else { throw .invalidArgument(function: rawValue, reason: "needs an argument") }
            try argument.requireFlat(rawValue)
            return argument
        }
    }
}

/// One aggregate of an aggregation: function, arguments and output name.
///
/// `argument` is nil only for COUNT(*). `secondArgument` is the key of arg_min/arg_max and the separator of
/// string_agg (a constant string). With `distinct`, each distinct value of `argument` is aggregated once per
/// group, in order of first appearance (`sum(DISTINCT x)`); not for COUNT(*), arg_min or arg_max.
public struct AggregateExpression: Sendable, Hashable {
    public var function: AggregateFunction
    public var argument: Expression?
    public var secondArgument: Expression?
    public var distinct: Bool
    public var name: String

    public init(
        _ function: AggregateFunction, _ argument: Expression?, _ secondArgument: Expression? = nil,
        distinct: Bool = false, as name: String
    ) {
        self.function = function
        self.argument = argument
        self.secondArgument = secondArgument
        self.distinct = distinct
        self.name = name
    }

    var text: String {
        var inner = function == .countRows ? "*" : argument.map(ExpressionText.render) ?? ""
        if distinct { inner = "DISTINCT " + inner }
        if let secondArgument { inner += ", " + ExpressionText.render(secondArgument) }
        let functionName = function == .countRows ? "count" : function.rawValue
        return "\(functionName)(\(inner)) AS \(name)"
    }
}
