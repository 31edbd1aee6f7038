/// A fixed-length sequence of bits, least significant bit first within 64-bit words (Arrow's bit order).
///
/// Used for validity: bit `i` set means row `i` is valid (not null).
public struct Bitmap: Sendable, Hashable {
    public private(set) var words: [UInt64]
    public private(set) var count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(repeating value: Bool, count: Int) {
        precondition(count >= 0, "negative bitmap length")
        self.count = count
        words = [UInt64](repeating: value ? ~0 : 0, count: (count + 63) >> 6)
        clearTail()
    }

    /// A bitmap from booleans.
    public init<S: Sequence>(_ bits: S) where S.Element == Bool {
        self.init(repeating: false, count: 0)
        for bit in bits { append(bit) }
    }

    @inlinable public subscript(index: Int) -> Bool {
        precondition(index >= 0 && index < count, "bitmap index out of range")
        return words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    public mutating func set(_ index: Int, to value: Bool) {
        precondition(index >= 0 && index < count, "bitmap index out of range")
        let mask: UInt64 = 1 << UInt64(index & 63)
        if value { words[index >> 6] |= mask } else { words[index >> 6] &= ~mask }
    }

    public mutating func append(_ value: Bool) {
        if count & 63 == 0 { words.append(0) }
        if value { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    /// Appends the low `bitCount` bits of `bits`, least significant first: 64 rows in one step for decoders
    /// that build validity a word at a time.
    /// - Precondition: `0...64` contains `bitCount`.
    public mutating func append(bits: UInt64, count bitCount: Int) {
        precondition(bitCount >= 0 && bitCount <= 64, "a word holds at most 64 bits")
        guard bitCount > 0 else { return }
        let masked = bitCount == 64 ? bits : bits & ((1 << UInt64(bitCount)) - 1)
        let offset = count & 63
        if offset == 0 {
            words.append(masked)
        } else {
            words[words.count - 1] |= masked << UInt64(offset)
            if offset + bitCount > 64 { words.append(masked >> UInt64(64 - offset)) }
        }
        count += bitCount
    }

    public mutating func reserveCapacity(_ bits: Int) {
        words.reserveCapacity((bits + 63) >> 6)
    }

    /// Number of set bits.
    public var setCount: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// Number of set bits among the bits at `range`.
    public func setCount(in range: Range<Int>) -> Int {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "bitmap range out of bounds")
        guard !range.isEmpty else { return 0 }
        let first = range.lowerBound >> 6
        let last = (range.upperBound - 1) >> 6
        let headMask: UInt64 = ~0 << UInt64(range.lowerBound & 63)
        let tailBits = range.upperBound & 63
        let tailMask: UInt64 = tailBits == 0 ? ~0 : (1 << UInt64(tailBits)) - 1
        if first == last { return (words[first] & headMask & tailMask).nonzeroBitCount }
        var total = (words[first] & headMask).nonzeroBitCount + (words[last] & tailMask).nonzeroBitCount
        for index in (first + 1)..<last { total += words[index].nonzeroBitCount }
        return total
    }

    /// Calls `body` with the index of every set bit, in ascending order: a word-at-a-time walk that skips runs of
    /// clear bits, for kernels that compact or scatter the valid rows of a column.
    @inlinable public func forEachSetIndex(_ body: (Int) throws -> Void) rethrows {
        for (wordIndex, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                try body(wordIndex << 6 | bits.trailingZeroBitCount)
                bits &= bits &- 1
            }
        }
    }

    /// Bits `range` as a new bitmap.
    public func slice(_ range: Range<Int>) -> Bitmap {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "bitmap slice out of range")
        var result = Bitmap(repeating: false, count: range.count)
        for (target, source) in range.enumerated() where self[source] { result.set(target, to: true) }
        return result
    }

    /// Keeps the bits past `count` zero so that equality and `setCount` depend only on real bits.
    private mutating func clearTail() {
        let tail = count & 63
        if tail != 0 { words[words.count - 1] &= (1 << UInt64(tail)) - 1 }
    }
}
