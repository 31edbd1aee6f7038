import LakeColumnar

/// Splits a nested column into its leaf columns with definition and repetition levels (Dremel's "striping").
///
/// The walk goes down the level tree once per node, carrying one slot per entry of the node's leaves: either a
/// row of the node's column, or a level pair already decided above (a null ancestor, an empty list). A null
/// value ends its slot at its parent's definition level; an empty list ends it at the list's own level; each
/// element of a list gets a slot, the first with the list's repetition level, the others with the list's own.
///
/// Spec: parquet-format README "Nested Encoding"; spec/parquet.md#nested-columns
enum LevelShredder {
    /// The leaf levels and values of `column`, one `LeafLevels` per leaf of `node`, in leaf order.
    /// - Throws: `.invalidArgument` when a non-nullable nested field (a map key, a required struct field or list
    ///   element) holds a null where its parent is present, or a decimal does not fit its precision.
    static func shred(_ column: Column, node: LevelNode) throws(ParquetError) -> [LeafLevels] {
        let slots = Slots(
            row: Array(0..<column.count), definition: [UInt32](repeating: 0, count: column.count),
            repetition: [UInt32](repeating: 0, count: column.count))
        var leaves: [LeafLevels] = []
        leaves.reserveCapacity(node.leaves.count)
        try shred(column, node, slots, path: node.field.name, into: &leaves)
        return leaves
    }

    /// The entries of the leaves under one node.
    private struct Slots {
        /// The row of the node's column each entry shows, or -1 when its levels are already decided.
        var row: [Int]
        /// Decided definition levels (meaningful where `row` is -1).
        var definition: [UInt32]
        var repetition: [UInt32]

        init(row: [Int], definition: [UInt32], repetition: [UInt32]) {
            self.row = row
            self.definition = definition
            self.repetition = repetition
        }

        init(capacity: Int) {
            row = []
            definition = []
            repetition = []
            row.reserveCapacity(capacity)
            definition.reserveCapacity(capacity)
            repetition.reserveCapacity(capacity)
        }

        var count: Int { row.count }

        mutating func append(row: Int, definition: UInt32, repetition: UInt32) {
            self.row.append(row)
            self.definition.append(definition)
            self.repetition.append(repetition)
        }
    }

    private static func shred(
        _ column: Column, _ node: LevelNode, _ slots: Slots, path: String, into leaves: inout [LeafLevels]
    ) throws(ParquetError) {
        let nullLevel = UInt32(max(0, node.definitionLevel - 1))
        let presentLevel = UInt32(node.definitionLevel)
        let nullable = node.field.isNullable
        let nullError = ParquetError(
            .invalidArgument, "non-nullable field '\(path)' holds a null where its parent is present", column: path)
        switch (node.kind, column.values) {
        case (.leaf, _):
            var definition = slots.definition
            var rows: [Int] = []
            rows.reserveCapacity(slots.count)
            for entry in 0..<slots.count {
                let row = slots.row[entry]
                guard row >= 0 else { continue }
                if column.isNull(row) {
                    guard nullable else { throw nullError }
                    definition[entry] = nullLevel
                } else {
                    definition[entry] = presentLevel
                    rows.append(row)
                }
            }
            guard let layout = PhysicalLayout(writing: column.type) else {
                preconditionFailure("leaf '\(path)' of nested type \(column.type)")
            }
            let isIdentity = rows.count == column.count && column.nullCount == 0
                && (rows.last.map { $0 == rows.count - 1 } ?? true)
            let present = isIdentity ? column : column.taking(rows)
            let values = try PhysicalValues(nonNullValuesOf: present, layout: layout)
            leaves.append(LeafLevels(definition: definition, repetition: slots.repetition, values: values))
        case (.struct(let children), .struct(let childColumns, _)):
            var next = slots
            for entry in 0..<slots.count {
                let row = slots.row[entry]
                guard row >= 0, column.isNull(row) else { continue }
                guard nullable else { throw nullError }
                next.row[entry] = -1
                next.definition[entry] = nullLevel
            }
            for (child, childColumn) in zip(children, childColumns) {
                try shred(childColumn, child, next, path: path + "." + child.field.name, into: &leaves)
            }
        case (.list(_, let repetitionLevel, let element), .list(let offsets, let elements)):
            let next = try entries(
                column, offsets, slots, nullLevel: nullLevel, presentLevel: presentLevel,
                repetitionLevel: UInt32(repetitionLevel), nullError: nullable ? nil : nullError)
            try shred(elements, element, next, path: path + ".element", into: &leaves)
        case (.map(_, let repetitionLevel, let key, let value), .map(let offsets, let keys, let values)):
            let next = try entries(
                column, offsets, slots, nullLevel: nullLevel, presentLevel: presentLevel,
                repetitionLevel: UInt32(repetitionLevel), nullError: nullable ? nil : nullError)
            try shred(keys, key, next, path: path + ".key", into: &leaves)
            try shred(values, value, next, path: path + ".value", into: &leaves)
        default:
            preconditionFailure("column of \(column.type) does not match the level tree of '\(path)'")
        }
    }

    /// The slots of a list's or map's entries: a null row ends at `nullLevel`, an empty one at `presentLevel`,
    /// and each entry of a non-empty row gets a slot of its own.
    private static func entries(
        _ column: Column, _ offsets: [Int32], _ slots: Slots, nullLevel: UInt32, presentLevel: UInt32,
        repetitionLevel: UInt32, nullError: ParquetError?
    ) throws(ParquetError) -> Slots {
        var next = Slots(capacity: max(slots.count, Int(offsets.last ?? 0)))
        for entry in 0..<slots.count {
            let row = slots.row[entry]
            let repetition = slots.repetition[entry]
            guard row >= 0 else {
                next.append(row: -1, definition: slots.definition[entry], repetition: repetition)
                continue
            }
            if column.isNull(row) {
                if let nullError { throw nullError }
                next.append(row: -1, definition: nullLevel, repetition: repetition)
                continue
            }
            let start = Int(offsets[row])
            let end = Int(offsets[row + 1])
            if start == end {
                next.append(row: -1, definition: presentLevel, repetition: repetition)
                continue
            }
            next.append(row: start, definition: 0, repetition: repetition)
            for item in (start + 1)..<end {
                next.append(row: item, definition: 0, repetition: repetitionLevel)
            }
        }
        return next
    }
}
