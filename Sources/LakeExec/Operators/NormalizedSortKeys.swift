import LakeColumnar

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sort keys of every row encoded so that plain byte order (memcmp) is the requested order: the row format that
/// lets sorting compare two rows with one `memcmp` instead of one type-dispatched call per key.
///
/// Per key: a null byte (0 sorts first, 2 last, valid rows 1), then the value: integers big-endian with the sign
/// bit flipped; floats by IEEE total order with -0.0 as 0.0 and one NaN above +infinity; byte strings with 0x00
/// escaped as 0x00 0x01 and ended by 0x00 0x00. Descending keys invert the value bytes.
///
/// Spec: spec/executor.md (sort)
struct NormalizedSortKeys {
    var data: [UInt8] = []
    var offsets: [Int] = [0]

    init(columns: [Column], directions: [(ascending: Bool, nullsFirst: Bool)], rowCount: Int) throws(ExecutionError) {
        // Pass 1: the encoded size of every row; pass 2: each key writes its bytes at every row's cursor.
        var sizes = [Int](repeating: 0, count: rowCount)
        var views: [(offsets: [Int32], data: [UInt8])?] = []
        for column in columns {
            let view = try Self.width(column) == nil ? try column.byteStrings() : nil
            views.append(view)
            if let width = try Self.width(column) {
                for row in 0..<rowCount { sizes[row] += column.isValid(row) ? 1 + width : 1 }
            } else if let (offsets, data) = view {
                for row in 0..<rowCount where column.isValid(row) {
                    var size = 3
                    for byte in data[Int(offsets[row])..<Int(offsets[row + 1])] { size += byte == 0 ? 2 : 1 }
                    sizes[row] += size
                }
                for row in 0..<rowCount where column.isNull(row) { sizes[row] += 1 }
            }
        }
        offsets = [Int](repeating: 0, count: rowCount + 1)
        for row in 0..<rowCount { offsets[row + 1] = offsets[row] + sizes[row] }
        var cursor = Array(offsets.dropLast())
        data = [UInt8](repeating: 0, count: offsets[rowCount])
        data.withUnsafeMutableBytes { buffer in
            for ((column, direction), view) in zip(zip(columns, directions), views) {
                Self.write(
                    column, view, ascending: direction.ascending, nullsFirst: direction.nullsFirst,
                    into: buffer, cursor: &cursor)
            }
        }
    }

    /// Whether rows `first` and `second` have equal keys (NULLs equal NULLs).
    func rowsEqual(_ first: Int, _ second: Int) -> Bool {
        let length = offsets[first + 1] - offsets[first]
        guard length == offsets[second + 1] - offsets[second] else { return false }
        return data.withUnsafeBytes { bytes in
            memcmp(bytes.baseAddress! + offsets[first], bytes.baseAddress! + offsets[second], length) == 0
        }
    }

    /// Value bytes of a fixed-width key (nil for byte strings).
    private static func width(_ column: Column) throws(ExecutionError) -> Int? {
        switch column.values {
        case .bool, .int8, .uint8: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32: return 4
        case .int64, .uint64, .float32, .float64: return 8
        case .int128: return 16
        case .bytes, .fixedBytes: return nil
        default: throw .unsupportedType(column.type, context: "ordering")
        }
    }

