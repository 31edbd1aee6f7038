import LakeColumnar

/// One chosen value per group (FIRST, LAST, ANY_VALUE, ARG_MIN, ARG_MAX), kept as a reference into column chunks
/// instead of as a boxed `Value` per group.
///
/// Choosing values from a batch copies only the chosen rows into a new chunk (one `taking` per batch), and a group
/// then refers to its row by position in the chunks laid end to end. Values that lose their group later stay in
/// the chunks as garbage; once garbage outweighs the live rows the chunks are compacted, so the rows held stay
/// under about twice the group count plus one batch.
///
/// Spec: spec/executor.md (aggregation)
struct GroupValueReferences {
    let type: DataType
    /// Position of each group's value in the chunks laid end to end; -1 while the group has none.
    private(set) var references: [Int] = []
    private var chunks: [Column] = []
    private var chunkRows = 0
    private var liveCount = 0
    /// Rows of garbage tolerated beyond the live rows before compacting (so small tables never compact).
    static let garbageRowsSlack = 65_536

    init(type: DataType) { self.type = type }

    /// Grows to `groupCount` groups (new groups hold no value).
    mutating func resize(groupCount: Int) {
        guard groupCount > references.count else { return }
        references.append(contentsOf: repeatElement(-1, count: groupCount - references.count))
    }

    /// Sets group `groups[i]` to row `rows[i]` of `column`, in order (a later pair for the same group wins).
    /// - Precondition: `column` has this store's type and `groups` and `rows` have one entry per pair.
    mutating func set(groups: [Int], rows: [Int], of column: Column) throws(ExecutionError) {
        precondition(groups.count == rows.count, "one row per group")
        guard !rows.isEmpty else { return }
        let chunk = rows.count == column.count && rows.elementsEqual(0..<column.count) ? column : column.taking(rows)
        for (index, group) in groups.enumerated() {
            if references[group] < 0 { liveCount += 1 }
            references[group] = chunkRows + index
        }
        chunks.append(chunk)
        chunkRows += chunk.count
        if chunkRows > 2 * liveCount + Self.garbageRowsSlack { try compact() }
    }

    /// Sets group `groups[i]` to row `rows[i]` of `column` where later pairs for a group win, copying only each
    /// group's winning row: the pairs are read backwards and a group already set in this call is passed over.
    mutating func replace(groups: [Int], rows: [Int], of column: Column) throws(ExecutionError) {
        precondition(groups.count == rows.count, "one row per group")
        let base = chunkRows
        var chosenRows: [Int] = []
        var added = 0
        for index in stride(from: groups.count - 1, through: 0, by: -1) {
            let group = groups[index]
            let current = references[group]
            if current >= base { continue }
            if current < 0 { added += 1 }
            references[group] = base + chosenRows.count
            chosenRows.append(rows[index])
        }
        guard !chosenRows.isEmpty else { return }
        liveCount += added
        chunks.append(column.taking(chosenRows))
        chunkRows += chosenRows.count
        if chunkRows > 2 * liveCount + Self.garbageRowsSlack { try compact() }
    }

    /// Gives each group of `groups` (one id per row of `column`) the value of its first row, or of its last row
    /// when `last`; rows that are null are passed over when `skipsNulls`, and groups that already hold a value
    /// keep it when `keepsExisting` (FIRST, ANY_VALUE) and are replaced otherwise (LAST).
    ///
    /// A group picked in this batch already refers to a position at or past the batch's first chunk position,
    /// which is the only mark needed: one pass over the rows, then one `taking` of the picked rows.
    mutating func pick(
        from column: Column, groups: [Int32], rowCount: Int, last: Bool, keepsExisting: Bool, skipsNulls: Bool
    ) throws(ExecutionError) {
        let base = chunkRows
        let checksNulls = skipsNulls && column.validity != nil
        var rows: [Int] = []
        var references = self.references
        self.references = []
        var added = 0
        groups.withUnsafeBufferPointer { groups in
            references.withUnsafeMutableBufferPointer { references in
                for index in 0..<rowCount {
                    let row = last ? rowCount - 1 - index : index
                    if checksNulls && !column.isValid(row) { continue }
                    let group = Int(groups[row])
                    let current = references[group]
                    if current >= base || (keepsExisting && current >= 0) { continue }
                    if current < 0 { added += 1 }
                    references[group] = base + rows.count
                    rows.append(row)
                }
            }
        }
        self.references = references
        guard !rows.isEmpty else { return }
        liveCount += added
        let chunk = rows.count == column.count && rows.elementsEqual(0..<column.count) ? column : column.taking(rows)
        chunks.append(chunk)
        chunkRows += chunk.count
        if chunkRows > 2 * liveCount + Self.garbageRowsSlack { try compact() }
    }

    /// Folds the values of `other` into this store: group `g` of `other` lands on group `mapping[g]`, replacing a
    /// value there only when `replacing` is true.
    mutating func merge(_ other: GroupValueReferences, mapping: [Int32], replacing: Bool) throws(ExecutionError) {
        var groups: [Int] = []
        var sources: [Int] = []
        for (group, reference) in other.references.enumerated() where reference >= 0 {
            let target = Int(mapping[group])
            guard replacing || references[target] < 0 else { continue }
            groups.append(target)
            sources.append(group)
        }
        try set(groups: groups, toValuesOf: sources, in: other)
    }

    /// Sets group `groups[i]` to the value of group `sources[i]` of `other` (which must hold one).
    mutating func set(groups: [Int], toValuesOf sources: [Int], in other: GroupValueReferences)
        throws(ExecutionError)
    {
        guard !sources.isEmpty else { return }
        let rows = sources.map { other.references[$0] }
        precondition(rows.allSatisfy { $0 >= 0 }, "a source group holds no value")
        try set(groups: groups, rows: rows, of: other.concatenated())
    }

    /// One value per group, null for groups without one.
    func finish() throws(ExecutionError) -> Column {
        let all = try concatenated()
        // Every group took its value from the next row (DISTINCT ON over distinct keys): no gather needed.
        if all.count == references.count && references.elementsEqual(0..<references.count) { return all }
        return try all.taking(optionalRows: references)
    }

    var estimatedBytes: Int { references.count * 8 + chunks.reduce(0) { $0 + $1.estimatedBytes } }

    private func concatenated() throws(ExecutionError) -> Column {
        if chunks.count == 1 { return chunks[0] }
        if chunks.isEmpty { return Column(empty: type) }
        return try Column.concatenating(chunks, type: type)
    }

    /// Keeps only the rows that groups refer to, in group order.
    private mutating func compact() throws(ExecutionError) {
        let all = try concatenated()
        var rows: [Int] = []
        rows.reserveCapacity(liveCount)
        for group in references.indices where references[group] >= 0 {
            rows.append(references[group])
            references[group] = rows.count - 1
        }
        chunks = [all.taking(rows)]
        chunkRows = rows.count
    }
}
