/// One container of a 32-bit Roaring bitmap: the low 16 bits of the values that share their high 16 bits.
///
/// The three kinds of the portable format: a sorted array (at most 4096 values), a 65536-bit set (more than
/// 4096 values), and runs of consecutive values. Every container holds at least one value.
///
/// Spec: spec/table-log.md §6.2 (RoaringFormatSpec, portable format).
enum RoaringContainer: Sendable, Hashable {
    /// Strictly ascending values, 1...4096 of them.
    case array([UInt16])
    /// 1024 words; bit `v % 64` of word `v / 64` is set for value `v`.
    case bitset([UInt64])
    /// Ascending, non-overlapping runs `start ... start + lengthMinusOne`.
    case runs([Run])

    struct Run: Sendable, Hashable {
        var start: UInt16
        var lengthMinusOne: UInt16
        var last: UInt16 { start &+ lengthMinusOne }
    }

    /// Most values an array container holds; larger containers are bitsets (or runs).
    static let arrayCardinalityMax = 4_096
    static let bitsetWords = 1_024

    var cardinality: Int {
        switch self {
        case .array(let values): values.count
        case .bitset(let words): words.reduce(0) { $0 + $1.nonzeroBitCount }
        case .runs(let runs): runs.reduce(0) { $0 + Int($1.lengthMinusOne) + 1 }
        }
    }

    func contains(_ value: UInt16) -> Bool {
        switch self {
        case .array(let values):
            let index = Self.lowerBound(values.count) { values[$0] < value }
            return index < values.count && values[index] == value
        case .bitset(let words):
            return words[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
        case .runs(let runs):
            let index = Self.lowerBound(runs.count) { runs[$0].last < value }
            return index < runs.count && runs[index].start <= value
        }
    }

    /// Calls `body` with each value in `range` (low 16 bits, as `Int`), ascending.
    func forEach(in range: ClosedRange<Int>, _ body: (Int) -> Void) {
        switch self {
        case .array(let values):
            var index = Self.lowerBound(values.count) { Int(values[$0]) < range.lowerBound }
            while index < values.count, Int(values[index]) <= range.upperBound {
                body(Int(values[index]))
                index += 1
            }
        case .bitset(let words):
            for value in range where words[value >> 6] & (1 << UInt64(value & 63)) != 0 { body(value) }
        case .runs(let runs):
            var index = Self.lowerBound(runs.count) { Int(runs[$0].last) < range.lowerBound }
            while index < runs.count, Int(runs[index].start) <= range.upperBound {
                let low = max(Int(runs[index].start), range.lowerBound)
                let high = min(Int(runs[index].last), range.upperBound)
                for value in low...high { body(value) }
                index += 1
            }
        }
    }

    /// The smallest container for the strictly ascending `values` (at least one).
    init(values: [UInt16]) {
        precondition(!values.isEmpty, "a Roaring container holds at least one value")
        var runs: [Run] = []
        for value in values {
            if let last = runs.last, last.last &+ 1 == value, last.last != .max {
                runs[runs.count - 1].lengthMinusOne += 1
            } else {
                runs.append(Run(start: value, lengthMinusOne: 0))
            }
        }
        let runBytes = 2 + 4 * runs.count
        let plainBytes = values.count <= Self.arrayCardinalityMax ? 2 * values.count : 8 * Self.bitsetWords
        if runBytes < plainBytes {
            self = .runs(runs)
        } else if values.count <= Self.arrayCardinalityMax {
            self = .array(values)
        } else {
            var words = [UInt64](repeating: 0, count: Self.bitsetWords)
            for value in values { words[Int(value >> 6)] |= 1 << UInt64(value & 63) }
            self = .bitset(words)
        }
    }

    var isRun: Bool {
        if case .runs = self { return true }
        return false
    }

    /// The container body as the portable format stores it.
    var serialized: [UInt8] {
        var bytes: [UInt8] = []
        func append<T: FixedWidthInteger>(_ value: T) {
            for index in 0..<MemoryLayout<T>.size { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
        }
        switch self {
        case .array(let values): values.forEach { append($0) }
        case .bitset(let words): words.forEach { append($0) }
        case .runs(let runs):
            append(UInt16(runs.count))
            for run in runs {
                append(run.start)
                append(run.lengthMinusOne)
            }
        }
        return bytes
    }

    /// Reads one container body of `cardinality` values (`isRun` from the run flags of the header).
    /// - Throws: `RoaringFormatError` for short input, unsorted or repeated values, overlapping runs, a run past
    ///   65535, or a count that disagrees with `cardinality`.
    static func read(
        from reader: inout RoaringByteReader, cardinality: Int, isRun: Bool
    ) throws(RoaringFormatError) -> RoaringContainer {
        let start = reader.offset
        if isRun {
            let count = Int(try reader.read(UInt16.self, "run count"))
            try reader.require(4 * count, "\(count) runs")
            var runs: [Run] = []
            runs.reserveCapacity(count)
            var total = 0
            for _ in 0..<count {
                let run = Run(
                    start: try reader.read(UInt16.self, "run start"),
                    lengthMinusOne: try reader.read(UInt16.self, "run length"))
                guard Int(run.start) + Int(run.lengthMinusOne) <= Int(UInt16.max) else {
                    throw RoaringFormatError(
                        offset: reader.offset - 4, reason: "run \(run.start)+\(run.lengthMinusOne) passes 65535")
                }
                if let previous = runs.last, run.start <= previous.last {
                    throw RoaringFormatError(offset: reader.offset - 4, reason: "runs overlap or are not ascending")
                }
                runs.append(run)
                total += Int(run.lengthMinusOne) + 1
            }
            guard total == cardinality else {
                throw RoaringFormatError(
                    offset: start, reason: "run container holds \(total) values, its header says \(cardinality)")
            }
            return .runs(runs)
        }
        if cardinality <= arrayCardinalityMax {
            try reader.require(2 * cardinality, "array container of \(cardinality) values")
            var values: [UInt16] = []
            values.reserveCapacity(cardinality)
            for _ in 0..<cardinality {
                let value = try reader.read(UInt16.self, "array value")
                if let previous = values.last, value <= previous {
                    throw RoaringFormatError(
                        offset: reader.offset - 2, reason: "array values are not strictly ascending")
                }
                values.append(value)
            }
            return .array(values)
        }
        try reader.require(8 * bitsetWords, "bitset container")
        var words: [UInt64] = []
        words.reserveCapacity(bitsetWords)
        for _ in 0..<bitsetWords { words.append(try reader.read(UInt64.self, "bitset word")) }
        let container = RoaringContainer.bitset(words)
        guard container.cardinality == cardinality else {
            throw RoaringFormatError(
                offset: start,
                reason: "bitset container has \(container.cardinality) bits set, its header says \(cardinality)")
        }
        return container
    }

    /// The first index in `0..<count` for which `isBefore` is false (`isBefore` must be monotone).
    private static func lowerBound(_ count: Int, _ isBefore: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
