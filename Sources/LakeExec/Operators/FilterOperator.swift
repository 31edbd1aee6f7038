import LakeColumnar

/// Keeps the rows whose predicate is true (false and null rows are dropped). Morsel-parallel; order preserved.
public final class FilterOperator: PhysicalOperator {
    public let schema: Schema
    public let label: String
    public let children: [any PhysicalOperator]
    private var stream: OrderedMorselStream

    /// - Throws: binding errors; `typeMismatch` when the predicate is not bool.
    public init(_ child: any PhysicalOperator, predicate: Expression, context: ExecutionContext) throws(ExecutionError)
    {
        let bound = try predicate.bound(to: child.schema).requiringBool("filter")
        schema = child.schema
        children = [child]
        label = "Filter \(ExpressionText.render(predicate))"
        stream = OrderedMorselStream(parallelism: context.options.parallelism) { batch throws(ExecutionError) in
            try FilterOperator.apply(bound, to: batch)
        }
    }

    static func apply(_ predicate: BoundExpression, to batch: Batch) throws(ExecutionError) -> Batch {
        let mask = try predicate.evaluate(batch)
        guard case .bool(let flags) = mask.values else { throw .typeMismatch("filter predicate is not bool") }
        var rows: [Int] = []
        rows.reserveCapacity(flags.count)
        if let validity = mask.validity {
            for row in 0..<flags.count where flags[row] && validity[row] { rows.append(row) }
        } else {
            for row in 0..<flags.count where flags[row] { rows.append(row) }
        }
        return rows.count == batch.rowCount ? batch : batch.taking(rows)
    }

    public func next() throws(ExecutionError) -> Batch? {
        try stream.next(from: children[0])
    }
}
