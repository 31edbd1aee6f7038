import LakeColumnar

extension Bitmap {
    /// A bitmap of `count` bits from 64-bit words (least significant bit first), built a word at a time.
    init(words: [UInt64], count: Int) {
        self.init(repeating: false, count: 0)
        reserveCapacity(count)
        var remaining = count
        for word in words where remaining > 0 {
            append(bits: word, count: min(64, remaining))
            remaining -= 64
        }
    }

    /// Bits set where a row is valid in both: nil stands for "all valid".
    static func intersection(_ lhs: Bitmap?, _ rhs: Bitmap?) -> Bitmap? {
        guard let lhs else { return rhs }
        guard let rhs else { return lhs }
        precondition(lhs.count == rhs.count, "validity lengths differ")
        let words = zip(lhs.words, rhs.words).map { $0 & $1 }
        return Bitmap(words: words, count: lhs.count)
    }

    /// A bitmap with bit `i` equal to `bits[i]`.
    static func fromBools(_ bits: [Bool]) -> Bitmap {
        var words = [UInt64](repeating: 0, count: (bits.count + 63) >> 6)
        for (index, bit) in bits.enumerated() where bit { words[index >> 6] |= 1 << UInt64(index & 63) }
        return Bitmap(words: words, count: bits.count)
    }

    /// Nil when every bit is set (the `Column` convention for "no nulls").
    var nilIfAllSet: Bitmap? { setCount == count ? nil : self }
}
