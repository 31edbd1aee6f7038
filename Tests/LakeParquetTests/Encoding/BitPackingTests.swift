import LakeCore
import Testing

@testable import LakeParquet

/// Little-endian bit packing: every width against a bit-by-bit reference, the spec's example, and short input.
@Suite struct BitPackingTests {
    /// The spec's reference: bit `b` of the stream is bit `b % 8` of byte `b / 8`, values least significant first.
    private static func referencePack(_ values: [UInt64], bitWidth: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (values.count * bitWidth + 7) / 8)
        for (index, value) in values.enumerated() {
            for bit in 0..<bitWidth where (value >> UInt64(bit)) & 1 == 1 {
                let position = index * bitWidth + bit
                bytes[position / 8] |= 1 << UInt8(position % 8)
            }
        }
        return bytes
    }

    private static func randomValues(count: Int, bitWidth: Int, using generator: inout SeededGenerator) -> [UInt64] {
        let mask: UInt64 = bitWidth == 64 ? .max : (1 << UInt64(bitWidth)) - 1
        return (0..<count).map { index in
            switch index % 5 {
            case 0: return mask
            case 1: return 0
            default: return UInt64.random(in: 0...UInt64.max, using: &generator) & mask
            }
        }
    }

    @Test func packsTheSpecExampleOfZeroThroughSevenAtThreeBits() throws {
        let values: [UInt32] = [0, 1, 2, 3, 4, 5, 6, 7]
        var packed: [UInt8] = []
        values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: 3, into: &packed) }
        #expect(packed == [0b1000_1000, 0b1100_0110, 0b1111_1010])
        var unpacked = [UInt32](repeating: 99, count: 8)
        try unpacked.withUnsafeMutableBufferPointer { (target) throws in
            try EncodingTestSupport.withEncodedBytes(packed) { (bytes) throws in
                try BitPacking.unpack(bytes, bitWidth: 3, count: 8, into: target.baseAddress!)
            }
        }
        #expect(unpacked == values)
    }

    @Test(arguments: Array(0...64))
    func sixtyFourBitWordsMatchTheReferenceAtEveryWidth(bitWidth: Int) throws {
        var generator = SeededGenerator(seed: 0xB17 + UInt64(bitWidth))
        for count in [0, 1, 5, 8, 13, 64, 67, 1000] {
            let values = Self.randomValues(count: count, bitWidth: bitWidth, using: &generator)
            let reference = Self.referencePack(values, bitWidth: bitWidth)
            var packed: [UInt8] = [0xAB]
            values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: bitWidth, into: &packed) }
            #expect(Array(packed.dropFirst()) == reference, "width \(bitWidth), count \(count)")
            #expect(BitPacking.byteCount(valueCount: count, bitWidth: bitWidth) == reference.count)
            var unpacked = [UInt64](repeating: 0, count: count)
            try unpacked.withUnsafeMutableBufferPointer { (target) throws in
                guard let base = target.baseAddress else { return }
                try EncodingTestSupport.withEncodedBytes(reference) { (bytes) throws in
                    try BitPacking.unpack(bytes, bitWidth: bitWidth, count: count, into: base)
                }
            }
            #expect(unpacked == values, "width \(bitWidth), count \(count)")
        }
    }

    @Test(arguments: Array(0...32))
    func thirtyTwoBitWordsRoundTripAtEveryWidthWithTrailingInput(bitWidth: Int) throws {
        var generator = SeededGenerator(seed: 0x32B + UInt64(bitWidth))
        for count in [3, 8, 16, 100, 777] {
            let values = Self.randomValues(count: count, bitWidth: bitWidth, using: &generator).map {
                UInt32(truncatingIfNeeded: $0)
            }
            var packed: [UInt8] = []
            values.withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: bitWidth, into: &packed) }
            // Trailing bytes after the packed values must not leak into the result.
            packed.append(contentsOf: [0xFF, 0xFF, 0xFF])
            var unpacked = [UInt32](repeating: 0, count: count)
            try unpacked.withUnsafeMutableBufferPointer { (target) throws in
                guard let base = target.baseAddress else { return }
                try EncodingTestSupport.withEncodedBytes(packed) { (bytes) throws in
                    try BitPacking.unpack(bytes, bitWidth: bitWidth, count: count, into: base)
                }
            }
            #expect(unpacked == values, "width \(bitWidth), count \(count)")
        }
    }

    @Test func unpackingFromShortInputThrowsTruncated() {
        var target = [UInt32](repeating: 0, count: 16)
        let error = EncodingTestSupport.parquetError {
            try target.withUnsafeMutableBufferPointer { (buffer) throws in
                try EncodingTestSupport.withEncodedBytes([1, 2, 3]) { (bytes) throws in
                    try BitPacking.unpack(bytes, bitWidth: 5, count: 16, into: buffer.baseAddress!)
                }
            }
        }
        #expect(error?.kind == .truncated)
    }

    @Test func widthWiderThanTheWordThrowsInvalidData() {
        var target = [UInt32](repeating: 0, count: 8)
        let error = EncodingTestSupport.parquetError {
            try target.withUnsafeMutableBufferPointer { (buffer) throws in
                try EncodingTestSupport.withEncodedBytes([UInt8](repeating: 0, count: 64)) {
                    (bytes) throws in
                    try BitPacking.unpack(bytes, bitWidth: 33, count: 8, into: buffer.baseAddress!)
                }
            }
        }
        #expect(error?.kind == .invalidData)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func booleansRoundTripLeastSignificantBitFirst(count: Int) throws {
        var generator = SeededGenerator(seed: 0xB001 + UInt64(count))
        let values = (0..<count).map { _ in Bool.random(using: &generator) }
        var packed: [UInt8] = []
        values.withUnsafeBufferPointer { BitPacking.packBooleans($0, into: &packed) }
        #expect(packed == Self.referencePack(values.map { $0 ? 1 : 0 }, bitWidth: 1))
        var unpacked = [Bool](repeating: false, count: count)
        try unpacked.withUnsafeMutableBufferPointer { (target) throws in
            guard let base = target.baseAddress else { return }
            try EncodingTestSupport.withEncodedBytes(packed) { (bytes) throws in
                try BitPacking.unpackBooleans(bytes, count: count, into: base)
            }
        }
        #expect(unpacked == values)
    }

    @Test func everyBytePatternSpreadsToEightBooleans() throws {
        for byte in 0...255 {
            var unpacked = [Bool](repeating: false, count: 8)
            try unpacked.withUnsafeMutableBufferPointer { (target) throws in
                try EncodingTestSupport.withEncodedBytes([UInt8(byte)]) { (bytes) throws in
                    try BitPacking.unpackBooleans(bytes, count: 8, into: target.baseAddress!)
                }
            }
            #expect(unpacked == (0..<8).map { (byte >> $0) & 1 == 1 })
        }
    }
}
