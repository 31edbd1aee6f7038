import LakeColumnar

/// Vectorized `+ - * / // %` and negation over int64, float64 and decimal operands, with checked overflow.
///
/// int64 results come from `+ - * // %` (binding makes `/` of integers a float64 division).
///
/// Each loop first runs without branches and records whether any row overflowed; only then a second pass looks at
/// validity, so that garbage in null slots never raises an error. Spec: spec/executor.md (overflow rules)
enum ArithmeticKernel {
    static func evaluate(_ op: ArithmeticOperator, _ lhs: Column, _ rhs: Column, type: DataType)
        throws(ExecutionError) -> Column
    {
        let validity = Bitmap.intersection(lhs.validity, rhs.validity)
        switch type {
        case .int64:
            let values = try int64(op, try lhs.int64Values(), try rhs.int64Values(), validity: validity)
            return Column.make(.int64, .int64(values), validity: validity)
        case .float64:
            let values = try float64(op, try lhs.float64Values(), try rhs.float64Values(), validity: validity)
            return Column.make(.float64, .float64(values), validity: validity)
        case .decimal(let precision, let scale):
            let values = try decimal(
                op, try lhs.int128Values(), lhs.type.decimalShape?.scale ?? 0, try rhs.int128Values(),
                rhs.type.decimalShape?.scale ?? 0, precision: precision, scale: scale, validity: validity)
            return Column.make(type, .int128(values), validity: validity)
        default:
            throw .typeMismatch("arithmetic does not produce \(type)")
        }
    }

    static func negate(_ column: Column) throws(ExecutionError) -> Column {
        switch column.values {
        case .int64(let v):
            var overflow = false
            let result = v.map { value in
                let (negated, flag) = Int64(0).subtractingReportingOverflow(value)
                overflow = overflow || flag
                return negated
            }
            if overflow {
                for row in 0..<v.count where column.isValid(row) && v[row] == .min {
                    throw .arithmeticOverflow(operation: "int64 negation")
                }
            }
            return Column.make(.int64, .int64(result), validity: column.validity)
        case .float64(let v): return Column.make(.float64, .float64(v.map { -$0 }), validity: column.validity)
        case .int128(let v): return Column.make(column.type, .int128(v.map { -$0 }), validity: column.validity)
        default: throw .typeMismatch("cannot negate \(column.type)")
        }
    }

