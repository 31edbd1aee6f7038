import LakeColumnar
import LakeTestSupport

/// Checks the statistics that pyarrow reads from a column chunk against the rows the chunk holds.
///
/// The rules follow the Parquet format's statistics section: `null_count` counts nulls; min and max cover every
/// non-null value except NaN (a chunk with none has no min/max); a zero float minimum is written as -0.0 and a
/// zero maximum as +0.0; byte strings compare as unsigned bytes, and a bound longer than
/// `binaryBoundBytesMax` may be truncated (the minimum to a prefix, the maximum to a larger short value), or the
/// maximum dropped when no short upper bound exists. Decimals stored as bytes compare as signed big-endian
/// integers and are never truncated.
enum ChunkStatisticsCheck {
    /// The longest min/max this engine writes for byte strings.
    static let binaryBoundBytesMax = 64

    /// Problems found in `chunk` for rows `rows` of `column`; empty when the statistics are right.
    static func problems(_ chunk: PeerReport.Statistics.Chunk, column: Column, rows: Range<Int>) -> [String] {
        var found: [String] = []
        let label = "column '\(chunk.name)' rows \(rows)"
        let nulls = rows.filter { column.isNull($0) }.count
        if !chunk.hasStatistics { return ["\(label): no statistics"] }
        if chunk.nullCount != nulls {
            found.append("\(label): null_count \(String(describing: chunk.nullCount)), expected \(nulls)")
        }
        let valid = rows.filter { !column.isNull($0) }
        switch column.type {
        case .float32, .float64:
            found += floatProblems(chunk, column: column, rows: valid, label: label)
        case .utf8, .binary, .fixedSizeBinary:
            found += byteProblems(chunk, column: column, rows: valid, label: label)
        default:
            found += exactProblems(chunk, column: column, rows: valid, label: label)
        }
        return found
    }

    // MARK: - Numbers

    private static func exactProblems(
        _ chunk: PeerReport.Statistics.Chunk,
        column: Column,
        rows: [Int],
        label: String
    )
        -> [String]
    {
        guard let first = rows.first else {
            return chunk.hasMinMax ? ["\(label): min/max present for a chunk without values"] : []
        }
        var low = first
        var high = first
        for row in rows {
            if less(column.value(at: row), column.value(at: low)) { low = row }
            if less(column.value(at: high), column.value(at: row)) { high = row }
        }
        let expectedMin = CanonicalDump.valueString(column, row: low)
        let expectedMax = CanonicalDump.valueString(column, row: high)
        guard chunk.hasMinMax else { return ["\(label): no min/max, expected \(expectedMin)...\(expectedMax)"] }
        var found: [String] = []
        if chunk.min != expectedMin { found.append("\(label): min \(chunk.min ?? "nil"), expected \(expectedMin)") }
        if chunk.max != expectedMax { found.append("\(label): max \(chunk.max ?? "nil"), expected \(expectedMax)") }
        return found
    }

