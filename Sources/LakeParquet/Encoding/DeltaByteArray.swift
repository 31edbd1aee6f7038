/// The DELTA_BYTE_ARRAY encoding (= 7), also called incremental or front coding, of BYTE_ARRAY and
/// FIXED_LEN_BYTE_ARRAY values.
///
/// Each value is stored as the length of the prefix it shares with the previous value plus the remaining suffix:
/// all prefix lengths as DELTA_BINARY_PACKED INT32, then the suffixes as DELTA_LENGTH_BYTE_ARRAY. The first value
/// of a page has no predecessor (its prefix length must be 0); pages are independent.
///
/// Spec: parquet-format Encodings.md, "Delta Strings: (DELTA_BYTE_ARRAY = 7)".
enum DeltaByteArray {
    /// Decodes `count` BYTE_ARRAY values: appends their bytes to `values` and each end offset to `offsets`.
    ///
    /// - Precondition: `offsets` is not empty and `offsets.last` equals `values.count`.
    /// - Returns: bytes consumed.
    /// - Throws: what `DeltaBinaryPacked.decode` throws for either length section; `.invalidData` for a negative
    ///   length, a prefix longer than the previous value, or output past `Int32.max` offsets (the output can be
    ///   much larger than the input when prefixes repeat); `.truncated` if the suffix bytes run past `input`.
    /// - Complexity: O(`count`) plus one copy of every output byte; nothing is allocated before the lengths have
    ///   been validated against the input.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, values: inout [UInt8], offsets: inout [Int32]
    ) throws(ParquetError) -> Int {
        guard let last = offsets.last, Int(last) == values.count else {
            preconditionFailure("DELTA_BYTE_ARRAY: offsets must end at values.count")
        }
        let base = Int(last)
        var prefixLengths: [Int32] = []
        let prefixByteCount = try DeltaBinaryPacked.decode(input, count: count, into: &prefixLengths)
        var suffixLengths: [Int32] = []
        let suffixLengthsByteCount = try DeltaBinaryPacked.decode(
            UnsafeRawBufferPointer(rebasing: input[prefixByteCount...]), count: count, into: &suffixLengths)
        let suffixStart = prefixByteCount + suffixLengthsByteCount
        let suffixes = UnsafeRawBufferPointer(rebasing: input[suffixStart...])

        // Pass 1: validate every length and size the output.
        var previousLength = 0
        var outputTotal = 0
        var suffixTotal = 0
        for index in 0..<count {
            let prefix = Int(prefixLengths[index])
            let suffix = Int(suffixLengths[index])
            guard prefix >= 0 && suffix >= 0 else {
                throw .invalidData("DELTA_BYTE_ARRAY: negative prefix (\(prefix)) or suffix (\(suffix)) length")
            }
            guard prefix <= previousLength else {
                throw .invalidData(
                    "DELTA_BYTE_ARRAY: prefix length \(prefix) of value \(index) exceeds the previous value's "
                        + "length \(previousLength)")
            }
            suffixTotal += suffix
            guard suffixTotal <= suffixes.count else {
                throw .truncated(
                    at: suffixStart, needed: suffixTotal - suffixes.count, what: "DELTA_BYTE_ARRAY suffixes")
            }
            previousLength = prefix + suffix
            outputTotal += previousLength
            guard base + outputTotal <= Int(Int32.max) else {
                throw .invalidData("DELTA_BYTE_ARRAY: decoded bytes exceed Int32 offsets (2 GiB); split the batch")
            }
        }

        // Pass 2: write offsets, then copy each prefix from the value before it and the suffix from the input.
        offsets.withAppendedSpace(count, filler: 0) { ends in
            var end = base
            for index in 0..<count {
                end += Int(prefixLengths[index]) + Int(suffixLengths[index])
                ends[index] = Int32(end)
            }
        }
        values.withAppendedSpace(outputTotal, filler: 0) { target in
            guard let destination = UnsafeMutableRawPointer(target.baseAddress) else { return }
            var previousStart = 0
            var position = 0
            var suffixPosition = 0
            for index in 0..<count {
                let prefix = Int(prefixLengths[index])
                let suffix = Int(suffixLengths[index])
                // The previous value ends where this one starts, so the prefix copy never overlaps itself.
                SmallByteCopy.copy(
                    from: UnsafeRawPointer(destination + previousStart), to: destination + position, count: prefix)
                if suffix > 0, let source = suffixes.baseAddress {
                    SmallByteCopy.copy(
                        from: source + suffixPosition, to: destination + position + prefix, count: suffix)
                }
                previousStart = position
                position += prefix + suffix
                suffixPosition += suffix
            }
        }
        return suffixStart + suffixTotal
    }

    /// Decodes `count` FIXED_LEN_BYTE_ARRAY values of `width` bytes, appending `count * width` bytes.
    /// - Returns: bytes consumed.
    /// - Throws: as `decode`; also `.invalidData` if a decoded value is not `width` bytes long.
    @discardableResult
    static func decodeFixedLength(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int, into output: inout [UInt8]
    ) throws(ParquetError) -> Int {
        guard width >= 0 else { throw .invalidData("DELTA_BYTE_ARRAY: negative fixed width \(width)") }
        var bytes: [UInt8] = []
        var ends: [Int32] = [0]
        let consumed = try decode(input, count: count, values: &bytes, offsets: &ends)
        for index in 0..<count where Int(ends[index + 1] - ends[index]) != width {
            throw .invalidData(
                "DELTA_BYTE_ARRAY: value \(index) has \(ends[index + 1] - ends[index]) bytes, FIXED_LEN_BYTE_ARRAY "
                    + "width is \(width)")
        }
        output.append(contentsOf: bytes)
        return consumed
    }

    /// Appends BYTE_ARRAY values (value `i` is `data[offsets[i]..<offsets[i + 1]]`) front-coded against their
    /// predecessors.
    /// - Precondition: `offsets` is non-empty, non-decreasing and within `data`.
    static func encode(data: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>, into output: inout [UInt8]) {
        precondition(!offsets.isEmpty, "DELTA_BYTE_ARRAY: offsets need a leading entry")
        let count = offsets.count - 1
        precondition(
            offsets[0] >= 0 && offsets[0] <= offsets[count] && Int(offsets[count]) <= data.count,
            "DELTA_BYTE_ARRAY: offsets outside data")
        var prefixLengths = [Int32](repeating: 0, count: count)
        var suffixLengths = [Int32](repeating: 0, count: count)
        var previousStart = Int(offsets[0])
        var previousEnd = previousStart
        for index in 0..<count {
            let start = Int(offsets[index])
            let end = Int(offsets[index + 1])
            precondition(start <= end, "DELTA_BYTE_ARRAY: offsets must not decrease")
            let prefix = commonPrefixLength(
                data, previousStart..<previousEnd, start..<end)
            prefixLengths[index] = Int32(prefix)
            suffixLengths[index] = Int32(end - start - prefix)
            previousStart = start
            previousEnd = end
        }
        prefixLengths.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        suffixLengths.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        var suffixTotal = 0
        for length in suffixLengths { suffixTotal += Int(length) }
        output.withAppendedSpace(suffixTotal, filler: 0) { target in
            guard let destination = UnsafeMutableRawPointer(target.baseAddress), let source = data.baseAddress else {
                return
            }
            var position = 0
            for index in 0..<count {
                let suffix = Int(suffixLengths[index])
                SmallByteCopy.copy(
                    from: source + Int(offsets[index]) + Int(prefixLengths[index]), to: destination + position,
                    count: suffix)
                position += suffix
            }
        }
    }

    /// Appends FIXED_LEN_BYTE_ARRAY values (`data` holds `data.count / width` values back to back) front-coded;
    /// all lengths are written despite the redundancy, as the spec requires.
    /// - Precondition: `width > 0` and `data.count` is a multiple of `width`.
    static func encodeFixedLength(_ data: UnsafeRawBufferPointer, width: Int, into output: inout [UInt8]) {
        precondition(width > 0 && data.count % width == 0, "DELTA_BYTE_ARRAY: data is not a whole number of values")
        let count = data.count / width
        precondition(data.count <= Int(Int32.max), "DELTA_BYTE_ARRAY: more than 2 GiB of values")
        let offsets = (0...count).map { Int32($0 * width) }
        offsets.withUnsafeBufferPointer { encode(data: data, offsets: $0, into: &output) }
    }

    /// Length of the longest common prefix of `data[first]` and `data[second]`.
    private static func commonPrefixLength(
        _ data: UnsafeRawBufferPointer, _ first: Range<Int>, _ second: Range<Int>
    ) -> Int {
        let limit = min(first.count, second.count)
        var length = 0
        while length + 8 <= limit {
            let left = data.loadUnaligned(fromByteOffset: first.lowerBound + length, as: UInt64.self)
            let right = data.loadUnaligned(fromByteOffset: second.lowerBound + length, as: UInt64.self)
            if left != right {
                return length + (left ^ right).trailingZeroBitCount / 8
            }
            length += 8
        }
        while length < limit && data[first.lowerBound + length] == data[second.lowerBound + length] {
            length += 1
        }
        return length
    }
}
