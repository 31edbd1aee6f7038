import LakeColumnar
import LakeCore
import Testing

/// The word-at-a-time `Bitmap` operations must agree with their bit-at-a-time meaning: `append(bits:count:)` from any
/// offset within a word and for any chunk length (keeping the bits past `count` clear), `setCount(in:)` over any
/// range, and `forEachSetIndex` over every set bit in order.
@Suite("Bitmap word operations")
struct BitmapAppendBitsTests {
    @Test(arguments: [0, 1, 7, 63, 64, 65, 127, 130])
    func appendingWordsEqualsAppendingBits(prefixBits: Int) {
        var rng = SeededGenerator(seed: 0xB17_5EED)
        var byWords = Bitmap(repeating: false, count: 0)
        var byBits = Bitmap(repeating: false, count: 0)
        for _ in 0..<prefixBits {
            let bit = Bool.random(using: &rng)
            byWords.append(bit)
            byBits.append(bit)
        }
        for count in [0, 1, 5, 63, 64, 17, 64, 3, 40, 64] {
            let word = UInt64.random(in: .min ... .max, using: &rng)
            byWords.append(bits: word, count: count)
            for bit in 0..<count { byBits.append(word & (1 << UInt64(bit)) != 0) }
            #expect(byWords == byBits)
        }
        #expect(byWords.count == byBits.count)
        #expect(byWords.setCount == byBits.setCount)
    }

    @Test func bitsAboveCountAreIgnored() {
        var bitmap = Bitmap(repeating: false, count: 0)
        bitmap.append(bits: ~0, count: 3)
        #expect(bitmap.count == 3)
        #expect(bitmap.setCount == 3)
        #expect(bitmap == Bitmap([true, true, true]))
    }

    @Test(arguments: [0, 1, 63, 64, 65, 200])
    func rangeCountsAndSetIndicesMatchTheBits(count: Int) {
        var rng = SeededGenerator(seed: 0x5E7_C0DE)
        let bits = (0..<count).map { _ in Bool.random(using: &rng) }
        let bitmap = Bitmap(bits)
        for lower in stride(from: 0, through: count, by: max(1, count / 13)) {
            for upper in stride(from: lower, through: count, by: max(1, count / 7)) {
                #expect(bitmap.setCount(in: lower..<upper) == bits[lower..<upper].filter { $0 }.count)
            }
            #expect(bitmap.setCount(in: lower..<count) == bits[lower...].filter { $0 }.count)
        }
        var visited: [Int] = []
        bitmap.forEachSetIndex { visited.append($0) }
        #expect(visited == bits.indices.filter { bits[$0] })
    }
}
