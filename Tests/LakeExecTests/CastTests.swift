import LakeColumnar
import LakeExec
import Testing

@Suite struct CastTests {
    @Test func integerNarrowingChecksRange() throws {
        let batch = single(.int64, [.int(127), .int(-128), .null])
        #expect(try evaluate(col("x").cast(to: .int8), batch) == [.int(127), .int(-128), .null])
        #expect(throws: ExecutionError.invalidCast(value: "128", to: .int8)) {
            try evaluate((col("x") + lit(1)).cast(to: .int8), batch)
        }
        #expect(throws: ExecutionError.invalidCast(value: "-1", to: .uint64)) {
            try evaluate(lit(-1).cast(to: .uint64), single(.int8, [.int(0)]))
        }
    }

    @Test func floatToIntegerRoundsHalfAwayFromZeroAndRejectsNaN() throws {
        let batch = single(.float64, [.float64(2.5), .float64(-2.5), .float64(1.49)])
        #expect(try evaluate(col("x").cast(to: .int32), batch) == [.int(3), .int(-3), .int(1)])
        #expect(throws: ExecutionError.invalidCast(value: "nan", to: .int64)) {
            try evaluate(col("x").cast(to: .int64), single(.float64, [.float64(.nan)]))
        }
        #expect(throws: ExecutionError.invalidCast(value: "1e+30", to: .int64)) {
            try evaluate(col("x").cast(to: .int64), single(.float64, [.float64(1e30)]))
        }
    }

    @Test func decimalRescalingRoundsAndChecksPrecision() throws {
        let batch = single(.decimal(precision: 6, scale: 3), [.decimal(1_235), .decimal(-1_235), .decimal(999_999)])
        #expect(
            try evaluate(col("x").cast(to: .decimal(precision: 6, scale: 2)), batch) == [
                .decimal(124), .decimal(-124), .decimal(100_000),
            ])
        #expect(throws: ExecutionError.invalidCast(value: "999.999", to: .decimal(precision: 5, scale: 2))) {
            try evaluate(col("x").cast(to: .decimal(precision: 5, scale: 2)), batch)
        }
        #expect(try evaluate(col("x").cast(to: .int64), batch) == [.int(1), .int(-1), .int(1_000)])
        #expect(
            try evaluate(col("x").cast(to: .float64), batch) == [.float64(1.235), .float64(-1.235), .float64(999.999)])
        #expect(
            try evaluate(lit(2.345).cast(to: .decimal(precision: 5, scale: 2)), single(.int8, [.int(0)])) == [
                .decimal(235)
            ])
    }

    @Test func textParsesIntoEveryFlatType() throws {
        let batch = single(.utf8, [.string(" 42 ")])
        #expect(try evaluate(col("x").cast(to: .int16), batch) == [.int(42)])
        #expect(try evaluate(col("x").cast(to: .float64), batch) == [.float64(42)])
        #expect(try evaluate(col("x").cast(to: .decimal(precision: 5, scale: 1)), batch) == [.decimal(420)])
        let text = makeBatch([
            ("d", makeColumn(.utf8, [.string("2024-02-29")])),
            ("t", makeColumn(.utf8, [.string("2024-02-29T13:14:15.5Z")])),
            ("b", makeColumn(.utf8, [.string("yes")])),
            ("m", makeColumn(.utf8, [.string("-12.345")])),
            ("f", makeColumn(.utf8, [.string("NaN")])),
        ])
        #expect(try evaluate(col("d").cast(to: .date32), text) == [.days(2024, 2, 29)])
        #expect(
            try evaluate(col("t").cast(to: .timestamp(.microseconds, utc: true)), text) == [
                .micros(2024, 2, 29, 13, 14, 15, 500_000)
            ])
        #expect(try evaluate(col("b").cast(to: .bool), text) == [.bool(true)])
        #expect(try evaluate(col("m").cast(to: .decimal(precision: 6, scale: 2)), text) == [.decimal(-1_235)])
        #expect(
            try evaluate(col("f").cast(to: .float64), text).first.map { value in
                if case .float64(let number) = value { return number.isNaN }
                return false
            } == true)
    }

    @Test func badTextThrowsInvalidCastNamingTheValue() {
        #expect(throws: ExecutionError.invalidCast(value: "12x", to: .int64)) {
            try evaluate(col("x").cast(to: .int64), single(.utf8, [.string("12x")]))
        }
        #expect(throws: ExecutionError.invalidCast(value: "2023-02-29", to: .date32)) {
            try evaluate(col("x").cast(to: .date32), single(.utf8, [.string("2023-02-29")]))
        }
        #expect(throws: ExecutionError.invalidCast(value: "300", to: .uint8)) {
            try evaluate(col("x").cast(to: .uint8), single(.utf8, [.string("300")]))
        }
        #expect(throws: ExecutionError.invalidCast(value: "maybe", to: .bool)) {
            try evaluate(col("x").cast(to: .bool), single(.utf8, [.string("maybe")]))
        }
    }

    @Test func valuesRenderAsText() throws {
        let batch = makeBatch([
            ("i", makeColumn(.int32, [.int(-7)])),
            ("d", makeColumn(.decimal(precision: 5, scale: 2), [.decimal(-5)])),
            ("day", makeColumn(.date32, [.days(1969, 12, 31)])),
            ("b", makeColumn(.bool, [.bool(false)])),
        ])
        #expect(try evaluate(col("i").cast(to: .utf8), batch) == [.string("-7")])
        #expect(try evaluate(col("d").cast(to: .utf8), batch) == [.string("-0.05")])
        #expect(try evaluate(col("day").cast(to: .utf8), batch) == [.string("1969-12-31")])
        #expect(try evaluate(col("b").cast(to: .utf8), batch) == [.string("false")])
    }

    @Test func temporalCastsFloorTowardsThePast() throws {
        let batch = single(.timestamp(.microseconds, utc: false), [.micros(1969, 12, 31, 23, 59, 59, 999_999)])
        #expect(try evaluate(col("x").cast(to: .date32), batch) == [.days(1969, 12, 31)])
        #expect(try evaluate(col("x").cast(to: .timestamp(.milliseconds, utc: false)), batch) == [.int(-1)])
        #expect(try evaluate(col("x").cast(to: .time(.milliseconds)), batch) == [.int(86_399_999)])
        let dates = single(.date32, [.days(2000, 1, 2)])
        #expect(try evaluate(col("x").cast(to: .timestamp(.milliseconds, utc: true)), dates) == [.int(946_771_200_000)])
    }

    @Test func unsupportedCastsFailAtBinding() {
        #expect(throws: ExecutionError.typeMismatch("no cast from date32 to int64")) {
            try col("x").cast(to: .int64).bound(to: single(.date32, []).schema)
        }
    }
}
