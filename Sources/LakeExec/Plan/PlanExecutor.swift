import LakeColumnar

/// Turns a logical plan into a tree of physical operators.
///
/// Rewrites while planning: a sort directly under a limit becomes a top-N; a limit of zero rows still plans its
/// input (so binding errors surface) but pulls nothing.
public enum PlanExecutor {
    public static func makeOperator(_ plan: LogicalPlan, context: ExecutionContext) throws(ExecutionError)
        -> any PhysicalOperator
    {
        switch plan {
        case .scan(let name, _, let makeSource):
            return ScanOperator(makeSource(), name: name)
        case .filter(let input, let predicate):
            return try FilterOperator(try makeOperator(input, context: context), predicate: predicate, context: context)
        case .project(let input, let expressions):
            return try ProjectOperator(
                try makeOperator(input, context: context), expressions: expressions, context: context)
        case .aggregate(let input, let groupBy, let aggregates):
            return try HashAggregateOperator(
                try makeOperator(input, context: context), groupBy: groupBy, aggregates: aggregates, context: context)
        case .sort(let input, let keys):
            return try SortOperator(try makeOperator(input, context: context), keys: keys, context: context)
        case .limit(.sort(let input, let keys), let limit?, let offset):
            return try TopNOperator(
                try makeOperator(input, context: context), keys: keys, limit: limit, offset: offset, context: context)
        case .limit(let input, let limit, let offset):
            return LimitOperator(try makeOperator(input, context: context), limit: limit, offset: offset)
        case .distinct(let input):
            return DistinctOperator(try makeOperator(input, context: context), context: context)
        case .unionAll(let inputs):
            var children: [any PhysicalOperator] = []
            for input in inputs { children.append(try makeOperator(input, context: context)) }
            return try UnionAllOperator(children)
        case .join(let left, let right, let keys, let type, let residual):
            return try HashJoinOperator(
                left: try makeOperator(left, context: context), right: try makeOperator(right, context: context),
                on: keys.map { ($0.left, $0.right) }, type: type, residual: residual, context: context)
        case .window(let input, let windows):
            return try WindowOperator(try makeOperator(input, context: context), windows: windows, context: context)
        }
    }
}
