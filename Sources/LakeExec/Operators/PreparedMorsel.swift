import LakeColumnar

/// One morsel's group keys (encoded and hashed) and aggregate arguments, evaluated on a worker so that only the
/// table insertion and the accumulator updates run on the consumer: the high-cardinality path of aggregation.
struct PreparedMorsel: Sendable {
    let rowCount: Int
    let keyBatch: Batch
    let rowKeys: EncodedKeys
    let arguments: [Column?]
    let secondArguments: [Column?]

    init(
        _ batch: Batch, keys: [BoundExpression], keySchema: Schema, arguments: [BoundExpression?],
        secondArguments: [BoundExpression?]
    ) throws(ExecutionError) {
        var keyColumns: [Column] = []
        for key in keys { keyColumns.append(try key.evaluate(batch)) }
        rowCount = batch.rowCount
        keyBatch = Batch(schema: keySchema, columns: keyColumns)
        rowKeys = try RowKeyEncoder.encode(keyColumns, rowCount: batch.rowCount)
        var evaluated: [Column?] = []
        for argument in arguments { evaluated.append(try argument?.evaluate(batch)) }
        self.arguments = evaluated
        evaluated = []
        for argument in secondArguments { evaluated.append(try argument?.evaluate(batch)) }
        self.secondArguments = evaluated
    }

    /// Assigns the rows to groups of `table` (adding new ones) and folds them into its accumulators.
    func accumulate(into table: GroupTable) throws(ExecutionError) {
        let groups = try table.assign(rowKeys, keyBatch: keyBatch)
        for (index, accumulator) in table.accumulators.enumerated() {
            try accumulator.update(
                groups: groups, argument: arguments[index], secondArgument: secondArguments[index], rowCount: rowCount)
        }
    }
}
