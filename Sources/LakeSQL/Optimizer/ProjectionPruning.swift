/// Drops columns nobody reads: scans read only the columns the plan above them uses (pushed filters are over
/// the table and need no column), projections, aggregates and windows drop unused outputs, and joins pass on
/// only what their keys, residual and consumers need. The root keeps all its output columns.
///
/// Spec: spec/sql.md §8.6.
public struct ProjectionPruning: OptimizerRule {
    public var name: String { "projection pruning" }

    public init() {}

    public func apply(_ plan: LogicalPlan) -> LogicalPlan {
        prune(plan, Set(plan.schema.fields.indices)).plan
    }

    /// `plan` producing at least the `required` columns, and where each old column position went (defined for
    /// every required column).
    private func prune(_ plan: LogicalPlan, _ required: Set<Int>) -> (plan: LogicalPlan, mapping: [Int: Int]) {
        switch plan {
        case .scan(let table, let schema, let columns, let filters):
            let kept = required.sorted()
            var mapping: [Int: Int] = [:]
            for (position, old) in kept.enumerated() { mapping[old] = position }
            return (
                .scan(table: table, tableSchema: schema, columns: kept.map { columns[$0] }, filters: filters), mapping
            )
        case .filter(let input, let predicate):
            let (newInput, mapping) = prune(input, required.union(predicate.referencedColumns))
            return (.filter(newInput, predicate: remap(predicate, mapping)), mapping)
        case .project(let input, let items):
            let kept = required.sorted()
            let needed = kept.reduce(into: Set<Int>()) { $0.formUnion(items[$1].expression.referencedColumns) }
            let (newInput, inputMapping) = prune(input, needed)
            var mapping: [Int: Int] = [:]
            for (position, old) in kept.enumerated() { mapping[old] = position }
            let newItems = kept.map { ProjectionItem(remap(items[$0].expression, inputMapping), name: items[$0].name) }
            if Self.isIdentity(newItems, over: newInput) { return (newInput, mapping) }
            return (.project(newInput, newItems), mapping)
        case .aggregate(let input, let keys, let aggregates):
            let keptAggregates = required.filter { $0 >= keys.count }.map { $0 - keys.count }.sorted()
            var needed = Set<Int>()
            for key in keys { needed.formUnion(key.expression.referencedColumns) }
            for index in keptAggregates {
                for argument in aggregates[index].arguments { needed.formUnion(argument.referencedColumns) }
                if let filter = aggregates[index].filter { needed.formUnion(filter.referencedColumns) }
            }
            let (newInput, inputMapping) = prune(input, needed)
            var mapping: [Int: Int] = [:]
            for index in keys.indices { mapping[index] = index }
            for (position, index) in keptAggregates.enumerated() { mapping[keys.count + index] = keys.count + position }
            let newKeys = keys.map { ProjectionItem(remap($0.expression, inputMapping), name: $0.name) }
            let newAggregates = keptAggregates.map { index in
                var call = aggregates[index]
                call.arguments = call.arguments.map { remap($0, inputMapping) }
                call.filter = call.filter.map { remap($0, inputMapping) }
                return call
            }
            return (.aggregate(newInput, groupKeys: newKeys, aggregates: newAggregates), mapping)
        case .join(let kind, let left, let right, let keys, let residual):
            let leftWidth = left.schema.fields.count
            var leftNeeded = Set(required.filter { $0 < leftWidth })
            var rightNeeded = Set(required.filter { $0 >= leftWidth }.map { $0 - leftWidth })
            for key in keys {
                leftNeeded.formUnion(key.left.referencedColumns)
                rightNeeded.formUnion(key.right.referencedColumns)
            }
            for column in residual?.referencedColumns ?? [] {
                if column < leftWidth { leftNeeded.insert(column) } else { rightNeeded.insert(column - leftWidth) }
            }
            let (newLeft, leftMapping) = prune(left, leftNeeded)
            let (newRight, rightMapping) = prune(right, rightNeeded)
            let newLeftWidth = newLeft.schema.fields.count
            var mapping = leftMapping
            for (old, new) in rightMapping { mapping[old + leftWidth] = new + newLeftWidth }
            let newKeys = keys.map {
                EquiJoinKey(left: remap($0.left, leftMapping), right: remap($0.right, rightMapping))
            }
            return (
                .join(kind, newLeft, newRight, equiKeys: newKeys, residual: residual.map { remap($0, mapping) }),
                mapping
            )
        case .sort(let input, let keys):
            let needed = keys.reduce(into: required) { $0.formUnion($1.expression.referencedColumns) }
            let (newInput, mapping) = prune(input, needed)
            return (
                .sort(
                    newInput,
                    keys.map { key in
                        var copy = key
                        copy.expression = remap(key.expression, mapping)
                        return copy
                    }), mapping
            )
        case .limit(let input, let count, let offset):
            let (newInput, mapping) = prune(input, required)
            return (.limit(newInput, count: count, offset: offset), mapping)
        case .distinct(let input, let keys):
            let all = Set(input.schema.fields.indices)
            let needed = keys.isEmpty ? all : keys.reduce(into: required) { $0.formUnion($1.referencedColumns) }
            let (newInput, mapping) = prune(input, needed)
            return (.distinct(newInput, on: keys.map { remap($0, mapping) }), mapping)
        case .union(let left, let right, let isAll):
            // Both sides must keep the same columns in the same places: prune inside, keep every output.
            let (newLeft, _) = pruneKeepingAll(left)
            let (newRight, _) = pruneKeepingAll(right)
            return (.union(newLeft, newRight, isAll: isAll), Self.identity(plan.schema.fields.count))
        case .window(let input, let calls):
            let inputWidth = input.schema.fields.count
            let keptCalls = required.filter { $0 >= inputWidth }.map { $0 - inputWidth }.sorted()
            var needed = Set(required.filter { $0 < inputWidth })
            for index in keptCalls {
                let call = calls[index]
                for expression in call.arguments + call.partitionBy + call.orderBy.map(\.expression)
                    + (call.filter.map { [$0] } ?? [])
                {
                    needed.formUnion(expression.referencedColumns)
                }
            }
            let (newInput, inputMapping) = prune(input, needed)
            guard !keptCalls.isEmpty else { return (newInput, inputMapping) }
            let newInputWidth = newInput.schema.fields.count
            var mapping = inputMapping
            for (position, index) in keptCalls.enumerated() { mapping[inputWidth + index] = newInputWidth + position }
            let newCalls = keptCalls.map { index in
                var call = calls[index]
                call.arguments = call.arguments.map { remap($0, inputMapping) }
                call.filter = call.filter.map { remap($0, inputMapping) }
                call.partitionBy = call.partitionBy.map { remap($0, inputMapping) }
                call.orderBy = call.orderBy.map { key in
                    var copy = key
                    copy.expression = remap(key.expression, inputMapping)
                    return copy
                }
                return call
            }
            return (.window(newInput, newCalls), mapping)
        case .values:
            return (plan, Self.identity(plan.schema.fields.count))
        }
    }

