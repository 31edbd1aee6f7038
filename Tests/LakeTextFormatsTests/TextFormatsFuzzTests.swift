import LakeColumnar
import LakeCore
import Testing

@testable import LakeTextFormats

/// Mutated inputs must give a result or a `TextFormatError`, never a trap. A failing seed is printed by the
/// expectation message.
@Suite struct TextFormatsFuzzTests {
    private static let csvSeeds: [String] = [
        "id,name,price,when,flag\n1,\"a,b\",1.5,2024-01-01T00:00:00Z,true\n2,\"q\"\"x\",-2e3,2024-01-02,false\n",
        "a;b\r\n\"multi\r\nline\";1\r\n;\r\n",
        "x\n0\n-0\n1e308\n\"\"\n",
    ]

    private static let jsonSeeds: [String] = [
        "{\"id\": 1, \"s\": \"\\u00e9\\ud83d\\ude00\", \"n\": [1, {\"k\": null}], \"f\": -0.5e-3}\n"
            + "{\"id\": 2, \"t\": true}\n",
        "{\"ts\": \"2024-01-01T00:00:00Z\", \"d\": \"2024-01-01\"}\r\n\r\n{\"ts\": null}\n",
    ]

    private static let interesting: [UInt8] =
        Array("\",;\n\r{}[]:\\u0e.-+ \t".utf8) + [0x00, 0x80, 0xC3, 0xED, 0xF4, 0xFF]

    private static func mutate(_ seed: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            let replacement = interesting.randomElement(using: &generator) ?? 0
            switch Int.random(in: 0..<5, using: &generator) {
            case 0 where !bytes.isEmpty: bytes[position] = replacement
            case 1: bytes.insert(replacement, at: position)
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            case 3 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &generator)
            default:
                let length = Int.random(in: 0...8, using: &generator)
                let start = min(position, bytes.count)
                bytes.replaceSubrange(start..<min(start + length, bytes.count), with: [])
            }
        }
        return bytes
    }

    /// Runs `read` and checks that a result is well formed; a `TextFormatError` is the other allowed outcome.
    private static func check(_ result: ReadResult) {
        for batch in result.batches {
            #expect(batch.columns.count == result.schema.fields.count)
            for column in batch.columns { #expect(column.count == batch.rowCount) }
        }
    }

    @Test func mutatedCSVGivesAResultOrATextFormatError() {
        var generator = SeededGenerator(seed: 0xC5F0_22)
        var failures = 0
        for iteration in 0..<3_000 {
            let seed = Array(Self.csvSeeds[iteration % Self.csvSeeds.count].utf8)
            let input = Self.mutate(seed, using: &generator)
            let delimiter = iteration % 3 == 1 ? UInt8(ascii: ";") : UInt8(ascii: ",")
            let options = CSVOptions(
                delimiter: delimiter, nullStrings: ["\\N"], batchRowsMax: 1 + iteration % 3,
                inferenceRowsMax: 1 + iteration % 4,
                readChunkBytes: 1 + iteration % 9)
            do {
                Self.check(try readCSV(bytes: input, options: options))
            } catch {
                failures += 1
                #expect(error.line >= 0, "iteration \(iteration)")
            }
        }
        #expect(failures > 0)  // the mutations do reach the error paths
    }

    @Test func mutatedCSVWithAGivenSchemaOfEveryTypeGivesAResultOrATextFormatError() throws {
        let schema = try Schema(
            parsingFieldList: "a:int8,b:uint16,c:float32,d:decimal(4,1),e:binary,f:fixed_size_binary(2),g:date32,"
                + "h:time(ms),i:timestamp(ns,UTC),j:bool")
        let seed = Array(
            "a,b,c,d,e,f,g,h,i,j\n-1,2,3.5,-1.5,00ff,0102,2024-01-01,12:00:00.5,2024-01-01T00:00:00Z,true\n".utf8)
        var generator = SeededGenerator(seed: 0x5C4E_3A)
        for _ in 0..<2_000 {
            let input = Self.mutate(seed, using: &generator)
            do {
                Self.check(try readCSV(bytes: input, schema: schema))
            } catch {
                #expect(!error.reason.isEmpty)
            }
        }
    }

    @Test func mutatedJSONLinesGivesAResultOrATextFormatError() {
        var generator = SeededGenerator(seed: 0x150_17)
        var failures = 0
        for iteration in 0..<3_000 {
            let seed = Array(Self.jsonSeeds[iteration % Self.jsonSeeds.count].utf8)
            let input = Self.mutate(seed, using: &generator)
            let options = JSONLinesOptions(
                batchRowsMax: 1 + iteration % 2, inferenceRowsMax: 1 + iteration % 3,
                nestingDepthMax: 2 + iteration % 3,
                readChunkBytes: 1 + iteration % 11, unknownKeys: iteration % 2 == 0 ? .error : .ignore)
            do {
                Self.check(try readJSONLines(bytes: input, options: options))
            } catch {
                failures += 1
                #expect(error.line >= 0, "iteration \(iteration)")
            }
        }
        #expect(failures > 0)
    }

    @Test func randomBytesNeverTrap() {
        var generator = SeededGenerator(seed: 0xB17E5)
        for iteration in 0..<1_000 {
            let input = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                Self.interesting.randomElement(using: &generator) ?? 0
            }
            if let result = try? readCSV(bytes: input, options: CSVOptions(readChunkBytes: 1 + iteration % 5)) {
                Self.check(result)
            }
            if let result = try? readJSONLines(
                bytes: input, options: JSONLinesOptions(readChunkBytes: 1 + iteration % 5))
            {
                Self.check(result)
            }
        }
    }
}
