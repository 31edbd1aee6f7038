import LakeColumnar

/// The signatures of `FunctionRegistry.standard`, grouped by kind.
///
/// Spec: spec/sql.md §8.4.
enum StandardFunctions {
    typealias Resolution = FunctionSignature.Resolution

    static let scalar: [FunctionSignature] = [
        FunctionSignature("lower", .scalar, arguments: 1...1) { strings($0, result: .utf8) },
        FunctionSignature("upper", .scalar, arguments: 1...1) { strings($0, result: .utf8) },
        FunctionSignature("trim", .scalar, arguments: 1...1) { strings($0, result: .utf8) },
        FunctionSignature("ltrim", .scalar, arguments: 1...1) { strings($0, result: .utf8) },
        FunctionSignature("rtrim", .scalar, arguments: 1...1) { strings($0, result: .utf8) },
        FunctionSignature("reverse", .scalar, arguments: 1...1) { strings($0, result: .utf8) },
        FunctionSignature("length", .scalar, arguments: 1...1) { strings($0, result: .int64) },
        FunctionSignature("replace", .scalar, arguments: 3...3) { strings($0, result: .utf8) },
        FunctionSignature("starts_with", .scalar, arguments: 2...2) { strings($0, result: .bool) },
        FunctionSignature("ends_with", .scalar, arguments: 2...2) { strings($0, result: .bool) },
        FunctionSignature("contains", .scalar, arguments: 2...2) { strings($0, result: .bool) },
        FunctionSignature("split", .scalar, arguments: 2...2) {
            strings($0, result: .list(Field("item", .utf8)))
        },
        FunctionSignature("substring", .scalar, arguments: 2...3) { types in
            typed(types, [isString, isInteger, isInteger], ["a string", "an integer", "an integer"]) {
                [.utf8] + Array(repeating: DataType.int64, count: types.count - 1)
            } result: { _ in
                .utf8
            }
        },
        FunctionSignature("left", .scalar, arguments: 2...2) { types in
            typed(types, [isString, isInteger], ["a string", "an integer"]) {
                [.utf8, .int64]
            } result: { _ in
                .utf8
            }
        },
        FunctionSignature("right", .scalar, arguments: 2...2) { types in
            typed(types, [isString, isInteger], ["a string", "an integer"]) {
                [.utf8, .int64]
            } result: { _ in
                .utf8
            }
        },
        FunctionSignature("concat", .scalar, arguments: 1...1, variadic: true) { types in
            if let index = types.firstIndex(where: { $0?.isNested == true }) {
                return .mismatch(index: index, expected: "a value convertible to text")
            }
            return .valid(arguments: Array(repeating: .utf8, count: types.count), result: .utf8)
        },
        FunctionSignature("coalesce", .scalar, arguments: 1...1, variadic: true) { common($0) },
        FunctionSignature("greatest", .scalar, arguments: 1...1, variadic: true) { common($0) },
        FunctionSignature("least", .scalar, arguments: 1...1, variadic: true) { common($0) },
        FunctionSignature("nullif", .scalar, arguments: 2...2) { common($0) },
        FunctionSignature("abs", .scalar, arguments: 1...1) { sameNumeric($0) },
        FunctionSignature("floor", .scalar, arguments: 1...1) { sameNumeric($0) },
        FunctionSignature("ceil", .scalar, arguments: 1...1) { sameNumeric($0) },
        FunctionSignature("round", .scalar, arguments: 1...2) { types in
            guard case .valid(let arguments, let result) = sameNumeric([types[0]]) else {
                return .mismatch(index: 0, expected: "a number")
            }
            guard types.count == 2 else { return .valid(arguments: arguments, result: result) }
            guard isInteger(types[1]) else { return .mismatch(index: 1, expected: "an integer") }
            return .valid(arguments: arguments + [.int64], result: result)
        },
        FunctionSignature("sqrt", .scalar, arguments: 1...1) { doubles($0) },
        FunctionSignature("ln", .scalar, arguments: 1...1) { doubles($0) },
        FunctionSignature("log10", .scalar, arguments: 1...1) { doubles($0) },
        FunctionSignature("exp", .scalar, arguments: 1...1) { doubles($0) },
        FunctionSignature("power", .scalar, arguments: 2...2) { doubles($0) },
        FunctionSignature("date_trunc", .scalar, arguments: 2...2) { types in
            guard isString(types[0]) else { return .mismatch(index: 0, expected: "a unit name") }
            guard let value = types[1], value == .date32 || value.isSQLTimestamp else {
                return .mismatch(index: 1, expected: "a date or timestamp")
            }
            return .valid(arguments: [.utf8, value], result: value)
        },
        FunctionSignature("current_date", .scalar, arguments: 0...0) { _ in .valid(arguments: [], result: .date32) },
        FunctionSignature("now", .scalar, arguments: 0...0) { _ in
            .valid(arguments: [], result: .timestamp(.microseconds, utc: true))
        },
        FunctionSignature("to_timestamp", .scalar, arguments: 1...1) { types in
            guard isNumeric(types[0]) else { return .mismatch(index: 0, expected: "a number of seconds") }
            return .valid(arguments: [.float64], result: .timestamp(.microseconds, utc: true))
        },
    ]

