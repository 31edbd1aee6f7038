import LakeColumnar

/// Rebuilds a nested column from the levels and values of its leaves (Dremel's "record assembly").
///
/// Each node works on slots: for every leaf under it, the entries that open one of the node's values. The
/// top-level slots are the entries with repetition level 0. A struct passes its slots to its fields; a list or
/// map opens one slot per element: the list's own entry when its definition level says the list is non-empty,
/// plus every following entry with the list's repetition level, up to the first entry with a lower one. Nulls
/// and lengths come from the first leaf under a node; the other leaves must agree on the counts.
///
/// Every level comes from the file: an inconsistent one (elements after a null or empty list, a leaf whose
/// entries do not match its values, leaves that disagree on lengths) throws `.invalidData`, never traps.
///
/// Spec: parquet-format README "Nested Encoding"; spec/parquet.md#nested-columns
enum LevelAssembler {
    /// The column of `node` (`rowCount` rows) from `leaves`, the decoded chunks of `node.leaves` in order.
    /// - Throws: `.invalidData` when the levels are inconsistent or do not hold `rowCount` records.
    static func assemble(
        _ node: LevelNode, leaves: [LeafLevels], columns: [ParquetColumn], rowCount: Int
    ) throws(ParquetError) -> Column {
        precondition(leaves.count == node.leaves.count, "one decoded chunk per leaf")
        var assembler = Assembler(leaves: leaves, base: node.leaves.lowerBound, columns: columns)
        var slots: [[Int]] = []
        for (offset, leaf) in leaves.enumerated() {
            if let first = leaf.repetition.first, first != 0 {
                throw .invalidData(
                    "leaf '\(columns[node.leaves.lowerBound + offset].name)' starts with repetition level \(first)")
            }
            var starts: [Int] = []
            starts.reserveCapacity(rowCount)
            for (entry, level) in leaf.repetition.enumerated() where level == 0 { starts.append(entry) }
            guard starts.count == rowCount else {
                throw .invalidData(
                    "leaf '\(columns[node.leaves.lowerBound + offset].name)' holds \(starts.count) records, "
                        + "the row group \(rowCount)")
            }
            slots.append(starts)
        }
        return try assembler.assemble(node, slots: slots)
    }

    private struct Assembler {
        var leaves: [LeafLevels]
        let base: Int
        let columns: [ParquetColumn]

        /// The column of `node`; `slots[i]` are the node's slots in leaf `node.leaves.lowerBound + i`.
        mutating func assemble(_ node: LevelNode, slots: [[Int]]) throws(ParquetError) -> Column {
            let count = slots[0].count
            for (offset, leafSlots) in slots.enumerated() where leafSlots.count != count {
                throw .invalidData(
                    "leaves of '\(node.field.name)' disagree on its length: \(count) and \(leafSlots.count) "
                        + "(leaf '\(columns[node.leaves.lowerBound + offset].name)')")
            }
            if case .leaf(let column) = node.kind { return try leafColumn(node, column: column, slots: slots[0]) }
            let validity = Self.validity(
                of: slots[0], levels: leaves[node.firstLeaf - base].definition,
                presentLevel: UInt32(node.definitionLevel))
            switch node.kind {
            case .leaf:
                preconditionFailure("leaves return above")
            case .struct(let children):
                var childColumns: [Column] = []
                for child in children {
                    let range = (child.leaves.lowerBound - node.leaves.lowerBound)..<(child.leaves.upperBound
                        - node.leaves.lowerBound)
                    childColumns.append(try assemble(child, slots: Array(slots[range])))
                }
                return Column(
                    type: node.field.type, values: .struct(children: childColumns, count: count), validity: validity)
            case .list(let entryLevel, let repetitionLevel, let element):
                let (offsets, elementSlots) = try entries(
                    node, slots: slots, entryLevel: UInt32(entryLevel), repetitionLevel: UInt32(repetitionLevel))
                let elements = try assemble(element, slots: elementSlots)
                return Column(type: node.field.type, values: .list(offsets: offsets, elements: elements), validity: validity)
            case .map(let entryLevel, let repetitionLevel, let key, let value):
                let (offsets, entrySlots) = try entries(
                    node, slots: slots, entryLevel: UInt32(entryLevel), repetitionLevel: UInt32(repetitionLevel))
                let keyCount = key.leaves.count
                let keys = try assemble(key, slots: Array(entrySlots[0..<keyCount]))
                let values = try assemble(value, slots: Array(entrySlots[keyCount...]))
                return Column(
                    type: node.field.type, values: .map(offsets: offsets, keys: keys, values: values),
                    validity: validity)
            }
        }