    private static func int64(_ op: ArithmeticOperator, _ a: [Int64], _ b: [Int64], validity: Bitmap?)
        throws(ExecutionError) -> [Int64]
    {
        let count = a.count
        var overflow = false
        var result = [Int64](repeating: 0, count: count)
        result.withUnsafeMutableBufferPointer { out in
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    switch op {
                    case .add:
                        for i in 0..<count {
                            let (r, o) = x[i].addingReportingOverflow(y[i])
                            out[i] = r
                            overflow = overflow || o
                        }
                    case .subtract:
                        for i in 0..<count {
                            let (r, o) = x[i].subtractingReportingOverflow(y[i])
                            out[i] = r
                            overflow = overflow || o
                        }
                    case .multiply:
                        for i in 0..<count {
                            let (r, o) = x[i].multipliedReportingOverflow(by: y[i])
                            out[i] = r
                            overflow = overflow || o
                        }
                    case .divide, .integerDivide:
                        for i in 0..<count {
                            let (r, o) = x[i].dividedReportingOverflow(by: y[i])
                            out[i] = r
                            overflow = overflow || o
                        }
                    case .remainder:
                        for i in 0..<count {
                            let (r, o) = x[i].remainderReportingOverflow(dividingBy: y[i])
                            out[i] = r
                            overflow = overflow || o
                        }
                    }
                }
            }
        }
        guard overflow else { return result }
        for row in 0..<count where validity?[row] ?? true {
            if (op == .divide || op == .integerDivide || op == .remainder) && b[row] == 0 { throw .divisionByZero }
            switch op {
            case .add: if a[row].addingReportingOverflow(b[row]).overflow { throw overflowError(op) }
            case .subtract: if a[row].subtractingReportingOverflow(b[row]).overflow { throw overflowError(op) }
            case .multiply: if a[row].multipliedReportingOverflow(by: b[row]).overflow { throw overflowError(op) }
            case .divide, .integerDivide:
                if a[row].dividedReportingOverflow(by: b[row]).overflow { throw overflowError(op) }
            case .remainder:
                // Int64.min % -1 is mathematically 0; Swift reports it as an overflow.
                if a[row] == .min && b[row] == -1 { result[row] = 0 }
            }
        }
        return result
    }

    private static func overflowError(_ op: ArithmeticOperator) -> ExecutionError {
        let names: [ArithmeticOperator: String] = [
            .add: "addition", .subtract: "subtraction", .multiply: "multiplication", .divide: "division",
            .integerDivide: "division", .remainder: "remainder",
        ]
        return .arithmeticOverflow(operation: "int64 \(names[op] ?? op.rawValue)")
    }

    private static func float64(_ op: ArithmeticOperator, _ a: [Double], _ b: [Double], validity: Bitmap?)
        throws(ExecutionError) -> [Double]
    {
        switch op {
        case .add: return zip(a, b).map { $0 + $1 }
        case .subtract: return zip(a, b).map { $0 - $1 }
        case .multiply: return zip(a, b).map { $0 * $1 }
        case .divide, .integerDivide, .remainder:
            for row in 0..<b.count where b[row] == 0 && (validity?[row] ?? true) { throw .divisionByZero }
            switch op {
            case .divide: return zip(a, b).map { $0 / $1 }
            case .integerDivide: return zip(a, b).map { ($0 / $1).rounded(.towardZero) }
            default: return zip(a, b).map { $0.truncatingRemainder(dividingBy: $1) }
            }
        }
    }

    private static func decimal(
        _ op: ArithmeticOperator, _ a: [Int128], _ aScale: Int, _ b: [Int128], _ bScale: Int, precision: Int,
        scale: Int, validity: Bitmap?
    ) throws(ExecutionError) -> [Int128] {
        let overflow = ExecutionError.arithmeticOverflow(operation: "decimal(\(precision),\(scale)) \(op.rawValue)")
        var result = [Int128](repeating: 0, count: a.count)
        for row in 0..<a.count where validity?[row] ?? true {
            let value: Int128?
            switch op {
            case .add, .subtract:
                guard let x = DecimalMath.rescale(a[row], from: aScale, to: scale),
                    let y = DecimalMath.rescale(b[row], from: bScale, to: scale)
                else { throw overflow }
                let (r, o) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
                value = o ? nil : r
            case .multiply:
                let (r, o) = a[row].multipliedReportingOverflow(by: b[row])
                value = o ? nil : r
            case .integerDivide:
                throw .typeMismatch("// takes integer operands")
            case .divide:
                guard b[row] != 0 else { throw .divisionByZero }
                var numerator: Int128? = a[row]
                var exponent = scale - aScale + bScale
                while exponent > 0, let current = numerator {
                    let step = min(38, exponent)
                    numerator = DecimalMath.rescale(current, from: 0, to: step)
                    exponent -= step
                }
                value = numerator.flatMap { DecimalMath.divideRounded($0, by: b[row]) }
            case .remainder:
                guard b[row] != 0 else { throw .divisionByZero }
                guard let x = DecimalMath.rescale(a[row], from: aScale, to: scale),
                    let y = DecimalMath.rescale(b[row], from: bScale, to: scale)
                else { throw overflow }
                value = x.remainderReportingOverflow(dividingBy: y).partialValue
            }
            guard let value, DecimalMath.fits(value, precision: precision) else { throw overflow }
            result[row] = value
        }
        return result
    }
}
