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

    public mutating func reserveCapacity(_ bits: Int) {
        words.reserveCapacity((bits + 63) >> 6)
    }

    /// Number of set bits.
    public var setCount: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
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
