/// A Parquet split-block bloom filter: blocks of eight 32-bit words; a value's XXH64 hash picks a block with its
/// upper half and sets (or tests) one bit per word with its lower half.
///
/// `mayContain` is false only when the value was never inserted; true may be a false positive.
///
/// Spec: parquet-format BloomFilter.md "Technical Approach" (block insert and check, salts).
public struct SplitBlockBloomFilter: Sendable, Hashable {
    /// Bytes of one block: eight 32-bit words.
    public static let blockBytes = 32
    /// Largest bitset accepted from a file (parquet-mr and Arrow cap theirs at 128 MiB).
    public static let bitsetBytesMax = 128 << 20
    static let salts: [UInt32] = [
        0x47b6_137b, 0x4497_4d91, 0x8824_ad5b, 0xa2b7_289d, 0x7054_95c7, 0x2df1_424b, 0x9efc_4947,
        0x5c6b_fb31,
    ]

    /// Little-endian words, eight per block.
    public private(set) var words: [UInt32]

    /// An empty filter of `blockCount` blocks.
    /// - Precondition: `blockCount > 0`.
    public init(blockCount: Int) {
        precondition(blockCount > 0, "a bloom filter needs at least one block")
        words = [UInt32](repeating: 0, count: blockCount * 8)
    }

    /// A filter over the bitset bytes of a file.
    /// - Throws: `.invalidData` when the size is not a positive multiple of 32 bytes or passes `bitsetBytesMax`.
    public init(bitset: ArraySlice<UInt8>) throws(ParquetError) {
        guard !bitset.isEmpty, bitset.count % Self.blockBytes == 0, bitset.count <= Self.bitsetBytesMax
        else {
            throw ParquetError(
                .invalidData,
                "bloom filter bitset of \(bitset.count) bytes is not a positive multiple of 32 bytes "
                    + "up to \(Self.bitsetBytesMax >> 20) MiB")
        }
        var words = [UInt32](repeating: 0, count: bitset.count / 4)
        var at = bitset.startIndex
        for index in words.indices {
            words[index] =
                UInt32(bitset[at]) | UInt32(bitset[at + 1]) << 8 | UInt32(bitset[at + 2]) << 16
                | UInt32(bitset[at + 3]) << 24
            at += 4
        }
        self.words = words
    }

    public var blockCount: Int { words.count / 8 }

    /// The bitset as stored in a file.
    public var bitset: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 4)
        for word in words {
            bytes += [
                UInt8(word & 0xFF), UInt8(word >> 8 & 0xFF), UInt8(word >> 16 & 0xFF), UInt8(word >> 24),
            ]
        }
        return bytes
    }

    public mutating func insert(hash: UInt64) {
        let block = blockStart(hash)
        let key = UInt32(truncatingIfNeeded: hash)
        for index in 0..<8 { words[block + index] |= 1 << ((key &* Self.salts[index]) >> 27) }
    }

    public func mayContain(hash: UInt64) -> Bool {
        let block = blockStart(hash)
        let key = UInt32(truncatingIfNeeded: hash)
        for index in 0..<8 where words[block + index] & (1 << ((key &* Self.salts[index]) >> 27)) == 0 {
            return false
        }
        return true
    }

    /// The first word of the block `hash` selects: the upper 32 bits scaled to the block count.
    private func blockStart(_ hash: UInt64) -> Int {
        Int(((hash >> 32) &* UInt64(blockCount)) >> 32) * 8
    }
}
