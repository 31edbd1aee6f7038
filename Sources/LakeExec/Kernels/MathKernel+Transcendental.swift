import LakeColumnar

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension MathKernel {
    /// `sqrt`, `exp`, `ln`, `log10` (one float64 argument) and `power` (two), in float64 with PostgreSQL's errors:
    /// the root of a negative number, the logarithm of zero or a negative number, zero to a negative power and a
    /// negative number to a non-integer power are `invalidArgument`; an infinite result from finite arguments is
    /// `arithmeticOverflow`. NaN arguments give NaN.
    static func transcendental(_ function: ScalarFunction, _ arguments: [Column]) throws(ExecutionError) -> Column {
        let x = try arguments[0].float64Values()
        let y = arguments.count > 1 ? try arguments[1].float64Values() : x
        let validity =
            arguments.count > 1
            ? Bitmap.intersection(arguments[0].validity, arguments[1].validity) : arguments[0].validity
        var result = [Double](repeating: 0, count: x.count)
        switch function {
        case .sqrt: for row in 0..<x.count { result[row] = x[row].squareRoot() }
        case .exp: for row in 0..<x.count { result[row] = exp(x[row]) }
        case .ln: for row in 0..<x.count { result[row] = log(x[row]) }
        case .log10: for row in 0..<x.count { result[row] = log10(x[row]) }
        case .power: for row in 0..<x.count { result[row] = pow(x[row], y[row]) }
        default: throw .invalidArgument(function: function.description, reason: "is not a floating-point function")
        }
        // The loops above run without branches; only a NaN or infinite result needs a look at its row.
        for row in 0..<x.count where !result[row].isFinite && (validity?[row] ?? true) {
            if x[row].isNaN || y[row].isNaN || x[row].isInfinite || y[row].isInfinite { continue }
            throw domainError(function, x[row], y[row])
        }
        return Column.make(.float64, .float64(result), validity: validity)
    }

    private static func domainError(_ function: ScalarFunction, _ x: Double, _ y: Double) -> ExecutionError {
        switch function {
        case .sqrt:
            return .invalidArgument(function: "sqrt", reason: "cannot take the square root of \(x)")
        case .ln, .log10:
            return .invalidArgument(
                function: function.description, reason: "cannot take the logarithm of \(x == 0 ? "zero" : "\(x)")")
        case .power where x == 0 && y < 0:
            return .invalidArgument(function: "power", reason: "zero raised to a negative power is undefined")
        case .power where x < 0 && y != y.rounded(.towardZero):
            return .invalidArgument(function: "power", reason: "a negative number raised to a non-integer power")
        default:
            return .arithmeticOverflow(operation: "\(function.description)(\(x)\(function == .power ? ", \(y)" : ""))")
        }
    }
}
