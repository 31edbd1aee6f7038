import LakeColumnar
import Testing

@testable import LakeTextFormats

@Suite struct JSONLinesReaderTests {
    @Test func columnsAreTheUnionOfSampledKeysInFirstSeenOrder() throws {
        let text = """
            {"b": 1, "a": "x"}

            {"c": true, "a": "y"}
            {}
            """
        let result = try readJSONLines(text)
        #expect(result.schema.fields.map(\.name) == ["b", "a", "c"])
        #expect(result.values("b") == [.int(1), .null, .null])
        #expect(result.values("a") == [.text("x"), .text("y"), .null])
        #expect(result.values("c") == [.null, .bool(true), .null])
    }

    @Test func infersNumbersStringsAndTemporalStrings() throws {
        let text = """
            {"i": 1, "f": 1, "s": "2024-01-01", "t": "2024-01-01T00:00:00Z", "d": "2024-01-01", "n": null}
            {"i": -0, "f": 2.5, "s": "later", "t": "2024-01-01T00:00:01+00:00", "d": "2024-01-02", "n": null}
            """
        let result = try readJSONLines(text)
        #expect(result.type("i") == .int64)
        #expect(result.type("f") == .float64)
        #expect(result.type("s") == .utf8)
        #expect(result.type("t") == .timestamp(.microseconds, utc: true))
        #expect(result.type("d") == .date32)
        #expect(result.type("n") == .utf8)
        #expect(result.values("i") == [.int(1), .int(0)])
        #expect(result.values("f") == [.float64(1), .float64(2.5)])
        #expect(result.values("t") == [.int(micros(2024, 1, 1)), .int(micros(2024, 1, 1, 0, 0, 1))])
    }

