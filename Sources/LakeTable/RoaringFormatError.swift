/// Why the bytes of a serialized Roaring bitmap are invalid: `offset` is the byte position (from the start of the
/// serialized bitmap) where the problem was found. `DeletionVectorLoader` turns it into
/// `TableLogError.corruptDeletionVector`, adding the file and the DV's own offset.
///
/// Spec: spec/table-log.md §6.2.
struct RoaringFormatError: Error, Equatable {
    var offset: Int
    var reason: String
}

/// Bounds-checked little-endian reads over the bytes of a serialized bitmap.
struct RoaringByteReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    /// Reads a little-endian integer of `T`'s width.
    /// - Throws: `RoaringFormatError` when fewer bytes remain; `what` names the field.
    mutating func read<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, _ what: String) throws(RoaringFormatError)
        -> T
    {
        let size = MemoryLayout<T>.size
        guard remaining >= size else {
            throw RoaringFormatError(offset: offset, reason: "\(what) needs \(size) bytes, \(remaining) remain")
        }
        var value: T = 0
        for index in 0..<size { value |= T(bytes[offset + index]) << (8 * index) }
        offset += size
        return value
    }

    /// Checks that `count` bytes remain, before allocating for them.
    func require(_ count: Int, _ what: String) throws(RoaringFormatError) {
        guard count >= 0, remaining >= count else {
            throw RoaringFormatError(offset: offset, reason: "\(what) needs \(count) bytes, \(remaining) remain")
        }
    }
}
