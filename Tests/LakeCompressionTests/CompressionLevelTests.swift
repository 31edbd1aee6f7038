import LakeCompression
import Testing

@Suite("Compression levels")
struct CompressionLevelTests {
    @Test func defaultLevelsMatchTheDocumentedChoices() {
        #expect(Codec.zstd() == .zstd(level: 1), "pyarrow's zstd default")
        #expect(Codec.gzip() == .gzip(level: 6), "zlib's default")
    }

    @Test(arguments: [-7, -1, 0, 1, 3, 9, 19, 22])
    func everyZstdLevelRoundTrips(level: Int) throws {
        let input = SampleBytes.compressible(count: 300_000, seed: 0x1E7E1)
        let compressed = try Codec.zstd(level: level).compress(input)
        #expect(try Codec.zstd().decompress(compressed, uncompressedSize: input.count) == input)
    }

    @Test(arguments: 1...9)
    func everyGzipLevelRoundTrips(level: Int) throws {
        let input = SampleBytes.compressible(count: 300_000, seed: 0x1E7E2)
        let compressed = try Codec.gzip(level: level).compress(input)
        #expect(try Codec.gzip().decompress(compressed, uncompressedSize: input.count) == input)
    }

    @Test func higherLevelsCompressCompressibleDataSmaller() throws {
        let input = SampleBytes.compressible(count: 1 << 20, seed: 0x1E7E3)
        #expect(try Codec.zstd(level: 19).compress(input).count < Codec.zstd(level: 1).compress(input).count)
        #expect(try Codec.zstd(level: 1).compress(input).count < Codec.zstd(level: -5).compress(input).count)
        #expect(try Codec.gzip(level: 9).compress(input).count < Codec.gzip(level: 1).compress(input).count)
    }

    @Test func levelsOutsideTheRangeThrowInvalidLevel() throws {
        let zstdLevels = try #require(Codec.zstd().levelRange)
        #expect(zstdLevels.upperBound == 22)
        #expect(throws: CompressionError.invalidLevel(codec: "zstd", level: 23, valid: zstdLevels)) {
            try Compressor(.zstd(level: 23))
        }
        #expect(throws: CompressionError.invalidLevel(codec: "gzip", level: 0, valid: 1...9)) {
            try Compressor(.gzip(level: 0))
        }
        #expect(throws: CompressionError.invalidLevel(codec: "gzip", level: 10, valid: 1...9)) {
            try Compressor(.gzip(level: 10))
        }
    }

    @Test func decompressionIgnoresTheLevel() throws {
        let input = SampleBytes.compressible(count: 10_000, seed: 0x1E7E4)
        let compressed = try Codec.zstd(level: 12).compress(input)
        #expect(try Decompressor(.zstd(level: 999)).codec == .zstd(level: 999))
        #expect(try Codec.zstd(level: 999).decompress(compressed, uncompressedSize: input.count) == input)
    }
}