    static let aggregate: [FunctionSignature] = [
        FunctionSignature("count", .aggregate, arguments: 0...1) { types in
            .valid(arguments: types.map { $0 ?? .int64 }, result: .int64)
        },
        FunctionSignature("sum", .aggregate, arguments: 1...1) { types in
            switch types[0] {
            case nil: return .valid(arguments: [.int64], result: .int64)
            case let type? where type.isSQLInteger: return .valid(arguments: [type], result: .int64)
            case .decimal(_, let scale)?:
                return .valid(arguments: [types[0] ?? .int64], result: .decimal(precision: 38, scale: scale))
            case let type? where type.isSQLFloat: return .valid(arguments: [type], result: .float64)
            default: return .mismatch(index: 0, expected: "a number")
            }
        },
        FunctionSignature("avg", .aggregate, arguments: 1...1) { numericAsDouble($0) },
        FunctionSignature("stddev_samp", .aggregate, arguments: 1...1) { numericAsDouble($0) },
        FunctionSignature("stddev_pop", .aggregate, arguments: 1...1) { numericAsDouble($0) },
        FunctionSignature("var_samp", .aggregate, arguments: 1...1) { numericAsDouble($0) },
        FunctionSignature("var_pop", .aggregate, arguments: 1...1) { numericAsDouble($0) },
        FunctionSignature("min", .aggregate, arguments: 1...1) { orderable($0) },
        FunctionSignature("max", .aggregate, arguments: 1...1) { orderable($0) },
        FunctionSignature("first", .aggregate, arguments: 1...1) { anyValue($0) },
        FunctionSignature("last", .aggregate, arguments: 1...1) { anyValue($0) },
        FunctionSignature("any_value", .aggregate, arguments: 1...1) { anyValue($0) },
        FunctionSignature("arg_max", .aggregate, arguments: 2...2) { argExtreme($0) },
        FunctionSignature("arg_min", .aggregate, arguments: 2...2) { argExtreme($0) },
        FunctionSignature("bool_and", .aggregate, arguments: 1...1) { booleans($0) },
        FunctionSignature("bool_or", .aggregate, arguments: 1...1) { booleans($0) },
        FunctionSignature("string_agg", .aggregate, arguments: 1...2) { strings($0, result: .utf8) },
    ]

    static let window: [FunctionSignature] = [
        FunctionSignature("row_number", .window, arguments: 0...0) { _ in .valid(arguments: [], result: .int64) },
        FunctionSignature("rank", .window, arguments: 0...0) { _ in .valid(arguments: [], result: .int64) },
        FunctionSignature("dense_rank", .window, arguments: 0...0) { _ in .valid(arguments: [], result: .int64) },
        FunctionSignature("percent_rank", .window, arguments: 0...0) { _ in .valid(arguments: [], result: .float64) },
        FunctionSignature("cume_dist", .window, arguments: 0...0) { _ in .valid(arguments: [], result: .float64) },
        FunctionSignature("ntile", .window, arguments: 1...1) { types in
            isInteger(types[0])
                ? .valid(arguments: [.int64], result: .int64) : .mismatch(index: 0, expected: "an integer")
        },
        FunctionSignature("lag", .window, arguments: 1...3) { offsetFunction($0) },
        FunctionSignature("lead", .window, arguments: 1...3) { offsetFunction($0) },
        FunctionSignature("first_value", .window, arguments: 1...1) { anyValue($0) },
        FunctionSignature("last_value", .window, arguments: 1...1) { anyValue($0) },
        FunctionSignature("nth_value", .window, arguments: 2...2) { types in
            guard isInteger(types[1]) else { return .mismatch(index: 1, expected: "an integer") }
            return .valid(arguments: [types[0] ?? .int64, .int64], result: types[0] ?? .int64)
        },
    ]

