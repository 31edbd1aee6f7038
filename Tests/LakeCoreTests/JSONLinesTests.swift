import LakeCore
import Testing

@Suite struct JSONLinesTests {
    @Test func parsesOneDocumentPerLineSkippingBlankLines() throws {
        let text = "{\"a\":1}\n\n  \r\n[2]\r\n\"three\"\n"
        #expect(try JSONLines.parse(Array(text.utf8)) == [["a": 1], [2], "three"])
        #expect(try JSONLines.parse(Array("{}".utf8)) == [[:]])
        #expect(try JSONLines.parse([]) == [])
        #expect(try JSONLines.parse(Array("\n\n".utf8)) == [])
    }

    @Test func errorsNameTheLineOfTheBufferAndTheColumnWithinIt() {
        let text = "{\"a\":1}\n{\"b\":2}\n\n{\"c\":[1,2,]}\n{\"d\":4}\n"
        #expect(throws: JSONError.syntax(line: 4, column: 11, reason: "expected a value, found ']'")) {
            try JSONLines.parse(Array(text.utf8))
        }
        #expect(throws: JSONError.syntax(line: 2, column: 2, reason: "string is never closed")) {
            try JSONLines.parse(Array("{}\n[\"abc\n\"]\n".utf8))
        }
    }

    @Test func aDocumentSpanningLinesIsAnErrorOnItsFirstLine() {
        #expect(throws: JSONError.syntax(line: 1, column: 6, reason: "expected a value, found the end of the input")) {
            try JSONLines.parse(Array("[1,2,\n3]\n".utf8))
        }
    }

    @Test func eachLineHasItsOwnByteLimitAndDepthLimit() {
        let options = JSONParser.Options(depthMax: 3, bytesMax: 10)
        #expect(throws: JSONError.documentTooLarge(line: 2, byteCount: 11, bytesMax: 10)) {
            try JSONLines.parse(Array("[1,2,3,4]\n[1,2,3,4,5]\n".utf8), options: options)
        }
        #expect(throws: JSONError.nestingTooDeep(line: 2, column: 4, depthMax: 3)) {
            try JSONLines.parse(Array("[[[]]]\n[[[[]]]]\n".utf8), options: options)
        }
    }

    @Test func forEachStreamsLineNumbersAndDocuments() throws {
        let bytes = Array("{\"add\":{\"size\":1}}\n\n{\"add\":{\"size\":\"x\"}}\n".utf8)
        var seen: [Int] = []
        let error = #expect(throws: JSONError.self) {
            try bytes.withUnsafeBytes { raw in
                try JSONLines.forEach(in: raw) { line, document in
                    seen.append(line)
                    _ = try document.requireObject(at: "").requireObject("add").requireInt64("size", in: "add")
                }
            }
        }
        #expect(seen == [1, 3])
        #expect(error == .wrongType("add.size", expected: "integer", found: "string"))
    }

    @Test func serializeWritesOneLinePerDocumentThatParsesBack() throws {
        let documents: [JSONValue] = [["protocol": ["minReaderVersion": 1]], ["txn": ["appId": "a\nb", "version": 3]]]
        let bytes = try JSONLines.serialize(documents)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == "{\"protocol\":{\"minReaderVersion\":1}}\n{\"txn\":{\"appId\":\"a\\nb\",\"version\":3}}\n")
        #expect(try JSONLines.parse(bytes) == documents)
        #expect(try bytes.withUnsafeBytes { try JSONLines.parse($0) } == documents)
    }

    @Test func linesLongerThanEightBytesSplitCorrectly() throws {
        var documents: [JSONValue] = []
        var generator = JSONRandomDocuments(seed: 0x11_4E5)
        for _ in 0..<500 { documents.append(generator.document()) }
        #expect(try JSONLines.parse(try JSONLines.serialize(documents)) == documents)
    }
}
