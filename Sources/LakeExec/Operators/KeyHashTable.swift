/// An open-addressing hash table from key byte strings to dense ids 0, 1, 2, ... in insertion order.
///
/// Keys live back to back in one arena (no allocation per key). Each slot packs the high 32 bits of the key's hash
/// with `id + 1` (0 marks an empty slot), so a probe rejects other keys without touching the arena or the hash
/// array; slots are probed linearly from the key's hash, and the table doubles when half full, rehashing from
/// stored hashes. The shared core of GROUP BY, DISTINCT, COUNT(DISTINCT) and the hash join build side.
struct KeyHashTable {
    private var slots: [UInt64]
    private var mask: Int
    /// Key bytes of every id, back to back.
    private(set) var arena: [UInt8] = []
    /// `arena[starts[id]..<starts[id + 1]]` is key `id`.
    private(set) var starts: [Int] = [0]
    private(set) var hashes: [UInt64] = []

    private static let tagMask: UInt64 = 0xFFFF_FFFF_0000_0000

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    /// Bytes held (arena, offsets, hashes, slots).
    var estimatedBytes: Int { arena.count + starts.count * 8 + hashes.count * 8 + slots.count * 8 }

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
        guard !range.isEmpty else { return (ids, inserted) }
        guard count + range.count <= Int(Int32.max) else {
            throw .arithmeticOverflow(operation: "more than \(Int32.max) keys")
        }
        // Rows go in runs: a run stops before the key that would make the table more than half full, the slots
        // double, and the next run resumes at that row. Within a run the slots are moved out of `self` (no
        // exclusivity or uniqueness checks per write).
        var next = range.lowerBound
        for _ in 0..<Int.max {
            guard next < range.upperBound else { break }
            if (count + 1) * 2 > slots.count { reserve(count + 1) }
            var slots = self.slots
            self.slots = []
            next = slots.withUnsafeMutableBufferPointer { slots in
                insertRun(keys, from: next, of: range, into: slots, ids: &ids, inserted: &inserted)
            }
            self.slots = slots
        }
        return (ids, inserted)
    }

    /// Inserts rows from `start` on until `range` ends or a new key would fill more than half of `slots`; returns
    /// the first row not inserted.
    private mutating func insertRun(
        _ keys: EncodedKeys, from start: Int, of range: Range<Int>, into slots: UnsafeMutableBufferPointer<UInt64>,
        ids: inout [Int32], inserted: inout [Bool]
    ) -> Int {
        let tagMask = Self.tagMask
        let mask = slots.count - 1
        return keys.data.withUnsafeBytes { data in
            keys.offsets.withUnsafeBufferPointer { offsets in
                keys.hashes.withUnsafeBufferPointer { keyHashes in
                    for row in start..<range.upperBound {
                        let hash = keyHashes[row]
                        let keyStart = offsets[row]
                        let length = offsets[row + 1] - keyStart
                        let tag = hash & tagMask
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        var found: Int32 = -1
                        for _ in 0...mask {
                            let entry = slots[slot]
                            if entry == 0 { break }
                            if entry & tagMask == tag {
                                let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                                if hashes[id] == hash && equal(id, data, keyStart, length) {
                                    found = Int32(id)
                                    break
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                        if found < 0 {
                            if (count + 1) * 2 > slots.count { return row }
                            found = Int32(count)
                            let key = UnsafeRawBufferPointer(rebasing: data[keyStart..<keyStart + length])
                            arena.append(contentsOf: key)
                            starts.append(arena.count)
                            hashes.append(hash)
                            slots[slot] = tag | UInt64(found + 1)
                            inserted[row - range.lowerBound] = true
                        }
                        ids[row - range.lowerBound] = found
                    }
                    return range.upperBound
                }
            }
        }
    }

    /// The id of row `row`'s key, if present.
    func find(_ keys: EncodedKeys, row: Int, hash: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let start = keys.offsets[row]
        let length = keys.offsets[row + 1] - start
        let tag = hash & Self.tagMask
        return keys.data.withUnsafeBytes { data -> Int32? in
            for _ in 0...mask {
                let entry = slots[slot]
                if entry == 0 { return nil }
                if entry & Self.tagMask == tag {
                    let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                    if hashes[id] == hash && equal(id, data, start, length) { return Int32(id) }
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    @inline(__always) private func equal(_ id: Int, _ data: UnsafeRawBufferPointer, _ start: Int, _ length: Int)
        -> Bool
    {
        let own = starts[id]
        guard starts[id + 1] - own == length else { return false }
        guard length > 0 else { return true }
        return arena.withUnsafeBytes { mine in
            guard let mineBase = mine.baseAddress, let theirBase = data.baseAddress else { return false }
            return memcmp(mineBase + own, theirBase + start, length) == 0
        }
    }

    /// Grows the slots so `keyCount` keys keep the table at most half full.
    private mutating func reserve(_ keyCount: Int) {
        var size = slots.count
        while size < keyCount * 2 { size <<= 1 }
        guard size > slots.count else { return }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        slots.withUnsafeMutableBufferPointer { table in
            hashes.withUnsafeBufferPointer { stored in
                for (id, hash) in stored.enumerated() {
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while table[slot] != 0 { slot = (slot + 1) & mask }
                    table[slot] = (hash & Self.tagMask) | UInt64(id + 1)
                }
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
