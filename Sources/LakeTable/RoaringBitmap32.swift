/// A 32-bit Roaring bitmap in the portable serialization of RoaringFormatSpec: the per-bucket bitmap of a
/// deletion vector.
///
/// Parsing is strict (cookie, counts, ascending keys, offsets agreeing with the container positions, container
/// bodies consistent with their declared cardinality) and bounds-checked: hostile bytes throw
/// `RoaringFormatError`, never trap, and allocate no more than the input's size implies.
///
/// Spec: spec/table-log.md §6.2.
struct RoaringBitmap32: Sendable, Hashable {
    /// Containers by ascending key (the high 16 bits of their values).
    private(set) var keys: [UInt16]
    private(set) var containers: [RoaringContainer]

    static let cookieWithoutRuns: UInt32 = 12_346
    static let cookieWithRuns: UInt32 = 12_347
    /// With the run cookie, offsets are written only from this many containers on.
    static let offsetsThreshold = 4

    /// The bitmap of `values` (any order, repeats ignored).
    init(_ values: some Sequence<UInt32>) {
        var byKey: [UInt16: [UInt16]] = [:]
        for value in Set(values) {
            byKey[UInt16(value >> 16), default: []].append(UInt16(truncatingIfNeeded: value))
        }
        keys = byKey.keys.sorted()
        containers = keys.map { RoaringContainer(values: (byKey[$0] ?? []).sorted()) }
    }

    var cardinality: Int { containers.reduce(0) { $0 + $1.cardinality } }

    /// The largest value, or nil when empty.
    var maximum: UInt32? {
        guard let key = keys.last, let container = containers.last else { return nil }
        var largest = 0
        container.forEach(in: 0...Int(UInt16.max)) { largest = $0 }
        return UInt32(key) << 16 | UInt32(largest)
    }

    func contains(_ value: UInt32) -> Bool {
        guard let index = keys.firstIndex(of: UInt16(value >> 16)) else { return false }
        return containers[index].contains(UInt16(truncatingIfNeeded: value))
    }

    /// Calls `body` with each value in `range`, ascending.
    func forEach(in range: ClosedRange<UInt32>, _ body: (UInt32) -> Void) {
        for (key, container) in zip(keys, containers) {
            let base = UInt32(key) << 16
            guard base <= range.upperBound, base | 0xFFFF >= range.lowerBound else { continue }
            let low = range.lowerBound > base ? Int(range.lowerBound - base) : 0
            let high = range.upperBound < base | 0xFFFF ? Int(range.upperBound - base) : 0xFFFF
            container.forEach(in: low...high) { body(base | UInt32($0)) }
        }
    }

    /// The portable serialization: the run cookie when any container is a run container.
    var serialized: [UInt8] {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) {
            for index in 0..<MemoryLayout<T>.size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        let hasRuns = containers.contains { $0.isRun }
        let count = containers.count
        if hasRuns {
            append(Self.cookieWithRuns | UInt32(count - 1) << 16)
            var flags = [UInt8](repeating: 0, count: (count + 7) / 8)
            for (index, container) in containers.enumerated() where container.isRun {
                flags[index / 8] |= 1 << UInt8(index % 8)
            }
            bytes += flags
        } else {
            append(Self.cookieWithoutRuns)
            append(UInt32(count))
        }
        for (key, container) in zip(keys, containers) {
            append(key)
            append(UInt16(container.cardinality - 1))
        }
        let bodies = containers.map(\.serialized)
        if !hasRuns || count >= Self.offsetsThreshold {
            var offset = bytes.count + 4 * count
            for body in bodies {
                append(UInt32(offset))
                offset += body.count
            }
        }
        for body in bodies { bytes += body }
        return bytes
    }

    /// Reads one bitmap starting at `reader.offset`; afterwards `reader.offset` is just past it.
    /// - Throws: `RoaringFormatError` naming the byte offset of the first inconsistency.
    static func read(from reader: inout RoaringByteReader) throws(RoaringFormatError) -> RoaringBitmap32 {
        let start = reader.offset
        let cookie = try reader.read(UInt32.self, "Roaring cookie")
        let count: Int
        var runFlags: [UInt8] = []
        if cookie == cookieWithoutRuns {
            count = Int(try reader.read(UInt32.self, "container count"))
            guard count <= 1 << 16 else {
                throw RoaringFormatError(offset: start + 4, reason: "\(count) containers; at most 65536 exist")
            }
        } else if cookie & 0xFFFF == cookieWithRuns {
            count = Int(cookie >> 16) + 1
            try reader.require((count + 7) / 8, "run flags of \(count) containers")
            for _ in 0..<((count + 7) / 8) { runFlags.append(try reader.read(UInt8.self, "run flags")) }
        } else {
            throw RoaringFormatError(offset: start, reason: "Roaring cookie \(cookie) is neither 12346 nor 12347")
        }
        // Each container needs a 4-byte header entry and at least 2 body bytes: bound the count before allocating.
        try reader.require(6 * count, "headers of \(count) containers")
        var keys: [UInt16] = []
        var cardinalities: [Int] = []
        keys.reserveCapacity(count)
        cardinalities.reserveCapacity(count)
        for _ in 0..<count {
            let key = try reader.read(UInt16.self, "container key")
            if let previous = keys.last, key <= previous {
                throw RoaringFormatError(offset: reader.offset - 2, reason: "container keys are not strictly ascending")
            }
            keys.append(key)
            cardinalities.append(Int(try reader.read(UInt16.self, "container cardinality")) + 1)
        }
        var offsets: [Int]?
        if runFlags.isEmpty || count >= offsetsThreshold {
            var read: [Int] = []
            read.reserveCapacity(count)
            for _ in 0..<count { read.append(Int(try reader.read(UInt32.self, "container offset"))) }
            offsets = read
        }
        var containers: [RoaringContainer] = []
        containers.reserveCapacity(count)
        for index in 0..<count {
            if let offsets, offsets[index] != reader.offset - start {
                throw RoaringFormatError(
                    offset: reader.offset,
                    reason: "container \(index) is at byte \(reader.offset - start), its offset says \(offsets[index])")
            }
            let isRun = runFlags.isEmpty ? false : runFlags[index / 8] & (1 << UInt8(index % 8)) != 0
            containers.append(
                try RoaringContainer.read(from: &reader, cardinality: cardinalities[index], isRun: isRun))
        }
        var bitmap = RoaringBitmap32([])
        bitmap.keys = keys
        bitmap.containers = containers
        return bitmap
    }
}
