import LakeColumnar
import Testing

@testable import LakeTextFormats

/// Syntax edge cases of the JSON-lines parser, seen through one-line documents.
@Suite struct JSONScannerTests {
    private func error(_ line: String, options: JSONLinesOptions = JSONLinesOptions()) -> TextFormatError? {
        textFormatError { _ = try readJSONLines(line, options: options) }
    }

    @Test(arguments: [
        ("[1]", "expected a JSON object"),
        ("{\"a\" 1}", "expected ':'"),
        ("{\"a\": 1,}", "expected a member name"),
        ("{\"a\": 1} x", "after the end of the object"),
        ("{\"a\": tru}", "expected true"),
        ("{\"a\": 01}", "leading zeros"),
        ("{\"a\": -}", "digit after '-'"),
        ("{\"a\": 1.}", "digit after the decimal point"),
        ("{\"a\": 1e+}", "digit in its exponent"),
        ("{\"a\": \"x}", "never closed"),
        ("{\"a\": \"\\x\"}", "invalid escape"),
        ("{\"a\": \"\\u12\"}", "four hexadecimal digits"),
        ("{\"a\": \"\\ud800\"}", "not followed by a low"),
        ("{\"a\": \"\\ud800\\u0041\"}", "not a low surrogate"),
        ("{\"a\": \"\\udc00\"}", "lone low surrogate"),
        ("{\"a\": \"tab\there\"}", "control character"),
        ("{\"a\": [1 2]}", "expected ',' or ']'"),
        ("{\"a\": {\"b\": 1}", "expected ',' or '}'"),
        ("{\"a\": NaN}", "expected a value"),
        ("{\"a\": 'x'}", "expected a value"),
    ])
    func malformedJSONIsAnErrorWithItsReason(line: String, expected: String) {
        let failure = error(line)
        #expect(failure?.line == 1)
        #expect(failure?.column != nil)
        #expect(failure?.reason.contains(expected) == true, "\(failure?.reason ?? "no error") for \(line)")
    }

    @Test func errorColumnPointsAtTheOffendingByte() {
        #expect(error("{\"a\": 1, \"b\": x}")?.column == 15)
        #expect(error("{\"a\": \"\\q\"}")?.column == 8)
    }

    @Test func invalidUTF8InAStringIsAnError() {
        let bytes: [UInt8] = Array("{\"a\": \"x".utf8) + [0xC0, 0xAF] + Array("\"}".utf8)
        let failure = textFormatError { _ = try readJSONLines(bytes: bytes) }
        #expect(failure?.reason.contains("invalid UTF-8") == true)
        #expect(failure?.column == 9)
    }

    @Test func nestingUpToTheLimitIsAcceptedAndBeyondIsAnError() throws {
        let options = JSONLinesOptions(nestingDepthMax: 10)
        // The row object is level 1, so 9 arrays fit.
        let fits = "{\"a\": " + String(repeating: "[", count: 9) + String(repeating: "]", count: 9) + "}"
        #expect(
            try readJSONLines(fits, options: options).values("a") == [
                .text(String(repeating: "[", count: 9) + String(repeating: "]", count: 9))
            ])
        let tooDeep = "{\"a\": " + String(repeating: "[", count: 10) + String(repeating: "]", count: 10) + "}"
        #expect(error(tooDeep, options: options)?.reason.contains("deeper than 10 levels") == true)
    }

    @Test func deeplyNestedHostileInputFailsCleanly() {
        let hostile = "{\"a\": " + String(repeating: "[", count: 100_000)
        #expect(error(hostile)?.reason.contains("deeper than 64 levels") == true)
    }

    @Test func numbersEdgeCases() throws {
        let result = try readJSONLines(
            "{\"z\": -0, \"big\": 1e308, \"tiny\": 5e-324, \"neg\": -1.5E+2, \"min\": -9223372036854775808}")
        #expect(result.values("z") == [.int(0)])
        #expect(result.values("big") == [.float64(1e308)])
        #expect(result.values("tiny") == [.float64(5e-324)])
        #expect(result.values("neg") == [.float64(-150)])
        #expect(result.values("min") == [.int(.min)])
        // -0 as a float keeps its sign.
        let float = try readJSONLines("{\"x\": -0.0}")
        #expect(float.values("x") == [.float64(-0.0)])
    }

    @Test func whitespaceAroundTokensIsAllowed() throws {
        let result = try readJSONLines(" \t{ \"a\" :\t[ 1 , { } ] , \"b\" : null } \r\n")
        #expect(result.values("a") == [.text("[ 1 , { } ]")])
        #expect(result.values("b") == [.null])
    }
}