    // MARK: - Rules

    static func isString(_ type: DataType?) -> Bool { type == nil || type == .utf8 }
    static func isInteger(_ type: DataType?) -> Bool { type?.isSQLInteger ?? true }
    static func isNumeric(_ type: DataType?) -> Bool { type?.isSQLNumeric ?? true }

    static func strings(_ types: [DataType?], result: DataType) -> Resolution {
        if let index = types.firstIndex(where: { !isString($0) }) {
            return .mismatch(index: index, expected: "a string")
        }
        return .valid(arguments: Array(repeating: .utf8, count: types.count), result: result)
    }

    static func typed(
        _ types: [DataType?], _ checks: [(DataType?) -> Bool], _ expected: [String], arguments: () -> [DataType],
        result: ([DataType]) -> DataType
    ) -> Resolution {
        for (index, type) in types.enumerated() where !checks[index](type) {
            return .mismatch(index: index, expected: expected[index])
        }
        let converted = arguments()
        return .valid(arguments: converted, result: result(converted))
    }

    static func common(_ types: [DataType?]) -> Resolution {
        var result: DataType?
        for (index, type) in types.enumerated() {
            guard let type else { continue }
            guard let current = result else {
                result = type
                continue
            }
            guard let merged = SQLTypeRules.commonType(current, type) else {
                return .mismatch(index: index, expected: "a value of type \(current)")
            }
            result = merged
        }
        let type = result ?? .int64
        return .valid(arguments: Array(repeating: type, count: types.count), result: type)
    }

    static func sameNumeric(_ types: [DataType?]) -> Resolution {
        guard isNumeric(types[0]) else { return .mismatch(index: 0, expected: "a number") }
        let type = types[0] ?? .float64
        return .valid(arguments: [type], result: type)
    }

    static func doubles(_ types: [DataType?]) -> Resolution {
        if let index = types.firstIndex(where: { !isNumeric($0) }) {
            return .mismatch(index: index, expected: "a number")
        }
        return .valid(arguments: Array(repeating: .float64, count: types.count), result: .float64)
    }

    static func numericAsDouble(_ types: [DataType?]) -> Resolution {
        guard isNumeric(types[0]) else { return .mismatch(index: 0, expected: "a number") }
        return .valid(arguments: [types[0] ?? .float64], result: .float64)
    }

    static func orderable(_ types: [DataType?]) -> Resolution {
        guard types[0]?.isNested != true else { return .mismatch(index: 0, expected: "a value that can be ordered") }
        let type = types[0] ?? .int64
        return .valid(arguments: [type], result: type)
    }

    static func anyValue(_ types: [DataType?]) -> Resolution {
        let type = types[0] ?? .int64
        return .valid(arguments: [type], result: type)
    }

    static func argExtreme(_ types: [DataType?]) -> Resolution {
        guard types[1]?.isNested != true else { return .mismatch(index: 1, expected: "a value that can be ordered") }
        let value = types[0] ?? .int64
        return .valid(arguments: [value, types[1] ?? .int64], result: value)
    }

    static func booleans(_ types: [DataType?]) -> Resolution {
        guard types[0] == nil || types[0] == .bool else { return .mismatch(index: 0, expected: "a boolean") }
        return .valid(arguments: [.bool], result: .bool)
    }

    static func offsetFunction(_ types: [DataType?]) -> Resolution {
        let value = types[0] ?? .int64
        var arguments: [DataType] = [value]
        if types.count >= 2 {
            guard isInteger(types[1]) else { return .mismatch(index: 1, expected: "an integer offset") }
            arguments.append(.int64)
        }
        if types.count == 3 {
            if let fallback = types[2], SQLTypeRules.commonType(value, fallback) == nil {
                return .mismatch(index: 2, expected: "a default of type \(value)")
            }
            arguments.append(value)
        }
        return .valid(arguments: arguments, result: value)
    }
}
