/// Builds the dictionary of one column chunk of BYTE_ARRAY (or FIXED_LEN_BYTE_ARRAY) values while it is written.
///
/// Entries are stored back to back in `entryData` with end offsets in `entryOffsets` (no per-value allocation).
/// `append` maps each value to its entry index and stops at the first new value that would make the dictionary
/// page larger than `dictionaryBytesMax` (PLAIN size: 4 + length per BYTE_ARRAY entry, `width` per
/// FIXED_LEN_BYTE_ARRAY entry); the writer then falls back to PLAIN for the rest of the chunk.
///
/// The lookup is an open-addressing hash table with linear probing (load factor at most 1/2). A slot keeps 32 bits
/// of the hash, the entry index and the entry's position in `entryData`, so a probe costs one cache line and bytes
/// are compared only when the hash bits match. A run of equal values skips the table.
///
/// Spec: parquet-format Encodings.md, "Dictionary Encoding (PLAIN_DICTIONARY = 2 and RLE_DICTIONARY = 8)".
struct ByteArrayDictionaryEncoder {
    /// Largest PLAIN size of the dictionary, in bytes.
    let dictionaryBytesMax: Int
    /// Width of FIXED_LEN_BYTE_ARRAY entries, or nil for BYTE_ARRAY.
    let fixedWidth: Int?
    /// The bytes of all entries, in index order.
    private(set) var entryData: [UInt8] = []
    /// End offset of each entry in `entryData`, after a leading 0 (`count + 1` elements).
    private(set) var entryOffsets: [Int32] = [0]
    /// Size of the dictionary page's PLAIN encoding, in bytes.
    private(set) var plainByteCount = 0
    private var slots: [Slot]
    private var slotShift: UInt64

    private struct Slot {
        /// The low 32 bits of the entry's hash (the slot position comes from the high bits).
        var tag: UInt32
        /// Entry index + 1; 0 marks an empty slot.
        var entry: UInt32
        var start: UInt32
        var length: UInt32

        static let empty = Slot(tag: 0, entry: 0, start: 0, length: 0)
    }

