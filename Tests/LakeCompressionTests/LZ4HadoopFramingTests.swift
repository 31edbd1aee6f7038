import LakeCompression
import Testing

@Suite("LZ4 with Hadoop framing")
struct LZ4HadoopFramingTests {
    /// Reads the block and chunk lengths of Hadoop framing, assuming one chunk per block.
    private func blockHeaders(_ bytes: [UInt8]) -> [(uncompressed: Int, compressed: Int)] {
        var headers: [(Int, Int)] = []
        var offset = 0
        func bigEndian(at index: Int) -> Int {
            bytes[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
        }
        while offset + 8 <= bytes.count {
            let header = (bigEndian(at: offset), bigEndian(at: offset + 4))
            headers.append(header)
            offset += 8 + header.1
        }
        #expect(offset == bytes.count, "blocks cover the data exactly")
        return headers
    }

    @Test func largeInputsAreSplitIntoBlocksHadoopReadersAccept() throws {
        let input = SampleKind.mixed4MiB.bytes
        let compressed = try Codec.lz4Hadoop.compress(input)
        let headers = blockHeaders(compressed)
        #expect(headers.count == input.count / CompressionLimits.lz4HadoopBlockBytesMax)
        #expect(headers.allSatisfy { $0.uncompressed == CompressionLimits.lz4HadoopBlockBytesMax })
        #expect(headers.allSatisfy { $0.compressed < 256 << 10 }, "fits Hadoop's default 256 KiB buffer")
    }

    @Test func emptyInputIsOneEmptyBlock() throws {
        let compressed = try Codec.lz4Hadoop.compress([])
        #expect(compressed == [0, 0, 0, 0, 0, 0, 0, 1, 0])
        #expect(try Codec.lz4Hadoop.decompress(compressed, uncompressedSize: 0) == [])
    }

    @Test func blocksWithSeveralChunksDecode() throws {
        // Hadoop's BlockCompressorStream writes one uncompressed length, then a chunk per buffer-full.
        let parts = [
            SampleBytes.compressible(count: 70_000, seed: 0x1A1), SampleBytes.random(count: 5_000, seed: 0x1A2),
            SampleBytes.compressible(count: 20_000, seed: 0x1A3),
        ]
        let second = SampleBytes.compressible(count: 1_234, seed: 0x1A4)
        var framed: [UInt8] = []
        func append(_ value: Int) {
            framed.append(contentsOf: (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) })
        }
        append(parts.map(\.count).reduce(0, +))
        for part in parts {
            let chunk = try Codec.lz4Raw.compress(part)
            append(chunk.count)
            framed += chunk
        }
        let secondChunk = try Codec.lz4Raw.compress(second)
        append(second.count)
        append(secondChunk.count)
        framed += secondChunk

        let expected = parts.joined() + second
        #expect(try Codec.lz4Hadoop.decompress(framed, uncompressedSize: expected.count) == Array(expected))
    }

    @Test(arguments: SampleKind.allCases)
    func aRawBlockStoredUnderTheHadoopCodecDecodesByFallback(sample: SampleKind) throws {
        // pyarrow (26.0) writes LZ4_RAW data into pages marked LZ4; Arrow's reader falls back, and so do we.
        let input = sample.bytes
        let raw = try Codec.lz4Raw.compress(input)
        #expect(try Codec.lz4Hadoop.decompress(raw, uncompressedSize: input.count) == input)
    }

    @Test func framingWithLengthsThatDisagreeIsRejected() throws {
        let input = SampleBytes.compressible(count: 10_000, seed: 0x1A5)
        var compressed = try Codec.lz4Hadoop.compress(input)
        compressed[3] &+= 1  // the block now claims one byte more than its chunk produces
        #expect(throws: CompressionError.self) {
            try Codec.lz4Hadoop.decompress(compressed, uncompressedSize: input.count)
        }
    }
}