    /// The plan pruned inside, with its own output unchanged.
    private func pruneKeepingAll(_ plan: LogicalPlan) -> (LogicalPlan, [Int: Int]) {
        let width = plan.schema.fields.count
        let (pruned, mapping) = prune(plan, Set(0..<width))
        if (0..<width).allSatisfy({ mapping[$0] == $0 }) && pruned.schema.fields.count == width {
            return (pruned, mapping)
        }
        let items = (0..<width).map { index in
            ProjectionItem(
                .column(mapping[index] ?? index, plan.schema.fields[index].type), name: plan.schema.fields[index].name)
        }
        return (.project(pruned, items), Self.identity(width))
    }

    private func remap(_ expression: BoundExpression, _ mapping: [Int: Int]) -> BoundExpression {
        expression.mappingColumns { old in
            guard let new = mapping[old] else {
                preconditionFailure("pruning dropped column \(old), which is still read")
            }
            return new
        }
    }

    private static func identity(_ width: Int) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: (0..<width).map { ($0, $0) })
    }

    /// A projection that returns its input's columns unchanged, names included.
    private static func isIdentity(_ items: [ProjectionItem], over input: LogicalPlan) -> Bool {
        let fields = input.schema.fields
        guard items.count == fields.count else { return false }
        return items.enumerated().allSatisfy { index, item in
            item.expression.kind == .column(index) && item.name == fields[index].name
        }
    }
}
