import LakeCore
import Testing

@testable import LakeParquet

/// PLAIN: exact little-endian layouts, bit-exact floats, INT96 timestamps, byte arrays and short input.
@Suite struct PlainEncodingTests {
    @Test func writesIntegersLittleEndianAndByteArraysWithLengthPrefixes() {
        var output: [UInt8] = []
        [Int32(1), -2].withUnsafeBufferPointer { PlainEncoding.encode($0, into: &output) }
        #expect(output == [1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF])
        output = []
        [Int64(0x0102_0304_0506_0708)].withUnsafeBufferPointer { PlainEncoding.encode($0, into: &output) }
        #expect(output == [8, 7, 6, 5, 4, 3, 2, 1])
        output = []
        let (data, offsets) = EncodingTestSupport.flatten([Array("ab".utf8), [], Array("c".utf8)])
        data.withUnsafeBytes { bytes in
            offsets.withUnsafeBufferPointer { PlainEncoding.encodeByteArrays(data: bytes, offsets: $0, into: &output) }
        }
        #expect(output == [2, 0, 0, 0, 0x61, 0x62, 0, 0, 0, 0, 1, 0, 0, 0, 0x63])
        output = []
        [true, false, true, true, false, false, false, false, true].withUnsafeBufferPointer {
            PlainEncoding.encodeBooleans($0, into: &output)
        }
        #expect(output == [0b0000_1101, 0b0000_0001])
    }

