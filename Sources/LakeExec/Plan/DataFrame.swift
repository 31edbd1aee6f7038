import LakeColumnar

/// A lazy, immutable query builder over batch sources: each method returns a new frame with one more step, and
/// nothing runs until `collect()`.
///
/// ```swift
/// let frame = DataFrame(name: "listings", schema: schema) { InMemoryBatchSource(schema: schema, batches: batches) }
///     .filter(col("price") > lit(10))
///     .groupBy(col("symbol"))
///     .agg(AggregateExpression(.avg, col("price"), as: "average_price"))
///     .sort(SortKey(col("average_price"), ascending: false))
///     .limit(5)
/// print(frame.explain())
/// let batches = try frame.collect()
/// ```
/// Spec: spec/executor.md (DataFrame API)
public struct DataFrame: Sendable {
    public let plan: LogicalPlan

    public init(plan: LogicalPlan) {
        self.plan = plan
    }

    /// A frame over a source; `makeSource` is called once per execution.
    public init(name: String, schema: Schema, makeSource: @escaping @Sendable () -> any BatchSource) {
        plan = .scan(name: name, schema: schema, makeSource: makeSource)
    }

    /// A frame over batches in memory.
    public init(name: String, schema: Schema, batches: [Batch]) {
        plan = .scan(name: name, schema: schema) { InMemoryBatchSource(schema: schema, batches: batches) }
    }

    public func filter(_ predicate: Expression) -> DataFrame { DataFrame(plan: .filter(plan, predicate)) }

    public func select(_ expressions: [NamedExpression]) -> DataFrame { DataFrame(plan: .project(plan, expressions)) }

    /// Selects columns by name.
    public func select(_ names: String...) -> DataFrame { select(names.map(NamedExpression.column)) }

    /// Adds (or replaces) a column computed by `expression`, keeping the others.
    public func withColumn(_ name: String, _ expression: Expression) throws(ExecutionError) -> DataFrame {
        var expressions = try schema().fields.map { NamedExpression.column($0.name) }
        if let index = expressions.firstIndex(where: { $0.name == name }) {
            expressions[index] = NamedExpression(expression, as: name)
        } else {
            expressions.append(NamedExpression(expression, as: name))
        }
        return select(expressions)
    }

    /// Starts an aggregation; finish it with `agg`.
    public func groupBy(_ keys: Expression...) -> GroupedDataFrame {
        GroupedDataFrame(input: self, keys: keys.map { NamedExpression($0, as: ExpressionText.render($0)) })
    }

    public func groupBy(_ keys: [NamedExpression]) -> GroupedDataFrame { GroupedDataFrame(input: self, keys: keys) }

    /// Aggregates over all rows (one output row).
    public func agg(_ aggregates: AggregateExpression...) -> DataFrame {
        DataFrame(plan: .aggregate(plan, groupBy: [], aggregates: aggregates))
    }

    public func sort(_ keys: SortKey...) -> DataFrame { DataFrame(plan: .sort(plan, keys)) }

    public func limit(_ count: Int, offset: Int = 0) -> DataFrame {
        DataFrame(plan: .limit(plan, limit: count, offset: offset))
    }

    public func distinct() -> DataFrame { DataFrame(plan: .distinct(plan)) }

    public func unionAll(_ other: DataFrame) -> DataFrame {
        if case .unionAll(let inputs) = plan { return DataFrame(plan: .unionAll(inputs + [other.plan])) }
        return DataFrame(plan: .unionAll([plan, other.plan]))
    }

    public func join(_ other: DataFrame, on keys: [JoinKey], type: JoinType = .inner, residual: Expression? = nil)
        -> DataFrame
    {
        DataFrame(plan: .join(plan, other.plan, on: keys, type: type, residual: residual))
    }

    public func window(_ windows: WindowExpression...) -> DataFrame { DataFrame(plan: .window(plan, windows)) }

    /// The logical plan as an indented tree.
    public func explain() -> String { plan.treeText }

    /// The physical operator tree the frame would run, as an indented tree.
    public func explainPhysical(options: ExecutionOptions = ExecutionOptions()) throws(ExecutionError) -> String {
        try PlanExecutor.makeOperator(plan, context: ExecutionContext(options: options)).explain()
    }

    /// The output schema (binds the whole plan; reads no data).
    public func schema() throws(ExecutionError) -> Schema {
        try PlanExecutor.makeOperator(plan, context: ExecutionContext()).schema
    }

    /// Runs the plan and returns every output batch.
    public func collect(options: ExecutionOptions = ExecutionOptions()) throws(ExecutionError) -> [Batch] {
        try PlanExecutor.makeOperator(plan, context: ExecutionContext(options: options)).collect()
    }
}

/// A frame with group keys, waiting for its aggregates.
public struct GroupedDataFrame: Sendable {
    let input: DataFrame
    let keys: [NamedExpression]

    public func agg(_ aggregates: AggregateExpression...) -> DataFrame {
        DataFrame(plan: .aggregate(input.plan, groupBy: keys, aggregates: aggregates))
    }

    public func agg(_ aggregates: [AggregateExpression]) -> DataFrame {
        DataFrame(plan: .aggregate(input.plan, groupBy: keys, aggregates: aggregates))
    }
}
