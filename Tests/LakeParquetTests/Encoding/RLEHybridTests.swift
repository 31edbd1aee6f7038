import LakeCore
import Testing

@testable import LakeParquet

/// The RLE / bit-packing hybrid: run choice, exact bytes, length prefix, booleans and malformed runs.
@Suite struct RLEHybridTests {
    private static func encoded(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var output: [UInt8] = []
        values.withUnsafeBufferPointer { RLEHybrid.encode($0, bitWidth: bitWidth, into: &output) }
        return output
    }

    private static func decoded(
        _ bytes: [UInt8], bitWidth: Int, count: Int
    ) throws
        -> (values: [UInt32], consumed: Int)
    {
        var values: [UInt32] = []
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try RLEHybrid.decode(input, bitWidth: bitWidth, count: count, into: &values)
        }
        return (values, consumed)
    }

    @Test func decodesTheSpecExampleAsOneBitPackedRun() throws {
        // Header (1 group << 1 | 1) then 0...7 packed at 3 bits as in Encodings.md.
        let bytes: [UInt8] = [0x03, 0b1000_1000, 0b1100_0110, 0b1111_1010]
        let result = try Self.decoded(bytes, bitWidth: 3, count: 8)
        #expect(result.values == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(result.consumed == 4)
        #expect(Self.encoded(Array(0...7), bitWidth: 3) == bytes)
    }

    @Test func writesLongRepetitionsAsRLERuns() throws {
        // 100 ones at width 1: header 100 << 1 = 200 (ULEB128 0xC8 0x01), then the value in one byte.
        #expect(Self.encoded([UInt32](repeating: 1, count: 100), bitWidth: 1) == [0xC8, 0x01, 0x01])
        // Width 0 values take no bytes.
        #expect(Self.encoded([UInt32](repeating: 0, count: 3), bitWidth: 0) == [0x03])
        // Width 9 values take two bytes, little endian.
        #expect(Self.encoded([UInt32](repeating: 0x1FF, count: 8), bitWidth: 9) == [0x10, 0xFF, 0x01])
    }

    @Test func topsUpAnUnfinishedGroupBeforeARepetition() throws {
        // 3 distinct values, then 13 sevens: the first 5 sevens complete the group, the other 8 form an RLE run.
        let values: [UInt32] = [1, 2, 3] + [UInt32](repeating: 7, count: 13)
        let bytes = Self.encoded(values, bitWidth: 3)
        #expect(bytes.first == 0x03)  // one bit-packed group
        #expect(Array(bytes.suffix(2)) == [0x10, 0x07])  // RLE run of 8 sevens
        #expect(try Self.decoded(bytes, bitWidth: 3, count: values.count).values == values)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func roundTripsRandomRunsAtSeveralWidths(count: Int) throws {
        var generator = SeededGenerator(seed: 0x41E + UInt64(count))
        for bitWidth in [0, 1, 2, 3, 7, 8, 12, 17, 24, 31, 32] {
            let maxValue: UInt32 = bitWidth == 32 ? .max : (1 << UInt32(bitWidth)) - 1
            var values: [UInt32] = []
            while values.count < count {
                let value = UInt32.random(in: 0...maxValue, using: &generator)
                let repeats = Bool.random(using: &generator) ? Int.random(in: 1...40, using: &generator) : 1
                values.append(contentsOf: repeatElement(value, count: min(repeats, count - values.count)))
            }
            let bytes = Self.encoded(values, bitWidth: bitWidth)
            let result = try Self.decoded(bytes + [0xEE, 0xEE], bitWidth: bitWidth, count: count)
            #expect(result.values == values, "width \(bitWidth)")
            #expect(result.consumed == bytes.count, "width \(bitWidth)")
        }
    }

    @Test func lengthPrefixedRunsReportFourPlusTheirLength() throws {
        let values: [UInt32] = [1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
        var bytes: [UInt8] = []
        values.withUnsafeBufferPointer { RLEHybrid.encodeLengthPrefixed($0, bitWidth: 1, into: &bytes) }
        let length = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
        #expect(length == bytes.count - 4)
        var decoded: [UInt32] = [42]
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes + [9, 9, 9]) { (input) throws in
            try RLEHybrid.decodeLengthPrefixed(input, bitWidth: 1, count: values.count, into: &decoded)
        }
        #expect(decoded == [42] + values)
        #expect(consumed == bytes.count)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func booleansRoundTripThroughLengthPrefixedRuns(count: Int) throws {
        var generator = SeededGenerator(seed: 0xB00 + UInt64(count))
        let values = (0..<count).map { index in index % 50 < 20 ? true : Bool.random(using: &generator) }
        var bytes: [UInt8] = []
        values.withUnsafeBufferPointer { RLEHybrid.encodeLengthPrefixedBooleans($0, into: &bytes) }
        var decoded: [Bool] = []
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try RLEHybrid.decodeLengthPrefixedBooleans(input, count: count, into: &decoded)
        }
        #expect(decoded == values)
        #expect(consumed == bytes.count)
    }

    @Test func zeroWidthDecodesZerosEvenWithoutRuns() throws {
        #expect(try Self.decoded([], bitWidth: 0, count: 5).values == [0, 0, 0, 0, 0])
        #expect(try Self.decoded([0x06], bitWidth: 0, count: 3).values == [0, 0, 0])
    }

    @Test func toleratesAFinalBitPackedRunWhosePaddingIsCutOff() throws {
        // Two groups announced at width 8 (16 bytes), but only the 3 needed values are present.
        let result = try Self.decoded([0x05, 10, 20, 30], bitWidth: 8, count: 3)
        #expect(result.values == [10, 20, 30])
        #expect(result.consumed == 4)
    }

    @Test func rejectsMalformedRuns() {
        let cases: [(bytes: [UInt8], bitWidth: Int, count: Int, kind: ParquetError.Kind)] = [
            ([], 1, 1, .truncated),  // no runs at all
            ([0x10], 3, 8, .truncated),  // RLE run without its value
            ([0x10, 0x09], 3, 8, .invalidData),  // value 9 does not fit in 3 bits
            ([0x03, 0xFF], 3, 8, .truncated),  // bit-packed group of 3 bytes with 1 present
            ([0x04, 0x01], 1, 5, .truncated),  // runs end after 2 of 5 values
            ([0x80, 0x80, 0x80, 0x80, 0x10, 0x01], 1, 1, .invalidData),  // RLE run of 2^31 values
            ([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F], 1, 1, .invalidData),  // over 64 bits
            ([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 1, 1, .invalidData),  // 11-byte ULEB
            ([0x02, 0x01], 33, 1, .invalidData),  // width above 32
        ]
        for testCase in cases {
            var output: [UInt32] = [7]
            let error = EncodingTestSupport.parquetError {
                try EncodingTestSupport.withEncodedBytes(testCase.bytes) { (input) throws in
                    try RLEHybrid.decode(input, bitWidth: testCase.bitWidth, count: testCase.count, into: &output)
                }
            }
            #expect(error?.kind == testCase.kind, "\(testCase.bytes)")
            #expect(output == [7], "a failed decode leaves the output as it was")
        }
    }

    @Test func lengthPrefixLongerThanTheInputThrowsTruncated() {
        var output: [UInt32] = []
        let error = EncodingTestSupport.parquetError {
            try EncodingTestSupport.withEncodedBytes([0x10, 0, 0, 0, 0x02, 0x01]) { (input) throws in
                try RLEHybrid.decodeLengthPrefixed(input, bitWidth: 1, count: 1, into: &output)
            }
        }
        #expect(error?.kind == .truncated)
    }

    @Test func corruptedRunsThrowOrDecodeExactlyTheCount() {
        var generator = SeededGenerator(seed: 0xC0DE)
        let values = (0..<700).map { index in UInt32(index % 97 < 30 ? 5 : index % 13) }
        let bytes = Self.encoded(values, bitWidth: 4)
        for damaged in EncodingTestSupport.corruptedVariants(of: bytes, count: 2_000, using: &generator) {
            var output: [UInt32] = []
            do {
                _ = try EncodingTestSupport.withEncodedBytes(damaged) { (input) throws in
                    try RLEHybrid.decode(input, bitWidth: 4, count: values.count, into: &output)
                }
                #expect(output.count == values.count)
                #expect(output.allSatisfy { $0 < 16 })
            } catch {
                #expect(output.isEmpty)
            }
        }
    }
}
