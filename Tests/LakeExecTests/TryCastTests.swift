import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct TryCastTests {
    @Test func valuesThatDoNotConvertBecomeNull() throws {
        let batch = single(.utf8, [.string("12"), .string("x"), .null, .string(" 7 "), .string("99999999999")])
        #expect(
            try evaluate(col("x").tryCast(to: .int32), batch) == [.int(12), .null, .null, .int(7), .null])
        #expect(throws: ExecutionError.invalidCast(value: "x", to: .int32)) {
            try evaluate(col("x").cast(to: .int32), batch)
        }
    }

    @Test func outOfRangeNumbersBecomeNullAndTheRestConvert() throws {
        let batch = single(.float64, [.float64(1.5), .float64(.nan), .float64(300), .float64(-2.5), .float64(1e30)])
        #expect(
            try evaluate(col("x").tryCast(to: .int8), batch) == [.int(2), .null, .null, .int(-3), .null])
        #expect(
            try evaluate(col("x").tryCast(to: .decimal(precision: 4, scale: 1)), batch)
                == [.decimal(15), .null, .decimal(3_000), .decimal(-25), .null])
    }

    @Test func matchesRowByRowCastsOnRandomText() throws {
        var generator = SeededGenerator(seed: 0x7C)
        let texts: [Value] = (0..<700).map { _ in
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: return .null
            case 1: return .string("n\(Int.random(in: 0..<9, using: &generator))")
            default: return .string(String(Int64.random(in: -40_000...40_000, using: &generator)))
            }
        }
        let batch = single(.utf8, texts)
        let expected: [Value] = texts.map { text in
            guard case .string(let string) = text, let number = Int16(string) else { return .null }
            return .int(Int64(number))
        }
        #expect(try evaluate(col("x").tryCast(to: .int16), batch) == expected)
    }

    @Test func undefinedCastsStillFailAtBinding() {
        let batch = single(.date32, [.days(2024, 1, 1)])
        #expect(throws: ExecutionError.typeMismatch("no cast from date32 to bool")) {
            try col("x").tryCast(to: .bool).bound(to: batch.schema)
        }
    }

    @Test func nullLiteralTakesTheTargetType() throws {
        let bound = try nullLiteral.tryCast(to: .date32).bound(to: Schema([]))
        #expect(bound.type == .date32)
    }
}
