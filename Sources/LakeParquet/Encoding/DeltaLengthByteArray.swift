/// The DELTA_LENGTH_BYTE_ARRAY encoding (= 6) of BYTE_ARRAY values: all lengths as DELTA_BINARY_PACKED INT32,
/// then all value bytes concatenated.
///
/// Spec: parquet-format Encodings.md, "Delta-length byte array: (DELTA_LENGTH_BYTE_ARRAY = 6)".
enum DeltaLengthByteArray {
    /// Decodes `count` values: appends their bytes to `values` and each value's end offset to `offsets`.
    ///
    /// - Precondition: `offsets` is not empty and `offsets.last` equals `values.count`.
    /// - Returns: bytes consumed (the lengths section plus the sum of the lengths).
    /// - Throws: what `DeltaBinaryPacked.decode` throws for the lengths; `.invalidData` for a negative length or if
    ///   the bytes would push an offset past `Int32.max`; `.truncated` if the value bytes run past `input`.
    /// - Complexity: O(`count`) plus one copy of all value bytes.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, values: inout [UInt8], offsets: inout [Int32]
    ) throws(ParquetError) -> Int {
        var lengths: [Int32] = []
        let lengthsByteCount = try DeltaBinaryPacked.decode(input, count: count, into: &lengths)
        let data = UnsafeRawBufferPointer(rebasing: input[lengthsByteCount...])
        let dataByteCount = try appendValues(
            lengths: lengths, data: data, what: "DELTA_LENGTH_BYTE_ARRAY", values: &values, offsets: &offsets)
        return lengthsByteCount + dataByteCount
    }

    /// Appends values whose `lengths` are given and whose bytes lie back to back at the start of `data`.
    /// - Returns: bytes of `data` used (the sum of the lengths).
    static func appendValues(
        lengths: [Int32], data: UnsafeRawBufferPointer, what: String, values: inout [UInt8], offsets: inout [Int32]
    ) throws(ParquetError) -> Int {
        guard let last = offsets.last, Int(last) == values.count else {
            preconditionFailure("\(what): offsets must end at values.count")
        }
        let base = Int(last)
        var total = 0
        for length in lengths {
            guard length >= 0 else { throw .invalidData("\(what): negative value length \(length)") }
            total += Int(length)
            // Checked per value so the sum cannot overflow before the comparison.
            guard total <= data.count else {
                throw .truncated(at: 0, needed: total - data.count, what: "\(what) value bytes")
            }
        }
        guard base + total <= Int(Int32.max) else {
            throw .invalidData("\(what): decoded bytes exceed Int32 offsets (2 GiB); split the batch")
        }
        offsets.withAppendedSpace(lengths.count, filler: 0) { ends in
            var end = Int32(base)
            for (index, length) in lengths.enumerated() {
                end &+= length
                ends[index] = end
            }
        }
        values.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[0..<total]))
        return total
    }

    /// Appends BYTE_ARRAY values (value `i` is `data[offsets[i]..<offsets[i + 1]]`) encoded as delta lengths and
    /// concatenated bytes.
    /// - Precondition: `offsets` is non-empty, non-decreasing and within `data`.
    static func encode(data: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>, into output: inout [UInt8]) {
        precondition(!offsets.isEmpty, "DELTA_LENGTH_BYTE_ARRAY: offsets need a leading entry")
        let count = offsets.count - 1
        let first = Int(offsets[0])
        let last = Int(offsets[count])
        precondition(first >= 0 && first <= last && last <= data.count, "DELTA_LENGTH_BYTE_ARRAY: offsets outside data")
        let lengths = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let length = offsets[index + 1] - offsets[index]
                precondition(length >= 0, "DELTA_LENGTH_BYTE_ARRAY: offsets must not decrease")
                buffer[index] = length
            }
            initialized = count
        }
        lengths.withUnsafeBufferPointer { DeltaBinaryPacked.encode($0, into: &output) }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: data[first..<last]))
    }
}
