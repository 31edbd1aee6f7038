/// An open-addressing hash table from key byte strings to dense ids 0, 1, 2, ... in insertion order.
///
/// Keys live back to back in one arena (no allocation per key); slots hold ids, probed linearly from the key's
/// hash; the table doubles when half full, rehashing from stored hashes. The shared core of GROUP BY, DISTINCT,
/// COUNT(DISTINCT) and the hash join build side.
struct KeyHashTable {
    private var slots: [Int32]
    private var mask: Int
    /// Key bytes of every id, back to back.
    private(set) var arena: [UInt8] = []
    /// `arena[starts[id]..<starts[id + 1]]` is key `id`.
    private(set) var starts: [Int] = [0]
    private(set) var hashes: [UInt64] = []

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    /// Bytes held (arena, offsets, hashes, slots).
    var estimatedBytes: Int { arena.count + starts.count * 8 + hashes.count * 8 + slots.count * 4 }

    /// The keys as an `EncodedKeys` value (to merge this table into another).
    var keys: EncodedKeys { EncodedKeys(data: arena, offsets: starts, hashes: hashes) }

    /// The id of each row's key, inserting new keys; `inserted[i]` tells whether row `i` added its key.
    /// - Throws: `arithmeticOverflow` past Int32.max keys.
    mutating func insert(_ keys: EncodedKeys, rows: Range<Int>? = nil) throws(ExecutionError) -> (
        ids: [Int32], inserted: [Bool]
    ) {
        let range = rows ?? 0..<keys.count
        var ids = [Int32](repeating: 0, count: range.count)
        var inserted = [Bool](repeating: false, count: range.count)
        for row in range {
            let hash = keys.hashes[row]
            if let id = find(keys, row: row, hash: hash) {
                ids[row - range.lowerBound] = id
                continue
            }
            guard count < Int(Int32.max) else { throw .arithmeticOverflow(operation: "more than \(Int32.max) keys") }
            let id = Int32(count)
            arena.append(contentsOf: keys.data[keys.offsets[row]..<keys.offsets[row + 1]])
            starts.append(arena.count)
            hashes.append(hash)
            if count * 2 > slots.count { grow() } else { place(id, hash: hash) }
            ids[row - range.lowerBound] = id
            inserted[row - range.lowerBound] = true
        }
        return (ids, inserted)
    }

    /// The id of row `row`'s key, if present.
    func find(_ keys: EncodedKeys, row: Int, hash: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let start = keys.offsets[row]
        let length = keys.offsets[row + 1] - start
        for _ in 0...mask {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash && equal(Int(id), keys.data, start, length) { return id }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always) private func equal(_ id: Int, _ data: [UInt8], _ start: Int, _ length: Int) -> Bool {
        let own = starts[id]
        guard starts[id + 1] - own == length else { return false }
        return arena.withUnsafeBytes { mine in
            data.withUnsafeBytes { theirs in
                guard let mineBase = mine.baseAddress, let theirBase = theirs.baseAddress else { return length == 0 }
                return memcmp(mineBase + own, theirBase + start, length) == 0
            }
        }
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (id, hash) in hashes.enumerated() { place(Int32(id), hash: hash) }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