    @Test(arguments: EncodingTestSupport.counts)
    func fixedWidthValuesRoundTripBitForBit(count: Int) throws {
        var generator = SeededGenerator(seed: 0x9A1 + UInt64(count))
        let extremesInt64: [Int64] = [.min, .max, 0, -1]
        let int64s = (0..<count).map { index in
            index < extremesInt64.count ? extremesInt64[index] : Int64.random(in: .min ... .max, using: &generator)
        }
        let int32s = int64s.map { Int32(truncatingIfNeeded: $0) }
        let specialDoubles: [Double] = [
            .nan, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, Double(bitPattern: 0x7FF0_0000_0000_0ABC),
        ]
        let doubles = (0..<count).map { index in
            index < specialDoubles.count
                ? specialDoubles[index] : Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
        }
        let floats = doubles.map { Float(bitPattern: UInt32(truncatingIfNeeded: $0.bitPattern)) }
        let booleans = (0..<count).map { _ in Bool.random(using: &generator) }

        var bytes: [UInt8] = []
        int64s.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &bytes) }
        var decodedInt64: [Int64] = []
        #expect(
            try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                try PlainEncoding.decode(input, count: count, into: &decodedInt64)
            } == 8 * count)
        #expect(decodedInt64 == int64s)

        bytes = []
        int32s.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &bytes) }
        var decodedInt32: [Int32] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try PlainEncoding.decode(input, count: count, into: &decodedInt32)
        }
        #expect(decodedInt32 == int32s)

        bytes = []
        doubles.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &bytes) }
        var decodedDoubles: [Double] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try PlainEncoding.decode(input, count: count, into: &decodedDoubles)
        }
        #expect(decodedDoubles.map(\.bitPattern) == doubles.map(\.bitPattern))

        bytes = []
        floats.withUnsafeBufferPointer { PlainEncoding.encode($0, into: &bytes) }
        var decodedFloats: [Float] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try PlainEncoding.decode(input, count: count, into: &decodedFloats)
        }
        #expect(decodedFloats.map(\.bitPattern) == floats.map(\.bitPattern))

        bytes = []
        booleans.withUnsafeBufferPointer { PlainEncoding.encodeBooleans($0, into: &bytes) }
        var decodedBooleans: [Bool] = [true]
        #expect(
            try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                try PlainEncoding.decodeBooleans(input, count: count, into: &decodedBooleans)
            } == (count + 7) / 8)
        #expect(decodedBooleans == [true] + booleans)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func byteArraysRoundTripAndAppendAfterExistingValues(count: Int) throws {
        var generator = SeededGenerator(seed: 0xBA + UInt64(count))
        let strings = EncodingTestSupport.sampleStrings(count: count, using: &generator)
        let (data, offsets) = EncodingTestSupport.flatten(strings)
        var bytes: [UInt8] = []
        data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { PlainEncoding.encodeByteArrays(data: raw, offsets: $0, into: &bytes) }
        }
        var values: [UInt8] = Array("existing".utf8)
        var decodedOffsets: [Int32] = [0, 8]
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes + [1, 2]) { (input) throws in
            try PlainEncoding.decodeByteArrays(input, count: count, values: &values, offsets: &decodedOffsets)
        }
        #expect(consumed == bytes.count)
        #expect(
            EncodingTestSupport.unflatten(data: values, offsets: decodedOffsets) == [Array("existing".utf8)] + strings)
    }

    @Test func fixedLengthByteArraysRoundTrip() throws {
        let data: [UInt8] = Array(0..<60)
        var bytes: [UInt8] = []
        data.withUnsafeBytes { PlainEncoding.encodeFixedLengthByteArrays($0, into: &bytes) }
        var decoded: [UInt8] = []
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try PlainEncoding.decodeFixedLengthByteArrays(input, count: 4, width: 15, into: &decoded)
        }
        #expect(decoded == data)
        #expect(consumed == 60)
    }

    @Test func int96TimestampsConvertJulianDaysToUnixNanoseconds() throws {
        func int96(nanosecondsOfDay: Int64, julianDay: Int32) -> [UInt8] {
            withUnsafeBytes(of: nanosecondsOfDay.littleEndian) { Array($0) }
                + withUnsafeBytes(of: julianDay.littleEndian) { Array($0) }
        }
        // 1970-01-01T00:00, 1970-01-02T00:00:00.000000001, 2000-01-01T12:00 (Julian day 2451545), 1969-12-31T23:59.
        let bytes =
            int96(nanosecondsOfDay: 0, julianDay: 2_440_588)
            + int96(nanosecondsOfDay: 1, julianDay: 2_440_589)
            + int96(nanosecondsOfDay: 43_200_000_000_000, julianDay: 2_451_545)
            + int96(nanosecondsOfDay: 86_340_000_000_000, julianDay: 2_440_587)
        var decoded: [Int64] = []
        try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try PlainEncoding.decodeInt96Timestamps(input, count: 4, into: &decoded)
        }
        #expect(decoded == [0, 86_400_000_000_001, 946_728_000_000_000_000, -60_000_000_000])

        // 0001-01-01 (Julian day 1721426) does not fit in Int64 nanoseconds.
        let error = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes(int96(nanosecondsOfDay: 0, julianDay: 1_721_426)) {
                (input) throws in
                try PlainEncoding.decodeInt96Timestamps(input, count: 1, into: &decoded)
            }
        }
        #expect(error?.kind == .invalidData)
    }

    @Test func shortInputThrowsTruncatedBeforeAllocating() {
        var int64s: [Int64] = []
        var booleans: [Bool] = []
        var values: [UInt8] = []
        var offsets: [Int32] = [0]
        let huge = 1 << 40
        let bytes: [UInt8] = [5, 0, 0, 0, 0x61, 0x62]
        let errors = [
            EncodingTestSupport.parquetError {
                try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                    try PlainEncoding.decode(input, count: huge, into: &int64s)
                }
            },
            EncodingTestSupport.parquetError {
                try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                    try PlainEncoding.decodeBooleans(input, count: huge, into: &booleans)
                }
            },
            EncodingTestSupport.parquetError {
                try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                    try PlainEncoding.decodeByteArrays(input, count: huge, values: &values, offsets: &offsets)
                }
            },
            EncodingTestSupport.parquetError {
                // The length says 5 bytes but only 2 follow.
                try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                    try PlainEncoding.decodeByteArrays(input, count: 1, values: &values, offsets: &offsets)
                }
            },
            EncodingTestSupport.parquetError {
                try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
                    try PlainEncoding.decodeFixedLengthByteArrays(input, count: huge, width: 16, into: &values)
                }
            },
        ]
        #expect(errors.map { $0?.kind } == Array(repeating: .truncated, count: errors.count))
        #expect(int64s.isEmpty && booleans.isEmpty && values.isEmpty && offsets == [0])
    }

    @Test func byteArrayLengthAboveInt32MaxThrowsInvalidData() {
        var values: [UInt8] = []
        var offsets: [Int32] = [0]
        let error = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes([0xFF, 0xFF, 0xFF, 0xFF, 1, 2]) { (input) throws in
                try PlainEncoding.decodeByteArrays(input, count: 1, values: &values, offsets: &offsets)
            }
        }
        #expect(error?.kind == .invalidData)
    }

    @Test func corruptedByteArraysThrowOrDecodeWithinTheInput() {
        var generator = SeededGenerator(seed: 0x91A)
        let (data, offsets) = EncodingTestSupport.flatten(
            EncodingTestSupport.sampleStrings(count: 200, using: &generator))
        var bytes: [UInt8] = []
        data.withUnsafeBytes { raw in
            offsets.withUnsafeBufferPointer { PlainEncoding.encodeByteArrays(data: raw, offsets: $0, into: &bytes) }
        }
        for damaged in EncodingTestSupport.corruptedVariants(of: bytes, count: 1_000, using: &generator) {
            var values: [UInt8] = []
            var decodedOffsets: [Int32] = [0]
            do {
                let consumed = try EncodingTestSupport.withEncodedBytes(damaged) { (input) throws in
                    try PlainEncoding.decodeByteArrays(input, count: 200, values: &values, offsets: &decodedOffsets)
                }
                #expect(consumed <= damaged.count)
                #expect(decodedOffsets.count == 201 && Int(decodedOffsets[200]) == values.count)
            } catch {
                #expect(values.isEmpty && decodedOffsets == [0])
            }
        }
    }
}
