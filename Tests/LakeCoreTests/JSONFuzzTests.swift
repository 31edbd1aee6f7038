import LakeCore
import Testing

/// Mutated documents must parse or throw `JSONError`, never trap; whatever parses must round-trip.
@Suite struct JSONFuzzTests {
    static let seeds: [String] = [
        #"""
        {"add":{"path":"part-0001.parquet","partitionValues":{"d":"2024-01-01"},"size":1234,\#
        "modificationTime":1700000000000,"dataChange":true,"stats":"{\"numRecords\":3,\"minValues\":{\"x\":-1.5e3}}"}}
        """#,
        #"{"commitInfo":{"timestamp":1700000000123,"operation":"WRITE","txnId":"\ud83d\ude00\u00e9\n"}}"#,
        #"[1, -0, 0.5e-3, 18446744073709551615, 9223372036854775807, true, false, null, "", {}, [[]]]"#,
        "{\"Image\": {\"Width\": 800, \"IDs\": [116, 943], \"Title\": \"View \\\"15th\\\" é €\"}}",
    ]

    /// Bytes that tend to reach interesting states: structure, escapes, surrogates, UTF-8 lead bytes, digits.
    static let interestingBytes: [UInt8] =
        Array("[]{}\",:\\u-+.eE0123456789DdCcnrtf \n\t".utf8)
        + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]

    private static func mutate(_ input: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<7, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[position] = interestingBytes.randomElement(using: &generator)!
            case 1:
                bytes.insert(interestingBytes.randomElement(using: &generator)!, at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &generator))
                bytes.removeSubrange(position..<end)
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            case 4:
                bytes = Array(bytes.prefix(position))
            case 5 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            default:
                bytes.insert(contentsOf: Array(#"\uD83D"#.utf8), at: position)
            }
        }
        return bytes
    }

    @Test func mutatedDocumentsNeverTrapAndWhatParsesRoundTrips() throws {
        var generator = SeededGenerator(seed: 0xF0_22)
        var randomDocuments = JSONRandomDocuments(seed: 0xF0_23, depthMax: 4)
        var corpus = Self.seeds.map { Array($0.utf8) }
        for _ in 0..<40 { corpus.append(try JSONWriter.serialize(randomDocuments.document())) }
        let options = JSONParser.Options(depthMax: 6, bytesMax: 4_096)
        var accepted = 0
        var rejected = 0
        for iteration in 0..<30_000 {
            let input = Self.mutate(corpus[iteration % corpus.count], using: &generator)
            let value: JSONValue
            do {
                value = try JSONParser.parse(input, options: options)
            } catch {
                rejected += 1
                continue
            }
            accepted += 1
            let written = try JSONWriter.serialize(value)
            let reparsed = try JSONParser.parse(written, options: options)
            #expect(reparsed == value, "iteration \(iteration): \(input)")
            #expect(try JSONWriter.serialize(reparsed) == written, "iteration \(iteration)")
        }
        // Both outcomes must be common, or the mutations are not exercising the parser.
        #expect(accepted > 1_000)
        #expect(rejected > 10_000)
    }

    @Test func mutatedLineBuffersNeverTrap() {
        var generator = SeededGenerator(seed: 0xF0_24)
        let buffer = Array(Self.seeds.joined(separator: "\n").utf8)
        var parsedLines = 0
        for _ in 0..<3_000 {
            let input = Self.mutate(buffer, using: &generator)
            if let documents = try? JSONLines.parse(input) { parsedLines += documents.count }
        }
        #expect(parsedLines > 0)
    }

    /// Inputs found while developing the parser, kept as regressions.
    @Test(arguments: [
        "[", "{", "\"", "\"\\", "\"\\u", "\"\\uD83D\\", "\"\\uD83D\\u", "-", "1e", "t", "nul", "[1,", "{\"a\"",
        "{\"a\":", "{\"a\":1,", "\u{FEFF}{}",
    ])
    func truncatedInputsThrow(_ text: String) {
        #expect(throws: JSONError.self) { try JSONParser.parse(text) }
    }
}
