#if _endian(big)
    #error("The Parquet encodings copy little-endian values with memcpy; a big-endian host needs byte swaps added.")
#endif

/// A bounds-checked read position in the encoded bytes of one page (or one section of it).
///
/// Every read checks the remaining length first and throws `.truncated` naming `what` was being read, so a decoder
/// built on the cursor cannot read past its input. `what` is an autoclosure: the message is only built on failure,
/// which keeps string formatting off the hot paths. The cursor borrows `bytes`; it must not outlive the closure
/// that provided the pointer.
struct EncodingCursor {
    let bytes: UnsafeRawBufferPointer
    /// Bytes consumed so far, from the start of `bytes`.
    private(set) var offset: Int = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remainingByteCount: Int { bytes.count - offset }

    var isAtEnd: Bool { offset >= bytes.count }

    /// Throws unless at least `count` bytes remain.
    func require(_ count: Int, _ what: @autoclosure () -> String) throws(ParquetError) {
        if count > bytes.count - offset {
            throw .truncated(at: offset, needed: count - (bytes.count - offset), what: what())
        }
    }

    mutating func readByte(_ what: @autoclosure () -> String) throws(ParquetError) -> UInt8 {
        try require(1, what())
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func readUInt32LittleEndian(_ what: @autoclosure () -> String) throws(ParquetError) -> UInt32 {
        try require(4, what())
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Reads an unsigned LEB128 integer of at most 10 bytes that fits in 64 bits.
    ///
    /// - Throws: `.truncated` if the input ends inside the integer, `.invalidData` if it is longer than 10 bytes or
    ///   overflows 64 bits.
    mutating func readULEB128(_ what: @autoclosure () -> String) throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        for index in 0..<10 {
            guard offset < bytes.count else { throw .truncated(at: offset, needed: 1, what: what()) }
            let byte = bytes[offset]
            offset += 1
            if index == 9 && byte > 1 {
                throw .invalidData("\(what()): ULEB128 integer overflows 64 bits")
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw .invalidData("\(what()): ULEB128 integer longer than 10 bytes")
    }

    /// Reads a zigzag-encoded ULEB128 integer.
    mutating func readZigZag(_ what: @autoclosure () -> String) throws(ParquetError) -> Int64 {
        LEB128.zigZagDecode(try readULEB128(what()))
    }

    /// The next `count` bytes, without consuming them. The caller checks the length with `require` first.
    func peek(_ count: Int) -> UnsafeRawBufferPointer {
        precondition(count >= 0 && count <= bytes.count - offset, "peek past the end of a checked cursor")
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    /// Consumes `count` bytes, which must remain (checked with `require` or `peek`).
    mutating func skip(_ count: Int) {
        precondition(count >= 0 && count <= bytes.count - offset, "skip past the end of a checked cursor")
        offset += count
    }
}
