import LakeCompression
import Testing

@Suite("Codec round trips")
struct CodecRoundTripTests {
    @Test(arguments: supportedCodecs, SampleKind.allCases)
    func decompressingCompressedBytesRestoresTheInput(codec: Codec, sample: SampleKind) throws {
        let input = sample.bytes
        let compressed = try codec.compress(input)
        if codec != .uncompressed {
            #expect(!compressed.isEmpty, "even empty input is encoded as a complete unit of the format")
        }
        let restored = try codec.decompress(compressed, uncompressedSize: input.count)
        #expect(restored == input)
    }

    @Test(arguments: compressingCodecs)
    func compressibleInputShrinks(codec: Codec) throws {
        let input = SampleKind.compressible1MiB.bytes
        let compressed = try codec.compress(input)
        #expect(compressed.count < input.count / 2, "\(codec) wrote \(compressed.count) bytes")
    }

    @Test(arguments: supportedCodecs)
    func reusedContextsRoundTripManyBuffersAppendedToOneOutput(codec: Codec) throws {
        let compressor = try Compressor(codec)
        let decompressor = try Decompressor(codec)
        let inputs = (0..<40).map { index in
            index.isMultiple(of: 2)
                ? SampleBytes.compressible(count: index * 997, seed: UInt64(index))
                : SampleBytes.random(count: index * 31, seed: UInt64(index))
        }
        var compressed: [UInt8] = [0xEE]
        var ranges: [Range<Int>] = []
        for input in inputs {
            let start = compressed.count
            try input.withUnsafeBytes { try compressor.compress($0, into: &compressed) }
            ranges.append(start..<compressed.count)
        }
        #expect(compressed.first == 0xEE, "compress appends and keeps what was there")

        var restored: [UInt8] = [0xAA, 0xBB]
        for (input, range) in zip(inputs, ranges) {
            try compressed[range].withUnsafeBytes { bytes in
                try decompressor.decompress(bytes, uncompressedSize: input.count, into: &restored)
            }
        }
        #expect(restored == [0xAA, 0xBB] + inputs.joined())
    }

    @Test func decompressingEmptyInputToZeroBytesSucceedsForEveryCodec() throws {
        for codec in supportedCodecs {
            #expect(try codec.decompress([], uncompressedSize: 0) == [], "\(codec)")
        }
    }

    @Test(arguments: [Codec.brotli, .lzo])
    func unsupportedCodecsThrowUnsupported(codec: Codec) {
        #expect(!codec.isSupported)
        #expect(throws: CompressionError.unsupported("\(codec.name) compression")) { try Compressor(codec) }
        #expect(throws: CompressionError.unsupported("\(codec.name) decompression")) { try Decompressor(codec) }
    }

    @Test func codecsDescribeThemselvesWithTheirLevels() {
        #expect(Codec.zstd().description == "zstd(level: 1)")
        #expect(Codec.gzip(level: 9).description == "gzip(level: 9)")
        #expect(Codec.lz4Hadoop.description == "lz4_hadoop")
        #expect(Codec.snappy.level == nil)
    }
}