    @Test func numericStringsStayStrings() throws {
        let result = try readJSONLines(#"{"zip": "01234"}\#n{"zip": "5"}"#)
        #expect(result.type("zip") == .utf8)
    }

    @Test func integersBeyondInt64InferFloat64() throws {
        let result = try readJSONLines(#"{"n": 1}\#n{"n": 123456789012345678901234}"#)
        #expect(result.type("n") == .float64)
        #expect(result.values("n") == [.float64(1), .float64(1.2345678901234568e23)])
    }

    @Test func mixedKindsAndNestedValuesBecomeText() throws {
        let text = """
            {"m": 1, "o": {"k": [1, 2, {"x": null}]}, "a": [], "b": true}
            {"m": "one", "o": null, "a": [ "s" ], "b": 2}
            """
        let result = try readJSONLines(text)
        #expect(result.type("m") == .utf8)
        #expect(result.values("m") == [.text("1"), .text("one")])
        #expect(result.values("o") == [.text(#"{"k": [1, 2, {"x": null}]}"#), .null])
        #expect(result.values("a") == [.text("[]"), .text(#"[ "s" ]"#)])
        #expect(result.values("b") == [.text("true"), .text("2")])
    }

    @Test func stringEscapesAndSurrogatePairsDecode() throws {
        let text = #"{"s": "q\"b\\s\/n\nt\tu\u00e9\ud83d\ude00\u0000", "k\u0061y": 1}"#
        let result = try readJSONLines(text)
        #expect(result.values("s") == [.text("q\"b\\s/n\nt\tué😀\u{0}")])
        #expect(result.schema.fields.map(\.name) == ["s", "kay"])
    }

    @Test func escapedKeysMatchColumnsAfterTheSample() throws {
        let text = "{\"kay\": 1}\n{\"k\\u0061y\": 2}\n"
        let result = try readJSONLines(text, options: JSONLinesOptions(inferenceRowsMax: 1))
        #expect(result.values("kay") == [.int(1), .int(2)])
    }

    @Test func unknownKeyAfterTheSampleIsAnErrorUnlessIgnored() throws {
        let text = "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3, \"extra\": {\"deep\": 1}}\n"
        let error = textFormatError { _ = try readJSONLines(text, options: JSONLinesOptions(inferenceRowsMax: 2)) }
        #expect(error?.line == 3)
        #expect(error?.column == 10)
        #expect(error?.field == "extra")
        #expect(error?.reason.contains("key 'extra' is not a column") == true)
        let ignoring = try readJSONLines(text, options: JSONLinesOptions(inferenceRowsMax: 2, unknownKeys: .ignore))
        #expect(ignoring.values("a") == [.int(1), .int(2), .int(3)])
    }

    @Test func completeSchemaReadsNoSampleAndRejectsOtherKeys() throws {
        let schema = Schema([Field("a", .int64)])
        let options = JSONLinesOptions(schemaIsComplete: true)
        let error = textFormatError { _ = try readJSONLines("{\"a\": 1, \"b\": 2}", options: options, schema: schema) }
        #expect(error?.reason.contains("it is not in the schema;") == true)
        var ignoring = options
        ignoring.unknownKeys = .ignore
        let result = try readJSONLines("{\"a\": 1, \"b\": 2}", options: ignoring, schema: schema)
        #expect(result.schema == schema)
        #expect(result.values("a") == [.int(1)])
    }

    @Test func typeConflictAfterTheSampleSuggestsASchema() {
        let text = "{\"n\": 1}\n{\"n\": 2}\n{\"n\": \"two\"}\n"
        let error = textFormatError { _ = try readJSONLines(text, options: JSONLinesOptions(inferenceRowsMax: 2)) }
        #expect(error?.line == 3)
        #expect(error?.column == 7)
        #expect(error?.reason.contains("value \"\\\"two\\\"\"") == true)
        #expect(error?.reason.contains("--schema 'n:utf8'") == true)
    }

    @Test func duplicateKeysAreAnError() {
        let error = textFormatError { _ = try readJSONLines("{\"a\": 1, \"a\": 2}") }
        #expect(error?.line == 1)
        #expect(error?.reason.contains("appears twice") == true)
    }

    @Test func givenSchemaParsesStringsAndNumbersIntoEveryType() throws {
        let schema = try Schema(
            parsingFieldList: "i8:int8,u:uint32,f:float32,d:decimal(6,3),ts:timestamp(ms,UTC),day:date32,t:time(us),"
                + "bin:binary,fix:fixed_size_binary(1),flag:bool,txt:utf8")
        let first = """
            {"i8": -5, "u": "7", "f": 0.5, "d": 1.25, "ts": 1700000000000, "day": 19000, "t": 1, "bin": "0aff", \
            "fix": "7f", "flag": "yes", "txt": 12}
            """
        let second = """
            {"i8": null, "u": 8, "f": "1e3", "d": "-2", "ts": "2024-01-01T00:00:00Z", "day": "2024-01-01", \
            "t": "00:00:01", "bin": "", "fix": "00", "flag": false, "txt": [1]}
            """
        let text = first + "\n" + second
        let result = try readJSONLines(text, options: JSONLinesOptions(schemaIsComplete: true), schema: schema)
        #expect(result.values("i8") == [.int(-5), .null])
        #expect(result.values("u") == [.uint(7), .uint(8)])
        #expect(result.values("f") == [.float32(0.5), .float32(1_000)])
        #expect(result.values("d") == [.decimal(1_250), .decimal(-2_000)])
        #expect(result.values("ts") == [.int(1_700_000_000_000), .int(micros(2024, 1, 1) / 1_000)])
        #expect(result.values("day") == [.int(19_000), .int(days(2024, 1, 1))])
        #expect(result.values("t") == [.int(1), .int(1_000_000)])
        #expect(result.values("bin") == [.bytes([0x0A, 0xFF]), .bytes([])])
        #expect(result.values("fix") == [.bytes([0x7F]), .bytes([0])])
        #expect(result.values("flag") == [.bool(true), .bool(false)])
        #expect(result.values("txt") == [.text("12"), .text("[1]")])
    }

    @Test func numbersThatDoNotFitTheirColumnAreErrors() {
        let int = Schema([Field("n", .int64)])
        #expect(
            textFormatError { _ = try readJSONLines(#"{"n": 1.5}"#, schema: int) }?.reason.contains(
                "does not parse as int64") == true)
        #expect(textFormatError { _ = try readJSONLines(#"{"n": 1e3}"#, schema: int) } != nil)
        let float = Schema([Field("x", .float64)])
        let overflow = textFormatError { _ = try readJSONLines(#"{"x": 1e400}"#, schema: float) }
        #expect(overflow?.reason.contains("out of range for float64") == true)
        #expect(overflow?.column == 7)
        let nested = textFormatError { _ = try readJSONLines(#"{"x": {"a": 1}}"#, schema: float) }
        #expect(nested?.reason.contains("only a utf8 column") == true)
    }

    @Test func inferredFloatColumnRejectsOverflowingLiterals() {
        let error = textFormatError { _ = try readJSONLines("{\"x\": 1e308}\n{\"x\": 1e400}\n") }
        #expect(error?.line == 2)
        #expect(error?.reason.contains("out of range for float64") == true)
    }

    @Test func missingKeyInANonNullableColumnIsAnError() {
        let schema = Schema([Field("id", .int64, nullable: false)])
        let error = textFormatError { _ = try readJSONLines("{\"id\": 1}\n{}\n", schema: schema) }
        #expect(error?.line == 2)
        #expect(error?.reason.contains("missing") == true)
    }

    @Test func schemaFieldsComeFirstThenSampledKeys() throws {
        let schema = Schema([Field("z", .int16)])
        let result = try readJSONLines("{\"a\": \"x\", \"z\": 3}\n", schema: schema)
        #expect(result.schema.fields.map(\.name) == ["z", "a"])
        #expect(result.values("z") == [.int(3)])
    }

    @Test func emptyInputHasNoColumnsAndNoBatches() throws {
        let result = try readJSONLines("\n  \n")
        #expect(result.schema.fields.isEmpty)
        #expect(result.batches.isEmpty)
    }

    @Test(arguments: [1, 2, 3, 7, 1 << 20])
    func everyReadChunkSizeGivesTheSameResult(chunkBytes: Int) throws {
        let text = "{\"a\": 1, \"s\": \"x\\u00e9\"}\r\n\n{\"a\": 2, \"s\": \"é\"}\n{\"s\": null}"
        let reference = try readJSONLines(text)
        let chunked = try readJSONLines(text, options: JSONLinesOptions(readChunkBytes: chunkBytes))
        #expect(chunked.schema == reference.schema)
        #expect(chunked.batches == reference.batches)
        #expect(reference.values("s") == [.text("xé"), .text("é"), .null])
    }
}
