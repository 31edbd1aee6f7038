/// The BYTE_STREAM_SPLIT encoding (= 9) of FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY values.
///
/// For `N` values of `K` bytes, byte `j` of value `i` is stored at `j * N + i`: K streams of N bytes, one per byte
/// position, with no header or padding. The stream length is the section's length divided by K (as Arrow reads
/// it), so the section must be exactly the page's encoded values.
///
/// Spec: parquet-format Encodings.md, "Byte Stream Split: (BYTE_STREAM_SPLIT = 9)".
enum ByteStreamSplit {
    // MARK: Decoding

    /// Decodes `count` values of `width` bytes from a section of `input.count / width` values, appending
    /// `count * width` bytes to `output` (FIXED_LEN_BYTE_ARRAY, or any type as raw bytes).
    /// - Returns: bytes consumed: all of `input`.
    /// - Throws: `.invalidData` if `width` is not positive or `input.count` is not a multiple of it; `.truncated`
    ///   if the section holds fewer than `count` values.
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int, into output: inout [UInt8]
    ) throws(ParquetError) -> Int {
        let stride = try streamLength(input, count: count, width: width)
        output.withAppendedSpace(count * width, filler: 0) { target in
            guard let source = input.baseAddress, let destination = UnsafeMutableRawPointer(target.baseAddress)
            else { return }
            interleave(source, stride: stride, count: count, width: width, into: destination)
        }
        return input.count
    }

    /// Decodes `count` FLOAT values. - Returns: bytes consumed (all of `input`).
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Float]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, into: &output)
    }

    /// Decodes `count` DOUBLE values. - Returns: bytes consumed (all of `input`).
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Double]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, into: &output)
    }

    /// Decodes `count` INT32 values. - Returns: bytes consumed (all of `input`).
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Int32]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, into: &output)
    }

    /// Decodes `count` INT64 values. - Returns: bytes consumed (all of `input`).
    @discardableResult
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout [Int64]
    ) throws(ParquetError)
        -> Int
    {
        try decodeFixedWidth(input, count: count, zero: 0, into: &output)
    }

    private static func decodeFixedWidth<Value: BitwiseCopyable>(
        _ input: UnsafeRawBufferPointer, count: Int, zero: Value, into output: inout [Value]
    ) throws(ParquetError) -> Int {
        let width = MemoryLayout<Value>.size
        let stride = try streamLength(input, count: count, width: width)
        output.withAppendedSpace(count, filler: zero) { target in
            guard let source = input.baseAddress, let destination = UnsafeMutableRawPointer(target.baseAddress)
            else { return }
            interleave(source, stride: stride, count: count, width: width, into: destination)
        }
        return input.count
    }

    private static func streamLength(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int
    ) throws(ParquetError)
        -> Int
    {
        precondition(count >= 0, "BYTE_STREAM_SPLIT: negative count")
        guard width > 0 else { throw .invalidData("BYTE_STREAM_SPLIT: value width \(width) is not positive") }
        guard input.count % width == 0 else {
            throw .invalidData("BYTE_STREAM_SPLIT: \(input.count) bytes do not split into \(width) equal streams")
        }
        let stride = input.count / width
        guard count <= stride else {
            throw .truncated(
                at: 0, needed: (count - stride) * width, what: "BYTE_STREAM_SPLIT (\(count) values × \(width) bytes)")
        }
        return stride
    }

    /// Gathers value `i` from byte `i` of each of the `width` streams spaced `stride` bytes apart.
    private static func interleave(
        _ source: UnsafeRawPointer, stride: Int, count: Int, width: Int, into destination: UnsafeMutableRawPointer
    ) {
        switch width {
        case 4:
            interleaveKernel(source, stride: stride, count: count, width: 4, into: destination)
        case 8:
            interleaveKernel(source, stride: stride, count: count, width: 8, into: destination)
        default:
            for stream in 0..<width {
                let bytes = source + stream * stride
                for index in 0..<count {
                    destination.storeBytes(
                        of: bytes.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index * width + stream,
                        as: UInt8.self)
                }
            }
        }
    }

    @inline(__always)
    private static func interleaveKernel(
        _ source: UnsafeRawPointer, stride: Int, count: Int, width: Int, into destination: UnsafeMutableRawPointer
    ) {
        for index in 0..<count {
            var word: UInt64 = 0
            for stream in 0..<width {
                word |= UInt64(source.load(fromByteOffset: stream &* stride &+ index, as: UInt8.self)) &<< (8 * stream)
            }
            if width == 8 {
                destination.storeBytes(of: word, toByteOffset: index &* 8, as: UInt64.self)
            } else {
                destination.storeBytes(of: UInt32(truncatingIfNeeded: word), toByteOffset: index &* 4, as: UInt32.self)
            }
        }
    }

    // MARK: Encoding

    /// Appends `data`, which holds `data.count / width` values of `width` bytes, split into `width` byte streams.
    /// - Precondition: `width > 0` and `data.count` is a multiple of `width`.
    static func encode(_ data: UnsafeRawBufferPointer, width: Int, into output: inout [UInt8]) {
        precondition(width > 0 && data.count % width == 0, "BYTE_STREAM_SPLIT: data is not a whole number of values")
        let count = data.count / width
        guard count > 0 else { return }
        output.withAppendedSpace(data.count, filler: 0) { target in
            guard let source = data.baseAddress, let destination = target.baseAddress else { return }
            for index in 0..<count {
                let value = source + index * width
                for stream in 0..<width {
                    destination[stream * count + index] = value.load(fromByteOffset: stream, as: UInt8.self)
                }
            }
        }
    }

    /// Appends FLOAT values split into 4 byte streams.
    static func encode(_ values: UnsafeBufferPointer<Float>, into output: inout [UInt8]) {
        encode(UnsafeRawBufferPointer(values), width: 4, into: &output)
    }

    /// Appends DOUBLE values split into 8 byte streams.
    static func encode(_ values: UnsafeBufferPointer<Double>, into output: inout [UInt8]) {
        encode(UnsafeRawBufferPointer(values), width: 8, into: &output)
    }

    /// Appends INT32 values split into 4 byte streams.
    static func encode(_ values: UnsafeBufferPointer<Int32>, into output: inout [UInt8]) {
        encode(UnsafeRawBufferPointer(values), width: 4, into: &output)
    }

    /// Appends INT64 values split into 8 byte streams.
    static func encode(_ values: UnsafeBufferPointer<Int64>, into output: inout [UInt8]) {
        encode(UnsafeRawBufferPointer(values), width: 8, into: &output)
    }
}
