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

    init(type: DataType) { self.type = type }

    /// Whether group `group` holds a value.
    @inline(__always) func contains(_ group: Int) -> Bool { references[group] >= 0 }

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
        if chunkRows > 2 * liveCount + 65_536 { try compact() }
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
        try concatenated().taking(optionalRows: references)
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
