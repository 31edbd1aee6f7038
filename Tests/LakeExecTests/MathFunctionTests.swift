import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct MathFunctionTests {
    func call(_ function: ScalarFunction, _ arguments: Expression...) -> Expression { .function(function, arguments) }

    @Test func absKeepsTheTypeAndChecksTheSmallestInteger() throws {
        let batch = single(.int16, [.int(-5), .int(7), .null])
        #expect(try evaluate(call(.abs, col("x")), batch) == [.int(5), .int(7), .null])
        #expect(try call(.abs, col("x")).bound(to: batch.schema).type == .int16)
        #expect(throws: ExecutionError.self) { try evaluate(call(.abs, col("x")), single(.int8, [.int(-128)])) }
        let decimals = single(.decimal(precision: 5, scale: 2), [.decimal(-12_345)])
        #expect(try evaluate(call(.abs, col("x")), decimals) == [.decimal(12_345)])
        #expect(try evaluate(call(.abs, col("x")), single(.float32, [.float32(-1.5)])) == [.float32(1.5)])
    }

    @Test func ceilAndFloorRoundTowardInfinities() throws {
        let floats = single(.float64, [.float64(-1.5), .float64(2.1), .float64(.nan)])
        #expect(try evaluate(call(.ceil, col("x")), floats) == [.float64(-1), .float64(3), .float64(.nan)])
        #expect(try evaluate(call(.floor, col("x")), floats) == [.float64(-2), .float64(2), .float64(.nan)])
        let decimals = single(.decimal(precision: 6, scale: 2), [.decimal(-150), .decimal(210), .decimal(300)])
        #expect(try evaluate(call(.ceil, col("x")), decimals) == [.decimal(-100), .decimal(300), .decimal(300)])
        #expect(try evaluate(call(.floor, col("x")), decimals) == [.decimal(-200), .decimal(200), .decimal(300)])
        #expect(try call(.floor, col("x")).bound(to: decimals.schema).type == .decimal(precision: 6, scale: 2))
        #expect(try evaluate(call(.floor, col("x")), single(.int32, [.int(-7)])) == [.int(-7)])
        // 9.99 rounds up to 10.00, which decimal(3,2) cannot hold.
        #expect(throws: ExecutionError.self) {
            try evaluate(call(.ceil, col("x")), single(.decimal(precision: 3, scale: 2), [.decimal(999)]))
        }
    }

    @Test func roundIsHalfAwayFromZeroAtAnyPlace() throws {
        let floats = single(.float64, [.float64(2.5), .float64(-2.5), .float64(1.2345), .null])
        #expect(try evaluate(call(.round, col("x")), floats) == [.float64(3), .float64(-3), .float64(1), .null])
        #expect(
            try evaluate(call(.round, col("x"), lit(2)), floats)
                == [.float64(2.5), .float64(-2.5), .float64(1.23), .null])
        let integers = single(.int64, [.int(1_250), .int(-1_250), .int(1_249)])
        #expect(try evaluate(call(.round, col("x"), lit(-2)), integers) == [.int(1_300), .int(-1_300), .int(1_200)])
        #expect(try evaluate(call(.round, col("x"), lit(3)), integers) == [.int(1_250), .int(-1_250), .int(1_249)])
        #expect(try evaluate(call(.round, col("x"), lit(-40)), integers) == [.int(0), .int(0), .int(0)])
        let decimals = single(.decimal(precision: 8, scale: 3), [.decimal(12_345), .decimal(-12_355)])
        #expect(try evaluate(call(.round, col("x"), lit(2)), decimals) == [.decimal(12_350), .decimal(-12_360)])
        #expect(try evaluate(call(.round, col("x")), decimals) == [.decimal(12_000), .decimal(-12_000)])
        #expect(try call(.round, col("x"), lit(1)).bound(to: decimals.schema).type == decimals.schema.fields[0].type)
        #expect(throws: ExecutionError.self) {
            try evaluate(call(.round, col("x"), lit(-1)), single(.int8, [.int(125)]))
        }
    }

    @Test func roundMatchesAReferenceOnRandomDecimals() throws {
        var generator = SeededGenerator(seed: 0xD16)
        let unscaled = (0..<400).map { _ in Int128(Int64.random(in: -9_999_999...9_999_999, using: &generator)) }
        let batch = single(.decimal(precision: 12, scale: 4), unscaled.map { .decimal($0) })
        for digits in -3...5 {
            let expected: [Value] = unscaled.map { value in
                let dropped = 4 - digits
                guard dropped > 0 else { return .decimal(value) }
                var unit: Int128 = 1
                for _ in 0..<dropped { unit *= 10 }
                let magnitude = (value.magnitude + unit.magnitude / 2) / unit.magnitude * unit.magnitude
                return .decimal(value < 0 ? -Int128(magnitude) : Int128(magnitude))
            }
            #expect(try evaluate(call(.round, col("x"), lit(digits)), batch) == expected, "digits \(digits)")
        }
    }

    @Test func transcendentalFunctionsFollowPostgreSQLErrors() throws {
        let batch = single(.int32, [.int(4), .int(1), .null])
        #expect(try evaluate(call(.sqrt, col("x")), batch) == [.float64(2), .float64(1), .null])
        #expect(try evaluate(call(.ln, col("x")), batch)[1] == .float64(0))
        #expect(try evaluate(call(.log10, lit(1_000)), batch)[0] == .float64(3))
        #expect(try evaluate(call(.exp, lit(0)), batch)[0] == .float64(1))
        #expect(try evaluate(call(.power, col("x"), lit(0.5)), batch) == [.float64(2), .float64(1), .null])
        #expect(try call(.power, col("x"), lit(2)).bound(to: batch.schema).type == .float64)
        let bad = single(.float64, [.float64(-1)])
        #expect(throws: ExecutionError.invalidArgument(function: "sqrt", reason: "cannot take the square root of -1.0"))
        {
            try evaluate(call(.sqrt, col("x")), bad)
        }
        #expect(throws: ExecutionError.invalidArgument(function: "ln", reason: "cannot take the logarithm of zero")) {
            try evaluate(call(.ln, lit(0)), bad)
        }
        #expect(throws: ExecutionError.self) { try evaluate(call(.power, lit(0), lit(-1)), bad) }
        #expect(throws: ExecutionError.self) { try evaluate(call(.power, col("x"), lit(0.5)), bad) }
        #expect(throws: ExecutionError.self) { try evaluate(call(.exp, lit(1_000)), bad) }
        #expect(try evaluate(call(.sqrt, col("x")), single(.float64, [.float64(.nan)])).first?.double?.isNaN == true)
        #expect(try evaluate(call(.sqrt, col("x")), single(.float64, [.null])) == [.null])
    }

    @Test func greatestAndLeastSkipNullsInTheCommonType() throws {
        let batch = makeBatch([
            ("a", makeColumn(.int32, [.int(1), .null, .int(5), .null])),
            ("b", makeColumn(.float64, [.float64(2.5), .float64(-1), .float64(.nan), .null])),
            ("c", makeColumn(.int64, [.int(0), .int(3), .null, .null])),
        ])
        let greatest = call(.greatest, col("a"), col("b"), col("c"))
        #expect(try greatest.bound(to: batch.schema).type == .float64)
        let result = try evaluate(greatest, batch)
        #expect(result[0] == .float64(2.5) && result[1] == .float64(3) && result[3] == .null)
        #expect(result[2].double?.isNaN == true)
        #expect(
            try evaluate(call(.least, col("a"), col("b"), col("c")), batch)
                == [.float64(0), .float64(-1), .float64(5), .null])
        let text = makeBatch([
            ("s", makeColumn(.utf8, [.string("b"), .null])), ("t", makeColumn(.utf8, [.string("ab"), .string("z")])),
        ])
        #expect(try evaluate(call(.least, col("s"), col("t"), nullLiteral), text) == [.string("ab"), .string("z")])
        #expect(throws: ExecutionError.self) { try call(.greatest, col("s"), lit(1)).bound(to: text.schema) }
    }

    @Test func greatestMatchesAReferenceOnRandomRows() throws {
        var generator = SeededGenerator(seed: 0x6E)
        func random() -> Value {
            Int.random(in: 0..<4, using: &generator) == 0 ? .null : .int(Int64.random(in: -50...50, using: &generator))
        }
        let columns = (0..<3).map { _ in (0..<300).map { _ in random() } }
        let batch = makeBatch(columns.enumerated().map { ("c\($0)", makeColumn(.int64, $1)) })
        let expected: [Value] = (0..<300).map { row in
            let present = columns.compactMap { $0[row].int64 }
            return present.max().map { .int($0) } ?? .null
        }
        #expect(try evaluate(call(.greatest, col("c0"), col("c1"), col("c2")), batch) == expected)
    }
}
