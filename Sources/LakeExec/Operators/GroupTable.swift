import LakeColumnar

/// Group ids by encoded key, the key values of each group (in order of first appearance) and one accumulator
/// per aggregate. One table per morsel on the workers; the operator merges them in morsel order.
///
/// Handed from a worker thread to the consumer only after the worker finished with it.
final class GroupTable: @unchecked Sendable {
    private var table = KeyHashTable()
    /// Key columns of the groups, in chunks (concatenated at the end).
    private(set) var keyChunks: [Batch] = []
    private var keyChunkBytes = 0
    /// One per aggregate; replaced only when an empty table takes over a partial's state (`merge`).
    private(set) var accumulators: [any Accumulator]

    var groupCount: Int { table.count }

    init(accumulators: [any Accumulator]) {
        self.accumulators = accumulators
    }

    /// The group id of each row's key, adding groups for new keys; `keyBatch` holds the key values of the rows.
    func assign(_ rowKeys: EncodedKeys, keyBatch: Batch) throws(ExecutionError) -> [Int32] {
        let before = table.count
        let (groups, inserted) = try table.insert(rowKeys)
        if table.count > before {
            let newRows = inserted.indices.filter { inserted[$0] }
            let chunk = newRows.count == keyBatch.rowCount ? keyBatch : keyBatch.taking(newRows)
            keyChunks.append(chunk)
            keyChunkBytes += chunk.estimatedBytes
            for accumulator in accumulators { accumulator.resize(groupCount: table.count) }
        }
        return groups
    }

    /// Folds `other` into this table: its groups map to ours (new ones appended in its order).
    ///
    /// An empty table takes over `other`'s keys, hashes and accumulators instead of re-inserting every key and
    /// merging every state into empty ones (the first partial of an aggregation); `other` must not be used after.
    /// - Precondition: `other`'s accumulators were made from the same specifications as this table's.
    func merge(_ other: GroupTable) throws(ExecutionError) {
        guard other.groupCount > 0 else { return }
        if groupCount == 0 {
            table = other.table
            keyChunks = other.keyChunks
            keyChunkBytes = other.keyChunkBytes
            accumulators = other.accumulators
            return
        }
        let otherKeys = try Batch.concatenating(other.keyChunks, schema: other.keyChunks[0].schema)
        let mapping = try assign(other.table.keys, keyBatch: otherKeys)
        for (mine, theirs) in zip(accumulators, other.accumulators) { try mine.merge(theirs, mapping: mapping) }
    }

    var estimatedBytes: Int {
        table.estimatedBytes + keyChunkBytes + accumulators.reduce(0) { $0 + $1.estimatedBytes }
    }

    /// Key columns then aggregate columns, one row per group.
    func finish(keySchema: Schema) throws(ExecutionError) -> [Column] {
        var columns: [Column] = []
        if !keySchema.fields.isEmpty {
            let keysBatch = try Batch.concatenating(keyChunks, schema: keySchema)
            columns.append(contentsOf: keysBatch.columns)
        }
        for accumulator in accumulators { columns.append(try accumulator.finish()) }
        return columns
    }
}