    private static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): x < y
        case (.uint(let x), .uint(let y)): x < y
        case (.decimal(let x), .decimal(let y)): x < y
        case (.bool(let x), .bool(let y)): !x && y
        default: false
        }
    }

    private static func floatProblems(
        _ chunk: PeerReport.Statistics.Chunk,
        column: Column,
        rows: [Int],
        label: String
    )
        -> [String]
    {
        var numbers: [Double] = []
        for row in rows {
            switch column.value(at: row) {
            case .float32(let value) where !value.isNaN: numbers.append(Double(value))
            case .float64(let value) where !value.isNaN: numbers.append(value)
            default: break
            }
        }
        guard var low = numbers.min(), var high = numbers.max() else {
            return chunk.hasMinMax ? ["\(label): min/max present for a chunk of only nulls and NaN"] : []
        }
        if low == 0 { low = -0.0 }
        if high == 0 { high = 0.0 }
        let render: (Double) -> String = { value in
            column.type == .float32 ? CanonicalDump.floatString(Float(value)) : CanonicalDump.floatString(value)
        }
        guard chunk.hasMinMax else { return ["\(label): no min/max, expected \(render(low))...\(render(high))"] }
        var found: [String] = []
        if chunk.min != render(low) { found.append("\(label): min \(chunk.min ?? "nil"), expected \(render(low))") }
        if chunk.max != render(high) { found.append("\(label): max \(chunk.max ?? "nil"), expected \(render(high))") }
        return found
    }

    // MARK: - Byte strings

    private static func byteProblems(
        _ chunk: PeerReport.Statistics.Chunk,
        column: Column,
        rows: [Int],
        label: String
    )
        -> [String]
    {
        let values = rows.map { bytes(column.value(at: $0)) }
        guard let trueMin = values.min(by: { $0.lexicographicallyPrecedes($1) }),
            let trueMax = values.max(by: { $0.lexicographicallyPrecedes($1) })
        else {
            return chunk.hasMinMax ? ["\(label): min/max present for a chunk without values"] : []
        }
        let isUTF8 = column.type == .utf8
        guard chunk.hasMinMax else {
            // Acceptable only when the maximum has no short upper bound (so the writer had to omit it).
            if trueMax.count > binaryBoundBytesMax && !upperBoundExists(trueMax, utf8: isUTF8) { return [] }
            return [
                "\(label): no min/max, expected bounds of \(CanonicalDump.hex(trueMin))...\(CanonicalDump.hex(trueMax))"
            ]
        }
        guard let statMin = chunk.min.flatMap(bytes(hex:)), let statMax = chunk.max.flatMap(bytes(hex:)) else {
            return ["\(label): min/max are not hex: \(chunk.min ?? "nil"), \(chunk.max ?? "nil")"]
        }
        var found: [String] = []
        // A maximum without a short upper bound is kept whole and exact (as arrow-rs does), never dropped.
        let keptWholeMax = statMax == trueMax && !upperBoundExists(trueMax, utf8: isUTF8)
        if statMin.count > binaryBoundBytesMax || (statMax.count > binaryBoundBytesMax && !keptWholeMax) {
            found.append(
                "\(label): bounds of \(statMin.count) and \(statMax.count) bytes exceed \(binaryBoundBytesMax)"
            )
        }
        if isUTF8
            && (String(validating: statMin, as: UTF8.self) == nil || String(validating: statMax, as: UTF8.self) == nil)
        {
            found.append("\(label): utf8 bounds are not valid UTF-8")
        }
        if trueMin.count <= binaryBoundBytesMax {
            if statMin != trueMin {
                found.append("\(label): min \(CanonicalDump.hex(statMin)), expected \(CanonicalDump.hex(trueMin))")
            }
        } else if !trueMin.starts(with: statMin) {
            found.append(
                "\(label): truncated min \(CanonicalDump.hex(statMin)) is no prefix of \(CanonicalDump.hex(trueMin))"
            )
        }
        if trueMax.count <= binaryBoundBytesMax {
            if statMax != trueMax {
                found.append("\(label): max \(CanonicalDump.hex(statMax)), expected \(CanonicalDump.hex(trueMax))")
            }
        } else if !keptWholeMax && !trueMax.lexicographicallyPrecedes(statMax) {
            found.append(
                "\(label): truncated max \(CanonicalDump.hex(statMax)) is not above \(CanonicalDump.hex(trueMax))"
            )
        }
        return found
    }

    /// Whether some byte string of at most `binaryBoundBytesMax` bytes (valid UTF-8 when `utf8`) sorts at or
    /// above `value`.
    static func upperBoundExists(_ value: [UInt8], utf8: Bool) -> Bool {
        let prefix = value.prefix(binaryBoundBytesMax)
        if utf8 {
            // A character other than U+10FFFF in the prefix can be incremented.
            return String(decoding: prefix, as: UTF8.self).unicodeScalars.contains { $0.value != 0x10FFFF }
        }
        return prefix.contains { $0 != 0xFF }
    }

    private static func bytes(_ value: Value) -> [UInt8] {
        switch value {
        case .string(let text): Array(text.utf8)
        case .bytes(let bytes): bytes
        default: []
        }
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        return result
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
