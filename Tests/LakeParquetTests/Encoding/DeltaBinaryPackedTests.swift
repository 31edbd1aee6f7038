import LakeCore
import Testing

@testable import LakeParquet

/// DELTA_BINARY_PACKED: the spec's examples, wrapping deltas, foreign block layouts and malformed headers.
@Suite struct DeltaBinaryPackedTests {
    private static func encoded(_ values: [Int64]) -> [UInt8] {
        var output: [UInt8] = []
        values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        return output
    }

    private static func encoded(_ values: [Int32]) -> [UInt8] {
        var output: [UInt8] = []
        values.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        return output
    }

    private static func decodedInt64(_ bytes: [UInt8], count: Int) throws -> (values: [Int64], consumed: Int) {
        var values: [Int64] = []
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try DeltaBinaryPacked.decode(input, count: count, into: &values)
        }
        return (values, consumed)
    }

    private static func decodedInt32(_ bytes: [UInt8], count: Int) throws -> (values: [Int32], consumed: Int) {
        var values: [Int32] = []
        let consumed = try EncodingTestSupport.withEncodedBytes(bytes) { (input) throws in
            try DeltaBinaryPacked.decode(input, count: count, into: &values)
        }
        return (values, consumed)
    }

    /// The bit widths of every miniblock that holds values, read by walking the block structure.
    private static func miniblockWidths(_ bytes: [UInt8]) throws -> [Int] {
        try EncodingTestSupport.withEncodedBytes(bytes) { input in
            var cursor = EncodingCursor(input)
            let blockValues = Int(try cursor.readULEB128("block size"))
            let miniblockCount = Int(try cursor.readULEB128("miniblocks"))
            var remaining = Int(try cursor.readULEB128("count")) - 1
            _ = try cursor.readZigZag("first")
            var widths: [Int] = []
            while remaining > 0 {
                _ = try cursor.readZigZag("min delta")
                let blockWidths = try (0..<miniblockCount).map { _ in Int(try cursor.readByte("width")) }
                for width in blockWidths where remaining > 0 {
                    widths.append(width)
                    cursor.skip(blockValues / miniblockCount * width / 8)
                    remaining -= blockValues / miniblockCount
                }
            }
            #expect(cursor.isAtEnd)
            return widths
        }
    }

    @Test func encodesSpecExampleOneAsAConstantDeltaBlock() throws {
        // 1, 2, 3, 4, 5: header (128, 4 miniblocks, 5 values, first 1), min delta 1, all widths 0, no data.
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00]
        #expect(Self.encoded([Int64(1), 2, 3, 4, 5]) == bytes)
        #expect(try Self.decodedInt64(bytes, count: 5).values == [1, 2, 3, 4, 5])
    }

    @Test func encodesSpecExampleTwoWithTwoBitRelativeDeltas() throws {
        // 7, 5, 3, 1, 2, 3, 4, 5: min delta -2 (zigzag 3), relative deltas 0,0,0,3,3,3,3 at 2 bits, padded to 32.
        let bytes: [UInt8] =
            [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F]
            + [UInt8](repeating: 0, count: 6)
        #expect(Self.encoded([Int32(7), 5, 3, 1, 2, 3, 4, 5]) == bytes)
        let result = try Self.decodedInt32(bytes + [0xAA], count: 8)
        #expect(result.values == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(result.consumed == bytes.count)
    }

    @Test func rejectsTheSpecExamplesLiteralBlockSizeOfEight() {
        // The spec's examples use block size 8 "to keep the examples short"; real readers must reject it.
        let error = EncodingTestSupport.parquetError {
            _ = try Self.decodedInt64([0x08, 0x01, 0x05, 0x02, 0x02, 0x00], count: 5)
        }
        #expect(error?.kind == .invalidData)
    }

    @Test(arguments: EncodingTestSupport.counts)
    func int64ValuesRoundTripIncludingWrappingDeltas(count: Int) throws {
        var generator = SeededGenerator(seed: 0xDE17A + UInt64(count))
        let patterns: [(Int) -> Int64] = [
            { _ in Int64.random(in: .min ... .max, using: &generator) },
            { $0 % 2 == 0 ? .min : .max },
            { Int64($0) * 1_000 + Int64.random(in: -3...3, using: &generator) },
            { _ in 42 },
            { -Int64($0) },
        ]
        for (index, pattern) in patterns.enumerated() {
            let values = (0..<count).map(pattern)
            let bytes = Self.encoded(values)
            let result = try Self.decodedInt64(bytes, count: count)
            #expect(result.values == values, "pattern \(index)")
            #expect(result.consumed == bytes.count, "pattern \(index)")
        }
    }

    @Test(arguments: EncodingTestSupport.counts)
    func int32ValuesRoundTripIncludingWrappingDeltas(count: Int) throws {
        var generator = SeededGenerator(seed: 0xD32 + UInt64(count))
        let patterns: [(Int) -> Int32] = [
            { _ in Int32.random(in: .min ... .max, using: &generator) },
            { $0 % 2 == 0 ? .min : .max },
            { Int32(truncatingIfNeeded: $0 * 7) },
            { _ in -1 },
        ]
        for (index, pattern) in patterns.enumerated() {
            let values = (0..<count).map(pattern)
            let bytes = Self.encoded(values)
            #expect(try Self.miniblockWidths(bytes).allSatisfy { $0 <= 32 }, "INT32 widths stay within 32 bits")
            let result = try Self.decodedInt32(bytes, count: count)
            #expect(result.values == values, "pattern \(index)")
            #expect(result.consumed == bytes.count, "pattern \(index)")
        }
    }

    @Test func decodesOtherBlockLayoutsAndIgnoresUnusedMiniblockWidths() throws {
        // Block of 256 values in 2 miniblocks of 128 (DuckDB-like); 3 values, so the second miniblock's width byte
        // (0xFF here) is unused and carries no bytes.
        var bytes: [UInt8] = [0x80, 0x02, 0x02, 0x03, 0x00]  // 256, 2, 3 values, first 0
        bytes += [0x02, 0x01, 0xFF]  // min delta 1, widths 1 and garbage
        bytes += [0b0000_0010] + [UInt8](repeating: 0, count: 15)  // deltas 1+0, 1+1 at 1 bit, padded to 128 values
        let result = try Self.decodedInt64(bytes, count: 3)
        #expect(result.values == [0, 1, 3])
        #expect(result.consumed == bytes.count)
    }

    @Test func toleratesPaddingCutOffAtTheEndOfTheInput() throws {
        let full = Self.encoded([Int64(1), 4, 9, 16])
        // Relative deltas 0, 2, 4 at width 3: the 12-byte miniblock needs only 2 bytes for them.
        let minimal = Array(full.prefix(full.count - 10))
        let result = try Self.decodedInt64(minimal, count: 4)
        #expect(result.values == [1, 4, 9, 16])
        #expect(result.consumed == minimal.count)
        #expect(throws: ParquetError.self) { try Self.decodedInt64(Array(minimal.dropLast()), count: 4) }
    }

    @Test func emptyInputDecodesZeroValues() throws {
        #expect(try Self.decodedInt64([], count: 0).consumed == 0)
        let header = Self.encoded([Int64]())
        #expect(try Self.decodedInt64(header, count: 0).consumed == header.count)
    }

    @Test func rejectsMalformedHeadersAndMiniblocks() {
        let block: [UInt8] = [0x80, 0x01, 0x04]
        let cases: [(name: String, bytes: [UInt8], count: Int, kind: ParquetError.Kind)] = [
            ("block size not a multiple of 128", [0x40, 0x01, 0x01, 0x00], 1, .invalidData),
            ("block size over the limit", [0x80, 0x80, 0x80, 0x01, 0x04, 0x01, 0x00], 1, .invalidData),
            ("miniblocks of 24 values", [0x80, 0x03, 0x10, 0x01, 0x00], 1, .invalidData),
            ("zero miniblocks", [0x80, 0x01, 0x00, 0x01, 0x00], 1, .invalidData),
            ("header count differs from the page", block + [0x02, 0x00], 3, .invalidData),
            (
                "miniblock width 70", block + [0x02, 0x00, 0x00, 70, 0, 0, 0] + [UInt8](repeating: 0, count: 300), 2,
                .invalidData
            ),
            ("missing block", block + [0x02, 0x00], 2, .truncated),
            ("missing miniblock bytes", block + [0x03, 0x00, 0x00, 0x08, 0, 0, 0, 0x01], 3, .truncated),
            ("header cut short", [0x80], 1, .truncated),
        ]
        for testCase in cases {
            var output: [Int64] = [5]
            let error = EncodingTestSupport.parquetError {
                try EncodingTestSupport.withEncodedBytes(testCase.bytes) { (input) throws in
                    try DeltaBinaryPacked.decode(input, count: testCase.count, into: &output)
                }
            }
            #expect(error?.kind == testCase.kind, "\(testCase.name)")
            #expect(output == [5], "\(testCase.name): a failed decode leaves the output as it was")
        }
        let width70 = EncodingTestSupport.parquetError {
            _ = try Self.decodedInt64(
                block + [0x02, 0x00, 0x00, 70, 0, 0, 0] + [UInt8](repeating: 0, count: 300), count: 2)
        }
        #expect(width70?.reason == "DELTA_BINARY_PACKED: miniblock bit width 70 exceeds 64")
    }

    @Test func int32RejectsMiniblockWidthsAbove32() {
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 33, 0, 0, 0] + [UInt8](repeating: 0, count: 200)
        let error = EncodingTestSupport.parquetError { _ = try Self.decodedInt32(bytes, count: 2) }
        #expect(error?.reason == "DELTA_BINARY_PACKED: miniblock bit width 33 exceeds 32")
    }

    @Test func aHugeClaimedCountInATinyInputThrowsBeforeAllocating() {
        // 2^40 values announced in a 100-byte section.
        var bytes: [UInt8] = [0x80, 0x01, 0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x00]
        bytes += [UInt8](repeating: 0, count: 100 - bytes.count)
        let error = EncodingTestSupport.parquetError { _ = try Self.decodedInt64(bytes, count: 1 << 40) }
        #expect(error?.kind == .truncated)
    }

    @Test func corruptedSectionsThrowOrDecodeExactlyTheCount() {
        var generator = SeededGenerator(seed: 0xBADD_E17A)
        let values = (0..<600).map { index in Int64(index * index) - Int64.random(in: 0...1_000_000, using: &generator)
        }
        let bytes = Self.encoded(values)
        for damaged in EncodingTestSupport.corruptedVariants(of: bytes, count: 3_000, using: &generator) {
            var output: [Int64] = []
            do {
                let consumed = try EncodingTestSupport.withEncodedBytes(damaged) { (input) throws in
                    try DeltaBinaryPacked.decode(input, count: values.count, into: &output)
                }
                #expect(output.count == values.count && consumed <= damaged.count)
            } catch {
                #expect(output.isEmpty)
            }
        }
    }
}