    /// Row indices in key order, ties in row order.
    ///
    /// Most-significant-chunk-first: rows are sorted by their first 8 key bytes (as one UInt64), then each run of
    /// rows with equal chunks and bytes left is sorted by the next 8 bytes, and so on. Every comparison is one
    /// integer compare; keys are prefix-free, so a row whose bytes ended ties only with equal keys.
    /// - Complexity: O(n log n) integer comparisons per 8-byte depth that has ties.
    func sortedRows() -> [Int] {
        let count = offsets.count - 1
        var order = Array(0..<count)
        var tasks: [(start: Int, end: Int, depth: Int)] = count > 1 ? [(0, count, 0)] : []
        data.withUnsafeBytes { bytes in
            for _ in 0..<Int.max {
                guard let task = tasks.popLast() else { break }
                let byteStart = task.depth * 8
                var items = order[task.start..<task.end].map { row -> (chunk: UInt64, row: Int) in
                    let start = offsets[row] + byteStart
                    let end = offsets[row + 1]
                    if start + 8 <= end {
                        return (UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self)), row)
                    }
                    var chunk: UInt64 = 0
                    for index in 0..<8 { chunk = chunk << 8 | UInt64(start + index < end ? bytes[start + index] : 0) }
                    return (chunk, row)
                }
                Self.sortStably(&items)
                var runStart = 0
                for index in 0...items.count {
                    if index < items.count {
                        order[task.start + index] = items[index].row
                        if items[index].chunk == items[runStart].chunk { continue }
                    }
                    let first = items[runStart].row
                    if index - runStart > 1 && offsets[first + 1] - offsets[first] > byteStart + 8 {
                        tasks.append((task.start + runStart, task.start + index, task.depth + 1))
                    }
                    runStart = index
                }
            }
        }
        return order
    }

    /// Sorts `items` by chunk, keeping equal chunks in their current order (which is ascending row order).
    ///
    /// Least-significant-digit radix sort over the chunk's bytes: one pass counts all eight byte histograms, then
    /// each byte that not every item shares costs one scatter. Small inputs use a comparison sort with the row as
    /// tie-breaker. Counters live in one temporary buffer (no captured array, so no exclusivity checks per item).
    static func sortStably(_ items: inout [(chunk: UInt64, row: Int)]) {
        let count = items.count
        guard count > 64 else {
            items.sort { $0.chunk != $1.chunk ? $0.chunk < $1.chunk : $0.row < $1.row }
            return
        }
        var scratch = items
        var sortedIsItems = true
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 8 * 256) { histograms in
            histograms.initialize(repeating: 0)
            items.withUnsafeBufferPointer { source in
                for item in source {
                    var chunk = item.chunk
                    for byte in 0..<8 {
                        histograms[byte << 8 | Int(truncatingIfNeeded: chunk & 0xFF)] += 1
                        chunk >>= 8
                    }
                }
            }
            let first = items[0].chunk
            items.withUnsafeMutableBufferPointer { original in
                scratch.withUnsafeMutableBufferPointer { other in
                    for byte in 0..<8 {
                        let shift = UInt64(byte * 8)
                        let base = byte << 8
                        if histograms[base | Int(truncatingIfNeeded: (first >> shift) & 0xFF)] == count { continue }
                        var total = 0
                        for digit in 0..<256 {
                            let bucket = histograms[base | digit]
                            histograms[base | digit] = total
                            total += bucket
                        }
                        let source = sortedIsItems ? original : other
                        let destination = sortedIsItems ? other : original
                        for item in source {
                            let slot = base | Int(truncatingIfNeeded: (item.chunk >> shift) & 0xFF)
                            destination[histograms[slot]] = item
                            histograms[slot] += 1
                        }
                        sortedIsItems.toggle()
                    }
                }
            }
        }
        if !sortedIsItems { items = scratch }
    }

    private static func write(
        _ column: Column, _ view: (offsets: [Int32], data: [UInt8])?, ascending: Bool, nullsFirst: Bool,
        into buffer: UnsafeMutableRawBufferPointer, cursor: inout [Int]
    ) {
        let invert: UInt8 = ascending ? 0 : 0xFF
        let nullByte: UInt8 = nullsFirst ? 0 : 2
        func fixed<T: FixedWidthInteger>(_ values: [T], _ transform: (T) -> T) {
            for row in 0..<cursor.count {
                let position = cursor[row]
                guard column.isValid(row) else {
                    buffer[position] = nullByte
                    cursor[row] = position + 1
                    continue
                }
                buffer[position] = 1
                let value = transform(values[row])
                let stored = ascending ? value.bigEndian : (~value).bigEndian
                buffer.storeBytes(of: stored, toByteOffset: position + 1, as: T.self)
                cursor[row] = position + 1 + MemoryLayout<T>.size
            }
        }
        func flipSign<T: FixedWidthInteger>(_ value: T) -> T { value ^ (T(1) << (T.bitWidth - 1)) }
        func orderedBits(_ value: Double) -> UInt64 {
            let normalized = value.isNaN ? Double.nan : (value == 0 ? 0 : value)
            let bits = normalized.bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        switch column.values {
        case .bool(let v): fixed(v.map { $0 ? 1 : 0 as UInt8 }) { $0 }
        case .int8(let v): fixed(v.map { UInt8(bitPattern: $0) }, flipSign)
        case .int16(let v): fixed(v.map { UInt16(bitPattern: $0) }, flipSign)
        case .int32(let v): fixed(v.map { UInt32(bitPattern: $0) }, flipSign)
        case .int64(let v): fixed(v.map { UInt64(bitPattern: $0) }, flipSign)
        case .uint8(let v): fixed(v) { $0 }
        case .uint16(let v): fixed(v) { $0 }
        case .uint32(let v): fixed(v) { $0 }
        case .uint64(let v): fixed(v) { $0 }
        case .int128(let v): fixed(v.map { UInt128(bitPattern: $0) }, flipSign)
        case .float32(let v): fixed(v.map { orderedBits(Double($0)) }) { $0 }
        case .float64(let v): fixed(v.map(orderedBits)) { $0 }
        default:
            guard let (offsets, data) = view else { return }
            for row in 0..<cursor.count {
                var position = cursor[row]
                guard column.isValid(row) else {
                    buffer[position] = nullByte
                    cursor[row] = position + 1
                    continue
                }
                buffer[position] = 1
                position += 1
                for byte in data[Int(offsets[row])..<Int(offsets[row + 1])] {
                    buffer[position] = byte ^ invert
                    position += 1
                    if byte == 0 {
                        buffer[position] = 1 ^ invert
                        position += 1
                    }
                }
                buffer[position] = invert
                buffer[position + 1] = invert
                cursor[row] = position + 2
            }
        }
    }
}
