import LakeCore
import Testing

@Suite struct JSONWriterTests {
    private func text(_ value: JSONValue) throws -> String {
        try JSONWriter.serializedString(value)
    }

    @Test func aDeltaAddActionRoundTripsByteForByte() throws {
        let line = #"""
            {"add":{"path":"part-0001.parquet","partitionValues":{},"size":1234,\#
            "modificationTime":1700000000000,"dataChange":true,"stats":"{\"numRecords\":3}"}}
            """#
        #expect(line.utf8.count == 149 && !line.contains("\n"))  // one line, as in a commit file
        let value = try JSONParser.parse(line)
        #expect(try text(value) == line)
        let add = try #require(value["add"]?.objectValue)
        #expect(try add.requireString("path", in: "add") == "part-0001.parquet")
        #expect(try add.requireInt64("size", in: "add") == 1234)
        #expect(try add.requireInt64("modificationTime", in: "add") == 1_700_000_000_000)
        #expect(try add.requireBool("dataChange", in: "add"))
        #expect(try add.requireObject("partitionValues", in: "add").isEmpty)
        let stats = try JSONParser.parse(try add.requireString("stats", in: "add"))
        #expect(stats == ["numRecords": 3])
    }

    @Test func deltaCommitInfoAndMetadataActionsRoundTripByteForByte() throws {
        let lines = [
            #"""
            {"commitInfo":{"timestamp":1700000000123,"operation":"WRITE","operationParameters":{"mode":"Append",\#
            "partitionBy":"[]"},"isBlindAppend":true,"engineInfo":"lake/0.1","txnId":"3f2a\u00e9"}}
            """#,
            #"{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}"#,
            #"""
            {"metaData":{"id":"a1","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\#
            \"fields\":[{\"name\":\"x\",\"type\":\"double\",\"nullable\":true,\"metadata\":{}}]}",\#
            "partitionColumns":[],"configuration":{},"createdTime":1700000000000}}
            """#,
            #"""
            {"remove":{"path":"a%20b/part-0.parquet","deletionTimestamp":1700000000999,"dataChange":true,\#
            "extendedFileMetadata":false,"size":-1}}
            """#,
        ]
        for line in lines {
            let reserialized = try text(try JSONParser.parse(line))
            // The writer keeps non-ASCII as UTF-8, so the one `\u00e9` escape comes back as "é".
            #expect(reserialized == line.replacing(#"\u00e9"#, with: "é"))
        }
    }

    @Test func stringsEscapeQuotesBackslashesAndControlCharactersOnly() throws {
        #expect(try text("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(try text("\u{8}\u{C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(try text("\u{0}\u{1}\u{1F}\u{1B}") == #""\u0000\u0001\u001f\u001b""#)
        #expect(try text("é€𝄞\u{7F}\u{2028}") == "\"é€𝄞\u{7F}\u{2028}\"")
        #expect(try text("") == #""""#)
    }

    @Test func everyControlCharacterRoundTrips() throws {
        let all = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) }))
        let written = try text(.string(all))
        #expect(written.utf8.allSatisfy { $0 >= 0x20 })
        #expect(try JSONParser.parse(written) == .string(all))
    }

    @Test func integersAreWrittenExactly() throws {
        #expect(try text(.int64(.min)) == "-9223372036854775808")
        #expect(try text(.int64(.max)) == "9223372036854775807")
        #expect(try text(.number(.uint64(.max))) == "18446744073709551615")
        #expect(try text([0, -1, 7, 10, -10, 1_234_567_890]) == "[0,-1,7,10,-10,1234567890]")
    }

    @Test func doublesAreShortestRoundTripTextThatStaysADouble() throws {
        let cases: [(Double, String)] = [
            (1e308, "1e+308"), (.leastNonzeroMagnitude, "5e-324"), (-0.0, "-0.0"), (0.0, "0.0"), (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"), (-2.5e-7, "-2.5e-07"), (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (123.456, "123.456"),
        ]
        for (value, expected) in cases {
            let written = try text(.double(value))
            #expect(written == expected)
            let reread = try #require(try JSONParser.parse(written).numberValue)
            guard case .double(let parsed) = reread else {
                Issue.record("\(written) did not parse back as a double")
                continue
            }
            #expect(parsed.bitPattern == value.bitPattern)
        }
    }

    @Test func nonFiniteDoublesThrowWithTheirPath() {
        #expect(
            throws: JSONError.unrepresentable("add.stats.maxValues[1]", reason: "JSON has no representation for nan")
        ) {
            try JSONWriter.serialize(["add": ["stats": ["maxValues": [1.0, .double(.nan)]]]])
        }
        #expect(throws: JSONError.unrepresentable("[2]", reason: "JSON has no representation for -inf")) {
            try JSONWriter.serialize([1, 2, .double(-.infinity)])
        }
        #expect(throws: JSONError.unrepresentable("", reason: "JSON has no representation for inf")) {
            try JSONWriter.serialize(.double(.infinity))
        }
        #expect(throws: JSONError.unrepresentable("[1].x", reason: "JSON has no representation for inf")) {
            try JSONLines.serialize([["x": 1], ["x": .double(.infinity)]])
        }
    }

    @Test func objectsAreWrittenInInsertionOrder() throws {
        var object: JSONObject = ["z": 1, "a": 2]
        object["m"] = 3
        object["z"] = 4
        #expect(try text(.object(object)) == #"{"z":4,"a":2,"m":3}"#)
        object["a"] = nil
        #expect(try text(.object(object)) == #"{"z":4,"m":3}"#)
    }

    @Test func descriptionIsCompactJSONAndShowsNonFiniteNumbers() {
        let value: JSONValue = ["a": [true, nil, "x\n"], "b": .double(.nan)]
        #expect(value.description == #"{"a":[true,null,"x\n"],"b":nan}"#)
    }

    @Test func writeAppendsToExistingBytes() throws {
        var bytes = Array("prefix:".utf8)
        try JSONWriter.write(["k": "v"], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #"prefix:{"k":"v"}"#)
    }

    @Test func randomDocumentsRoundTripThroughTextExactly() throws {
        var documents = JSONRandomDocuments(seed: 0x15_0A)
        for _ in 0..<2_000 {
            let document = documents.document()
            let bytes = try JSONWriter.serialize(document)
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == document)
            #expect(try JSONWriter.serialize(parsed) == bytes)
        }
    }
}
