import LakeCompression
import Testing

@Suite("zstd format details")
struct ZstdFormatTests {
    /// `echo hello | zstd -c` (zstd 1.5.4 CLI): one frame that does not declare its content size and ends with a
    /// checksum, as streaming writers produce.
    static let helloFrameWithoutContentSize: [UInt8] = [
        0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x31, 0x00, 0x00, 0x68, 0x65, 0x6C, 0x6C, 0x6F, 0x0A, 0x53, 0x88, 0xBD,
        0x91,
    ]

    @Test func framesWithoutADeclaredSizeAreCheckedAfterDecoding() throws {
        let frame = Self.helloFrameWithoutContentSize
        #expect(try Codec.zstd().decompress(frame, uncompressedSize: 6) == Array("hello\n".utf8))
        #expect(throws: CompressionError.sizeMismatch(codec: "zstd", expected: 7, actual: 6)) {
            try Codec.zstd().decompress(frame, uncompressedSize: 7)
        }
        #expect(throws: CompressionError.corrupt(codec: "zstd", reason: "Destination buffer is too small")) {
            try Codec.zstd().decompress(frame, uncompressedSize: 5)
        }
    }

    @Test func aDamagedChecksumIsCorrupt() throws {
        var frame = Self.helloFrameWithoutContentSize
        frame[9] ^= 0x01  // "hello" becomes "iello"; the frame's checksum no longer matches
        #expect(throws: CompressionError.corrupt(codec: "zstd", reason: "Restored data doesn't match checksum")) {
            try Codec.zstd().decompress(frame, uncompressedSize: 6)
        }
    }

    @Test func skippableFramesAreIgnored() throws {
        // Magic 0x184D2A50 (little-endian), a 3-byte payload length, and the payload.
        let skippable: [UInt8] = [0x50, 0x2A, 0x4D, 0x18, 0x03, 0x00, 0x00, 0x00, 0xAA, 0xBB, 0xCC]
        let input = SampleBytes.compressible(count: 2_000, seed: 0x2577)
        let compressed = try skippable + Codec.zstd().compress(input) + skippable
        #expect(try Codec.zstd().decompress(compressed, uncompressedSize: input.count) == input)
    }
}
