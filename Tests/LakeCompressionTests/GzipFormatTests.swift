import LakeCompression
import Testing

@Suite("gzip format details")
struct GzipFormatTests {
    @Test func outputIsTheGzipFormatNotZlib() throws {
        let compressed = try Codec.gzip().compress(Array("parquet".utf8))
        #expect(compressed.prefix(3) == [0x1F, 0x8B, 0x08], "gzip magic and deflate method (RFC 1952)")
    }

    @Test func concatenatedMembersDecodeAsOneStream() throws {
        let first = SampleBytes.compressible(count: 40_000, seed: 0x6219)
        let second = SampleBytes.random(count: 1_000, seed: 0x621A)
        let compressed = try Codec.gzip(level: 1).compress(first) + Codec.gzip(level: 9).compress(second)
        #expect(try Codec.gzip().decompress(compressed, uncompressedSize: first.count + second.count) == first + second)
    }

    @Test func trailingGarbageAfterAMemberIsCorrupt() throws {
        let compressed = try Codec.gzip().compress(Array(repeating: 1, count: 100)) + [0, 0, 0, 0]
        #expect {
            try Codec.gzip().decompress(compressed, uncompressedSize: 100)
        } throws: { error in
            guard case .corrupt(codec: "gzip", _) = error as? CompressionError else { return false }
            return true
        }
    }

    @Test func aDamagedChecksumIsCorrupt() throws {
        var compressed = try Codec.gzip().compress(SampleBytes.compressible(count: 5_000, seed: 0x621B))
        compressed[compressed.count - 6] ^= 0x40  // inside the CRC-32 of the trailer
        #expect(throws: CompressionError.corrupt(codec: "gzip", reason: "incorrect data check")) {
            try Codec.gzip().decompress(compressed, uncompressedSize: 5_000)
        }
    }
}
