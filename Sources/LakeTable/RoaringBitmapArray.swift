/// A set of 64-bit row indexes in Delta's deletion-vector serialization: magic `1681511377`, a bucket count, then
/// per bucket the high 32 bits as its key and a portable 32-bit Roaring bitmap of the low 32 bits.
///
/// Memory stays proportional to the serialized size (run containers stay runs), whatever the cardinality.
///
/// ```swift
/// let deleted = try RoaringBitmapArray(deserializing: bytes)
/// deleted.contains(17)                               // row 17 of the data file is deleted
/// deleted.forEach(in: 0...1_023) { row in ... }      // deleted rows of the first 1024
/// ```
///
/// Spec: spec/table-log.md §6.2.
public struct RoaringBitmapArray: Sendable, Hashable {
    /// Bucket keys (high 32 bits), strictly ascending, each below 2^31.
    private(set) var keys: [UInt32]
    private(set) var bitmaps: [RoaringBitmap32]

    public static let magic: UInt32 = 1_681_511_377

    /// The set of `rows` (any order, repeats ignored).
    /// - Precondition: every row is below 2^63 (bucket keys are non-negative 32-bit integers in Java).
    public init(_ rows: some Sequence<UInt64>) {
        var byKey: [UInt32: [UInt32]] = [:]
        for row in rows {
            precondition(row >> 63 == 0, "row index \(row) is above 2^63 - 1")
            byKey[UInt32(row >> 32), default: []].append(UInt32(truncatingIfNeeded: row))
        }
        keys = byKey.keys.sorted()
        bitmaps = keys.map { RoaringBitmap32(byKey[$0] ?? []) }
    }

    /// Number of rows in the set.
    public var cardinality: Int64 { bitmaps.reduce(0) { $0 + Int64($1.cardinality) } }

    /// The largest row, or nil when empty.
    public var maximum: UInt64? {
        for (key, bitmap) in zip(keys, bitmaps).reversed() {
            if let low = bitmap.maximum { return UInt64(key) << 32 | UInt64(low) }
        }
        return nil
    }

    public func contains(_ row: UInt64) -> Bool {
        guard let index = keys.firstIndex(of: UInt32(row >> 32)) else { return false }
        return bitmaps[index].contains(UInt32(truncatingIfNeeded: row))
    }

    /// Calls `body` with each row of the set inside `range`, ascending.
    /// - Complexity: O(rows of the set in `range` + containers overlapping it); bitset containers scan the range.
    public func forEach(in range: ClosedRange<UInt64>, _ body: (UInt64) -> Void) {
        for (key, bitmap) in zip(keys, bitmaps) {
            let base = UInt64(key) << 32
            let top = base | 0xFFFF_FFFF
            guard base <= range.upperBound, top >= range.lowerBound else { continue }
            let low = range.lowerBound > base ? UInt32(range.lowerBound - base) : 0
            let high = range.upperBound < top ? UInt32(range.upperBound - base) : .max
            bitmap.forEach(in: low...high) { body(base | UInt64($0)) }
        }
    }

    /// Every row of the set, ascending. Meant for small sets (tests, diagnostics).
    public var rows: [UInt64] {
        var rows: [UInt64] = []
        forEach(in: 0...UInt64.max) { rows.append($0) }
        return rows
    }

    /// The serialization: magic, bucket count (UInt64), then key and 32-bit bitmap per bucket, little-endian.
    public var serialized: [UInt8] {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) {
            for index in 0..<MemoryLayout<T>.size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        append(Self.magic)
        append(UInt64(keys.count))
        for (key, bitmap) in zip(keys, bitmaps) {
            append(key)
            bytes += bitmap.serialized
        }
        return bytes
    }

    /// Parses a serialized bitmap that must span `bytes` exactly.
    /// - Throws: `RoaringFormatError` for a wrong magic, a bucket count the size cannot hold, keys not strictly
    ///   ascending or with the high bit set, any inconsistency of a 32-bit bitmap, or bytes left over.
    init(deserializing bytes: [UInt8]) throws(RoaringFormatError) {
        var reader = RoaringByteReader(bytes)
        let magic = try reader.read(UInt32.self, "deletion vector magic")
        guard magic == Self.magic else {
            throw RoaringFormatError(offset: 0, reason: "magic \(magic) is not \(Self.magic)")
        }
        let count = try reader.read(UInt64.self, "bucket count")
        // A bucket needs its 4-byte key and at least an 8-byte empty bitmap.
        guard count <= UInt64(reader.remaining / 12) else {
            throw RoaringFormatError(
                offset: 4, reason: "\(count) buckets cannot fit in the \(reader.remaining) bytes that follow")
        }
        keys = []
        bitmaps = []
        for _ in 0..<Int(count) {
            let key = try reader.read(UInt32.self, "bucket key")
            guard key >> 31 == 0 else {
                throw RoaringFormatError(offset: reader.offset - 4, reason: "bucket key \(key) has its high bit set")
            }
            if let previous = keys.last, key <= previous {
                throw RoaringFormatError(offset: reader.offset - 4, reason: "bucket keys are not strictly ascending")
            }
            keys.append(key)
            bitmaps.append(try RoaringBitmap32.read(from: &reader))
        }
        guard reader.remaining == 0 else {
            throw RoaringFormatError(
                offset: reader.offset, reason: "\(reader.remaining) bytes follow the last bucket of the bitmap")
        }
    }
}
