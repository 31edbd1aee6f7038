/// The DELTA_BINARY_PACKED encoding (= 5) of INT32 and INT64 values.
///
/// Layout: a header `<block size> <miniblocks per block> <total value count> <first value>` (ULEB128, ULEB128,
/// ULEB128, zigzag ULEB128), then blocks covering the remaining values. A block is `<min delta>` (zigzag ULEB128),
/// one bit-width byte per miniblock, then each needed miniblock's `delta - min delta` values bit-packed
/// (`BitPacking`) at its width, padded to a whole miniblock. Unneeded miniblocks of the last block have a width
/// byte (of any value) but no bytes. All arithmetic wraps in two's complement at the value's width, as the spec
/// requires for deltas that overflow.
///
/// The encoder writes blocks of 128 values in 4 miniblocks of 32 by default (as parquet-java does; Arrow uses
/// 128 for INT32 and 256 for INT64, which `encode(_:blockValues:miniblockCount:into:)` can reproduce); the decoder
/// accepts any block size that is a multiple of 128 up to `blockValuesMax` and any miniblock count whose miniblocks
/// hold a multiple of 32 values.
///
/// Spec: parquet-format Encodings.md, "Delta Encoding (DELTA_BINARY_PACKED = 5)".
enum DeltaBinaryPacked {
    static let encodedBlockValues = 128
    static let encodedMiniblocksPerBlock = 4
    /// Largest block size the decoder accepts. Each block costs at least 2 bytes, so this bounds how many values
    /// (and bytes of output) a small input can claim.
    static let blockValuesMax = 1 << 16

    // MARK: Decoding

