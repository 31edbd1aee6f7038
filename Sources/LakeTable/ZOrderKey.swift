import LakeColumnar

/// The z-order value of rows: each sort column's value mapped to an order-preserving unsigned key of
/// `bitsPerColumn` bits, the keys interleaved bit by bit from the most significant bit.
///
/// Normalisation, per column, over the rows being ordered (one partition):
/// - every value first becomes an order-preserving 64-bit rank: signed integers, dates, times and timestamps by
///   flipping the sign bit; unsigned integers as they are; floats by their IEEE total order (negative values
///   bit-inverted, positive ones with the sign bit set); decimals clamped to the `Int64` range; booleans as 0/1;
///   strings and binary by their first 8 bytes (big-endian, zero-padded) after the prefix that the column's
///   smallest and largest values share, so long common prefixes (`"customer-000…"`) do not waste the key;
/// - ranks are scaled linearly from `[lowest, highest]` onto `0 ... 2^bitsPerColumn - 1`; NULL maps to 0.
///
/// Equal values get equal keys and `a < b` gives `key(a) <= key(b)`, so sorting by the z-value clusters rows
/// that are close in every sort column, which makes min/max statistics of the files selective for each of them.
///
/// Spec: spec/table-log.md §12 (11).
struct ZOrderKey {
    /// Most sort columns (each then still gets 7 bits).
    static let columnsMax = 8
    /// Bits per column: `min(21, 63 / k)`, so the interleaved value fits 63 bits.
    let bitsPerColumn: Int
    private let scales: [Scale]

    /// How one column's ranks map onto keys.
    private struct Scale {
        var lowest: UInt64
        var highest: UInt64
        /// Bytes skipped before a string's 8 rank bytes.
        var prefixBytes: Int
    }

    /// The normalisation of the columns `columns` (indices into each batch) over every row of `batches`.
    /// - Precondition: `1 <= columns.count <= columnsMax`.
    init(columns: [Int], over batches: [Batch]) {
        precondition((1...Self.columnsMax).contains(columns.count), "z-order needs 1...8 columns")
        bitsPerColumn = min(21, 63 / columns.count)
        var scales: [Scale] = []
        for column in columns {
            var smallestText: [UInt8]?
            var largestText: [UInt8]?
            for batch in batches {
                let values = batch.columns[column]
                for row in 0..<batch.rowCount {
                    guard let bytes = Self.bytes(values.value(at: row)) else { continue }
                    if smallestText.map({ bytes.lexicographicallyPrecedes($0) }) ?? true { smallestText = bytes }
                    if largestText.map({ $0.lexicographicallyPrecedes(bytes) }) ?? true { largestText = bytes }
                }
            }
            var prefixBytes = 0
            if let smallestText, let largestText {
                while prefixBytes < min(smallestText.count, largestText.count)
                    && smallestText[prefixBytes] == largestText[prefixBytes]
                {
                    prefixBytes += 1
                }
            }
            var scale = Scale(lowest: .max, highest: 0, prefixBytes: prefixBytes)
            for batch in batches {
                let values = batch.columns[column]
                for row in 0..<batch.rowCount {
                    guard let rank = Self.rank(values.value(at: row), prefixBytes: prefixBytes) else { continue }
                    scale.lowest = min(scale.lowest, rank)
                    scale.highest = max(scale.highest, rank)
                }
            }
            scales.append(scale)
        }
        self.scales = scales
    }

    /// The z-value of the row whose sort-column values are `values` (in `columns` order).
    func value(of values: [Value]) -> UInt64 {
        let keys = zip(values, scales).map { value, scale in key(value, scale) }
        return Self.interleave(keys, bitsPerColumn: bitsPerColumn)
    }

    /// The keys' bits interleaved from the most significant: bit `b-1` of key 0, of key 1, ..., then bit `b-2`.
    static func interleave(_ keys: [UInt64], bitsPerColumn: Int) -> UInt64 {
        var z: UInt64 = 0
        for bit in stride(from: bitsPerColumn - 1, through: 0, by: -1) {
            for key in keys { z = (z << 1) | ((key >> UInt64(bit)) & 1) }
        }
        return z
    }

    private func key(_ value: Value, _ scale: Scale) -> UInt64 {
        guard let rank = Self.rank(value, prefixBytes: scale.prefixBytes), scale.highest > scale.lowest else {
            return 0
        }
        let keyMax: UInt64 = (1 << UInt64(bitsPerColumn)) - 1
        let offset = min(max(rank, scale.lowest), scale.highest) - scale.lowest
        let product = offset.multipliedFullWidth(by: keyMax)
        return (scale.highest - scale.lowest).dividingFullWidth(product).quotient
    }

    /// The order-preserving 64-bit rank of a value; nil for NULL and nested values.
    static func rank(_ value: Value, prefixBytes: Int) -> UInt64? {
        switch value {
        case .null, .list, .struct, .map: return nil
        case .bool(let flag): return flag ? 1 : 0
        case .int(let number): return UInt64(bitPattern: number) ^ (1 << 63)
        case .uint(let number): return number
        case .float32(let number): return totalOrder(Double(number))
        case .float64(let number): return totalOrder(number)
        case .decimal(let unscaled):
            let clamped = Int64(clamping: unscaled)
            return UInt64(bitPattern: clamped) ^ (1 << 63)
        case .string(let text): return prefixRank(Array(text.utf8), skipping: prefixBytes)
        case .bytes(let bytes): return prefixRank(bytes, skipping: prefixBytes)
        }
    }

    /// IEEE 754 total order as an unsigned integer: negative numbers below positive ones, NaN at the ends.
    static func totalOrder(_ number: Double) -> UInt64 {
        let bits = number.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
    }

    /// The 8 bytes after `skipping`, big-endian, zero-padded.
    private static func prefixRank(_ bytes: [UInt8], skipping: Int) -> UInt64 {
        var rank: UInt64 = 0
        for index in skipping..<(skipping + 8) {
            rank = (rank << 8) | UInt64(index < bytes.count ? bytes[index] : 0)
        }
        return rank
    }

    private static func bytes(_ value: Value) -> [UInt8]? {
        switch value {
        case .string(let text): Array(text.utf8)
        case .bytes(let bytes): bytes
        default: nil
        }
    }
}
