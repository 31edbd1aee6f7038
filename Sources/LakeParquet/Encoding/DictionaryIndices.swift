/// The data-page side of dictionary encoding (RLE_DICTIONARY = 8, and the deprecated PLAIN_DICTIONARY = 2 which
/// has the same data-page layout): a 1-byte bit width (at most 32), then the entry indices as RLE/bit-packing
/// hybrid runs without a length prefix. `gather` then maps indices to dictionary values.
///
/// Spec: parquet-format Encodings.md, "Dictionary Encoding (PLAIN_DICTIONARY = 2 and RLE_DICTIONARY = 8)".
enum DictionaryIndices {
    /// Bits needed for the largest index of a dictionary of `dictionaryCount` entries (0 for 0 or 1 entries).
    static func bitWidth(dictionaryCount: Int) -> Int {
        precondition(dictionaryCount >= 0, "negative dictionary size")
        return dictionaryCount <= 1 ? 0 : Int.bitWidth - (dictionaryCount - 1).leadingZeroBitCount
    }

    /// Appends the width byte and `indices` as hybrid runs.
    /// - Precondition: `bitWidth` is in 0...32 and every index fits in it.
    static func encode(_ indices: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        precondition(bitWidth >= 0 && bitWidth <= 32, "dictionary index width \(bitWidth) out of range")
        output.append(UInt8(bitWidth))
        RLEHybrid.encode(indices, bitWidth: bitWidth, into: &output)
    }

    /// Decodes `count` indices and appends them to `output`. A page with `count` 0 may be empty.
    /// - Returns: bytes consumed.
    /// - Throws: `.truncated` if the width byte or the runs are missing; `.invalidData` for a width above 32 or
    ///   malformed runs.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [UInt32]
    ) throws(ParquetError)
        -> Int
    {
        if count == 0 && input.isEmpty { return 0 }
        var cursor = EncodingCursor(input)
        let bitWidth = Int(try cursor.readByte("RLE_DICTIONARY index bit width"))
        guard bitWidth <= 32 else {
            throw .invalidData("RLE_DICTIONARY: index bit width \(bitWidth) exceeds 32")
        }
        let runs = UnsafeRawBufferPointer(rebasing: input[1...])
        return 1 + (try RLEHybrid.decode(runs, bitWidth: bitWidth, count: count, into: &output))
    }

    /// Appends `dictionary[index]` for each index to `output`.
    /// - Throws: `.invalidData` naming the largest index if it is not below `dictionary.count`; nothing is appended.
    /// - Complexity: O(`indices.count`): one pass for the range check, one for the copy.
    static func gather<Value: BitwiseCopyable>(
        _ indices: UnsafeBufferPointer<UInt32>, dictionary: UnsafeBufferPointer<Value>, into output: inout [Value]
    ) throws(ParquetError) {
        guard !indices.isEmpty else { return }
        try checkRange(indices, dictionaryCount: dictionary.count)
        output.withAppendedSpace(indices.count, filler: dictionary[0]) { target in
            for (position, index) in indices.enumerated() {
                target[position] = dictionary[Int(index)]
            }
        }
    }

    /// Appends the BYTE_ARRAY dictionary entries named by `indices` to `values`, and their end offsets to
    /// `offsets`. Entry `i` is `dictionaryData[dictionaryOffsets[i]..<dictionaryOffsets[i + 1]]`.
    ///
    /// - Precondition: `offsets.last` equals `values.count`; the dictionary offsets are valid (they come from a
    ///   PLAIN decode).
    /// - Throws: `.invalidData` for an index out of range or output past `Int32.max` offsets; nothing is appended.
    static func gatherByteArrays(
        _ indices: UnsafeBufferPointer<UInt32>, dictionaryData: UnsafeRawBufferPointer,
        dictionaryOffsets: UnsafeBufferPointer<Int32>, values: inout [UInt8], offsets: inout [Int32]
    ) throws(ParquetError) {
        guard let last = offsets.last, Int(last) == values.count else {
            preconditionFailure("dictionary gather: offsets must end at values.count")
        }
        guard !indices.isEmpty else { return }
        precondition(!dictionaryOffsets.isEmpty, "dictionary offsets need a leading entry")
        try checkRange(indices, dictionaryCount: dictionaryOffsets.count - 1)
        let base = Int(last)
        var total = 0
        for index in indices {
            total += Int(dictionaryOffsets[Int(index) + 1] - dictionaryOffsets[Int(index)])
        }
        guard base + total <= Int(Int32.max) else {
            throw .invalidData("RLE_DICTIONARY: decoded bytes exceed Int32 offsets (2 GiB); split the batch")
        }
        offsets.withAppendedSpace(indices.count, filler: 0) { ends in
            values.withAppendedSpace(total, filler: 0) { target in
                guard let destination = UnsafeMutableRawPointer(target.baseAddress),
                    let source = dictionaryData.baseAddress
                else {
                    // Every referenced entry is empty.
                    for position in 0..<indices.count { ends[position] = Int32(base) }
                    return
                }
                var written = 0
                for (position, index) in indices.enumerated() {
                    let start = Int(dictionaryOffsets[Int(index)])
                    let length = Int(dictionaryOffsets[Int(index) + 1]) - start
                    SmallByteCopy.copy(from: source + start, to: destination + written, count: length)
                    written += length
                    ends[position] = Int32(base + written)
                }
            }
        }
    }

    /// Appends the FIXED_LEN_BYTE_ARRAY entries (`width` bytes each, back to back in `dictionary`) named by
    /// `indices` to `output`.
    /// - Throws: `.invalidData` for an index out of range; nothing is appended.
    static func gatherFixedLengthByteArrays(
        _ indices: UnsafeBufferPointer<UInt32>, dictionary: UnsafeRawBufferPointer, width: Int,
        into output: inout [UInt8]
    ) throws(ParquetError) {
        precondition(width > 0 && dictionary.count % width == 0, "dictionary is not a whole number of values")
        guard !indices.isEmpty else { return }
        try checkRange(indices, dictionaryCount: dictionary.count / width)
        output.withAppendedSpace(indices.count * width, filler: 0) { target in
            guard let destination = UnsafeMutableRawPointer(target.baseAddress), let source = dictionary.baseAddress
            else { return }
            for (position, index) in indices.enumerated() {
                SmallByteCopy.copy(from: source + Int(index) * width, to: destination + position * width, count: width)
            }
        }
    }

    private static func checkRange(_ indices: UnsafeBufferPointer<UInt32>, dictionaryCount: Int) throws(ParquetError) {
        var largest: UInt32 = 0
        for index in indices { largest = max(largest, index) }
        guard Int(largest) < dictionaryCount else {
            throw .invalidData(
                "RLE_DICTIONARY: index \(largest) out of range for a dictionary of \(dictionaryCount) entries")
        }
    }
}
