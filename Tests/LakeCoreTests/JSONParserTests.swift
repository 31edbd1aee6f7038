import LakeCore
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String, options: JSONParser.Options = JSONParser.Options()) throws -> JSONValue {
        try JSONParser.parse(text, options: options)
    }

    private func syntaxError(_ text: String) -> (line: Int, column: Int, reason: String)? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            guard case .syntax(let line, let column, let reason) = error else { return nil }
            return (line, column, reason)
        }
    }

    // MARK: RFC 8259 examples

    @Test func parsesTheImageObjectOfRFC8259Section13() throws {
        let text = """
            {
                  "Image": {
                      "Width":  800,
                      "Height": 600,
                      "Title":  "View from 15th Floor",
                      "Thumbnail": {
                          "Url":    "http://www.example.com/image/481989943",
                          "Height": 125,
                          "Width":  100
                      },
                      "Animated" : false,
                      "IDs": [116, 943, 234, 38793]
                    }
                }
            """
        let image = try #require(try parse(text)["Image"])
        #expect(image["Width"] == .int64(800))
        #expect(image["Title"] == "View from 15th Floor")
        #expect(image["Thumbnail"]?["Url"] == "http://www.example.com/image/481989943")
        #expect(image["Animated"] == false)
        #expect(image["IDs"] == [116, 943, 234, 38793])
        #expect(image.objectValue?.keys == ["Width", "Height", "Title", "Thumbnail", "Animated", "IDs"])
    }

    @Test func parsesTheArrayOfRFC8259Section13() throws {
        let text = """
            [
                    {
                       "precision": "zip",
                       "Latitude":  37.7668,
                       "Longitude": -122.3959,
                       "Address":   "",
                       "City":      "SAN FRANCISCO",
                       "State":     "CA",
                       "Zip":       "94107",
                       "Country":   "US"
                    },
                    {
                       "precision": "zip",
                       "Latitude":  37.371991,
                       "Longitude": -122.026020,
                       "Address":   "",
                       "City":      "SUNNYVALE",
                       "State":     "CA",
                       "Zip":       "94085",
                       "Country":   "US"
                    }
            ]
            """
        let places = try #require(try parse(text).arrayValue)
        #expect(places.count == 2)
        #expect(places[0]["Latitude"] == .double(37.7668))
        #expect(places[1]["Longitude"] == .double(-122.026020))
        #expect(places[1]["City"] == "SUNNYVALE")
    }

    @Test func parsesTopLevelScalarsOfRFC8259Section13() throws {
        #expect(try parse("\"Hello world!\"") == "Hello world!")
        #expect(try parse("42") == 42)
        #expect(try parse("true") == true)
        #expect(try parse(" \t\r\n null \n") == .null)
    }

    // MARK: Numbers

    @Test func integersKeepInt64ExtremesExact() throws {
        #expect(try parse("9223372036854775807") == .int64(.max))
        #expect(try parse("-9223372036854775808") == .int64(.min))
        #expect(try parse("-9223372036854775807") == .int64(.min + 1))
        #expect(try parse("0") == .int64(0))
        #expect(try parse("-0") == .int64(0))
        #expect(try parse("1700000000000").int64Value == 1_700_000_000_000)
    }

    @Test func integersAboveInt64BecomeUInt64ThenDouble() throws {
        #expect(try parse("9223372036854775808") == .number(.uint64(9_223_372_036_854_775_808)))
        #expect(try parse("18446744073709551615") == .number(.uint64(.max)))
        #expect(try parse("18446744073709551616") == .double(18446744073709551616.0))
        #expect(try parse("-9223372036854775809") == .double(-9223372036854775809.0))
        #expect(try parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
    }

    @Test func fractionsAndExponentsAreDoubles() throws {
        #expect(try parse("1.0") == .double(1))
        #expect(try parse("1e2") == .double(100))
        #expect(try parse("1E+2") == .double(100))
        #expect(try parse("-2.5e-3") == .double(-0.0025))
        #expect(try parse("0.1") == .double(0.1))
        #expect(try parse("1.0").int64Value == nil)
        #expect(try parse("1.0").doubleValue == 1)
    }

    @Test func doublesAtTheEdgesOfTheRangeAreExact() throws {
        #expect(try parse("1e308") == .double(1e308))
        #expect(try parse("1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
        #expect(try parse("5e-324") == .double(.leastNonzeroMagnitude))
        #expect(try parse("2.2250738585072014e-308") == .double(.leastNormalMagnitude))
        #expect(try parse("1e-400") == .double(0))
        let negativeZero = try #require(try parse("-0.0").doubleValue)
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        // Beyond Clinger's fast path: 17 significant digits, large exponents, many digits.
        #expect(try parse("9007199254740993") == .int64(9_007_199_254_740_993))
        #expect(try parse("9007199254740993.0") == .double(9_007_199_254_740_992))
        #expect(try parse("2.2250738585072011e-308") == .double(Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)))
        #expect(try parse("123456.789e20") == .double(1.23456789e25))
        #expect(try parse("0.000000000000000000000000000001") == .double(1e-30))
        #expect(try parse("3.14159265358979323846264338327950288") == .double(.pi))
    }

    @Test(arguments: ["1e309", "-1e309", "1e400", "2e308", "1e99999999999999999999"])
    func doublesOverflowingToInfinityAreErrors(_ text: String) {
        #expect(syntaxError(text)?.reason == "number is out of the range of a double")
        #expect(syntaxError(text)?.column == 1)
    }

    @Test(arguments: [
        ("01", 1), ("-01", 1), ("-", 2), ("1.", 3), (".5", 1), ("+1", 1), ("1e", 3), ("1e+", 4), ("1.e3", 3),
        ("-a", 2), ("0x10", 2), ("1.5.", 4), ("Infinity", 1), ("NaN", 1), ("-Infinity", 2), ("00", 1),
    ])
    func malformedNumbersAreRejectedAtTheRightColumn(_ text: String, column: Int) {
        #expect(syntaxError(text)?.column == column, "\(text)")
    }

    // MARK: Strings

    @Test func everyEscapeDecodes() throws {
        let text = #""\" \\ \/ \b \f \n \r \t \u0000 \u001F \u00e9 \u20AC \uFFFF""#
        #expect(try parse(text) == .string("\" \\ / \u{8} \u{C} \n \r \t \u{0} \u{1F} é € \u{FFFF}"))
    }

    @Test func surrogatePairsDecodeToAstralScalars() throws {
        #expect(try parse(#""\uD834\uDD1E""#) == "𝄞")
        #expect(try parse(#""\ud83d\ude00x""#) == "😀x")
        #expect(try parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
    }

    @Test(arguments: [
        (#""\uD834""#, "high surrogate \\uD834 is not followed by a low surrogate"),
        (#""\uD834x""#, "high surrogate \\uD834 is not followed by a low surrogate"),
        (#""\uD834\u0041""#, "high surrogate \\uD834 is followed by \\u0041, not a low surrogate"),
        (#""\uD834\uD834""#, "high surrogate \\uD834 is followed by \\uD834, not a low surrogate"),
        (#""\uDD1E""#, "lone low surrogate \\uDD1E"),
        (#""\uDD1E\uD834""#, "lone low surrogate \\uDD1E"),
    ])
    func loneSurrogatesAreRejected(_ text: String, reason: String) {
        #expect(syntaxError(text)?.reason == reason)
        #expect(syntaxError(text)?.column == 2)
    }

    @Test(arguments: [
        (#""\x""#, 2, "invalid escape sequence"), (#""\u12""#, 2, "\\u needs four hexadecimal digits"),
        (#""\u12G4""#, 2, "\\u needs four hexadecimal digits"), (#""\'""#, 2, "invalid escape sequence"),
        ("\"abc", 1, "string is never closed"), ("\"abc\\", 5, "string is never closed"),
        ("\"a\tb\"", 3, "control character 0x9 must be escaped"), ("'a'", 1, "expected a value, found '''"),
        ("\"\\n\u{1}\"", 4, "control character 0x1 must be escaped"),
    ])
    func malformedStringsAreRejected(_ text: String, column: Int, reason: String) {
        #expect(syntaxError(text)?.reason == reason, "\(text)")
        #expect(syntaxError(text)?.column == column, "\(text)")
    }

    @Test func validUTF8IsKeptAndInvalidUTF8IsRejectedAtItsByte() throws {
        #expect(try JSONParser.parse(Array("\"é€𝄞 ok\"".utf8)) == "é€𝄞 ok")
        let invalid: [[UInt8]] = [
            [0x80],  // lone continuation byte
            [0xC0, 0xAF],  // overlong '/'
            [0xC3],  // truncated
            [0xE0, 0x80, 0xAF],  // overlong
            [0xED, 0xA0, 0x80],  // encoded surrogate U+D800
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xF5, 0x80, 0x80, 0x80],  // invalid lead byte
            [0xFF],
        ]
        for sequence in invalid {
            for escaped in [false, true] {
                let prefix: [UInt8] = escaped ? Array(#"["ab\n"#.utf8) : Array(#"["abcd"#.utf8)
                let bytes = prefix + sequence + Array("\"]".utf8)
                #expect(throws: JSONError.syntax(line: 1, column: 7, reason: "invalid UTF-8 sequence in a string")) {
                    try JSONParser.parse(bytes)
                }
            }
        }
    }

    @Test func longStringsCrossTheEightByteFastPath() throws {
        for length in 0..<40 {
            let body = String(repeating: "a", count: length)
            #expect(try parse("\"\(body)\"") == .string(body))
            #expect(try parse("\"\(body)\\n\(body)\"") == .string(body + "\n" + body))
            #expect(try parse("\"\(body)é\(body)\"") == .string(body + "é" + body))
        }
    }

    // MARK: Structure and errors

    @Test func duplicateKeysKeepTheFirstPositionAndTheLastValue() throws {
        let object = try #require(try parse(#"{"a":1,"b":2,"a":3}"#).objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }

    @Test func errorsReportTheExactLineAndByteColumn() {
        #expect(throws: JSONError.syntax(line: 1, column: 6, reason: "expected a value, found ','")) {
            try JSONParser.parse("[1,2,,3]")
        }
        #expect(throws: JSONError.syntax(line: 2, column: 9, reason: "invalid literal; expected 'true'")) {
            try JSONParser.parse("{\n  \"é\": tru\n}")
        }
        #expect(throws: JSONError.syntax(line: 3, column: 1, reason: "unexpected 'x' after the end of the value")) {
            try JSONParser.parse("{}\n\nx")
        }
        #expect(throws: JSONError.syntax(line: 1, column: 6, reason: "expected ':' after a member name, found '1'")) {
            try JSONParser.parse(#"{"a" 1}"#)
        }
        #expect(
            throws: JSONError.syntax(
                line: 1, column: 9, reason: "expected a member name in double quotes, found '}'")
        ) {
            try JSONParser.parse(#"{"a":1, }"#)
        }
        #expect(
            throws: JSONError.syntax(line: 1, column: 2, reason: "expected a member name in double quotes, found 'a'")
        ) {
            try JSONParser.parse("{a:1}")
        }
        #expect(
            throws: JSONError.syntax(
                line: 1, column: 3, reason: "expected ',' or ']' after an array element, found '}'")
        ) {
            try JSONParser.parse("[1}")
        }
        #expect(throws: JSONError.syntax(line: 2, column: 3, reason: "array opened at column 1 is never closed")) {
            try JSONParser.parse("[1,\n 2")
        }
        #expect(throws: JSONError.syntax(line: 1, column: 1, reason: "expected a value, found the end of the input")) {
            try JSONParser.parse("")
        }
        #expect(throws: JSONError.syntax(line: 2, column: 1, reason: "expected a value, found the end of the input")) {
            try JSONParser.parse(" \n")
        }
        #expect(throws: JSONError.syntax(line: 1, column: 1, reason: "a byte order mark is not allowed")) {
            try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        }
        #expect(throws: JSONError.syntax(line: 1, column: 4, reason: "expected a value, found byte 0x0")) {
            try JSONParser.parse([UInt8(ascii: "["), UInt8(ascii: "1"), UInt8(ascii: ","), 0])
        }
    }

    @Test func errorDescriptionsNameLineColumnAndReason() {
        #expect(
            JSONError.syntax(line: 3, column: 7, reason: "expected a value, found ','").description
                == "invalid JSON at line 3, column 7: expected a value, found ','")
        #expect(
            JSONError.nestingTooDeep(line: 1, column: 129, depthMax: 128).description
                == "invalid JSON at line 1, column 129: nesting is deeper than 128 levels")
    }

    // MARK: Limits

    @Test func nestingUpToTheDepthLimitParses() throws {
        let depth = JSONParser.Options.depthMaxDefault
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try parse(text)
        for _ in 1..<depth { value = try #require(value[0]) }
        #expect(value == [])
    }

    @Test func nestingPastTheDepthLimitThrowsAtTheOffendingBracket() {
        let depth = JSONParser.Options.depthMaxDefault + 1
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: JSONError.nestingTooDeep(line: 1, column: depth, depthMax: depth - 1)) {
            try JSONParser.parse(arrays)
        }
        let objects = String(repeating: "{\"a\":", count: 3) + "1}}}"
        #expect(throws: JSONError.nestingTooDeep(line: 1, column: 11, depthMax: 2)) {
            try JSONParser.parse(objects, options: JSONParser.Options(depthMax: 2))
        }
    }

    @Test func oneHundredThousandOpeningBracketsThrowInsteadOfCrashing() {
        let brackets = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: JSONError.nestingTooDeep(line: 1, column: 129, depthMax: 128)) {
            try JSONParser.parse(brackets)
        }
        let objects = Array(String(repeating: #"{"":"#, count: 100_000).utf8)
        #expect(throws: JSONError.nestingTooDeep(line: 1, column: 1 + 4 * 128, depthMax: 128)) {
            try JSONParser.parse(objects)
        }
    }

    @Test func theLargestDepthLimitWorksOnATestThread() throws {
        let depth = JSONParser.Options.depthLimitMax
        let text = String(repeating: "[{\"k\":", count: depth / 2) + "0" + String(repeating: "}]", count: depth / 2)
        #expect(try parse(text, options: JSONParser.Options(depthMax: depth)).arrayValue?.count == 1)
    }

    @Test func documentsLongerThanTheByteLimitAreRejectedBeforeParsing() throws {
        let text = "[" + String(repeating: "1,", count: 50) + "1]"
        #expect(throws: JSONError.documentTooLarge(line: 1, byteCount: 103, bytesMax: 100)) {
            try JSONParser.parse(text, options: JSONParser.Options(bytesMax: 100))
        }
        #expect(try parse(text, options: JSONParser.Options(bytesMax: 103)).arrayValue?.count == 51)
    }

    @Test func rawBufferInputParsesLikeAnArray() throws {
        let bytes = Array(#"{"a":[1,"x",null]}"#.utf8)
        let value = try bytes.withUnsafeBytes { raw in try JSONParser.parse(raw) }
        #expect(value == ["a": [1, "x", nil]])
    }
}
