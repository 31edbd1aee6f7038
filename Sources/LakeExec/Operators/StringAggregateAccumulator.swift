import LakeColumnar

/// STRING_AGG: each group's non-null texts in input order, joined by a separator; null for a group without one.
/// Partials merge in morsel order, so the order is the input's.
final class StringAggregateAccumulator: Accumulator {
    let type = DataType.utf8
    let separator: [UInt8]
    var texts: [[UInt8]] = []
    var seen: [Bool] = []

    init(separator: [UInt8]) { self.separator = separator }

    func resize(groupCount: Int) {
        let added = groupCount - texts.count
        guard added > 0 else { return }
        texts.append(contentsOf: repeatElement([], count: added))
        seen.append(contentsOf: repeatElement(false, count: added))
    }

    func update(groups: [Int32], argument: Column?, rowCount: Int) throws(ExecutionError) {
        guard let argument else { return }
        let (offsets, data) = try argument.byteStrings()
        for row in 0..<rowCount where argument.isValid(row) {
            try append(data[Int(offsets[row])..<Int(offsets[row + 1])], to: Int(groups[row]))
        }
    }

    func merge(_ other: any Accumulator, mapping: [Int32]) throws(ExecutionError) {
        guard let other = other as? StringAggregateAccumulator else { return }
        for group in 0..<other.texts.count where other.seen[group] {
            try append(other.texts[group][...], to: Int(mapping[group]))
        }
    }

    private func append(_ bytes: ArraySlice<UInt8>, to group: Int) throws(ExecutionError) {
        if seen[group] { texts[group].append(contentsOf: separator) }
        texts[group].append(contentsOf: bytes)
        seen[group] = true
        guard texts[group].count <= Int(Int32.max) else {
            throw .arithmeticOverflow(operation: "string_agg longer than 2 GiB")
        }
    }

    func finish() throws(ExecutionError) -> Column {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(texts.count + 1)
        var data: [UInt8] = []
        for text in texts {
            data.append(contentsOf: text)
            guard data.count <= Int(Int32.max) else { throw .arithmeticOverflow(operation: "string_agg results") }
            offsets.append(Int32(data.count))
        }
        return Column.make(.utf8, .bytes(offsets: offsets, data: data), validity: Bitmap.fromBools(seen))
    }

    var estimatedBytes: Int { texts.reduce(texts.count * 25) { $0 + $1.count } }
}
