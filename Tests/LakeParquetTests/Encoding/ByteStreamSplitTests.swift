import LakeCore
import Testing

@testable import LakeParquet

/// BYTE_STREAM_SPLIT: the spec's example, every supported type, odd widths and section-length checks.
@Suite struct ByteStreamSplitTests {
    @Test func scattersTheSpecExampleIntoFourStreams() throws {
        let raw: [UInt8] = [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6]
        let split: [UInt8] = [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6]
        var output: [UInt8] = []
        raw.withUnsafeBytes { ByteStreamSplit.encode($0, width: 4, into: &output) }
        #expect(output == split)
        var floats: [Float] = []
        let consumed = try EncodingTestSupport.withEncodedBytes(split) { (input) throws in
            try ByteStreamSplit.decode(input, count: 3, into: &floats)
        }
        #expect(consumed == 12)
        #expect(floats.withUnsafeBytes { Array($0) } == raw)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func everyTypeRoundTripsBitForBit(count: Int) throws {
        var generator = SeededGenerator(seed: 0xB55 + UInt64(count))
        let specials: [Double] = [.nan, -0.0, .infinity, .greatestFiniteMagnitude]
        let doubles = (0..<count).map { index in
            index < specials.count ? specials[index] : Double.random(in: -1e6...1e6, using: &generator)
        }
        let floats = doubles.map { Float($0) }
        let int32s = (0..<count).map { _ in Int32.random(in: .min ... .max, using: &generator) }
        let int64s = (0..<count).map { index in
            index == 0 ? Int64.min : Int64.random(in: .min ... .max, using: &generator)
        }

        var bytes: [UInt8] = []
        doubles.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &bytes) }
        var decodedDoubles: [Double] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try ByteStreamSplit.decode(input, count: count, into: &decodedDoubles)
        }
        #expect(decodedDoubles.map(\.bitPattern) == doubles.map(\.bitPattern))

        bytes = []
        floats.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &bytes) }
        var decodedFloats: [Float] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try ByteStreamSplit.decode(input, count: count, into: &decodedFloats)
        }
        #expect(decodedFloats.map(\.bitPattern) == floats.map(\.bitPattern))

        bytes = []
        int32s.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &bytes) }
        var decodedInt32s: [Int32] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try ByteStreamSplit.decode(input, count: count, into: &decodedInt32s)
        }
        #expect(decodedInt32s == int32s)

        bytes = []
        int64s.withUnsafeBufferPointer { ByteStreamSplit.encode($0, into: &bytes) }
        var decodedInt64s: [Int64] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try ByteStreamSplit.decode(input, count: count, into: &decodedInt64s)
        }
        #expect(decodedInt64s == int64s)
    }

    @Test(arguments: [1, 2, 3, 5, 16])
    func fixedLengthValuesOfAnyWidthRoundTrip(width: Int) throws {
        var generator = SeededGenerator(seed: 0xF1B5 + UInt64(width))
        let count = 77
        let data = (0..<(count * width)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var bytes: [UInt8] = []
        data.withUnsafeBytes { ByteStreamSplit.encode($0, width: width, into: &bytes) }
        #expect(bytes.count == data.count)
        if width > 1 { #expect(bytes[count] == data[1], "stream 1 starts with byte 1 of value 0") }
        var decoded: [UInt8] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try ByteStreamSplit.decode(input, count: count, width: width, into: &decoded)
        }
        #expect(decoded == data)
    }

    @Test func rejectsSectionsThatDoNotSplitEvenlyOrHoldTooFewValues() {
        var doubles: [Double] = []
        let uneven = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes([UInt8](repeating: 1, count: 17)) { (input) throws in
                try ByteStreamSplit.decode(input, count: 2, into: &doubles)
            }
        }
        #expect(uneven?.kind == .invalidData)
        let short = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes([UInt8](repeating: 1, count: 16)) { (input) throws in
                try ByteStreamSplit.decode(input, count: 1 << 40, into: &doubles)
            }
        }
        #expect(short?.kind == .truncated)
        #expect(doubles.isEmpty)
        var bytes: [UInt8] = []
        let zeroWidth = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes([1, 2]) { (input) throws in
                try ByteStreamSplit.decode(input, count: 1, width: 0, into: &bytes)
            }
        }
        #expect(zeroWidth?.kind == .invalidData)
    }
}
