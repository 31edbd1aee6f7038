import LakeColumnar
import LakeCore
import Testing

/// `Bitmap.append(bits:count:)` must build the same bitmap as appending the bits one at a time, from any starting
/// offset within a word and for any chunk length, and must keep the bits past `count` clear.
@Suite("Bitmap word appends")
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
}