    /// - Parameters:
    ///   - fixedWidth: the value width for FIXED_LEN_BYTE_ARRAY, nil for BYTE_ARRAY.
    ///   - expectedEntryCount: a sizing hint for the hash table; it grows as needed.
    init(dictionaryBytesMax: Int, fixedWidth: Int? = nil, expectedEntryCount: Int = 1024) {
        precondition(dictionaryBytesMax >= 0, "dictionary limit must not be negative")
        precondition(fixedWidth.map { $0 > 0 } ?? true, "fixed width must be positive")
        self.dictionaryBytesMax = dictionaryBytesMax
        self.fixedWidth = fixedWidth
        var capacity = 64
        while capacity < 2 * expectedEntryCount && capacity < 1 << 30 { capacity <<= 1 }
        slots = [Slot](repeating: .empty, count: capacity)
        slotShift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// Number of entries.
    var count: Int { entryOffsets.count - 1 }

    /// Bit width of the indices in RLE_DICTIONARY data pages for the current entries.
    var indexBitWidth: Int { DictionaryIndices.bitWidth(dictionaryCount: count) }

    /// Appends the entry index of each BYTE_ARRAY value (value `i` is `data[offsets[i]..<offsets[i + 1]]`) to
    /// `indices`, inserting values not seen before.
    ///
    /// - Precondition: `fixedWidth` is nil; `offsets` is non-empty, non-decreasing and within `data`.
    /// - Returns: how many values were consumed: all, or fewer if the next value is new and would push
    ///   `plainByteCount` over `dictionaryBytesMax` (then `indices` has grown by the returned count only).
    /// - Complexity: amortized O(length) per value.
    mutating func append(
        data: UnsafeRawBufferPointer, offsets: UnsafeBufferPointer<Int32>, indices: inout [UInt32]
    )
        -> Int
    {
        precondition(fixedWidth == nil, "use appendFixedWidth for FIXED_LEN_BYTE_ARRAY")
        precondition(!offsets.isEmpty, "offsets need a leading entry")
        let count = offsets.count - 1
        precondition(
            offsets[0] >= 0 && offsets[0] <= offsets[count] && Int(offsets[count]) <= data.count,
            "offsets outside data")
        return appendValues(count: count, data: data, indices: &indices) { index in
            let start = Int(offsets[index])
            let end = Int(offsets[index + 1])
            precondition(start <= end, "offsets must not decrease")
            return start..<end
        }
    }

    /// Appends the entry index of each FIXED_LEN_BYTE_ARRAY value (`data` holds values of `fixedWidth` bytes back
    /// to back) to `indices`, inserting values not seen before.
    /// - Precondition: `fixedWidth` is set and divides `data.count`.
    /// - Returns: how many values were consumed (see `append(data:offsets:indices:)`).
    mutating func appendFixedWidth(data: UnsafeRawBufferPointer, indices: inout [UInt32]) -> Int {
        guard let width = fixedWidth else { preconditionFailure("appendFixedWidth needs a fixed width") }
        precondition(data.count % width == 0, "data is not a whole number of values")
        return appendValues(count: data.count / width, data: data, indices: &indices) { index in
            (index * width)..<((index + 1) * width)
        }
    }

    private mutating func appendValues(
        count: Int, data: UnsafeRawBufferPointer, indices: inout [UInt32], range: (Int) -> Range<Int>
    ) -> Int {
        guard count > 0 else { return 0 }
        let entryOverhead = fixedWidth == nil ? 4 : 0
        let consumed = indices.withAppendedSpace(count, filler: 0) { target in
            var position = 0
            var previous: Range<Int>? = nil
            var previousIndex: UInt32 = 0
            while position < count {
                // Look up as many values as possible with the table and entry bytes pinned; leave the loop only
                // to insert (which may reallocate them).
                let miss = lookUp(
                    count: count, data: data, from: position, range: range, previous: &previous,
                    previousIndex: &previousIndex, into: target)
                position = miss.position
                guard position < count else { break }
                let value = range(position)
                guard plainByteCount + entryOverhead + value.count <= dictionaryBytesMax,
                    Int(entryOffsets[entryOffsets.count - 1]) + value.count <= Int(Int32.max)
                else { break }
                if self.count + 1 > slots.count / 2 { grow() }
                insert(UnsafeRawBufferPointer(rebasing: data[value]), hash: miss.hash)
                plainByteCount += entryOverhead + value.count
                previousIndex = UInt32(self.count - 1)
                previous = value
                target[position] = previousIndex
                position += 1
            }
            return position
        }
        if consumed < count { indices.removeLast(count - consumed) }
        return consumed
    }

    /// Resolves values from `start` on until one is not in the dictionary.
    /// - Returns: the position of that value (or `count`) and its hash.
    private func lookUp(
        count: Int, data: UnsafeRawBufferPointer, from start: Int, range: (Int) -> Range<Int>,
        previous: inout Range<Int>?, previousIndex: inout UInt32, into target: UnsafeMutableBufferPointer<UInt32>
    ) -> (position: Int, hash: UInt64) {
        let shift = slotShift
        return slots.withUnsafeBufferPointer { table in
            entryData.withUnsafeBytes { entryBytes in
                let mask = table.count - 1
                for position in start..<count {
                    let value = range(position)
                    if let last = previous, Self.equal(data, value, data, last) {
                        target[position] = previousIndex
                        continue
                    }
                    let hash = Self.hash(data, value)
                    let tag = UInt32(truncatingIfNeeded: hash)
                    var slot = Int(truncatingIfNeeded: hash &>> shift)
                    while true {
                        let candidate = table[slot]
                        if candidate.entry == 0 { return (position, hash) }
                        if candidate.tag == tag {
                            let entryRange = Int(candidate.start)..<Int(candidate.start + candidate.length)
                            if Self.equal(data, value, entryBytes, entryRange) {
                                previousIndex = candidate.entry - 1
                                break
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                    previous = value
                    target[position] = previousIndex
                }
                return (count, 0)
            }
        }
    }

    private mutating func insert(_ value: UnsafeRawBufferPointer, hash: UInt64) {
        let start = entryData.count
        entryData.append(contentsOf: value)
        entryOffsets.append(Int32(entryData.count))
        let newSlot = Slot(
            tag: UInt32(truncatingIfNeeded: hash), entry: UInt32(count), start: UInt32(start),
            length: UInt32(value.count))
        let shift = slotShift
        slots.withUnsafeMutableBufferPointer { table in
            let mask = table.count - 1
            var slot = Int(truncatingIfNeeded: hash &>> shift)
            while table[slot].entry != 0 { slot = (slot + 1) & mask }
            table[slot] = newSlot
        }
    }

    /// Doubles the table and reinserts every entry, hashing its bytes again (slots keep only 32 hash bits).
    private mutating func grow() {
        let capacity = slots.count * 2
        precondition(capacity <= 1 << 31, "dictionary hash table too large")
        var newSlots = [Slot](repeating: .empty, count: capacity)
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        newSlots.withUnsafeMutableBufferPointer { table in
            entryData.withUnsafeBytes { entryBytes in
                let mask = capacity - 1
                for old in slots where old.entry != 0 {
                    let hash = Self.hash(entryBytes, Int(old.start)..<Int(old.start + old.length))
                    var slot = Int(truncatingIfNeeded: hash &>> shift)
                    while table[slot].entry != 0 { slot = (slot + 1) & mask }
                    table[slot] = old
                }
            }
        }
        slots = newSlots
        slotShift = shift
    }

    /// Appends the dictionary page's content: the entries PLAIN-encoded (length-prefixed for BYTE_ARRAY).
    func encodeDictionaryPage(into output: inout [UInt8]) {
        entryData.withUnsafeBytes { data in
            if fixedWidth != nil {
                PlainEncoding.encodeFixedLengthByteArrays(data, into: &output)
            } else {
                entryOffsets.withUnsafeBufferPointer {
                    PlainEncoding.encodeByteArrays(data: data, offsets: $0, into: &output)
                }
            }
        }
    }

    // MARK: Hashing and comparison

    private static func equal(
        _ left: UnsafeRawBufferPointer, _ leftRange: Range<Int>, _ right: UnsafeRawBufferPointer,
        _ rightRange: Range<Int>
    ) -> Bool {
        let length = leftRange.count
        guard length == rightRange.count else { return false }
        guard length > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return true }
        let a = leftBase + leftRange.lowerBound
        let b = rightBase + rightRange.lowerBound
        var offset = 0
        while offset + 8 <= length {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < length {
            if a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            offset += 1
        }
        return true
    }

    /// A 64-bit hash of `data[range]`: 8 bytes at a time through a multiply-xorshift, then the MurmurHash3
    /// finalizer so that the top bits (which pick the slot) depend on every input bit.
    private static func hash(_ data: UnsafeRawBufferPointer, _ range: Range<Int>) -> UInt64 {
        let length = range.count
        var state: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(length) &* 0x9E37_79B9_7F4A_7C15)
        if length > 0, let base = data.baseAddress {
            let bytes = base + range.lowerBound
            var offset = 0
            while offset + 8 <= length {
                state = (state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                state ^= state &>> 32
                offset += 8
            }
            if offset < length {
                let tail: UInt64
                if length >= 8 {
                    tail = bytes.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                } else if length >= 4 {
                    tail =
                        UInt64(bytes.loadUnaligned(as: UInt32.self))
                        | UInt64(bytes.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)) &<< 32
                } else {
                    tail =
                        UInt64(bytes.load(as: UInt8.self))
                        | UInt64(bytes.load(fromByteOffset: length / 2, as: UInt8.self)) &<< 8
                        | UInt64(bytes.load(fromByteOffset: length - 1, as: UInt8.self)) &<< 16
                }
                state = (state ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            }
        }
        state ^= state &>> 33
        state &*= 0xFF51_AFD7_ED55_8CCD
        state ^= state &>> 33
        state &*= 0xC4CE_B9FE_1A85_EC53
        state ^= state &>> 33
        return state
    }
}
