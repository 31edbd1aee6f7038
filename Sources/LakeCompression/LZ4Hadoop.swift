/// LZ4 blocks in Hadoop's framing: the deprecated Parquet `LZ4` codec.
///
/// The data is a sequence of blocks. Each block is a 4-byte big-endian uncompressed length followed by chunks, each
/// a 4-byte big-endian compressed length and one LZ4 block, until the chunks have produced the block's length.
/// Hadoop's `BlockCompressorStream` writes several chunks per block when its input is larger than its buffer;
/// Arrow writes one chunk per block. We write one chunk per block of at most
/// `CompressionLimits.lz4HadoopBlockBytesMax` bytes, which every reader accepts.
///
/// Spec: parquet-format Compression.md ("LZ4", deprecated), Hadoop `BlockCompressorStream`.
enum LZ4Hadoop {
    static let name = Codec.lz4Hadoop.name

    static func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(CompressionError) {
        let originalCount = output.count
        var offset = 0
        do throws(CompressionError) {
            // An empty input still gets one (empty) block, so that readers expecting a frame find one.
            repeat {
                let blockBytes = min(input.count - offset, CompressionLimits.lz4HadoopBlockBytesMax)
                let block = UnsafeRawBufferPointer(rebasing: input[offset..<(offset + blockBytes)])
                output.appendBigEndian(UInt32(blockBytes))
                let lengthOffset = output.count
                output.appendBigEndian(0)
                try LZ4Block.compress(block, codecName: name, into: &output)
                let chunkBytes = UInt32(output.count - lengthOffset - 4)
                for (index, shift) in [24, 16, 8, 0].enumerated() {
                    output[lengthOffset + index] = UInt8(truncatingIfNeeded: chunkBytes >> UInt32(shift))
                }
                offset += blockBytes
            } while offset < input.count
        } catch {
            output.removeSubrange(originalCount...)
            throw error
        }
    }

    /// Decodes Hadoop framing when the whole input parses as consistent blocks that produce `uncompressedSize`
    /// bytes, and otherwise decodes the input as one raw LZ4 block (the fallback Arrow uses for files whose writers
    /// stored `LZ4_RAW` data under the `LZ4` codec).
    static func decompress(
        _ input: UnsafeRawBufferPointer, uncompressedSize: Int, into output: inout [UInt8]
    ) throws(CompressionError) {
        guard uncompressedSize <= Int(Int32.max) else {
            throw .limitExceeded(codec: name, bytes: uncompressedSize, limit: Int(Int32.max))
        }
        try output.appendBytes(byteCountMax: uncompressedSize) { (destination) throws(CompressionError) -> Int in
            let framedBytes = decodeFramed(input, into: destination, capacity: uncompressedSize)
            if framedBytes == uncompressedSize {
                return uncompressedSize
            }
            if let rawBytes = LZ4Block.decode(input, into: destination, capacity: uncompressedSize) {
                guard rawBytes == uncompressedSize else {
                    throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: framedBytes ?? rawBytes)
                }
                return rawBytes
            }
            if let framedBytes {
                throw .sizeMismatch(codec: name, expected: uncompressedSize, actual: framedBytes)
            }
            throw .corrupt(
                codec: name,
                reason: "neither Hadoop-framed LZ4 blocks nor one LZ4 block of at most \(uncompressedSize) bytes")
        }
    }

    /// Decodes `input` as Hadoop blocks into `destination` (room for `capacity` bytes) and returns the bytes
    /// produced, or nil when the framing does not parse: a length runs past the input or the capacity, a chunk is
    /// malformed or overruns its block, or bytes are left over.
    ///
    /// - Complexity: O(input); every chunk consumes at least its 4-byte length, so the loops end.
    static func decodeFramed(
        _ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer, capacity: Int
    ) -> Int? {
        var offset = 0
        var producedBytes = 0
        while offset < input.count {
            guard let blockBytes = input.loadBigEndianUInt32(at: offset), blockBytes <= capacity - producedBytes else {
                return nil
            }
            offset += 4
            var blockProducedBytes = 0
            repeat {
                guard let chunkBytes = input.loadBigEndianUInt32(at: offset), chunkBytes <= input.count - offset - 4
                else { return nil }
                offset += 4
                let chunk = UnsafeRawBufferPointer(rebasing: input[offset..<(offset + chunkBytes)])
                let written = producedBytes + blockProducedBytes
                guard
                    let chunkProducedBytes = LZ4Block.decode(
                        chunk, into: destination + written, capacity: blockBytes - blockProducedBytes)
                else { return nil }
                blockProducedBytes += chunkProducedBytes
                offset += chunkBytes
            } while blockProducedBytes < blockBytes
            producedBytes += blockProducedBytes
        }
        return producedBytes
    }
}