    /// Decodes a DELTA_BINARY_PACKED section holding exactly `count` INT32 values and appends them to `output`.
    ///
    /// Miniblock widths above 32 are rejected (the spec forbids writers to use more bits than the physical type).
    /// An empty `input` is accepted when `count` is 0.
    /// - Returns: bytes consumed, including the padding of the last miniblock (this is where a
    ///   DELTA_LENGTH_BYTE_ARRAY's bytes begin); padding cut off by the end of `input` is tolerated.
    /// - Throws: `.invalidData` for a malformed header, a header count other than `count`, or a miniblock width
    ///   wider than the type; `.truncated` if the blocks end early or cannot possibly hold `count` values.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Int32]
    ) throws(ParquetError)
        -> Int
    {
        try decodeValues(input, count: count, into: &output)
    }

    /// Decodes a DELTA_BINARY_PACKED section holding exactly `count` INT64 values; see the INT32 variant.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Int64]
    ) throws(ParquetError)
        -> Int
    {
        try decodeValues(input, count: count, into: &output)
    }

    private static func decodeValues<Value: FixedWidthInteger & SignedInteger & BitwiseCopyable>(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Value]
    ) throws(ParquetError) -> Int {
        precondition(count >= 0, "DELTA_BINARY_PACKED: negative count")
        if count == 0 && input.isEmpty { return 0 }
        var cursor = EncodingCursor(input)
        let header = try readHeader(&cursor, count: count)
        guard count > 0 else { return cursor.offset }
        // Every block needs its min delta and width bytes, so a short input cannot claim a huge count.
        let blockCount = (count - 1 + header.blockValues - 1) / header.blockValues
        let blockBytesMin = 1 + header.miniblockCount
        guard blockCount <= cursor.remainingByteCount / blockBytesMin else {
            throw .truncated(
                at: cursor.offset, needed: blockCount * blockBytesMin - cursor.remainingByteCount,
                what: "DELTA_BINARY_PACKED blocks for \(count) values")
        }
        try output.withAppendedSpace(count, filler: 0) { (buffer) throws(ParquetError) in
            guard let base = buffer.baseAddress else { return }
            try base.withMemoryRebound(to: Value.Magnitude.self, capacity: count) { (words) throws(ParquetError) in
                try decodeBlocks(&cursor, header: header, count: count, into: words)
            }
        }
        return cursor.offset
    }

    private struct Header {
        var blockValues: Int
        var miniblockCount: Int
        var miniblockValues: Int
        var firstValue: Int64
    }

    private static func readHeader(_ cursor: inout EncodingCursor, count: Int) throws(ParquetError) -> Header {
        let blockValues = try cursor.readULEB128("DELTA_BINARY_PACKED block size")
        guard blockValues > 0 && blockValues % 128 == 0 && blockValues <= UInt64(blockValuesMax) else {
            throw .invalidData(
                "DELTA_BINARY_PACKED: block size \(blockValues) is not a positive multiple of 128 up to "
                    + "\(blockValuesMax)")
        }
        let miniblockCount = try cursor.readULEB128("DELTA_BINARY_PACKED miniblock count")
        guard miniblockCount > 0 && blockValues % miniblockCount == 0 && (blockValues / miniblockCount) % 32 == 0
        else {
            throw .invalidData(
                "DELTA_BINARY_PACKED: \(miniblockCount) miniblocks do not split a block of \(blockValues) values "
                    + "into multiples of 32")
        }
        let totalCount = try cursor.readULEB128("DELTA_BINARY_PACKED value count")
        guard totalCount == UInt64(count) else {
            throw .invalidData("DELTA_BINARY_PACKED: header declares \(totalCount) values, the page needs \(count)")
        }
        let firstValue = try cursor.readZigZag("DELTA_BINARY_PACKED first value")
        return Header(
            blockValues: Int(blockValues), miniblockCount: Int(miniblockCount),
            miniblockValues: Int(blockValues / miniblockCount), firstValue: firstValue)
    }

    private static func decodeBlocks<Word: FixedWidthInteger & UnsignedInteger>(
        _ cursor: inout EncodingCursor, header: Header, count: Int, into output: UnsafeMutablePointer<Word>
    ) throws(ParquetError) {
        var last = Word(truncatingIfNeeded: header.firstValue)
        output[0] = last
        var produced = 1
        while produced < count {
            let minDelta = Word(truncatingIfNeeded: try cursor.readZigZag("DELTA_BINARY_PACKED min delta"))
            try cursor.require(header.miniblockCount, "DELTA_BINARY_PACKED miniblock bit widths")
            let widths = cursor.peek(header.miniblockCount)
            cursor.skip(header.miniblockCount)
            for miniblock in 0..<header.miniblockCount where produced < count {
                let width = Int(widths[miniblock])
                guard width <= Word.bitWidth else {
                    throw .invalidData(
                        "DELTA_BINARY_PACKED: miniblock bit width \(width) exceeds \(Word.bitWidth)")
                }
                let taken = min(header.miniblockValues, count - produced)
                try cursor.require(
                    BitPacking.byteCount(valueCount: taken, bitWidth: width),
                    "DELTA_BINARY_PACKED miniblock (\(taken) values × \(width) bits)")
                let miniblockBytes = min(header.miniblockValues / 8 * width, cursor.remainingByteCount)
                let target = output + produced
                // Unpack from everything that remains: the bytes after the miniblock give the fast path its slack.
                let rest = cursor.peek(cursor.remainingByteCount)
                try BitPacking.unpack(rest, bitWidth: width, count: taken, into: target)
                cursor.skip(miniblockBytes)
                for index in 0..<taken {
                    last = last &+ minDelta &+ target[index]
                    target[index] = last
                }
                produced += taken
            }
        }
    }

    // MARK: Encoding

    /// Appends `values` encoded in blocks of `blockValues` values split into `miniblockCount` miniblocks; deltas
    /// wrap at 32 bits and no miniblock is wider than 32 bits.
    /// - Precondition: `blockValues` is a positive multiple of 128 up to `blockValuesMax`, and `miniblockCount`
    ///   splits it into miniblocks of a multiple of 32 values. (pyarrow writes 128 × 4 for INT32.)
    static func encode(
        _ values: UnsafeBufferPointer<Int32>, blockValues: Int = encodedBlockValues,
        miniblockCount: Int = encodedMiniblocksPerBlock, into output: inout [UInt8]
    ) {
        encodeValues(values, blockValues: blockValues, miniblockCount: miniblockCount, into: &output)
    }

    /// Appends `values` encoded in blocks of `blockValues` values split into `miniblockCount` miniblocks; deltas
    /// wrap at 64 bits. (pyarrow writes 256 × 4 for INT64; the default here is 128 × 4, like parquet-java.)
    /// - Precondition: as for the INT32 variant.
    static func encode(
        _ values: UnsafeBufferPointer<Int64>, blockValues: Int = encodedBlockValues,
        miniblockCount: Int = encodedMiniblocksPerBlock, into output: inout [UInt8]
    ) {
        encodeValues(values, blockValues: blockValues, miniblockCount: miniblockCount, into: &output)
    }

    /// - Complexity: O(`values.count`), no allocation besides the output.
    private static func encodeValues<Value: FixedWidthInteger & SignedInteger>(
        _ values: UnsafeBufferPointer<Value>, blockValues: Int, miniblockCount: Int, into output: inout [UInt8]
    ) {
        typealias Word = Value.Magnitude
        precondition(
            blockValues > 0 && blockValues % 128 == 0 && blockValues <= blockValuesMax && miniblockCount > 0
                && blockValues % miniblockCount == 0 && (blockValues / miniblockCount) % 32 == 0,
            "DELTA_BINARY_PACKED: invalid block layout \(blockValues) / \(miniblockCount)")
        let miniblockValues = blockValues / miniblockCount
        LEB128.appendUnsigned(UInt64(blockValues), to: &output)
        LEB128.appendUnsigned(UInt64(miniblockCount), to: &output)
        LEB128.appendUnsigned(UInt64(values.count), to: &output)
        LEB128.appendZigZag(Int64(values.first ?? 0), to: &output)
        guard values.count > 1 else { return }
        withUnsafeTemporaryAllocation(of: Word.self, capacity: blockValues) { deltas in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: miniblockCount) { widths in
                var previous = Word(truncatingIfNeeded: values[0])
                var index = 1
                while index < values.count {
                    let blockCount = min(blockValues, values.count - index)
                    var minDelta = Value.max
                    for offset in 0..<blockCount {
                        let value = Word(truncatingIfNeeded: values[index + offset])
                        let delta = value &- previous
                        previous = value
                        deltas[offset] = delta
                        minDelta = min(minDelta, Value(truncatingIfNeeded: delta))
                    }
                    let minWord = Word(truncatingIfNeeded: minDelta)
                    for offset in 0..<blockCount { deltas[offset] = deltas[offset] &- minWord }
                    for offset in blockCount..<blockValues { deltas[offset] = 0 }
                    LEB128.appendZigZag(Int64(minDelta), to: &output)
                    // Unneeded miniblocks of the last block get width 0 and no bytes.
                    let usedMiniblocks = (blockCount + miniblockValues - 1) / miniblockValues
                    for miniblock in 0..<miniblockCount {
                        var bits: Word = 0
                        if miniblock < usedMiniblocks {
                            for offset in (miniblock * miniblockValues)..<((miniblock + 1) * miniblockValues) {
                                bits |= deltas[offset]
                            }
                        }
                        let width = BitPacking.bitWidth(of: bits)
                        widths[miniblock] = width
                        output.append(UInt8(width))
                    }
                    for miniblock in 0..<usedMiniblocks {
                        let start = miniblock * miniblockValues
                        BitPacking.pack(
                            UnsafeBufferPointer(rebasing: deltas[start..<(start + miniblockValues)]),
                            bitWidth: widths[miniblock], into: &output)
                    }
                    index += blockCount
                }
            }
        }
    }
}
