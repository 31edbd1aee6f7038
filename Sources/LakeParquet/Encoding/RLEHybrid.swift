/// The RLE / bit-packing hybrid encoding (RLE = 3) of small unsigned integers with a bit width known in advance.
///
/// Used for definition and repetition levels, dictionary indices (after a 1-byte width, see `DictionaryIndices`)
/// and, with width 1, booleans. The data is a sequence of runs, each starting with a ULEB128 header:
/// - header with low bit 0: an RLE run of `header >> 1` copies of one value stored in `ceil(bitWidth / 8)` bytes;
/// - header with low bit 1: `header >> 1` groups of 8 bit-packed values (`BitPacking`), `bitWidth` bytes a group.
///
/// Some contexts prepend the byte length of the runs as 4 bytes little endian (data page v1 levels, booleans in
/// any page); the `…LengthPrefixed` functions read and write that variant, the others the raw runs.
///
/// Spec: parquet-format Encodings.md, "Run Length Encoding / Bit-Packing Hybrid (RLE = 3)".
enum RLEHybrid {
    /// The longest run the spec allows (2^31 - 1 values).
    static let runValuesMax = Int(Int32.max)

    /// The shortest repetition the encoder stores as an RLE run rather than inside a bit-packed run.
    static let repeatedRunValuesMin = 8

    // MARK: Decoding

