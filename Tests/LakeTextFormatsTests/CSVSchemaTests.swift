import LakeColumnar
import Testing

@testable import LakeTextFormats

@Suite struct CSVSchemaTests {
    /// One column of `type` read from `texts` (one per row).
    private func column(
        _ type: DataType, _ texts: [String], binary: BinaryTextEncoding = .hex
    ) throws(TextFormatError)
        -> [Value]
    {
        let text = "v\n" + texts.map { "\"\($0.replacing("\"", with: "\"\""))\"\n" }.joined()
        return try readCSV(text, options: CSVOptions(binaryEncoding: binary), schema: Schema([Field("v", type)]))
            .values("v")
    }

    private func failure(_ type: DataType, _ text: String) -> String? {
        textFormatError { _ = try column(type, [text]) }?.reason
    }

    @Test func parsesBooleans() throws {
        #expect(
            try column(.bool, ["true", "F", "yes", "NO", "1", "0", "t"]) == [
                .bool(true), .bool(false), .bool(true), .bool(false), .bool(true), .bool(false), .bool(true),
            ])
        #expect(failure(.bool, "maybe")?.contains("does not parse as bool") == true)
    }

    @Test func parsesSignedIntegersOfEveryWidthWithRangeChecks() throws {
        #expect(try column(.int8, ["-128", "127", "+5", "007"]) == [.int(-128), .int(127), .int(5), .int(7)])
        #expect(try column(.int16, ["-32768", "32767"]) == [.int(-32_768), .int(32_767)])
        #expect(try column(.int32, ["-2147483648", "2147483647"]) == [.int(-2_147_483_648), .int(2_147_483_647)])
        #expect(try column(.int64, ["-9223372036854775808"]) == [.int(.min)])
        #expect(failure(.int8, "128")?.contains("out of range for int8") == true)
        #expect(failure(.int16, "-32769")?.contains("out of range for int16") == true)
        #expect(failure(.int32, "2147483648")?.contains("out of range for int32") == true)
        #expect(failure(.int64, "9223372036854775808")?.contains("out of range for int64") == true)
        #expect(failure(.int64, "1.0")?.contains("does not parse as int64") == true)
        #expect(failure(.int64, " 1")?.contains("does not parse") == true)
    }

    @Test func parsesUnsignedIntegersOfEveryWidth() throws {
        #expect(try column(.uint8, ["0", "255"]) == [.uint(0), .uint(255)])
        #expect(try column(.uint16, ["65535"]) == [.uint(65_535)])
        #expect(try column(.uint32, ["4294967295"]) == [.uint(4_294_967_295)])
        #expect(try column(.uint64, ["18446744073709551615"]) == [.uint(.max)])
        #expect(failure(.uint8, "256")?.contains("out of range for uint8") == true)
        #expect(failure(.uint64, "18446744073709551616")?.contains("out of range for uint64") == true)
        #expect(failure(.uint32, "-1") != nil)
    }

    @Test func parsesFloatsCorrectlyRounded() throws {
        #expect(
            try column(.float64, ["0.1", "-2.5e-3", "1e308", ".5", "5.", "-0"]) == [
                .float64(0.1), .float64(-0.0025), .float64(1e308), .float64(0.5), .float64(5), .float64(-0.0),
            ])
        #expect(
            try column(.float32, ["0.1", "3.4028235e38", "-inf"]) == [
                .float32(0.1), .float32(.greatestFiniteMagnitude), .float32(-.infinity),
            ])
        #expect(failure(.float64, "1e400")?.contains("out of range for float64") == true)
        #expect(failure(.float32, "1e39")?.contains("out of range for float32") == true)
        #expect(failure(.float64, "1e")?.contains("does not parse") == true)
        #expect(failure(.float64, "0x1p3")?.contains("does not parse") == true)
    }

    @Test func parsesDecimalsIntoUnscaledIntegersWithoutRounding() throws {
        let type = DataType.decimal(precision: 5, scale: 2)
        #expect(
            try column(type, ["123.45", "-0.5", "7", "+1.", "999.99", "1.230", ".01"]) == [
                .decimal(12_345), .decimal(-50), .decimal(700), .decimal(100), .decimal(99_999), .decimal(123),
                .decimal(1),
            ])
        #expect(failure(type, "1.234")?.contains("more than 2 digits after the decimal point") == true)
        #expect(failure(type, "1000")?.contains("more than 3 digits before the decimal point") == true)
        #expect(failure(type, "1e3")?.contains("does not parse as decimal(5,2)") == true)
        #expect(failure(type, "-")?.contains("does not parse") == true)
        let widest = DataType.decimal(precision: 38, scale: 0)
        let nines = String(repeating: "9", count: 38)
        #expect(try column(widest, [nines, "-" + nines]) == [.decimal(Int128(nines)!), .decimal(-Int128(nines)!)])
        #expect(failure(widest, nines + "9") != nil)
    }

    @Test func parsesTextAndBinaryInBothEncodings() throws {
        #expect(try column(.utf8, ["", "a\"b"]) == [.text(""), .text("a\"b")])
        #expect(
            try column(.binary, ["00ff10", "", "ABcd"]) == [.bytes([0, 255, 16]), .bytes([]), .bytes([0xAB, 0xCD])])
        #expect(try column(.binary, ["hi\""], binary: .raw) == [.bytes(Array("hi\"".utf8))])
        #expect(try column(.fixedSizeBinary(width: 2), ["0102"]) == [.bytes([1, 2])])
        #expect(try column(.fixedSizeBinary(width: 2), ["ab"], binary: .raw) == [.bytes([0x61, 0x62])])
        #expect(failure(.binary, "abc")?.contains("odd number") == true)
        #expect(failure(.binary, "zz")?.contains("not hexadecimal") == true)
        #expect(failure(.fixedSizeBinary(width: 2), "010203")?.contains("exactly 2") == true)
    }

    @Test func parsesDatesAndTimesOfEveryUnit() throws {
        #expect(
            try column(.date32, ["1970-01-01", "2000-02-29", "0001-01-01", "9999-12-31"]) == [
                .int(0), .int(days(2000, 2, 29)), .int(-719_162), .int(2_932_896),
            ])
        #expect(failure(.date32, "2023-02-29")?.contains("not a valid calendar date") == true)
        #expect(failure(.date32, "2023-1-1")?.contains("does not parse as date32") == true)
        #expect(try column(.time(.milliseconds), ["00:00", "23:59:59.999"]) == [.int(0), .int(86_399_999)])
        #expect(try column(.time(.microseconds), ["12:00:00.000001"]) == [.int(43_200_000_001)])
        #expect(try column(.time(.nanoseconds), ["00:00:00.123456789"]) == [.int(123_456_789)])
        #expect(failure(.time(.milliseconds), "00:00:00.0001")?.contains("finer than the column's unit") == true)
        #expect(failure(.time(.microseconds), "24:00:00")?.contains("not a valid time of day") == true)
    }

    @Test func parsesTimestampsOfEveryUnitWithAndWithoutZone() throws {
        let text = "2024-01-01T00:00:01.5+02:00"
        let utcSeconds = micros(2023, 12, 31, 22, 0, 1) / 1_000_000
        #expect(try column(.timestamp(.milliseconds, utc: true), [text]) == [.int(utcSeconds * 1_000 + 500)])
        #expect(try column(.timestamp(.microseconds, utc: true), [text]) == [.int(utcSeconds * 1_000_000 + 500_000)])
        #expect(
            try column(.timestamp(.nanoseconds, utc: true), [text]) == [.int(utcSeconds * 1_000_000_000 + 500_000_000)])
        // Unzoned text in a UTC column is taken as UTC; a bare date is midnight.
        #expect(
            try column(.timestamp(.microseconds, utc: true), ["2024-01-01 00:00:00", "2024-01-01"]) == [
                .int(micros(2024, 1, 1)), .int(micros(2024, 1, 1)),
            ])
        #expect(try column(.timestamp(.milliseconds, utc: false), ["1969-12-31T23:59:59.999"]) == [.int(-1)])
        #expect(failure(.timestamp(.microseconds, utc: false), "2024-01-01T00:00:00Z")?.contains("zone") == true)
        #expect(failure(.timestamp(.milliseconds, utc: true), "2024-01-01T00:00:00.0001Z")?.contains("finer") == true)
        #expect(failure(.timestamp(.nanoseconds, utc: true), "2300-01-01T00:00:00Z")?.contains("out of range") == true)
        #expect(failure(.timestamp(.microseconds, utc: true), "2024-01-01T00:00:00+24:00")?.contains("zone") == true)
    }

    @Test func givenSchemaMatchesHeaderNamesInAnyOrderAndInfersTheRest() throws {
        let schema = try Schema(parsingFieldList: "price:decimal(10,2),id:int32 not null")
        let result = try readCSV("id,name,price\n1,a,1.50\n2,b,2\n", schema: schema)
        #expect(
            result.schema.fields == [
                Field("id", .int32, nullable: false), Field("name", .utf8),
                Field("price", .decimal(precision: 10, scale: 2)),
            ])
        #expect(result.values("price") == [.decimal(150), .decimal(200)])
    }

    @Test func givenSchemaAppliesByPositionWithoutHeader() throws {
        let schema = Schema([Field("id", .uint16), Field("flag", .bool)])
        let result = try readCSV("1,yes,x\n2,no,y\n", options: CSVOptions(hasHeader: false), schema: schema)
        #expect(result.schema.fields.map(\.name) == ["id", "flag", "column3"])
        #expect(result.values("flag") == [.bool(true), .bool(false)])
        let clashing = Schema([Field("column2", .int64)])
        let renamed = try readCSV("1,2\n", options: CSVOptions(hasHeader: false), schema: clashing)
        #expect(renamed.schema.fields.map(\.name) == ["column2", "column2_"])
        let tooMany = Schema([Field("a", .int64), Field("b", .int64), Field("c", .int64)])
        #expect(
            textFormatError { _ = try readCSV("1,2\n", options: CSVOptions(hasHeader: false), schema: tooMany) } != nil)
    }

    @Test func schemaWithADuplicateNameIsRejected() {
        let schema = Schema([Field("a", .int64), Field("a", .utf8)])
        #expect(textFormatError { _ = try readCSV("a\n1\n", schema: schema) }?.reason.contains("twice") == true)
        #expect(textFormatError { _ = try readJSONLines("{}", schema: schema) }?.reason.contains("twice") == true)
    }

    @Test func emptyInputWithASchemaHasNoRows() throws {
        let schema = Schema([Field("a", .int64)])
        let result = try readCSV("", schema: schema)
        #expect(result.schema == schema)
        #expect(result.batches.isEmpty)
    }

    @Test func valueErrorOfAGivenTypeDoesNotSuggestInference() {
        let error = textFormatError { _ = try readCSV("a\nx\n", schema: Schema([Field("a", .int64)])) }
        #expect(error?.reason == "column 'a': value \"x\" does not parse as int64")
    }
}
