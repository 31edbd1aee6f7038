import LakeColumnar

/// Argument checks and result types of the scalar functions.
enum FunctionBinder {
    static func bind(_ function: ScalarFunction, _ arguments: [BoundExpression]) throws(ExecutionError)
        -> BoundExpression
    {
        func count(_ allowed: ClosedRange<Int>) throws(ExecutionError) {
            guard allowed.contains(arguments.count) else {
                throw .invalidArgument(
                    function: function.description, reason: "takes \(allowed) arguments, got \(arguments.count)")
            }
        }
        func text(_ index: Int) throws(ExecutionError) -> BoundExpression {
            let argument = arguments[index]
            if argument.isNullLiteral { return argument.casting(to: .utf8) }
            guard argument.type == .utf8 else {
                throw .typeMismatch("\(function) needs a string as argument \(index + 1), got \(argument.type)")
            }
            return argument
        }
        func integer(_ index: Int) throws(ExecutionError) -> BoundExpression {
            let argument = arguments[index]
            if argument.isNullLiteral { return argument.casting(to: .int64) }
            guard argument.type.isInteger else {
                throw .typeMismatch("\(function) needs an integer as argument \(index + 1), got \(argument.type)")
            }
            return argument.casting(to: .int64)
        }
        func number(_ index: Int, nullAs type: DataType) throws(ExecutionError) -> BoundExpression {
            let argument = arguments[index]
            if argument.isNullLiteral { return argument.casting(to: type) }
            guard argument.type.isNumeric else {
                throw .typeMismatch("\(function) needs a number as argument \(index + 1), got \(argument.type)")
            }
            return argument
        }
        func temporal(_ allowed: (DataType) -> Bool) throws(ExecutionError) -> BoundExpression {
            let argument = arguments[0]
            if argument.isNullLiteral { return argument.casting(to: .timestamp(.microseconds, utc: false)) }
            guard allowed(argument.type) else { throw .typeMismatch("\(function) does not take \(argument.type)") }
            return argument
        }
        switch function {
        case .lower, .upper, .trim:
            try count(1...1)
            return BoundExpression(.function(function, [try text(0)]), type: .utf8)
        case .substring:
            try count(2...3)
            var bound = [try text(0), try integer(1)]
            if arguments.count == 3 { bound.append(try integer(2)) }
            return BoundExpression(.function(function, bound), type: .utf8)
        case .concat:
            try count(1...Int.max)
            var bound: [BoundExpression] = []
            for argument in arguments {
                try argument.type.requireFlat("concat")
                guard CastKernel.isSupported(from: argument.type, to: .utf8) else {
                    throw .typeMismatch("concat cannot render \(argument.type)")
                }
                bound.append(argument.casting(to: .utf8))
            }
            return BoundExpression(.function(function, bound), type: .utf8)
        case .like:
            try count(2...2)
            return BoundExpression(.function(function, [try text(0), try text(1)]), type: .bool)
        case .splitPart:
            try count(3...3)
            return BoundExpression(.function(function, [try text(0), try text(1), try integer(2)]), type: .utf8)
        case .length:
            try count(1...1)
            let argument = arguments[0].isNullLiteral ? arguments[0].casting(to: .utf8) : arguments[0]
            guard argument.type.isByteString else { throw .typeMismatch("length does not take \(argument.type)") }
            return BoundExpression(.function(function, [argument]), type: .int64)
        case .dateTrunc:
            try count(1...1)
            let argument = try temporal {
                if case .timestamp = $0 { return true }
                return $0 == .date32
            }
            return BoundExpression(.function(function, [argument]), type: argument.type)
        case .extract(let field):
            try count(1...1)
            let argument = try temporal { $0.isTemporal }
            if argument.type == .date32 && [.hour, .minute, .second, .millisecond, .microsecond].contains(field) {
                throw .typeMismatch("extract(\(field.rawValue)) needs a time or timestamp, got date32")
            }
            if case .time = argument.type,
                ![.hour, .minute, .second, .millisecond, .microsecond, .epoch].contains(field)
            {
                throw .typeMismatch("extract(\(field.rawValue)) needs a date or timestamp, got \(argument.type)")
            }
            return BoundExpression(.function(function, [argument]), type: .int64)
        case .fromUnixSeconds:
            try count(1...1)
            let argument = arguments[0]
            guard argument.type.isNumeric || argument.isNullLiteral else {
                throw .typeMismatch("to_timestamp needs a number, got \(argument.type)")
            }
            let operand = argument.casting(to: argument.type.isInteger || argument.isNullLiteral ? .int64 : .float64)
            return BoundExpression(.function(function, [operand]), type: .timestamp(.microseconds, utc: true))
        case .addInterval(_, _, let microseconds):
            try count(1...1)
            var argument = try temporal {
                if case .timestamp = $0 { return true }
                return $0 == .date32
            }
            if argument.type == .date32 && microseconds != 0 {
                argument = argument.casting(to: .timestamp(.microseconds, utc: false))
            }
            return BoundExpression(.function(function, [argument]), type: argument.type)
        case .abs, .ceil, .floor:
            try count(1...1)
            let argument = try number(0, nullAs: .float64)
            return BoundExpression(.function(function, [argument]), type: argument.type)
        case .round:
            try count(1...2)
            let argument = try number(0, nullAs: .float64)
            let bound = arguments.count == 2 ? [argument, try integer(1)] : [argument]
            return BoundExpression(.function(function, bound), type: argument.type)
        case .sqrt, .exp, .ln, .log10, .power:
            try count(function == .power ? 2...2 : 1...1)
            var bound: [BoundExpression] = []
            for index in arguments.indices { bound.append(try number(index, nullAs: .float64).casting(to: .float64)) }
            return BoundExpression(.function(function, bound), type: .float64)
        case .greatest, .least:
            try count(1...Int.max)
            let type = try TypeRules.commonType(of: arguments, context: function.description)
            try type.requireFlat(function.description)
            return BoundExpression(.function(function, arguments.map { $0.casting(to: type) }), type: type)
        case .left, .right:
            try count(2...2)
            return BoundExpression(.function(function, [try text(0), try integer(1)]), type: .utf8)
        case .replace:
            try count(3...3)
            return BoundExpression(.function(function, [try text(0), try text(1), try text(2)]), type: .utf8)
        case .reverse, .ltrim, .rtrim:
            try count(1...1)
            return BoundExpression(.function(function, [try text(0)]), type: .utf8)
        case .startsWith, .endsWith, .contains:
            try count(2...2)
            return BoundExpression(.function(function, [try text(0), try text(1)]), type: .bool)
        }
    }
}
