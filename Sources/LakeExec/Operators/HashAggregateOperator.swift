import LakeColumnar

/// GROUP BY with aggregates: one output row per distinct key (null keys form a group), in order of first
/// appearance in the input; without group keys exactly one row, even over empty input.
///
/// Morsel-parallel: each round, every worker aggregates one input batch into its own partial table; the partial
/// tables are then merged into the final one in input order. Table growth is reserved from the memory budget
/// each round, so a query with too many groups fails with `memoryLimitExceeded` instead of exhausting memory.
public final class HashAggregateOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private let groupKeys: [BoundExpression]
    private let keySchema: Schema
    private let arguments: [BoundExpression?]
    /// Function and argument type of each aggregate, to make the partial tables' accumulators.
    private let specifications: [(function: AggregateFunction, argument: DataType?)]
    private let table: GroupTable
    private let context: ExecutionContext
    private var output: [Batch]? = nil
    private var position = 0
    private var reservedBytes = 0

    public init(
        _ child: any PhysicalOperator, groupBy: [NamedExpression], aggregates: [AggregateExpression],
        context: ExecutionContext
    ) throws(ExecutionError) {
        var keys: [BoundExpression] = []
        var fields: [Field] = []
        for key in groupBy {
            let bound = try key.expression.bound(to: child.schema)
            try bound.type.requireFlat("GROUP BY")
            keys.append(bound)
            fields.append(Field(key.name, bound.type))
        }
        keySchema = Schema(fields)
        var arguments: [BoundExpression?] = []
        var accumulators: [any Accumulator] = []
        var specifications: [(function: AggregateFunction, argument: DataType?)] = []
        for aggregate in aggregates {
            let argument = try aggregate.argument.map { (expression) throws(ExecutionError) in
                try expression.bound(to: child.schema)
            }
            if aggregate.function != .countRows && argument == nil {
                throw .invalidArgument(function: aggregate.function.rawValue, reason: "needs an argument")
            }
            let accumulator = try AccumulatorFactory.make(
                aggregate.function, argument: aggregate.function == .countRows ? nil : argument?.type)
            arguments.append(aggregate.function == .countRows ? nil : argument)
            specifications.append((aggregate.function, aggregate.function == .countRows ? nil : argument?.type))
            accumulators.append(accumulator)
            fields.append(Field(aggregate.name, accumulator.type))
        }
        groupKeys = keys
        self.arguments = arguments
        self.specifications = specifications
        table = GroupTable(accumulators: accumulators)
        schema = Schema(fields)
        children = [child]
        self.context = context
        let groupText = groupBy.map { ExpressionText.render($0.expression) }.joined(separator: ", ")
        label = "HashAggregate [\(groupText)] " + aggregates.map(\.text).joined(separator: ", ")
    }

    deinit { context.memory.release(reservedBytes) }

    public func next() throws(ExecutionError) -> Batch? {
        if output == nil { output = try aggregateAll() }
        guard let output, position < output.count else { return nil }
        defer { position += 1 }
        return output[position]
    }

    private func aggregateAll() throws(ExecutionError) -> [Batch] {
        let parallelism = context.options.parallelism
        let keys = groupKeys
        let keySchema = keySchema
        let arguments = arguments
        let specifications = specifications
        if keys.isEmpty { _ = try table.assign(EncodedKeys(data: [], offsets: [0, 0]), keyBatch: Batch(rowCount: 1)) }
        var finished = false
        while !finished {
            var morsels: [Batch] = []
            while morsels.count < max(1, parallelism) {
                guard let batch = try children[0].next() else {
                    finished = true
                    break
                }
                if batch.rowCount > 0 { morsels.append(batch) }
            }
            if morsels.isEmpty { break }
            let partials = try MorselScheduler.map(morsels, parallelism: parallelism) { batch throws(ExecutionError) in
                var accumulators: [any Accumulator] = []
                for specification in specifications {
                    accumulators.append(
                        try AccumulatorFactory.make(specification.function, argument: specification.argument))
                }
                let partial = GroupTable(accumulators: accumulators)
                try HashAggregateOperator.accumulate(
                    batch, into: partial, keys: keys, keySchema: keySchema, arguments: arguments)
                return partial
            }
            let partialBytes = partials.reduce(0) { $0 + $1.estimatedBytes }
            try context.memory.reserve(partialBytes, for: "hash aggregate")
            defer { context.memory.release(partialBytes) }
            for partial in partials { try table.merge(partial) }
            let grown = table.estimatedBytes - reservedBytes
            try context.memory.reserve(grown, for: "hash aggregate")
            reservedBytes += max(0, grown)
        }
        let columns = try table.finish(keySchema: keySchema)
        if columns.isEmpty { return [Batch(rowCount: table.groupCount)] }
        let result = Batch(schema: schema, columns: columns)
        return result.chunked(rows: context.options.batchRowsMax)
    }

    static func accumulate(
        _ batch: Batch, into table: GroupTable, keys: [BoundExpression], keySchema: Schema,
        arguments: [BoundExpression?]
    ) throws(ExecutionError) {
        var keyColumns: [Column] = []
        for key in keys { keyColumns.append(try key.evaluate(batch)) }
        let groups: [Int32]
        if keys.isEmpty {
            _ = try table.assign(EncodedKeys(data: [], offsets: [0, 0]), keyBatch: Batch(rowCount: 1))
            groups = [Int32](repeating: 0, count: batch.rowCount)
        } else {
            let rowKeys = try RowKeyEncoder.encode(keyColumns, rowCount: batch.rowCount)
            groups = try table.assign(rowKeys, keyBatch: Batch(schema: keySchema, columns: keyColumns))
        }
        for (argument, accumulator) in zip(arguments, table.accumulators) {
            let column = try argument?.evaluate(batch)
            try accumulator.update(groups: groups, argument: column, rowCount: batch.rowCount)
        }
    }
}
