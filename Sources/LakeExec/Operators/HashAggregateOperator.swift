import LakeColumnar

/// GROUP BY with aggregates: one output row per distinct key (null keys form a group), in order of first
/// appearance in the input; without group keys exactly one row, even over empty input.
///
/// Morsel-parallel: each round, every worker aggregates one input batch into its own partial table; the partial
/// tables are then merged into the final one in input order. When the first batch shows nearly distinct keys
/// (more groups than 90% of its rows), later rounds skip the partial tables: workers evaluate and hash the keys and
/// arguments (`PreparedMorsel`), and the consumer inserts them into the final table in input order. Table growth
/// is reserved from the memory budget each round, so a query with too many groups fails with
/// `memoryLimitExceeded` instead of exhausting memory.
public final class HashAggregateOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private let groupKeys: [BoundExpression]
    private let keySchema: Schema
    private let arguments: [BoundExpression?]
    /// The second argument of each aggregate (arg_min/arg_max keys; nil for the others).
    private let secondArguments: [BoundExpression?]
    /// What each aggregate's accumulators are made from, for the final and the partial tables.
    private let specifications: [AggregateSpecification]
    private let table: GroupTable
    private let context: ExecutionContext
    /// The whole result, handed out in slices of at most `batchRowsMax` rows as the consumer asks.
    private var output: Batch? = nil
    /// The first row of `output` not yet handed out.
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
        var secondArguments: [BoundExpression?] = []
        var accumulators: [any Accumulator] = []
        var specifications: [AggregateSpecification] = []
        for aggregate in aggregates {
            let (argument, second, specification) = try Self.bind(aggregate, schema: child.schema)
            let accumulator = try AccumulatorFactory.make(specification)
            arguments.append(argument)
            secondArguments.append(second)
            specifications.append(specification)
            accumulators.append(accumulator)
            fields.append(Field(aggregate.name, accumulator.type))
        }
        groupKeys = keys
        self.arguments = arguments
        self.secondArguments = secondArguments
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
        guard let result = output, position < result.rowCount else {
            output = Batch(rowCount: 0)
            return nil
        }
        let rows = context.options.batchRowsMax
        if position == 0 && (result.rowCount <= rows || result.columns.isEmpty) {
            position = result.rowCount
            return result
        }
        let end = min(result.rowCount, position + rows)
        defer { position = end }
        return result.slice(position..<end)
    }

    private func aggregateAll() throws(ExecutionError) -> Batch {
        let parallelism = context.options.parallelism
        let keys = groupKeys
        let keySchema = keySchema
        let arguments = arguments
        let secondArguments = secondArguments
        let specifications = specifications
        if keys.isEmpty { _ = try table.assign(EncodedKeys(data: [], offsets: [0, 0]), keyBatch: Batch(rowCount: 1)) }
        var finished = false
        // Partial tables pay off when morsels repeat keys; when most rows of a morsel are new groups, merging them
        // inserts every key twice, so later rounds only prepare morsels in parallel and insert them directly. The
        // first round is the first morsel alone, so the choice (and the float sums' association) never depends
        // on the parallelism.
        var direct = false
        var firstRound = true
        while !finished {
            var morsels: [Batch] = []
            while morsels.count < (firstRound ? 1 : max(1, parallelism)) {
                guard let batch = try children[0].next() else {
                    finished = true
                    break
                }
                if batch.rowCount > 0 { morsels.append(batch) }
            }
            if morsels.isEmpty { break }
            let deciding = firstRound
            firstRound = false
            if direct {
                let prepared = try MorselScheduler.map(morsels, parallelism: parallelism) {
                    batch throws(ExecutionError) in
                    try PreparedMorsel(
                        batch, keys: keys, keySchema: keySchema, arguments: arguments, secondArguments: secondArguments)
                }
                for morsel in prepared { try morsel.accumulate(into: table) }
            } else {
                let partials = try MorselScheduler.map(morsels, parallelism: parallelism) {
                    batch throws(ExecutionError) in
                    var accumulators: [any Accumulator] = []
                    for specification in specifications {
                        accumulators.append(try AccumulatorFactory.make(specification))
                    }
                    let partial = GroupTable(accumulators: accumulators)
                    try HashAggregateOperator.accumulate(
                        batch, into: partial, keys: keys, keySchema: keySchema, arguments: arguments,
                        secondArguments: secondArguments)
                    return partial
                }
                let partialBytes = partials.reduce(0) { $0 + $1.estimatedBytes }
                try context.memory.reserve(partialBytes, for: "hash aggregate")
                defer { context.memory.release(partialBytes) }
                for partial in partials { try table.merge(partial) }
                if deciding {
                    let rows = morsels[0].rowCount
                    direct = !keys.isEmpty && partials[0].groupCount * 10 > rows * 9 && rows >= 256
                }
            }
            let grown = table.estimatedBytes - reservedBytes
            try context.memory.reserve(grown, for: "hash aggregate")
            reservedBytes += max(0, grown)
        }
        let columns = try table.finish(keySchema: keySchema)
        if columns.isEmpty { return Batch(rowCount: table.groupCount) }
        return Batch(schema: schema, columns: columns)
    }

    /// The bound arguments of `aggregate` and the specification of its accumulators.
    /// - Throws: `invalidArgument` for a missing argument, a second argument the function does not take, a
    ///   string_agg separator that is not a constant string, or DISTINCT on COUNT(*), arg_min or arg_max.
    static func bind(_ aggregate: AggregateExpression, schema: Schema) throws(ExecutionError) -> (
        argument: BoundExpression?, second: BoundExpression?, specification: AggregateSpecification
    ) {
        let function = aggregate.function
        var argument: BoundExpression? = nil
        if function != .countRows, let expression = aggregate.argument {
            argument = try expression.bound(to: schema)
        }
        guard function == .countRows || argument != nil else {
            throw .invalidArgument(function: function.rawValue, reason: "needs an argument")
        }
        if function == .stringAgg, let text = argument, text.type != .utf8 {
            guard CastKernel.isSupported(from: text.type, to: .utf8) else {
                throw .typeMismatch("string_agg cannot render \(text.type)")
            }
            argument = text.casting(to: .utf8)
        }
        if aggregate.distinct && (function == .countRows || function == .argMin || function == .argMax) {
            throw .invalidArgument(function: function.rawValue, reason: "does not take DISTINCT")
        }
        var second: BoundExpression? = nil
        var separator = Array(",".utf8)
        if let expression = aggregate.secondArgument {
            guard function.takesSecondArgument else {
                throw .invalidArgument(function: function.rawValue, reason: "takes one argument")
            }
            let bound = try expression.bound(to: schema)
            if function == .stringAgg {
                switch bound.node {
                case .literal(.string(let text)): separator = Array(text.utf8)
                case .literal(.null): separator = []
                default:
                    throw .invalidArgument(function: "string_agg", reason: "the separator must be a constant string")
                }
            } else {
                try bound.type.requireFlat(function.rawValue)
                second = bound
            }
        } else if function == .argMin || function == .argMax {
            throw .invalidArgument(function: function.rawValue, reason: "needs a second argument")
        }
        let specification = AggregateSpecification(
            function: function, argument: argument?.type, secondArgument: second?.type, distinct: aggregate.distinct,
            separator: separator)
        return (argument, second, specification)
    }

    static func accumulate(
        _ batch: Batch, into table: GroupTable, keys: [BoundExpression], keySchema: Schema,
        arguments: [BoundExpression?], secondArguments: [BoundExpression?]
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
        for (index, accumulator) in table.accumulators.enumerated() {
            let column = try arguments[index]?.evaluate(batch)
            let second = try secondArguments[index]?.evaluate(batch)
            try accumulator.update(groups: groups, argument: column, secondArgument: second, rowCount: batch.rowCount)
        }
    }
}
