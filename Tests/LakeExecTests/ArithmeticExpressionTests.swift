import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct ArithmeticExpressionTests {
    @Test func integerArithmeticPromotesToInt64AndPropagatesNulls() throws {
        let batch = makeBatch([
            ("a", makeColumn(.int32, [.int(7), .int(-7), .null, .int(9)])),
            ("b", makeColumn(.int8, [.int(2), .int(2), .int(1), .null])),
        ])
        #expect(try evaluate(col("a") + col("b"), batch) == [.int(9), .int(-5), .null, .null])
        #expect(try evaluate(col("a") - col("b"), batch) == [.int(5), .int(-9), .null, .null])
        #expect(try evaluate(col("a") * col("b"), batch) == [.int(14), .int(-14), .null, .null])
        #expect(try evaluate(col("a").integerDivided(by: col("b")), batch) == [.int(3), .int(-3), .null, .null])
        #expect(try evaluate(col("a") % col("b"), batch) == [.int(1), .int(-1), .null, .null])
        #expect(try (col("a") + col("b")).bound(to: batch.schema).type == .int64)
    }

    @Test func int64OverflowThrowsTypedError() throws {
        let batch = single(.int64, [.int(Int64.max), .int(1)])
        #expect(throws: ExecutionError.arithmeticOverflow(operation: "int64 addition")) {
            try evaluate(col("x") + lit(1), batch)
        }
        #expect(throws: ExecutionError.arithmeticOverflow(operation: "int64 multiplication")) {
            try evaluate(col("x") * lit(2), batch)
        }
        let minimum = single(.int64, [.int(Int64.min)])
        #expect(throws: ExecutionError.arithmeticOverflow(operation: "int64 division")) {
            try evaluate(col("x").integerDivided(by: lit(-1)), minimum)
        }
        #expect(try evaluate(col("x") % lit(-1), minimum) == [.int(0)])
        #expect(throws: ExecutionError.arithmeticOverflow(operation: "int64 negation")) {
            try evaluate(-col("x"), minimum)
        }
    }

    @Test func overflowInNullRowsIsIgnored() throws {
        let a = ColumnBuilderRow.int64([Int64.max, 5], nulls: [0])
        let batch = makeBatch([("x", a)])
        #expect(try evaluate(col("x") + lit(1), batch) == [.null, .int(6)])
        #expect(
            try evaluate(
                lit(10).integerDivided(by: col("x")), makeBatch([("x", ColumnBuilderRow.int64([0, 5], nulls: [0]))]))
                == [.null, .int(2)])
    }

    @Test func divisionOfIntegersIsFloatingPointAndIntegerDivisionTruncates() throws {
        let batch = makeBatch([
            ("a", makeColumn(.int32, [.int(1), .int(-7), .int(7), .null])),
            ("b", makeColumn(.int64, [.int(2), .int(2), .int(-2), .int(1)])),
        ])
        let quotient = try (col("a") / col("b")).bound(to: batch.schema)
        #expect(quotient.type == .float64)
        #expect(try evaluate(col("a") / col("b"), batch) == [.float64(0.5), .float64(-3.5), .float64(-3.5), .null])
        let truncated = try col("a").integerDivided(by: col("b")).bound(to: batch.schema)
        #expect(truncated.type == .int64)
        #expect(try evaluate(col("a").integerDivided(by: col("b")), batch) == [.int(0), .int(-3), .int(-3), .null])
        #expect(throws: ExecutionError.self) { try col("a").integerDivided(by: lit(1.5)).bound(to: batch.schema) }
        #expect(throws: ExecutionError.divisionByZero) {
            try evaluate(col("a").integerDivided(by: lit(0)), batch)
        }
    }

    @Test func divisionByZeroThrows() {
        let batch = single(.int64, [.int(0)])
        #expect(throws: ExecutionError.divisionByZero) { try evaluate(lit(1) / col("x"), batch) }
        #expect(throws: ExecutionError.divisionByZero) { try evaluate(lit(1) % col("x"), batch) }
        #expect(throws: ExecutionError.divisionByZero) { try evaluate(lit(1.5) / col("x"), batch) }
    }

    @Test func floatArithmeticFollowsIEEE() throws {
        let batch = single(.float32, [.float32(1.5), .float32(.nan), .float32(.infinity)])
        #expect(try evaluate(col("x") * lit(2), batch) == [.float64(3), .float64(.nan), .float64(.infinity)])
        #expect(try evaluate(col("x") % lit(1.0), batch).first == .float64(0.5))
    }

    @Test func decimalAdditionAlignsScalesAndWidensPrecision() throws {
        let batch = makeBatch([
            ("a", makeColumn(.decimal(precision: 5, scale: 2), [.decimal(12_345), .decimal(-1)])),
            ("b", makeColumn(.decimal(precision: 4, scale: 1), [.decimal(1), .decimal(999)])),
        ])
        let sum = try (col("a") + col("b")).bound(to: batch.schema)
        #expect(sum.type == .decimal(precision: 6, scale: 2))
        #expect(values(try sum.evaluate(batch)) == [.decimal(12_355), .decimal(9_989)])
        let product = try (col("a") * col("b")).bound(to: batch.schema)
        #expect(product.type == .decimal(precision: 9, scale: 3))
        #expect(values(try product.evaluate(batch)) == [.decimal(12_345), .decimal(-999)])
        // 123.45 / 0.1 = 1234.5 at scale 6
        let quotient = try (col("a") / col("b")).bound(to: batch.schema)
        #expect(quotient.type == .decimal(precision: 38, scale: 6))
        #expect(values(try quotient.evaluate(batch)) == [.decimal(1_234_500_000), .decimal(-100)])
        // decimal with integer: 123.45 + 1
        #expect(try evaluate(col("a") + lit(1), batch) == [.decimal(12_445), .decimal(99)])
    }

    @Test func decimalOverflowBeyond38DigitsThrows() {
        let big = Int128(10).power(37)
        let batch = single(.decimal(precision: 38, scale: 0), [.decimal(big * 9)])
        #expect(throws: ExecutionError.self) { try evaluate(col("x") * col("x"), batch) }
        #expect(throws: ExecutionError.self) { try evaluate(col("x") + col("x"), batch) }
    }

    @Test func mixedDecimalAndFloatGivesFloat64() throws {
        let batch = single(.decimal(precision: 5, scale: 2), [.decimal(150)])
        #expect(try evaluate(col("x") * lit(2.0), batch) == [.float64(3.0)])
    }

    @Test func dateArithmeticAddsAndSubtractsDays() throws {
        let batch = single(.date32, [.days(2024, 2, 28), .null])
        #expect(try evaluate(col("x") + lit(2), batch) == [.days(2024, 3, 1), .null])
        #expect(try evaluate(col("x") - lit(59), batch) == [.days(2023, 12, 31), .null])
        let pair = makeBatch([
            ("a", makeColumn(.date32, [.days(2024, 3, 1)])), ("b", makeColumn(.date32, [.days(2023, 3, 1)])),
        ])
        #expect(try evaluate(col("a") - col("b"), pair) == [.int(366)])
    }

    @Test func randomizedIntegerArithmeticMatchesRowReference() throws {
        var generator = SeededGenerator(seed: 0xA417)
        for round in 0..<20 {
            let count = Int.random(in: 0...300, using: &generator)
            var a: [Value] = []
            var b: [Value] = []
            for _ in 0..<count {
                a.append(
                    Int.random(in: 0..<10, using: &generator) == 0
                        ? .null : .int(Int64.random(in: -1_000_000...1_000_000, using: &generator)))
                b.append(
                    Int.random(in: 0..<10, using: &generator) == 0
                        ? .null : .int(Int64.random(in: 1...1_000, using: &generator)))
            }
            let batch = makeBatch([("a", makeColumn(.int64, a)), ("b", makeColumn(.int32, b))])
            let expression = (col("a") * lit(3) - col("b")).integerDivided(by: col("b")) + col("a") % col("b")
            let expected: [Value] = zip(a, b).map { pair in
                guard case .int(let x) = pair.0, case .int(let y) = pair.1 else { return .null }
                return .int((x * 3 - y) / y + x % y)
            }
            #expect(try evaluate(expression, batch) == expected, "round \(round)")
        }
    }
}

/// Columns with nulls at chosen rows (their slots hold values that would fail if computed).
enum ColumnBuilderRow {
    static func int64(_ values: [Int64], nulls: Set<Int>) -> Column {
        let validity = Bitmap(values.indices.map { !nulls.contains($0) })
        return Column(type: .int64, values: .int64(values), validity: validity)
    }
}

extension Int128 {
    func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result *= self }
        return result
    }
}
