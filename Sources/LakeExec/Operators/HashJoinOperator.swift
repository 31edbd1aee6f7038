import LakeColumnar

/// Equi-join on key expressions with an optional residual (non-equi) condition, building a hash table over the
/// right input and streaming the left input through it.
///
/// Output order: left rows in input order, each followed by its matches in right input order (unmatched left
/// rows of left/full joins in place); right/full joins then emit the unmatched right rows in right input order.
/// The residual is evaluated on candidate pairs; a pair that fails it does not count as a match. The build side
/// and its table are reserved from the memory budget.
///
/// Spec: spec/executor.md (hash join)
public final class HashJoinOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private let joinType: JoinType
    private let leftKeys: [BoundExpression]
    private let rightKeys: [BoundExpression]
    private let residual: BoundExpression?
    private let pairSchema: Schema
    private let context: ExecutionContext
    private var build: Batch? = nil
    private var table = KeyHashTable()
    /// First build row of each key id, and the next build row with the same key (-1 ends a chain).
    private var firstRow: [Int32] = []
    private var nextRow: [Int32] = []
    private var matched: [Bool] = []
    private var pending: [Batch] = []
    private var probeFinished = false
    private var reservedBytes = 0

    /// - Parameters:
    ///   - on: pairs of (left key, right key) expressions, bound to the left and right schemas.
    ///   - residual: a condition over the left columns followed by the right columns (names resolve to the first
    ///     match, so use `.columnIndex` for duplicated names).
    public init(
        left: any PhysicalOperator, right: any PhysicalOperator, on: [(Expression, Expression)], type: JoinType,
        residual: Expression? = nil, context: ExecutionContext
    ) throws(ExecutionError) {
        var leftKeys: [BoundExpression] = []
        var rightKeys: [BoundExpression] = []
        for (leftKey, rightKey) in on {
            let boundLeft = try leftKey.bound(to: left.schema)
            let boundRight = try rightKey.bound(to: right.schema)
            let common = try TypeRules.commonType(of: [boundLeft, boundRight], context: "join key")
            try common.requireFlat("join key")
            leftKeys.append(boundLeft.casting(to: common))
            rightKeys.append(boundRight.casting(to: common))
        }
        let leftFields = left.schema.fields
        let rightFields = right.schema.fields
        let pairSchema = nullableSchema(leftFields + rightFields)
        self.pairSchema = pairSchema
        self.residual = try residual.map { (expression) throws(ExecutionError) in
            try expression.bound(to: pairSchema).requiringBool("join condition")
        }
        switch type {
        case .semi, .anti: schema = left.schema
        case .inner: schema = Schema(leftFields + rightFields)
        case .left: schema = Schema(leftFields + nullableSchema(rightFields).fields)
        case .right: schema = Schema(nullableSchema(leftFields).fields + rightFields)
        case .full: schema = pairSchema
        }
        joinType = type
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.context = context
        children = [left, right]
        let keyText = on.map { "\(ExpressionText.render($0.0)) = \(ExpressionText.render($0.1))" }
        label =
            "HashJoin \(type.rawValue) on \(keyText.joined(separator: " AND "))"
            + (residual.map { " filter \(ExpressionText.render($0))" } ?? "")
    }

    deinit { context.memory.release(reservedBytes) }

    public func next() throws(ExecutionError) -> Batch? {
        if build == nil { try buildTable() }
        for _ in 0..<Int.max {
            if !pending.isEmpty { return pending.removeFirst() }
            if probeFinished { return nil }
            guard let batch = try children[0].next() else {
                probeFinished = true
                if joinType == .right || joinType == .full { try emitUnmatchedBuildRows() }
                continue
            }
            if let output = try probe(batch), output.rowCount > 0 { return output }
        }
        return nil
    }

    private func buildTable() throws(ExecutionError) {
        let input = try MaterializedInput.collect(children[1], context: context, operatorName: "hash join")
        reservedBytes += input.reservedBytes
        let batch = input.batch
        var keyColumns: [Column] = []
        for key in rightKeys { keyColumns.append(try key.evaluate(batch)) }
        let keys = try RowKeyEncoder.encode(keyColumns, rowCount: batch.rowCount)
        let nulls = RowKeyEncoder.anyNull(keyColumns, rowCount: batch.rowCount)
        let estimate = keys.data.count * 2 + batch.rowCount * 40
        try context.memory.reserve(estimate, for: "hash join")
        reservedBytes += estimate
        let (ids, _) = try table.insert(keys)
        firstRow = [Int32](repeating: -1, count: table.count)
        nextRow = [Int32](repeating: -1, count: batch.rowCount)
        var lastRow = [Int32](repeating: -1, count: table.count)
        for row in 0..<batch.rowCount where !nulls[row] {
            let id = Int(ids[row])
            if lastRow[id] < 0 { firstRow[id] = Int32(row) } else { nextRow[Int(lastRow[id])] = Int32(row) }
            lastRow[id] = Int32(row)
        }
        matched = [Bool](repeating: false, count: batch.rowCount)
        build = batch
    }

    private func probe(_ batch: Batch) throws(ExecutionError) -> Batch? {
        guard let build else { return nil }
        var keyColumns: [Column] = []
        for key in leftKeys { keyColumns.append(try key.evaluate(batch)) }
        let keys = try RowKeyEncoder.encode(keyColumns, rowCount: batch.rowCount)
        let nulls = RowKeyEncoder.anyNull(keyColumns, rowCount: batch.rowCount)
        var leftRows: [Int] = []
        var rightRows: [Int] = []
        for row in 0..<batch.rowCount where !nulls[row] {
            guard let id = table.find(keys, row: row, hash: keys.hashes[row]) else { continue }
            var candidate = firstRow[Int(id)]
            while candidate >= 0 {
                leftRows.append(row)
                rightRows.append(Int(candidate))
                candidate = nextRow[Int(candidate)]
            }
        }
        if let residual, !leftRows.isEmpty {
            let pairs = try pairBatch(batch, leftRows, build, rightRows)
            let keep = try residual.evaluate(pairs)
            guard case .bool(let flags) = keep.values else { throw .typeMismatch("join condition is not bool") }
            var keptLeft: [Int] = []
            var keptRight: [Int] = []
            for index in 0..<flags.count where flags[index] && keep.isValid(index) {
                keptLeft.append(leftRows[index])
                keptRight.append(rightRows[index])
            }
            leftRows = keptLeft
            rightRows = keptRight
        }
        if joinType == .right || joinType == .full { for row in rightRows { matched[row] = true } }
        switch joinType {
        case .inner, .right:
            return try pairBatch(batch, leftRows, build, rightRows, schema: schema)
        case .semi, .anti:
            var hasMatch = [Bool](repeating: false, count: batch.rowCount)
            for row in leftRows { hasMatch[row] = true }
            let rows = (0..<batch.rowCount).filter { hasMatch[$0] == (joinType == .semi) }
            return rows.count == batch.rowCount ? batch : batch.taking(rows)
        case .left, .full:
            var outputLeft: [Int] = []
            var outputRight: [Int] = []
            var pair = 0
            for row in 0..<batch.rowCount {
                if pair < leftRows.count && leftRows[pair] == row {
                    while pair < leftRows.count && leftRows[pair] == row {
                        outputLeft.append(row)
                        outputRight.append(rightRows[pair])
                        pair += 1
                    }
                } else {
                    outputLeft.append(row)
                    outputRight.append(-1)
                }
            }
            return try pairBatch(batch, outputLeft, build, outputRight, schema: schema)
        }
    }

    private func emitUnmatchedBuildRows() throws(ExecutionError) {
        guard let build else { return }
        let rows = (0..<build.rowCount).filter { !matched[$0] }
        guard !rows.isEmpty else { return }
        let leftSchema = children[0].schema
        var columns: [Column] = []
        for field in leftSchema.fields { columns.append(try Column.nulls(field.type, count: rows.count)) }
        columns.append(contentsOf: build.taking(rows).columns)
        pending.append(contentsOf: Batch(schema: schema, columns: columns).chunked(rows: context.options.batchRowsMax))
    }

    /// Left rows beside right rows (-1: a null right row).
    private func pairBatch(_ left: Batch, _ leftRows: [Int], _ right: Batch, _ rightRows: [Int], schema: Schema? = nil)
        throws(ExecutionError) -> Batch
    {
        var columns: [Column] = []
        for column in left.columns { columns.append(column.taking(leftRows)) }
        for column in right.columns { columns.append(try column.taking(optionalRows: rightRows)) }
        if columns.isEmpty { return Batch(rowCount: leftRows.count) }
        return Batch(schema: schema ?? pairSchema, columns: columns)
    }
}
