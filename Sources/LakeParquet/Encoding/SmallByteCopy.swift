/// Copies short byte strings without a call into `memmove`.
///
/// Byte-array decoders copy one value at a time, and most values (symbols, ids, short text) are a few bytes long;
/// for those, the library call costs more than the copy. Lengths up to 16 are copied with two possibly
/// overlapping loads and stores that stay inside both ranges; longer ones go to `copyMemory`.
enum SmallByteCopy {
    /// Copies `count` bytes from `source` to `destination`; the ranges must not overlap.
    @inline(__always)
    static func copy(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
        if count >= 8 {
            if count <= 16 {
                let head = source.loadUnaligned(as: UInt64.self)
                let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                destination.storeBytes(of: head, as: UInt64.self)
                destination.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
            } else {
                destination.copyMemory(from: source, byteCount: count)
            }
        } else if count >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            destination.storeBytes(of: head, as: UInt32.self)
            destination.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        } else if count > 0 {
            // 1...3 bytes: first, middle and last cover them all.
            let first = source.load(as: UInt8.self)
            let middle = source.load(fromByteOffset: count >> 1, as: UInt8.self)
            let last = source.load(fromByteOffset: count - 1, as: UInt8.self)
            destination.storeBytes(of: first, as: UInt8.self)
            destination.storeBytes(of: middle, toByteOffset: count >> 1, as: UInt8.self)
            destination.storeBytes(of: last, toByteOffset: count - 1, as: UInt8.self)
        }
    }
}
