/// Unsigned LEB128 and zigzag integers as the RLE hybrid and delta encodings write them (reading is in
/// `EncodingCursor`).
///
/// Spec: parquet-format Encodings.md, "Run Length Encoding / Bit-Packing Hybrid" note 2 and "Delta Encoding".
enum LEB128 {
    /// Appends `value` as unsigned LEB128: 7 bits per byte, least significant group first, high bit = more follow.
    static func appendUnsigned(_ value: UInt64, to output: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    /// Appends `value` zigzag-mapped (0, -1, 1, -2, ... → 0, 1, 2, 3, ...) as unsigned LEB128.
    static func appendZigZag(_ value: Int64, to output: inout [UInt8]) {
        appendUnsigned(zigZagEncode(value), to: &output)
    }

    static func zigZagEncode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    static func zigZagDecode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}
