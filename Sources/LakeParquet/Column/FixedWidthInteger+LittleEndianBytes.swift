extension FixedWidthInteger {
    /// Reads up to `MemoryLayout<Self>.size` little-endian bytes; missing high bytes count as zero.
    init(littleEndianBytes bytes: [UInt8]) {
        var value: Self = 0
        for (index, byte) in bytes.prefix(MemoryLayout<Self>.size).enumerated() {
            value |= Self(truncatingIfNeeded: byte) << (index * 8)
        }
        self = value
    }

    /// The value's `MemoryLayout<Self>.size` bytes, least significant first.
    var littleEndianBytes: [UInt8] {
        (0..<MemoryLayout<Self>.size).map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}