    /// Decodes exactly `count` values of `bitWidth` bits and appends them to `output`.
    ///
    /// Values of the last bit-packed run beyond `count` (its padding) are ignored, and so is the part of an RLE run
    /// beyond `count`. With `bitWidth == 0` every value is 0, and input that ends early is read as zeros.
    /// `output` grows run by run, so the caller bounds the memory used through `count`; if the decode throws,
    /// `output` is restored to its original length.
    /// - Returns: bytes consumed (whole runs; a final bit-packed run cut short after its last needed value counts
    ///   up to the end of `input`).
    /// - Throws: `.invalidData` for a width outside 0...32, a run header over 2^31 - 1 values, or an RLE value
    ///   wider than `bitWidth`; `.truncated` if the runs end before `count` values.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: inout [UInt32]
    ) throws(ParquetError) -> Int {
        var reader = try RunReader(input, bitWidth: bitWidth, count: count)
        let start = output.count
        do {
            while let run = try reader.next() {
                switch run {
                case .repeated(let value, let length):
                    output.append(contentsOf: repeatElement(value, count: length))
                case .packed(let bytes, let length):
                    try output.withAppendedSpace(length, filler: 0) { (buffer) throws(ParquetError) in
                        guard let base = buffer.baseAddress else { return }
                        try BitPacking.unpack(bytes, bitWidth: bitWidth, count: length, into: base)
                    }
                }
            }
        } catch {
            output.removeSubrange(start...)
            throw error
        }
        return reader.consumedByteCount
    }

    /// Like `decode`, for runs preceded by their byte length as 4 bytes little endian.
    /// - Returns: bytes consumed: 4 plus the stated length.
    @discardableResult
    static func decodeLengthPrefixed(
        _ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into output: inout [UInt32]
    ) throws(ParquetError) -> Int {
        let runs = try lengthPrefixedRuns(input)
        try decode(runs, bitWidth: bitWidth, count: count, into: &output)
        return 4 + runs.count
    }

    /// Decodes `count` booleans stored as length-prefixed runs of width 1 (the RLE encoding of BOOLEAN values in
    /// data pages v1 and v2) and appends them to `output`.
    /// - Returns: bytes consumed: 4 plus the stated length.
    /// - Throws: as `decode` (a repeated value other than 0 or 1 does not fit the width and is `.invalidData`).
    @discardableResult
    static func decodeLengthPrefixedBooleans(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Bool]
    ) throws(ParquetError) -> Int {
        let runs = try lengthPrefixedRuns(input)
        var reader = try RunReader(runs, bitWidth: 1, count: count)
        let start = output.count
        do {
            while let run = try reader.next() {
                switch run {
                case .repeated(let value, let length):
                    output.append(contentsOf: repeatElement(value != 0, count: length))
                case .packed(let bytes, let length):
                    try output.withAppendedSpace(length, filler: false) { (buffer) throws(ParquetError) in
                        guard let base = buffer.baseAddress else { return }
                        try BitPacking.unpackBooleans(bytes, count: length, into: base)
                    }
                }
            }
        } catch {
            output.removeSubrange(start...)
            throw error
        }
        return 4 + runs.count
    }

    private static func lengthPrefixedRuns(
        _ input: UnsafeRawBufferPointer
    ) throws(ParquetError)
        -> UnsafeRawBufferPointer
    {
        var cursor = EncodingCursor(input)
        let length = Int(try cursor.readUInt32LittleEndian("RLE hybrid length prefix"))
        try cursor.require(length, "RLE hybrid runs (length prefix says \(length) bytes)")
        return cursor.peek(length)
    }

    /// One run, cut to the values still wanted.
    enum Run {
        case repeated(UInt32, count: Int)
        /// `bytes` starts with the bit-packed bytes of `count` values and runs to the end of the input (the run's
        /// padding and later runs follow; they are not values of this run).
        case packed(UnsafeRawBufferPointer, count: Int)
    }

    /// Walks the runs of one hybrid-encoded section until `count` values have been produced.
    struct RunReader {
        private var cursor: EncodingCursor
        private let bitWidth: Int
        private var remaining: Int

        init(_ input: UnsafeRawBufferPointer, bitWidth: Int, count: Int) throws(ParquetError) {
            guard bitWidth >= 0 && bitWidth <= 32 else {
                throw .invalidData("RLE hybrid: bit width \(bitWidth) exceeds 32")
            }
            precondition(count >= 0, "RLE hybrid: negative count")
            cursor = EncodingCursor(input)
            self.bitWidth = bitWidth
            remaining = count
        }

        var consumedByteCount: Int { cursor.offset }

        /// The next run, or nil once `count` values have been produced.
        mutating func next() throws(ParquetError) -> Run? {
            // Each iteration consumes at least one header byte, so the loop ends within input.count + 1 steps.
            while remaining > 0 {
                if bitWidth == 0 && cursor.isAtEnd {
                    defer { remaining = 0 }
                    return .repeated(0, count: remaining)
                }
                let header = try cursor.readULEB128("RLE hybrid run header")
                let runLength = header >> 1
                if header & 1 == 0 {
                    guard runLength <= UInt64(runValuesMax) else {
                        throw .invalidData("RLE hybrid: RLE run of \(runLength) values exceeds 2^31 - 1")
                    }
                    let valueByteCount = (bitWidth + 7) >> 3
                    try cursor.require(valueByteCount, "RLE hybrid repeated value")
                    var value: UInt32 = 0
                    for index in 0..<valueByteCount {
                        value |= UInt32(try cursor.readByte("RLE hybrid repeated value")) << UInt32(8 * index)
                    }
                    guard bitWidth == 32 || value >> UInt32(bitWidth) == 0 else {
                        throw .invalidData("RLE hybrid: repeated value \(value) does not fit in \(bitWidth) bits")
                    }
                    let taken = min(Int(runLength), remaining)
                    guard taken > 0 else { continue }
                    remaining -= taken
                    return .repeated(value, count: taken)
                } else {
                    guard runLength <= UInt64(runValuesMax / 8) else {
                        throw .invalidData("RLE hybrid: bit-packed run of \(runLength) groups exceeds 2^31 - 1 values")
                    }
                    let groupCount = Int(runLength)
                    let taken = min(groupCount * 8, remaining)
                    guard taken > 0 else { continue }
                    let needed = BitPacking.byteCount(valueCount: taken, bitWidth: bitWidth)
                    try cursor.require(needed, "RLE hybrid bit-packed run (\(taken) values × \(bitWidth) bits)")
                    // The run's padding may be cut off at the very end of the input; what is there is skipped.
                    let runByteCount = min(groupCount * bitWidth, cursor.remainingByteCount)
                    // Everything that remains, not just the run: later bytes give the unpacker's fast path slack.
                    let bytes = cursor.peek(cursor.remainingByteCount)
                    cursor.skip(runByteCount)
                    remaining -= taken
                    return .packed(bytes, count: taken)
                }
            }
            return nil
        }
    }

    // MARK: Encoding

    /// Appends `values` as hybrid runs of `bitWidth` bits (no length prefix).
    ///
    /// Repetitions of at least `repeatedRunValuesMin` values become RLE runs; everything else goes into bit-packed
    /// runs of whole groups of 8, the last one zero-padded (readers stop at their value count). A repetition that
    /// follows an unfinished group first tops that group up to 8, so each run stays a multiple of 8 values.
    /// - Precondition: `bitWidth` is in 0...32 and every value fits in `bitWidth` bits.
    /// - Complexity: O(`values.count`).
    static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        precondition(bitWidth >= 0 && bitWidth <= 32, "RLE hybrid: bit width \(bitWidth) out of range")
        let count = values.count
        var literalStart = 0
        var index = 0
        while index < count {
            let value = values[index]
            var runEnd = index + 1
            while runEnd < count && values[runEnd] == value { runEnd += 1 }
            let literalCount = index - literalStart
            let topUp = (8 - (literalCount & 7)) & 7
            if runEnd - index - topUp >= repeatedRunValuesMin {
                let literalEnd = index + topUp
                appendBitPackedRuns(values, literalStart..<literalEnd, bitWidth: bitWidth, into: &output)
                appendRepeatedRuns(value, count: runEnd - literalEnd, bitWidth: bitWidth, into: &output)
                literalStart = runEnd
            }
            index = runEnd
        }
        appendBitPackedRuns(values, literalStart..<count, bitWidth: bitWidth, into: &output)
    }

    /// Like `encode`, preceded by the byte length of the runs as 4 bytes little endian.
    static func encodeLengthPrefixed(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        let lengthOffset = output.count
        output.append(contentsOf: [0, 0, 0, 0])
        encode(values, bitWidth: bitWidth, into: &output)
        patchLength(at: lengthOffset, in: &output)
    }

    /// Appends booleans as length-prefixed runs of width 1 (the RLE encoding of BOOLEAN values).
    static func encodeLengthPrefixedBooleans(_ values: UnsafeBufferPointer<Bool>, into output: inout [UInt8]) {
        let bits = [UInt32](unsafeUninitializedCapacity: values.count) { buffer, initialized in
            for (index, value) in values.enumerated() { buffer[index] = value ? 1 : 0 }
            initialized = values.count
        }
        bits.withUnsafeBufferPointer { encodeLengthPrefixed($0, bitWidth: 1, into: &output) }
    }

    private static func patchLength(at lengthOffset: Int, in output: inout [UInt8]) {
        let length = output.count - lengthOffset - 4
        precondition(length <= Int(UInt32.max), "RLE hybrid: runs longer than 4 GiB")
        withUnsafeBytes(of: UInt32(length).littleEndian) { bytes in
            for index in 0..<4 { output[lengthOffset + index] = bytes[index] }
        }
    }

    /// Appends `values[range]` as bit-packed runs; only the last run of a call may end with a partial group.
    private static func appendBitPackedRuns(
        _ values: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, bitWidth: Int, into output: inout [UInt8]
    ) {
        // Literal stretches are split into runs of at most 63 groups, whose header fits in one byte (as Arrow's
        // writer does); this also keeps every header far below the 2^31 - 1 value limit.
        let chunkValuesMax = 63 * 8
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + chunkValuesMax, range.upperBound)
            let groupCount = (end - start + 7) >> 3
            LEB128.appendUnsigned(UInt64(groupCount) << 1 | 1, to: &output)
            let before = output.count
            BitPacking.pack(UnsafeBufferPointer(rebasing: values[start..<end]), bitWidth: bitWidth, into: &output)
            let padding = groupCount * bitWidth - (output.count - before)
            if padding > 0 { output.append(contentsOf: repeatElement(0, count: padding)) }
            start = end
        }
    }

    private static func appendRepeatedRuns(_ value: UInt32, count: Int, bitWidth: Int, into output: inout [UInt8]) {
        var left = count
        while left > 0 {
            let length = min(left, runValuesMax)
            LEB128.appendUnsigned(UInt64(length) << 1, to: &output)
            for index in 0..<((bitWidth + 7) >> 3) {
                output.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * index)))
            }
            left -= length
        }
    }
}