        /// Bit `i` set when slot `i` reaches `presentLevel`; nil when all do.
        static func validity(of slots: [Int], levels: [UInt32], presentLevel: UInt32) -> Bitmap? {
            var bitmap = Bitmap(repeating: false, count: 0)
            bitmap.reserveCapacity(slots.count)
            var allValid = true
            for entry in slots {
                let valid = levels[entry] >= presentLevel
                allValid = allValid && valid
                bitmap.append(valid)
            }
            return allValid ? nil : bitmap
        }

        private mutating func leafColumn(_ node: LevelNode, column: Int, slots: [Int]) throws(ParquetError) -> Column {
            let index = column - base
            let maxLevel = UInt32(columns[column].maxDefinitionLevel)
            let definition = leaves[index].definition
            var bitmap = Bitmap(repeating: false, count: 0)
            bitmap.reserveCapacity(slots.count)
            var present = 0
            for entry in slots {
                let valid = definition[entry] == maxLevel
                present += valid ? 1 : 0
                bitmap.append(valid)
            }
            var values = leaves[index].values
            leaves[index].values = PhysicalValues(empty: ColumnChunkReader.layout(of: columns[column]))
            guard present == values.count else {
                throw .invalidData(
                    "leaf '\(columns[column].name)' has \(values.count) values for \(present) present entries")
            }
            let validity = present == slots.count ? nil : bitmap
            try values.spread(over: validity, rowCount: slots.count)
            return try Column(type: node.field.type, physical: values, validity: validity, rowCount: slots.count)
        }

        /// The offsets of a list's or map's rows and, per leaf, the slots of its entries.
        private func entries(
            _ node: LevelNode, slots: [[Int]], entryLevel: UInt32, repetitionLevel: UInt32
        ) throws(ParquetError) -> ([Int32], [[Int]]) {
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(slots[0].count + 1)
            var entrySlots: [[Int]] = []
            for (offset, leafSlots) in slots.enumerated() {
                let leaf = leaves[node.leaves.lowerBound - base + offset]
                let definition = leaf.definition
                let repetition = leaf.repetition
                var opened: [Int] = []
                opened.reserveCapacity(leafSlots.count)
                for entry in leafSlots {
                    let isNonEmpty = definition[entry] >= entryLevel
                    if isNonEmpty { opened.append(entry) }
                    var next = entry + 1
                    while next < repetition.count && repetition[next] >= repetitionLevel {
                        guard isNonEmpty else {
                            throw .invalidData(
                                "entry \(next) of '\(columns[node.leaves.lowerBound + offset].name)' continues a null "
                                    + "or empty list")
                        }
                        if repetition[next] == repetitionLevel {
                            guard definition[next] >= entryLevel else {
                                throw .invalidData(
                                    "entry \(next) of '\(columns[node.leaves.lowerBound + offset].name)' repeats a "
                                        + "list it does not define")
                            }
                            opened.append(next)
                        }
                        next += 1
                    }
                    if offset == 0 {
                        guard let end = Int32(exactly: opened.count) else {
                            throw .invalidData("list '\(node.field.name)' holds more than 2^31 entries in a chunk")
                        }
                        offsets.append(end)
                    }
                }
                // Keys and values (or the fields of a list of structs) must agree on the number of entries.
                if let first = entrySlots.first, first.count != opened.count {
                    throw .invalidData(
                        "leaves of '\(node.field.name)' disagree on its entries: \(first.count) and \(opened.count) "
                            + "(leaf '\(columns[node.leaves.lowerBound + offset].name)')")
                }
                entrySlots.append(opened)
            }
            return (offsets, entrySlots)
        }
    }
}
