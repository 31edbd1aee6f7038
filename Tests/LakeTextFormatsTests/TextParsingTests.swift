import LakeColumnar
import LakeCore
import Testing

@testable import LakeTextFormats

@Suite struct TextParsingTests {
    private func parseDouble(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { TextNumberParsing.parseDouble($0) }
    }

    @Test func float64ParsingMatchesTheStandardLibraryOnSeededValues() {
        var generator = SeededGenerator(seed: 0xF10A7)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = value.description
            #expect(parseDouble(text)?.bitPattern == value.bitPattern, "\(text)")
        }
        for _ in 0..<20_000 {
            let mantissa = Int64.random(in: -99_999_999...99_999_999, using: &generator)
            let exponent = Int.random(in: -30...30, using: &generator)
            let text = "\(mantissa)e\(exponent)"
            #expect(parseDouble(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func float64ParsingHandlesLongMantissasAndExtremeExponents() {
        #expect(parseDouble("0.30000000000000000000000000001") == Double("0.30000000000000000000000000001"))
        #expect(parseDouble("123456789012345678901234567890") == 1.2345678901234568e29)
        #expect(parseDouble("1e-400") == 0)
        #expect(parseDouble("-1e-400")?.sign == .minus)
        #expect(parseDouble("0e999999999999") == 0)
        #expect(parseDouble("1e999999999999") == nil)
        #expect(parseDouble("1.7976931348623157e308") == .greatestFiniteMagnitude)
        #expect(parseDouble("1.7976931348623159e308") == nil)
        #expect(parseDouble("Infinity") == .infinity)
        #expect(parseDouble("-INF") == -.infinity)
        #expect(parseDouble("") == nil)
        #expect(parseDouble(".") == nil)
        #expect(parseDouble("1e5x") == nil)
    }

    @Test func timestampOffsetsShiftToUTC() throws {
        func parse(_ text: String) throws(ValueParseFailure) -> TextTemporalParsing.Timestamp {
            try Array(text.utf8).withUnsafeBufferPointer { (bytes) throws(ValueParseFailure) in
                try TextTemporalParsing.parseTimestamp(bytes)
            }
        }
        #expect(try parse("1970-01-01T00:00:00+0100").seconds == -3_600)
        #expect(try parse("1970-01-01T00:00:00-05").seconds == 18_000)
        #expect(try parse("1970-01-01t00:00z").isZoned)
        #expect(try parse("1970-01-01 00:00:00.5").nanoseconds == 500_000_000)
        #expect(throws: ValueParseFailure.self) { try parse("1970-01-01T00:00:00+1") }
        #expect(throws: ValueParseFailure.self) { try parse("1970-01-01T00:00:60") }
        #expect(throws: ValueParseFailure.self) { try parse("1970-01-01T00:00:00.") }
        #expect(throws: ValueParseFailure.self) { try parse("1970-01-01T00:00:00.1234567891") }
        #expect(throws: ValueParseFailure.self) { try parse("1970-13-01") }
    }

    @Test func utf8ValidationRejectsOverlongsSurrogatesAndTruncation() {
        func firstInvalid(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) }
        }
        #expect(firstInvalid(Array("plain ascii text, long enough for words".utf8)) == nil)
        #expect(firstInvalid(Array("é日🙂".utf8)) == nil)
        #expect(firstInvalid([0x61, 0xC0, 0x80]) == 1)  // overlong NUL
        #expect(firstInvalid([0xE0, 0x80, 0x80]) == 0)  // overlong
        #expect(firstInvalid([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(firstInvalid([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(firstInvalid([0x61, 0x62, 0xE6, 0x97]) == 2)  // truncated
        #expect(firstInvalid([0x80]) == 0)  // stray continuation
        // Agreement with the standard library on seeded byte strings.
        var generator = SeededGenerator(seed: 0x07F8)
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x80...0xF5, using: &generator) : UInt8(0x41)
            }
            let standard = String(validating: bytes, as: UTF8.self) != nil
            #expect((firstInvalid(bytes) == nil) == standard, "\(bytes)")
        }
    }

    @Test func schemaFieldListParsesTypesNullabilityAndQuotedNames() throws {
        let schema = try Schema(
            parsingFieldList:
                " id:int64 NOT NULL, name : utf8 ,price:decimal(10, 2),ts:timestamp(us,UTC) null,\"a:b\"\"\":date32")
        #expect(
            schema.fields == [
                Field("id", .int64, nullable: false), Field("name", .utf8),
                Field("price", .decimal(precision: 10, scale: 2)),
                Field("ts", .timestamp(.microseconds, utc: true)), Field("a:b\"", .date32),
            ])
        #expect(try Schema(parsingFieldList: schema.fieldListDescription) == schema)
        #expect(schema.fieldListDescription.hasPrefix("id:int64 not null,name:utf8,price:decimal(10,2)"))
    }

    @Test(arguments: [
        ("", "expected 'name:type'"),
        ("id", "expected 'name:type'"),
        (":int64", "empty field name"),
        ("id:int65", "unknown type 'int65'"),
        ("a:int64,a:utf8", "duplicate field name 'a'"),
        ("p:decimal(10,2", "unbalanced '('"),
        ("p:int64)", "unbalanced ')'"),
        ("\"open:int64", "never closed"),
        ("a:int64,", "expected 'name:type'"),
    ])
    func schemaFieldListErrorsSayWhatIsWrong(text: String, expected: String) {
        let error = textFormatError { _ = try Schema(parsingFieldList: text) }
        #expect(error?.source == "schema")
        #expect(error?.reason.contains(expected) == true, "\(error?.reason ?? "no error") for \(text)")
    }
}
