import LakeColumnar
import LakeCore
import LakeExec
import Testing

@Suite struct StringFunctionTests {
    func call(_ function: ScalarFunction, _ arguments: Expression...) -> Expression { .function(function, arguments) }

    @Test func caseMappingHandlesAsciiAndUnicode() throws {
        let batch = single(.utf8, [.string("MiXed 123"), .string("ÉCOLE straße"), .null])
        #expect(try evaluate(call(.lower, col("x")), batch) == [.string("mixed 123"), .string("école straße"), .null])
        #expect(try evaluate(call(.upper, col("x")), batch) == [.string("MIXED 123"), .string("ÉCOLE STRASSE"), .null])
    }

    @Test func trimRemovesSpacesOnly() throws {
        let batch = single(.utf8, [.string("  a b  "), .string("   "), .string("\tx ")])
        #expect(try evaluate(call(.trim, col("x")), batch) == [.string("a b"), .string(""), .string("\tx")])
    }

    @Test func substringCountsCharactersFromOne() throws {
        let batch = single(.utf8, [.string("héllo"), .string("hi"), .null])
        #expect(
            try evaluate(call(.substring, col("x"), lit(2), lit(3)), batch) == [.string("éll"), .string("i"), .null])
        #expect(
            try evaluate(call(.substring, col("x"), lit(0), lit(3)), batch) == [.string("hé"), .string("hi"), .null])
        #expect(try evaluate(call(.substring, col("x"), lit(4)), batch) == [.string("lo"), .string(""), .null])
        #expect(try evaluate(call(.substring, col("x"), lit(-5), lit(3)), batch) == [.string(""), .string(""), .null])
        #expect(throws: ExecutionError.invalidArgument(function: "substring", reason: "negative length -1")) {
            try evaluate(call(.substring, col("x"), lit(1), lit(-1)), batch)
        }
    }

    @Test func concatSkipsNullsAndRendersNumbers() throws {
        let batch = makeBatch([
            ("a", makeColumn(.utf8, [.string("x"), .null])), ("n", makeColumn(.int32, [.int(1), .null])),
        ])
        #expect(try evaluate(call(.concat, col("a"), lit("-"), col("n")), batch) == [.string("x-1"), .string("-")])
    }

    @Test func lengthCountsCharactersOfTextAndBytesOfBinary() throws {
        #expect(
            try evaluate(call(.length, col("x")), single(.utf8, [.string("naïve"), .string("")])) == [.int(5), .int(0)])
        #expect(try evaluate(call(.length, col("x")), single(.binary, [.bytes([0xC3, 0xAF])])) == [.int(2)])
    }

    @Test func splitPartPicksFieldsFromEitherEnd() throws {
        let batch = single(.utf8, [.string("a,b,,c"), .string(""), .string("abc")])
        #expect(
            try evaluate(call(.splitPart, col("x"), lit(","), lit(2)), batch) == [
                .string("b"), .string(""), .string(""),
            ])
        #expect(
            try evaluate(call(.splitPart, col("x"), lit(","), lit(3)), batch) == [
                .string(""), .string(""), .string(""),
            ])
        #expect(
            try evaluate(call(.splitPart, col("x"), lit(","), lit(-1)), batch) == [
                .string("c"), .string(""), .string("abc"),
            ])
        #expect(
            try evaluate(call(.splitPart, col("x"), lit(","), lit(9)), batch) == [
                .string(""), .string(""), .string(""),
            ])
        #expect(
            throws: ExecutionError.invalidArgument(function: "split_part", reason: "field position must not be zero")
        ) {
            try evaluate(call(.splitPart, col("x"), lit(","), lit(0)), batch)
        }
    }

    @Test func likeMatchesWildcardsAndEscapes() throws {
        let texts: [Value] = [.string("abc"), .string("a_c"), .string("ac"), .string("héllo"), .string("100%"), .null]
        let batch = single(.utf8, texts)
        func like(_ pattern: String) throws -> [Value] { try evaluate(call(.like, col("x"), lit(pattern)), batch) }
        let t = Value.bool(true)
        let f = Value.bool(false)
        #expect(try like("a%") == [t, t, t, f, f, .null])
        #expect(try like("a_c") == [t, t, f, f, f, .null])
        #expect(try like("a\\_c") == [f, t, f, f, f, .null])
        #expect(try like("h_llo") == [f, f, f, t, f, .null])
        #expect(try like("%\\%") == [f, f, f, f, t, .null])
        #expect(try like("%") == [t, t, t, t, t, .null])
        #expect(try like("%b%") == [t, f, f, f, f, .null])
        #expect(throws: ExecutionError.invalidArgument(function: "like", reason: "pattern ends with an escape")) {
            try like("abc\\")
        }
    }

    @Test func likeAgreesWithABacktrackingReferenceOnRandomPatterns() throws {
        var generator = SeededGenerator(seed: 0x11CE)
        let alphabet: [Character] = ["a", "b", "é"]
        let patternAlphabet: [Character] = ["a", "b", "é", "%", "_"]
        for round in 0..<200 {
            let text = String(
                (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let pattern = String(
                (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                    patternAlphabet.randomElement(using: &generator)!
                })
            let result = try evaluate(call(.like, col("x"), lit(pattern)), single(.utf8, [.string(text)]))
            #expect(
                result == [.bool(referenceLike(Array(text), Array(pattern)))],
                "round \(round): '\(text)' LIKE '\(pattern)'")
        }
    }

    /// Character-level LIKE by recursion (no escapes).
    func referenceLike(_ text: [Character], _ pattern: [Character]) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        let rest = Array(pattern.dropFirst())
        switch head {
        case "%": return (0...text.count).contains { referenceLike(Array(text.dropFirst($0)), rest) }
        case "_": return !text.isEmpty && referenceLike(Array(text.dropFirst()), rest)
        default: return text.first == head && referenceLike(Array(text.dropFirst()), rest)
        }
    }
}

