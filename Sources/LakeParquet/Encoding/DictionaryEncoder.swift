/// A fixed-width physical value that a dictionary can hold, compared by its bit pattern.
///
/// Bit-pattern identity makes NaNs with different payloads, and 0.0 and -0.0, distinct entries, as Arrow's writer
/// does, so every value round-trips bit for bit.
protocol DictionaryValue: BitwiseCopyable, Equatable {
    associatedtype Bits: FixedWidthInteger & UnsignedInteger
    var dictionaryBits: Bits { get }
}

extension Int32: DictionaryValue {
    var dictionaryBits: UInt32 { UInt32(bitPattern: self) }
}

extension Int64: DictionaryValue {
    var dictionaryBits: UInt64 { UInt64(bitPattern: self) }
}

extension Float: DictionaryValue {
    var dictionaryBits: UInt32 { bitPattern }
}

extension Double: DictionaryValue {
    var dictionaryBits: UInt64 { bitPattern }
}

/// Builds the dictionary of one column chunk of INT32, INT64, FLOAT or DOUBLE values while the chunk is written.
///
/// `append` maps each value to its entry index (inserting new values in first-seen order) and stops at the first
/// new value that would make the dictionary page (the entries PLAIN-encoded) larger than `dictionaryBytesMax`; the
/// writer then emits the indices it has as RLE_DICTIONARY pages and falls back to PLAIN for the rest of the chunk.
///
/// The lookup is an open-addressing hash table with linear probing over the values' bit patterns (Fibonacci
/// hashing, load factor at most 1/2); each slot stores the bits and the entry index beside each other, so a
/// lookup touches one cache line in the common case. A run of equal values skips the table.
///
/// Spec: parquet-format Encodings.md, "Dictionary Encoding (PLAIN_DICTIONARY = 2 and RLE_DICTIONARY = 8)".
struct DictionaryEncoder<Value: DictionaryValue> {
    /// Largest PLAIN size of the dictionary, in bytes (Arrow's default limit is 1 MiB).
    let dictionaryBytesMax: Int
    /// The entries in index order: the content of the dictionary page.
    private(set) var entries: [Value] = []
    private var slots: [Slot]
    private var slotShift: UInt64
    private var lastBits: Value.Bits = 0
    private var lastIndex: UInt32 = .max

    private struct Slot {
        var bits: Value.Bits
        /// Entry index + 1; 0 marks an empty slot.
        var entry: UInt32
    }

    /// - Parameter expectedEntryCount: a sizing hint for the hash table; it grows as needed.
    init(dictionaryBytesMax: Int, expectedEntryCount: Int = 1024) {
        precondition(dictionaryBytesMax >= 0, "dictionary limit must not be negative")
        self.dictionaryBytesMax = dictionaryBytesMax
        var capacity = 64
        while capacity < 2 * expectedEntryCount && capacity < 1 << 30 { capacity <<= 1 }
        slots = [Slot](repeating: Slot(bits: 0, entry: 0), count: capacity)
        slotShift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// Number of entries.
    var count: Int { entries.count }

    /// Size of the dictionary page's PLAIN encoding, in bytes.
    var plainByteCount: Int { entries.count * MemoryLayout<Value>.size }

    /// Bit width of the indices in RLE_DICTIONARY data pages for the current entries.
    var indexBitWidth: Int { DictionaryIndices.bitWidth(dictionaryCount: entries.count) }

    /// Appends the entry index of each of `values` to `indices`, inserting values not seen before.
    ///
    /// - Returns: how many values were consumed: `values.count`, or fewer if the next value is new and would make
    ///   `plainByteCount` exceed `dictionaryBytesMax` (then `indices` has grown by the returned count only).
    /// - Complexity: amortized O(1) per value.
    mutating func append(_ values: UnsafeBufferPointer<Value>, indices: inout [UInt32]) -> Int {
        let total = values.count
        guard total > 0 else { return 0 }
        let consumed = indices.withAppendedSpace(total, filler: 0) { target in
            var done = 0
            while done < total {
                let stop = fill(values, from: done, into: target)
                done = stop.consumed
                switch stop.reason {
                case .finished, .full: return done
                case .tableFull: grow()
                }
            }
            return done
        }
        if consumed < total { indices.removeLast(total - consumed) }
        return consumed
    }

    private enum StopReason { case finished, full, tableFull }

    /// Looks up values from `start` until done, the dictionary limit, or the table's load limit.
    private mutating func fill(
        _ values: UnsafeBufferPointer<Value>, from start: Int, into target: UnsafeMutableBufferPointer<UInt32>
    ) -> (consumed: Int, reason: StopReason) {
        let entrySize = MemoryLayout<Value>.size
        let shift = slotShift
        let loadLimit = slots.count / 2
        let bytesMax = dictionaryBytesMax
        var lastBits = self.lastBits
        var lastIndex = self.lastIndex
        // Moved out (not copied) so that inserting does not overlap the access to `slots`.
        var entries = self.entries
        self.entries = []
        defer {
            self.lastBits = lastBits
            self.lastIndex = lastIndex
            self.entries = entries
        }
        return slots.withUnsafeMutableBufferPointer { table in
            let mask = table.count - 1
            for position in start..<values.count {
                let value = values[position]
                let bits = value.dictionaryBits
                if bits == lastBits && lastIndex != .max {
                    target[position] = lastIndex
                    continue
                }
                var slot = Int(truncatingIfNeeded: (UInt64(bits) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
                while true {
                    let entry = table[slot].entry
                    if entry == 0 {
                        guard entries.count < loadLimit else { return (position, .tableFull) }
                        guard (entries.count + 1) * entrySize <= bytesMax else { return (position, .full) }
                        entries.append(value)
                        table[slot] = Slot(bits: bits, entry: UInt32(entries.count))
                        lastIndex = UInt32(entries.count - 1)
                        break
                    }
                    if table[slot].bits == bits {
                        lastIndex = entry - 1
                        break
                    }
                    slot = (slot + 1) & mask
                }
                lastBits = bits
                target[position] = lastIndex
            }
            return (values.count, .finished)
        }
    }

    /// Doubles the table and reinserts every entry.
    private mutating func grow() {
        let capacity = slots.count * 2
        precondition(capacity <= 1 << 31, "dictionary hash table too large")
        var newSlots = [Slot](repeating: Slot(bits: 0, entry: 0), count: capacity)
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        newSlots.withUnsafeMutableBufferPointer { table in
            let mask = capacity - 1
            for (index, value) in entries.enumerated() {
                let bits = value.dictionaryBits
                var slot = Int(truncatingIfNeeded: (UInt64(bits) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
                while table[slot].entry != 0 { slot = (slot + 1) & mask }
                table[slot] = Slot(bits: bits, entry: UInt32(index + 1))
            }
        }
        slots = newSlots
        slotShift = shift
    }

    /// Appends the dictionary page's content: the entries PLAIN-encoded.
    func encodeDictionaryPage(into output: inout [UInt8]) {
        entries.withUnsafeBytes { output.append(contentsOf: $0) }
    }
}
