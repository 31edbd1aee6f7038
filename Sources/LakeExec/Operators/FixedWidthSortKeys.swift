import LakeColumnar

/// Sort keys made only of fixed-width columns (up to 64 bits each), encoded as rows of `UInt64` words whose
/// unsigned lexicographic order is the requested order: the fast path of sorts and windows, which sorts with a
/// least-significant-digit radix sort and finds partition and peer boundaries by comparing adjacent rows' words.
///
/// Per key column: when the column has nulls, one word with its null rank (0 sorts first, 2 last, valid rows 1);
/// then one word with the value: integers with the sign bit flipped, floats by IEEE total order with -0.0 as 0.0
/// and one NaN above +infinity, all bits inverted for descending keys (nulls hold 0). The order equals
/// `NormalizedSortKeys` for the same columns; only the layout differs.
///
/// Spec: spec/executor.md (sort)
struct FixedWidthSortKeys {
    /// `stride` words per row, row after row.
    let words: [UInt64]
    let stride: Int
    let rowCount: Int
    /// The first word of each key column, plus the word count at the end.
    let columnWordStarts: [Int]

    /// Nil when a column is not a fixed-width type of at most 64 bits.
    init?(columns: [Column], directions: [(ascending: Bool, nullsFirst: Bool)], rowCount: Int) {
        precondition(columns.count == directions.count, "one direction per key column")
        var starts: [Int] = []
        var stride = 0
        for column in columns {
            guard Self.isSupported(column) else { return nil }
            starts.append(stride)
            stride += column.nullCount > 0 ? 2 : 1
        }
        starts.append(stride)
        self.stride = stride
        self.rowCount = rowCount
        columnWordStarts = starts
        var words = [UInt64](repeating: 0, count: stride * rowCount)
        words.withUnsafeMutableBufferPointer { buffer in
            for (index, (column, direction)) in zip(columns, directions).enumerated() {
                Self.write(
                    column, ascending: direction.ascending, nullsFirst: direction.nullsFirst, into: buffer,
                    word: starts[index], stride: stride, rowCount: rowCount)
            }
        }
        self.words = words
    }

    private static func isSupported(_ column: Column) -> Bool {
        switch column.values {
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float32, .float64: return true
        default: return false
        }
    }

    /// Writes one column's words (null rank, then value) into every row.
    private static func write(
        _ column: Column, ascending: Bool, nullsFirst: Bool, into buffer: UnsafeMutableBufferPointer<UInt64>,
        word: Int, stride: Int, rowCount: Int
    ) {
        let hasNulls = column.nullCount > 0
        let valueWord = hasNulls ? word + 1 : word
        let invert: UInt64 = ascending ? 0 : ~0
        func fill<T>(_ values: [T], _ ordered: (T) -> UInt64) {
            values.withUnsafeBufferPointer { source in
                var position = valueWord
                for row in 0..<rowCount {
                    buffer[position] = ordered(source[row]) ^ invert
                    position += stride
                }
            }
        }
        let signBit: UInt64 = 1 << 63
        switch column.values {
        case .bool(let v): fill(v) { $0 ? 1 : 0 }
        case .int8(let v): fill(v) { UInt64(bitPattern: Int64($0)) ^ signBit }
        case .int16(let v): fill(v) { UInt64(bitPattern: Int64($0)) ^ signBit }
        case .int32(let v): fill(v) { UInt64(bitPattern: Int64($0)) ^ signBit }
        case .int64(let v): fill(v) { UInt64(bitPattern: $0) ^ signBit }
        case .uint8(let v): fill(v) { UInt64($0) }
        case .uint16(let v): fill(v) { UInt64($0) }
        case .uint32(let v): fill(v) { UInt64($0) }
        case .uint64(let v): fill(v) { $0 }
        case .float32(let v): fill(v) { orderedBits(Double($0)) }
        case .float64(let v): fill(v, orderedBits)
        default: preconditionFailure("key column types are checked before writing")
        }
        guard hasNulls, let validity = column.validity else { return }
        let nullRank: UInt64 = nullsFirst ? 0 : 2
        for row in 0..<rowCount {
            if validity[row] {
                buffer[row * stride + word] = 1
            } else {
                buffer[row * stride + word] = nullRank
                buffer[row * stride + valueWord] = 0
            }
        }
    }