@Suite struct DateTimeFunctionTests {
    @Test func dateTruncRoundsTimestampsDown() throws {
        let batch = single(.timestamp(.microseconds, utc: true), [.micros(2024, 5, 15, 13, 47, 12, 345), .null])
        func trunc(_ unit: DateTruncUnit) throws -> Value {
            try evaluate(.function(.dateTrunc(unit), [col("x")]), batch)[0]
        }
        #expect(try trunc(.minute) == .micros(2024, 5, 15, 13, 47))
        #expect(try trunc(.hour) == .micros(2024, 5, 15, 13))
        #expect(try trunc(.day) == .micros(2024, 5, 15))
        #expect(try trunc(.week) == .micros(2024, 5, 13))
        #expect(try trunc(.month) == .micros(2024, 5, 1))
        #expect(try trunc(.quarter) == .micros(2024, 4, 1))
        #expect(try trunc(.year) == .micros(2024, 1, 1))
        #expect(try evaluate(.function(.dateTrunc(.day), [col("x")]), batch)[1] == .null)
    }

    @Test func dateTruncHandlesTimesBeforeTheEpochAndDates() throws {
        let before = single(.timestamp(.microseconds, utc: false), [.micros(1969, 12, 31, 23, 30)])
        #expect(try evaluate(.function(.dateTrunc(.hour), [col("x")]), before) == [.micros(1969, 12, 31, 23)])
        #expect(try evaluate(.function(.dateTrunc(.week), [col("x")]), before) == [.micros(1969, 12, 29)])
        let dates = single(.date32, [.days(2023, 1, 1), .days(1970, 1, 1)])
        #expect(
            try evaluate(.function(.dateTrunc(.week), [col("x")]), dates) == [.days(2022, 12, 26), .days(1969, 12, 29)])
        #expect(
            try evaluate(.function(.dateTrunc(.month), [col("x")]), dates) == [.days(2023, 1, 1), .days(1970, 1, 1)])
    }

    @Test func extractReadsCalendarAndClockFields() throws {
        let batch = single(.timestamp(.milliseconds, utc: true), [.int(1_709_213_655_250)])  // 2024-02-29 13:34:15.250 UTC
        func field(_ name: DateField) throws -> Value { try evaluate(.function(.extract(name), [col("x")]), batch)[0] }
        #expect(try field(.year) == .int(2024))
        #expect(try field(.quarter) == .int(1))
        #expect(try field(.month) == .int(2))
        #expect(try field(.day) == .int(29))
        #expect(try field(.hour) == .int(13))
        #expect(try field(.minute) == .int(34))
        #expect(try field(.second) == .int(15))
        #expect(try field(.millisecond) == .int(15_250))
        #expect(try field(.dayOfWeek) == .int(4))
        #expect(try field(.isoDayOfWeek) == .int(4))
        #expect(try field(.dayOfYear) == .int(60))
        #expect(try field(.epoch) == .int(1_709_213_655))
        let sunday = single(.date32, [.days(2024, 3, 3)])
        #expect(try evaluate(.function(.extract(.dayOfWeek), [col("x")]), sunday) == [.int(0)])
        #expect(try evaluate(.function(.extract(.isoDayOfWeek), [col("x")]), sunday) == [.int(7)])
        #expect(throws: ExecutionError.typeMismatch("extract(hour) needs a time or timestamp, got date32")) {
            try evaluate(.function(.extract(.hour), [col("x")]), sunday)
        }
    }

    @Test func unixSecondsBecomeUTCMicroseconds() throws {
        let ints = single(.int64, [.int(0), .int(-1), .null])
        let bound = try Expression.function(.fromUnixSeconds, [col("x")]).bound(to: ints.schema)
        #expect(bound.type == .timestamp(.microseconds, utc: true))
        #expect(values(try bound.evaluate(ints)) == [.int(0), .int(-1_000_000), .null])
        #expect(
            try evaluate(.function(.fromUnixSeconds, [col("x")]), single(.float64, [.float64(1.5)])) == [
                .int(1_500_000)
            ])
        #expect(throws: ExecutionError.arithmeticOverflow(operation: "to_timestamp(\(Int64.max))")) {
            try evaluate(.function(.fromUnixSeconds, [col("x")]), single(.int64, [.int(Int64.max)]))
        }
    }
}
