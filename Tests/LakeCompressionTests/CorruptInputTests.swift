import LakeCompression
import LakeCore
import Testing

@Suite("Corrupt and inconsistent input")
struct CorruptInputTests {
    @Test(arguments: supportedCodecs)
    func everyStrictPrefixOfCompressedDataThrows(codec: Codec) throws {
        let input = SampleBytes.compressible(count: 3_000, seed: 0xBAD1) + SampleBytes.random(count: 500, seed: 0xBAD2)
        let compressed = try codec.compress(input)
        let decompressor = try Decompressor(codec)
        for length in 0..<compressed.count {
            var output: [UInt8] = [7]
            #expect(throws: CompressionError.self, "prefix of \(length) of \(compressed.count) bytes") {
                try Array(compressed[..<length]).withUnsafeBytes { bytes in
                    try decompressor.decompress(bytes, uncompressedSize: input.count, into: &output)
                }
            }
            #expect(output == [7], "a throwing call leaves the output as it was")
        }
    }

    /// Flips, overwrites, inserts, deletes and truncates bytes of valid compressed data, with the right size and
    /// with wrong ones. Nothing may trap; a call either throws and leaves the output alone or appends exactly the
    /// expected number of bytes (codecs without checksums may decode a mutation to other bytes of the same size).
    @Test(arguments: supportedCodecs)
    func seededMutationsNeverTrapAndKeepTheOutputContract(codec: Codec) throws {
        let seed: UInt64 = 0x5EED_0000 + UInt64(supportedCodecs.firstIndex(of: codec) ?? 0)
        var generator = SeededGenerator(seed: seed)
        let input = SampleBytes.compressible(count: 6_000, seed: seed) + SampleBytes.random(count: 1_000, seed: seed)
        let compressed = try codec.compress(input)
        let decompressor = try Decompressor(codec, uncompressedBytesMax: 1 << 20)
        var thrownCount = 0
        let iterations = 3_000
        for iteration in 0..<iterations {
            var mutated = compressed
            for _ in 0...Int.random(in: 0...2, using: &generator) {
                mutate(&mutated, using: &generator)
            }
            let expectedSize =
                Int.random(in: 0..<10, using: &generator) < 8
                ? input.count : Int.random(in: 0...(2 * input.count), using: &generator)
            var output: [UInt8] = [1, 2, 3]
            do {
                try mutated.withUnsafeBytes { bytes in
                    try decompressor.decompress(bytes, uncompressedSize: expectedSize, into: &output)
                }
                #expect(output.count == 3 + expectedSize, "seed \(seed) iteration \(iteration)")
                #expect(output.prefix(3) == [1, 2, 3])
            } catch {
                thrownCount += 1
                #expect(output == [1, 2, 3], "seed \(seed) iteration \(iteration): \(error)")
            }
        }
        #expect(thrownCount > iterations / 2, "most mutations must be detected; \(thrownCount) were")
        // The decompressor's context is still usable after thousands of failures.
        var output: [UInt8] = []
        try compressed.withUnsafeBytes { bytes in
            try decompressor.decompress(bytes, uncompressedSize: input.count, into: &output)
        }
        #expect(output == input)
    }

    private func mutate(_ bytes: inout [UInt8], using generator: inout SeededGenerator) {
        guard !bytes.isEmpty else {
            bytes = SampleBytes.random(count: Int.random(in: 1...16, using: &generator), seed: generator.next())
            return
        }
        let position = Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<6, using: &generator) {
        case 0:
            bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
        case 1:
            bytes[position] = UInt8.random(in: 0...255, using: &generator)
        case 2:
            let length = min(Int.random(in: 1...32, using: &generator), bytes.count - position)
            bytes.replaceSubrange(
                position..<(position + length),
                with: SampleBytes.random(count: length, seed: generator.next()))
        case 3:
            bytes.insert(
                contentsOf: SampleBytes.random(
                    count: Int.random(in: 1...8, using: &generator),
                    seed: generator.next()), at: position)
        case 4:
            bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...8, using: &generator)))
        default:
            bytes.removeLast(bytes.count - position)
        }
    }

    @Test(arguments: supportedCodecs)
    func aSizeThatDiffersFromTheDataThrowsSizeMismatchOrCorrupt(codec: Codec) throws {
        let input = SampleBytes.compressible(count: 50_000, seed: 0x5125)
        let compressed = try codec.compress(input)
        for expectedSize in [0, 1, input.count - 1, input.count + 1, input.count * 3] {
            do {
                _ = try codec.decompress(compressed, uncompressedSize: expectedSize)
                Issue.record("\(codec) accepted \(expectedSize) bytes for \(input.count)")
            } catch .sizeMismatch(let name, let expected, let actual) {
                #expect(name == codec.name)
                #expect(expected == expectedSize)
                if let actual { #expect(actual == input.count || actual > expectedSize) }
            } catch .corrupt(let name, _) {
                // LZ4 cannot tell a block that overruns the expected size from a malformed one.
                #expect(name == codec.name)
                #expect(expectedSize < input.count && (codec == .lz4Raw || codec == .lz4Hadoop))
            }
        }
    }

    @Test func snappyReportsTheLengthItsHeaderDeclares() throws {
        let compressed = try Codec.snappy.compress(Array(repeating: 9, count: 1_000))
        #expect(throws: CompressionError.sizeMismatch(codec: "snappy", expected: 999, actual: 1_000)) {
            try Codec.snappy.decompress(compressed, uncompressedSize: 999)
        }
    }

    @Test func zstdReportsTheContentSizeItsFramesDeclare() throws {
        let first = try Codec.zstd().compress(Array(repeating: 1, count: 700))
        let second = try Codec.zstd().compress(Array(repeating: 2, count: 300))
        #expect(
            try Codec.zstd().decompress(first + second, uncompressedSize: 1_000)
                == Array(repeating: 1, count: 700) + Array(repeating: 2, count: 300))
        #expect(throws: CompressionError.sizeMismatch(codec: "zstd", expected: 1_200, actual: 1_000)) {
            try Codec.zstd().decompress(first + second, uncompressedSize: 1_200)
        }
    }

    @Test func gzipReportsDataThatDecodesToMoreWithoutAnExactSize() throws {
        let compressed = try Codec.gzip().compress(Array(repeating: 3, count: 1_000))
        #expect(throws: CompressionError.sizeMismatch(codec: "gzip", expected: 10, actual: nil)) {
            try Codec.gzip().decompress(compressed, uncompressedSize: 10)
        }
        #expect(throws: CompressionError.sizeMismatch(codec: "gzip", expected: 1_001, actual: 1_000)) {
            try Codec.gzip().decompress(compressed, uncompressedSize: 1_001)
        }
    }

    @Test func uncompressedDataMustHaveExactlyTheExpectedSize() {
        #expect(throws: CompressionError.sizeMismatch(codec: "uncompressed", expected: 4, actual: 3)) {
            try Codec.uncompressed.decompress([1, 2, 3], uncompressedSize: 4)
        }
    }

    @Test(arguments: supportedCodecs)
    func sizesOverTheLimitThrowBeforeDecoding(codec: Codec) throws {
        let compressed = try codec.compress(Array(repeating: 0, count: 4_097))
        #expect(throws: CompressionError.limitExceeded(codec: codec.name, bytes: 4_097, limit: 4_096)) {
            try codec.decompress(compressed, uncompressedSize: 4_097, uncompressedBytesMax: 4_096)
        }
        #expect(throws: CompressionError.limitExceeded(codec: codec.name, bytes: 1 << 40, limit: 1 << 30)) {
            try codec.decompress(compressed, uncompressedSize: 1 << 40)
        }
        #expect(try codec.decompress(compressed, uncompressedSize: 4_097, uncompressedBytesMax: 4_097).count == 4_097)
    }

    @Test(arguments: supportedCodecs)
    func negativeSizesAreCorrupt(codec: Codec) {
        #expect(throws: CompressionError.corrupt(codec: codec.name, reason: "negative uncompressed size -1")) {
            try codec.decompress([0, 0, 0, 0], uncompressedSize: -1)
        }
    }

    @Test(arguments: compressingCodecs)
    func garbageThrowsCorruptOrSizeMismatch(codec: Codec) {
        let garbage = SampleBytes.random(count: 2_000, seed: 0x6A6B)
        #expect(throws: CompressionError.self) { try codec.decompress(garbage, uncompressedSize: 5_000) }
        #expect(throws: CompressionError.self) { try codec.decompress([], uncompressedSize: 5_000) }
    }
}
