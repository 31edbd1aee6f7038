extension UnsafeRawBufferPointer {
    /// Calls `body` with the buffer's base address, or with the address of a local byte when the buffer is empty
    /// and has none: the C libraries take a source pointer even for zero bytes, and some reject null.
    func withNonNullBase<R, E: Error>(_ body: (UnsafeRawPointer) throws(E) -> R) throws(E) -> R {
        if let base = baseAddress {
            return try body(base)
        }
        var dummyByte: UInt8 = 0
        return try withUnsafePointer(to: &dummyByte) { (pointer) throws(E) -> R in
            try body(UnsafeRawPointer(pointer))
        }
    }

    /// The 4 big-endian bytes at `offset` as an `Int`, or nil when fewer than 4 bytes remain there.
    func loadBigEndianUInt32(at offset: Int) -> Int? {
        guard offset >= 0, count - offset >= 4 else { return nil }
        return Int(UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
}
