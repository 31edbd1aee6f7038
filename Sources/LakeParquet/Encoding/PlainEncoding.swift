/// The PLAIN encoding (PLAIN = 0): values back to back, little endian.
///
/// BOOLEAN is bit-packed least significant bit first; INT32/INT64/FLOAT/DOUBLE are 4 or 8 bytes (IEEE 754 for the
/// floating-point types); INT96 is 12 bytes (deprecated, read only); BYTE_ARRAY is a 4-byte little-endian length
/// followed by the bytes; FIXED_LEN_BYTE_ARRAY is the bytes alone. Dictionary pages use PLAIN too.
///
/// Decoders append to the caller's arrays and return the bytes they consumed; if they throw, the arrays are left
/// as they were.
///
/// Spec: parquet-format Encodings.md, "Plain: (PLAIN = 0)".
enum PlainEncoding {
    /// Julian day number of 1970-01-01, the Unix epoch.
    static let julianDayOfUnixEpoch: Int64 = 2_440_588
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    // MARK: Decoding

    /// Decodes `count` bit-packed booleans.
    /// - Returns: bytes consumed, `(count + 7) / 8`.
    /// - Throws: `.truncated` if `input` is shorter.
    @discardableResult
    static func decodeBooleans(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Bool]
    ) throws(ParquetError) -> Int {
        precondition(count >= 0, "PLAIN: negative count")
        let needed = (count + 7) >> 3
        guard input.count >= needed else {
            throw .truncated(at: 0, needed: needed - input.count, what: "PLAIN BOOLEAN (\(count) values)")
        }
        try output.withAppendedSpace(count, filler: false) { (buffer) throws(ParquetError) in
            guard let base = buffer.baseAddress else { return }
            try BitPacking.unpackBooleans(input, count: count, into: base)
        }
        return needed
    }

    /// Decodes `count` INT32 values. - Returns: bytes consumed (`4 * count`). - Throws: `.truncated`.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Int32]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, what: "PLAIN INT32", into: &output)
    }

    /// Decodes `count` INT64 values. - Returns: bytes consumed (`8 * count`). - Throws: `.truncated`.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Int64]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, what: "PLAIN INT64", into: &output)
    }

    /// Decodes `count` FLOAT values bit for bit (NaN payloads and -0.0 kept). - Returns: bytes consumed.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Float]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, what: "PLAIN FLOAT", into: &output)
    }

    /// Decodes `count` DOUBLE values bit for bit. - Returns: bytes consumed (`8 * count`). - Throws: `.truncated`.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Double]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, what: "PLAIN DOUBLE", into: &output)
    }

    private static func decodeFixedWidth<Value: BitwiseCopyable>(
        _ input: UnsafeRawBufferPointer, count: Int, zero: Value, what: String, into output: inout [Value]
    ) throws(ParquetError) -> Int {
        precondition(count >= 0, "PLAIN: negative count")
        let size = MemoryLayout<Value>.size
        guard count <= input.count / size else {
            throw .truncated(at: 0, needed: count * size - input.count, what: "\(what) (\(count) values)")
        }
        let byteCount = count * size
        output.withAppendedSpace(count, filler: zero) { buffer in
            guard let source = input.baseAddress, let target = buffer.baseAddress else { return }
            UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: byteCount)
        }
        return byteCount
    }

    /// Decodes `count` INT96 timestamps (8 bytes nanoseconds of the day, then 4 bytes Julian day, both little
    /// endian) to nanoseconds since 1970-01-01T00:00:00 UTC.
    /// - Returns: bytes consumed (`12 * count`).
    /// - Throws: `.truncated`; `.invalidData` for a timestamp outside the Int64 nanosecond range (about the years
    ///   1677...2262), which a wrapped result would silently misdate.
    @discardableResult
    static func decodeInt96Timestamps(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Int64]
    ) throws(ParquetError) -> Int {
        precondition(count >= 0, "PLAIN: negative count")
        guard count <= input.count / 12 else {
            throw .truncated(at: 0, needed: count * 12 - input.count, what: "PLAIN INT96 (\(count) values)")
        }
        try output.withAppendedSpace(count, filler: 0) { (buffer) throws(ParquetError) in
            for index in 0..<count {
                let nanosecondsOfDay = Int64(
                    littleEndian: input.loadUnaligned(fromByteOffset: index * 12, as: Int64.self))
                let julianDay = Int64(
                    Int32(littleEndian: input.loadUnaligned(fromByteOffset: index * 12 + 8, as: Int32.self)))
                let (dayNanoseconds, overflow) = (julianDay - julianDayOfUnixEpoch)
                    .multipliedReportingOverflow(by: nanosecondsPerDay)
                let (total, sumOverflow) = dayNanoseconds.addingReportingOverflow(nanosecondsOfDay)
                guard !overflow && !sumOverflow else {
                    throw .invalidData(
                        "PLAIN INT96: timestamp (Julian day \(julianDay), \(nanosecondsOfDay) ns) is outside the "
                            + "Int64 nanosecond range")
                }
                buffer[index] = total
            }
        }
        return count * 12
    }

    /// Decodes `count` BYTE_ARRAY values: appends their bytes to `values` and each value's end offset to `offsets`.
    ///
    /// - Precondition: `offsets` is not empty and `offsets.last` equals `values.count` (the caller's running end).
    /// - Returns: bytes consumed (4 per value plus the value bytes).
    /// - Throws: `.truncated` if a length or value runs past `input`; `.invalidData` for a length above 2^31 - 1
    ///   or if the appended bytes would push an offset past `Int32.max` (the caller must split the batch).
    /// - Complexity: one pass, one copy per value; `values` temporarily grows by up to `input.count` bytes.
    @discardableResult
    static func decodeByteArrays(
        _ input: UnsafeRawBufferPointer, count: Int, values: inout [UInt8], offsets: inout [Int32]
    ) throws(ParquetError) -> Int {
        precondition(count >= 0, "PLAIN: negative count")
        guard let last = offsets.last, Int(last) == values.count else {
            preconditionFailure("PLAIN: offsets must end at values.count")
        }
        guard count > 0 else { return 0 }
        // 4 bytes per value at least: rejects an impossible count before any allocation.
        guard count <= input.count / 4 else {
            throw .truncated(at: 0, needed: count * 4 - input.count, what: "PLAIN BYTE_ARRAY (\(count) lengths)")
        }
        let base = Int(last)
        // One pass: values are copied into space sized for the most bytes the input can hold (everything but the
        // length prefixes), which is trimmed afterwards.
        let valueBytesMax = input.count - 4 * count
        var valueBytes = 0
        let consumed = try offsets.withAppendedSpace(count, filler: 0) { (ends) throws(ParquetError) -> Int in
            try values.withAppendedSpace(valueBytesMax, filler: 0) { (target) throws(ParquetError) -> Int in
                guard let source = input.baseAddress else { preconditionFailure("a non-empty input has an address") }
                // Nil only when every value is empty (no space was reserved).
                let destination = UnsafeMutableRawPointer(target.baseAddress)
                var position = 0
                var written = 0
                for index in 0..<count {
                    guard input.count - position >= 4 else {
                        throw .truncated(
                            at: position, needed: 4 - (input.count - position), what: "PLAIN BYTE_ARRAY length")
                    }
                    let length = Int(
                        UInt32(littleEndian: source.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                    position += 4
                    // The value and the length prefixes of the values after it must fit in what remains; this
                    // also keeps the copy inside the space reserved above.
                    let available = valueBytesMax - written
                    guard length <= available else {
                        throw length > Int(Int32.max)
                            ? .invalidData("PLAIN BYTE_ARRAY: length \(length) exceeds 2^31 - 1")
                            : .truncated(
                                at: position, needed: length - available,
                                what: "PLAIN BYTE_ARRAY value \(index) of \(length) bytes")
                    }
                    guard base + written + length <= Int(Int32.max) else {
                        throw .invalidData(
                            "PLAIN BYTE_ARRAY: decoded bytes exceed Int32 offsets (2 GiB); split the batch")
                    }
                    if length > 0, let destination {
                        SmallByteCopy.copy(from: source + position, to: destination + written, count: length)
                    }
                    position += length
                    written += length
                    ends[index] = Int32(base + written)
                }
                valueBytes = written
                return position
            }
        }
        values.removeLast(valueBytesMax - valueBytes)
        return consumed
    }

    /// Decodes `count` FIXED_LEN_BYTE_ARRAY values of `width` bytes, appending `count * width` bytes.
    /// - Returns: bytes consumed (`count * width`).
    /// - Throws: `.invalidData` for a negative width, `.truncated` if `input` is shorter.
    @discardableResult
    static func decodeFixedLengthByteArrays(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int, into output: inout [UInt8]
    ) throws(ParquetError) -> Int {
        precondition(count >= 0, "PLAIN: negative count")
        guard width >= 0 else { throw .invalidData("PLAIN FIXED_LEN_BYTE_ARRAY: negative width \(width)") }
        guard width > 0 else { return 0 }
        guard count <= input.count / width else {
            throw .truncated(
                at: 0, needed: count * width - input.count,
                what: "PLAIN FIXED_LEN_BYTE_ARRAY (\(count) values × \(width) bytes)")
        }
        let byteCount = count * width
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<byteCount]))
        return byteCount
    }

    // MARK: Encoding

    /// Appends booleans bit-packed, least significant bit first, zero-padded to a whole byte.
    static func encodeBooleans(_ values: UnsafeBufferPointer<Bool>, into output: inout [UInt8]) {
        BitPacking.packBooleans(values, into: &output)
    }

    /// Appends INT32 values, 4 bytes little endian each.
    static func encode(_ values: UnsafeBufferPointer<Int32>, into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    /// Appends INT64 values, 8 bytes little endian each.
    static func encode(_ values: UnsafeBufferPointer<Int64>, into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    /// Appends FLOAT values bit for bit.
    static func encode(_ values: UnsafeBufferPointer<Float>, into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    /// Appends DOUBLE values bit for bit.
    static func encode(_ values: UnsafeBufferPointer<Double>, into output: inout [UInt8]) {
        output.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    /// Appends BYTE_ARRAY values: value `i` is `data[offsets[i]..<offsets[i + 1]]`, written as its 4-byte
    /// little-endian length and its bytes.
    /// - Precondition: `offsets` is non-decreasing, non-negative and within `data` (`offsets.count` = values + 1;
    ///   it need not start at 0, so a slice of a column's offsets works).
    static func encodeByteArrays(
        data: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>, into output: inout [UInt8]
    ) {
        guard offsets.count > 1 else { return }
        let count = offsets.count - 1
        let first = Int(offsets[0])
        let last = Int(offsets[count])
        precondition(first >= 0 && first <= last && last <= data.count, "PLAIN: offsets outside the data")
        output.withAppendedSpace(4 * count + last - first, filler: 0) { buffer in
            guard let target = UnsafeMutableRawPointer(buffer.baseAddress) else { return }
            var position = 0
            for index in 0..<count {
                let start = Int(offsets[index])
                let end = Int(offsets[index + 1])
                precondition(start <= end, "PLAIN: offsets must not decrease")
                target.storeBytes(of: UInt32(end - start).littleEndian, toByteOffset: position, as: UInt32.self)
                position += 4
                if end > start, let source = data.baseAddress {
                    SmallByteCopy.copy(from: source + start, to: target + position, count: end - start)
                }
                position += end - start
            }
        }
    }

    /// Appends FIXED_LEN_BYTE_ARRAY values: their bytes back to back, exactly as stored in `data`.
    static func encodeFixedLengthByteArrays(_ data: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        output.append(contentsOf: data)
    }
}