    /// Doubles in IEEE total order as unsigned integers, with -0.0 equal to 0.0 and every NaN as one NaN.
    @inline(__always) private static func orderedBits(_ value: Double) -> UInt64 {
        let normalized = value.isNaN ? Double.nan : (value == 0 ? 0 : value)
        let bits = normalized.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Row indices in key order, ties in row order.
    ///
    /// The words are first packed: each word becomes its offset from the word's minimum over all rows, in as few
    /// bits as the range needs (constant words vanish), fields laid most significant first into as few `UInt64`s
    /// as fit, which keeps the order. Then one stable radix pass per packed word, last first, so equal words keep
    /// the order the less significant words gave them; bytes every row shares cost one histogram and no scatter.
    /// With `parallelism` above 1 and enough rows, the two halves sort on two workers and are merged (ties take the
    /// first half's row, which keeps the sort stable).
    /// - Complexity: O(n) per packed word and distinct byte position, plus O(n) for the merge.
    func sortedRows(parallelism: Int = 1) throws(ExecutionError) -> [Int] {
        let layout = packedWords(partitionColumns: 0)
        return try Self.sortedItems(layout, rowCount: rowCount, parallelism: parallelism).map(\.row)
    }

    /// Rows in key order (as `sortedRows`) with a flag per sorted position for the start of each partition (rows
    /// differ in key columns `0..<partitionColumns`) and of each peer group (rows differ in some key column).
    ///
    /// When the packed keys fit one word, or the partition fields and all but ties fit the first, the flags come
    /// from adjacent sorted (word, row) pairs without looking rows up again.
    func sortedRowsWithBoundaries(partitionColumns: Int, parallelism: Int = 1) throws(ExecutionError) -> (
        rows: [Int], partitions: [Bool], peers: [Bool]
    ) {
        let layout = packedWords(partitionColumns: partitionColumns)
        let items = try Self.sortedItems(layout, rowCount: rowCount, parallelism: parallelism)
        let rows = items.map(\.row)
        guard layout.partitionFieldsInFirstWord else {
            let (partitions, peers) = boundaries(of: rows, partitionColumns: partitionColumns)
            return (rows, partitions, peers)
        }
        var partitions = [Bool](repeating: true, count: rowCount)
        var peers = [Bool](repeating: true, count: rowCount)
        let stride = layout.stride
        let mask = layout.partitionMask
        layout.words.withUnsafeBufferPointer { keys in
            items.withUnsafeBufferPointer { items in
                partitions.withUnsafeMutableBufferPointer { partitionFlags in
                    peers.withUnsafeMutableBufferPointer { peerFlags in
                        for position in Swift.stride(from: 1, to: items.count, by: 1) {
                            let (previous, current) = (items[position - 1], items[position])
                            let difference = previous.chunk ^ current.chunk
                            partitionFlags[position] = difference & mask != 0
                            if difference != 0 || stride <= 1 {
                                peerFlags[position] = difference != 0
                                continue
                            }
                            var word = 1
                            let (a, b) = (previous.row * stride, current.row * stride)
                            while word < stride && keys[a + word] == keys[b + word] { word += 1 }
                            peerFlags[position] = word < stride
                        }
                    }
                }
            }
        }
        return (rows, partitions, peers)
    }

    /// Sorted (first packed word, row) pairs of `layout`'s rows; the halves sort on two workers when allowed.
    private static func sortedItems(_ layout: PackedLayout, rowCount: Int, parallelism: Int) throws(ExecutionError)
        -> [(chunk: UInt64, row: Int)]
    {
        let (packed, packedStride) = (layout.words, layout.stride)
        guard rowCount > 1 && packedStride > 0 else { return (0..<rowCount).map { (0, $0) } }
        guard parallelism > 1 && rowCount >= Self.parallelRowsMin else {
            return Self.radixSort(packed, stride: packedStride, rows: 0..<rowCount)
        }
        let middle = rowCount / 2
        let halves = try MorselScheduler.map([0..<middle, middle..<rowCount], parallelism: 2) { rows in
            Self.radixSort(packed, stride: packedStride, rows: rows)
        }
        return Self.merge(halves[0], halves[1], packed: packed, stride: packedStride)
    }

    /// Rows below which a parallel sort does not pay for its merge.
    static let parallelRowsMin = 1 << 17

    /// `rows` sorted by their packed words, as (most significant word, row) pairs; ties keep row order.
    private static func radixSort(_ packed: [UInt64], stride: Int, rows: Range<Int>) -> [(chunk: UInt64, row: Int)] {
        var order = Array(rows)
        var items = [(chunk: UInt64, row: Int)](repeating: (0, 0), count: rows.count)
        for word in Swift.stride(from: stride - 1, through: 0, by: -1) {
            packed.withUnsafeBufferPointer { keys in
                order.withUnsafeBufferPointer { source in
                    items.withUnsafeMutableBufferPointer { target in
                        for index in 0..<source.count {
                            let row = source[index]
                            target[index] = (keys[row * stride + word], row)
                        }
                    }
                }
            }
            if items.count <= 64 {
                insertionSort(&items)
            } else {
                NormalizedSortKeys.sortStably(&items)
            }
            if word > 0 {
                items.withUnsafeBufferPointer { source in
                    order.withUnsafeMutableBufferPointer { target in
                        for index in 0..<source.count { target[index] = source[index].row }
                    }
                }
            }
        }
        return items
    }

    /// A stable sort by chunk that keeps the current order of equal chunks (which a multi-word sort relies on).
    private static func insertionSort(_ items: inout [(chunk: UInt64, row: Int)]) {
        for index in Swift.stride(from: 1, to: items.count, by: 1) {
            let item = items[index]
            var position = index
            while position > 0 && items[position - 1].chunk > item.chunk {
                items[position] = items[position - 1]
                position -= 1
            }
            items[position] = item
        }
    }

    /// Merges two sorted runs whose rows all precede (`left`) or follow (`right`) each other in the input.
    private static func merge(
        _ left: [(chunk: UInt64, row: Int)], _ right: [(chunk: UInt64, row: Int)], packed: [UInt64], stride: Int
    ) -> [(chunk: UInt64, row: Int)] {
        var result = [(chunk: UInt64, row: Int)](repeating: (0, 0), count: left.count + right.count)
        packed.withUnsafeBufferPointer { keys in
            left.withUnsafeBufferPointer { left in
                right.withUnsafeBufferPointer { right in
                    result.withUnsafeMutableBufferPointer { output in
                        // Whether `a` sorts strictly before `b` in the words after the first.
                        func before(_ a: Int, _ b: Int) -> Bool {
                            for word in 1..<stride {
                                let (x, y) = (keys[a * stride + word], keys[b * stride + word])
                                if x != y { return x < y }
                            }
                            return false
                        }
                        var (i, j, k) = (0, 0, 0)
                        while i < left.count && j < right.count {
                            let (a, b) = (left[i], right[j])
                            let takesRight = b.chunk != a.chunk ? b.chunk < a.chunk : stride > 1 && before(b.row, a.row)
                            if takesRight {
                                output[k] = b
                                j += 1
                            } else {
                                output[k] = a
                                i += 1
                            }
                            k += 1
                        }
                        while i < left.count {
                            output[k] = left[i]
                            i += 1
                            k += 1
                        }
                        while j < right.count {
                            output[k] = right[j]
                            j += 1
                            k += 1
                        }
                    }
                }
            }
        }
        return result
    }

    /// Packed keys: `stride` words per row, and which bits of the first word hold the partition fields.
    private struct PackedLayout {
        var words: [UInt64]
        var stride: Int
        /// Bits of the first packed word that hold partition fields.
        var partitionMask: UInt64
        /// Whether every partition field that varies lies in the first packed word.
        var partitionFieldsInFirstWord: Bool
    }

    /// The words re-encoded as offsets from each word's minimum in just enough bits, packed most significant
    /// first; the order of rows by packed words equals their order by words. Words of the first
    /// `partitionColumns` key columns are the partition fields.
    private func packedWords(partitionColumns: Int) -> PackedLayout {
        var minimums = [UInt64](repeating: .max, count: stride)
        var maximums = [UInt64](repeating: 0, count: stride)
        words.withUnsafeBufferPointer { keys in
            for row in 0..<rowCount {
                for word in 0..<stride {
                    let value = keys[row * stride + word]
                    minimums[word] = Swift.min(minimums[word], value)
                    maximums[word] = Swift.max(maximums[word], value)
                }
            }
        }
        // Layout: (packed word, shift) per non-constant word.
        var fields: [(source: Int, target: Int, shift: UInt64)] = []
        var packedStride = 0
        var bitsLeft = 0
        var partitionMask: UInt64 = 0
        var partitionFieldsInFirstWord = true
        let partitionWords = columnWordStarts[partitionColumns]
        for word in 0..<stride {
            // With no rows the minimum stays above the maximum: no word varies.
            let spread = maximums[word] >= minimums[word] ? maximums[word] - minimums[word] : 0
            let width = 64 - spread.leadingZeroBitCount
            guard width > 0 else { continue }
            if width > bitsLeft {
                packedStride += 1
                bitsLeft = 64
            }
            bitsLeft -= width
            fields.append((word, packedStride - 1, UInt64(bitsLeft)))
            if word < partitionWords {
                if packedStride == 1 {
                    partitionMask |= (width == 64 ? ~0 : (1 &<< UInt64(width)) - 1) &<< UInt64(bitsLeft)
                } else {
                    partitionFieldsInFirstWord = false
                }
            }
        }
        var packed = [UInt64](repeating: 0, count: packedStride * rowCount)
        words.withUnsafeBufferPointer { keys in
            packed.withUnsafeMutableBufferPointer { target in
                for row in 0..<rowCount {
                    for field in fields {
                        let value = keys[row * stride + field.source] - minimums[field.source]
                        target[row * packedStride + field.target] |= value &<< field.shift
                    }
                }
            }
        }
        return PackedLayout(
            words: packed, stride: packedStride, partitionMask: partitionMask,
            partitionFieldsInFirstWord: partitionFieldsInFirstWord)
    }

    /// Flags per sorted position: `partitions[i]` when position `i` starts a new partition (differs from the
    /// previous row in key columns `0..<partitionColumns`), `peers[i]` when it starts a new peer group (differs in
    /// any key column). Position 0 starts both.
    func boundaries(of sorted: [Int], partitionColumns: Int) -> (partitions: [Bool], peers: [Bool]) {
        let count = sorted.count
        var partitions = [Bool](repeating: true, count: count)
        var peers = [Bool](repeating: true, count: count)
        let partitionWords = columnWordStarts[partitionColumns]
        words.withUnsafeBufferPointer { keys in
            sorted.withUnsafeBufferPointer { rows in
                partitions.withUnsafeMutableBufferPointer { partitionFlags in
                    peers.withUnsafeMutableBufferPointer { peerFlags in
                        for position in Swift.stride(from: 1, to: count, by: 1) {
                            let a = rows[position - 1] * stride
                            let b = rows[position] * stride
                            var word = 0
                            while word < stride && keys[a + word] == keys[b + word] { word += 1 }
                            partitionFlags[position] = word < partitionWords
                            peerFlags[position] = word < stride
                        }
                    }
                }
            }
        }
        return (partitions, peers)
    }
}
