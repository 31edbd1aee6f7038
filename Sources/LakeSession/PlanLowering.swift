import LakeColumnar
import LakeExec
import LakeParquet
import LakeSQL

/// Turns an optimized LakeSQL plan into a LakeExec plan over the session's table sources.
///
/// Column references stay ordinals. Every node whose output types the executor infers on its own (projections,
/// aggregates, windows, constant rows) gets its columns converted to the binder's types, so the executor's result
/// has exactly the schema the binder promised. Scans read the projected columns plus those their filters need,
/// prune files and row groups with the filters that compare a column with a constant, and apply all filters
/// exactly above the scan.
///
/// Spec: spec/session.md (lowering)
struct PlanLowering {
    let session: LakeSession
    let expressions: ExpressionLowering

    init(session: LakeSession, statementStartMicros: Int64? = nil) {
        self.session = session
        expressions = ExpressionLowering(
            statementStartMicros: statementStartMicros ?? session.clock.nowMillis() * 1_000)
    }

    func lower(_ plan: LakeSQL.LogicalPlan) throws(SessionError) -> LakeExec.LogicalPlan {
        switch plan {
        case .scan(let table, let tableSchema, let columns, let filters):
            return try lowerScan(table, tableSchema: tableSchema, columns: columns, filters: filters)
        case .filter(let input, let predicate):
            return .filter(try lower(input), try expressions.lower(predicate))
        case .project(let input, let items):
            var named: [NamedExpression] = []
            for item in items { named.append(NamedExpression(try expressions.lowerTyped(item.expression), as: item.name)) }
            return .project(try lower(input), named)
        case .aggregate(let input, let keys, let aggregates):
            return try lowerAggregate(input, keys: keys, aggregates: aggregates, output: plan.schema)
        case .join(let kind, let left, let right, let equiKeys, let residual):
            var keys: [JoinKey] = []
            for key in equiKeys {
                keys.append(JoinKey(try expressions.lower(key.left), try expressions.lower(key.right)))
            }
            return .join(
                try lower(left), try lower(right), on: keys, type: try Self.joinType(kind),
                residual: try residual.map { (condition) throws(SessionError) in try expressions.lower(condition) })
        case .sort(let input, let keys):
            return .sort(try lower(input), try sortKeys(keys))
        case .limit(let input, let count, let offset):
            return .limit(
                try lower(input), limit: count.map { Int(clamping: $0) }, offset: Int(clamping: offset))
        case .distinct(let input, let keys):
            guard !keys.isEmpty else { return .distinct(try lower(input)) }
            return try lowerDistinctOn(input, keys: keys)
        case .union(let left, let right, let isAll):
            let both = LakeExec.LogicalPlan.unionAll([try lower(left), try lower(right)])
            return isAll ? both : .distinct(both)
        case .window(let input, let calls):
            return try lowerWindow(input, calls: calls, output: plan.schema)
        case .values(let rows, let schema):
            return try lowerValues(rows, schema: schema)
        }
    }

    // MARK: - Scans

    private func lowerScan(
        _ table: TableHandle, tableSchema: Schema, columns: [Int], filters: [LakeSQL.BoundExpression]
    ) throws(SessionError) -> LakeExec.LogicalPlan {
        var read = columns
        for filter in filters {
            for column in Self.referencedColumns(filter) where !read.contains(column) { read.append(column) }
        }
        let names = read.map { tableSchema.fields[$0].name }
        let schema = Schema(read.map { tableSchema.fields[$0] })
        let predicates = filters.flatMap { ParquetPredicateTranslation.pruning($0, schema: tableSchema) }
        // Readers may drop rows early by these predicates, except on float columns, where the SQL order of NaN
        // differs from the readers' (the exact filter above the scan still runs either way).
        let filterRows = predicates.allSatisfy { predicate in
            guard let index = tableSchema.index(of: predicate.column) else { return false }
            let type = tableSchema.fields[index].type
            return type != .float32 && type != .float64
        }
        let catalog = session.catalog
        let label = table.description
        var plan = LakeExec.LogicalPlan.scan(name: label, schema: schema) {
            do throws(SessionError) {
                return try catalog.makeSource(
                    table, columns: names, predicates: predicates, filterRows: filterRows && !predicates.isEmpty)
            } catch {
                return FailedBatchSource(schema: schema, error: error)
            }
        }
        if let predicate = LakeSQL.BoundExpression.conjunction(filters) {
            let position = Dictionary(uniqueKeysWithValues: read.enumerated().map { ($1, $0) })
            plan = .filter(plan, try expressions.lower(predicate.mappingColumns { position[$0] ?? $0 }))
        }
        if read.count > columns.count {
            plan = .project(
                plan, columns.indices.map { NamedExpression(.columnIndex($0), as: tableSchema.fields[columns[$0]].name) })
        }
        return plan
    }

    /// Ordinals of the columns `expression` reads.
    static func referencedColumns(_ expression: LakeSQL.BoundExpression) -> [Int] {
        var columns: [Int] = []
        _ = expression.mappingColumns { column in
            if !columns.contains(column) { columns.append(column) }
            return column
        }
        return columns
    }

    // MARK: - Aggregates and windows

    private func lowerAggregate(
        _ input: LakeSQL.LogicalPlan, keys: [ProjectionItem], aggregates: [AggregateCall], output: Schema
    ) throws(SessionError) -> LakeExec.LogicalPlan {
        var groupBy: [NamedExpression] = []
        for key in keys { groupBy.append(NamedExpression(try expressions.lowerTyped(key.expression), as: key.name)) }
        var lowered: [AggregateExpression] = []
        for call in aggregates { lowered.append(try aggregate(call)) }
        return converted(.aggregate(try lower(input), groupBy: groupBy, aggregates: lowered), to: output)
    }

    private func aggregate(_ call: AggregateCall) throws(SessionError) -> AggregateExpression {
        var arguments: [LakeExec.Expression] = []
        for argument in call.arguments { arguments.append(try expressions.lower(argument)) }
        if let filter = call.filter, !arguments.isEmpty || call.function == "count" {
            // `agg(x) FILTER (WHERE p)` aggregates `CASE WHEN p THEN x END`; `count(*)` counts `CASE WHEN p THEN 1`.
            let condition = try expressions.lower(filter)
            let first = arguments.first ?? .literal(.int(1), .int64)
            let guarded = LakeExec.Expression.caseWhen([WhenClause(condition, then: first)], otherwise: nil)
            if arguments.isEmpty { arguments = [guarded] } else { arguments[0] = guarded }
        }
        var function = try Self.aggregateFunction(call.function, counting: arguments.isEmpty)
        if function == .count && call.isDistinct { function = .countDistinct }
        let distinct = call.isDistinct && function != .countDistinct && function != .min && function != .max
        return AggregateExpression(
            function, arguments.first, arguments.count > 1 ? arguments[1] : nil, distinct: distinct, as: call.name)
    }

    private func lowerWindow(_ input: LakeSQL.LogicalPlan, calls: [WindowCall], output: Schema) throws(SessionError)
        -> LakeExec.LogicalPlan
    {
        var windows: [WindowExpression] = []
        for call in calls {
            var partitionBy: [LakeExec.Expression] = []
            for key in call.partitionBy { partitionBy.append(try expressions.lower(key)) }
            windows.append(
                WindowExpression(
                    try windowFunction(call), partitionBy: partitionBy, orderBy: try sortKeys(call.orderBy),
                    as: call.name))
        }
        return converted(.window(try lower(input), windows), to: output)
    }

    private func windowFunction(_ call: WindowCall) throws(SessionError) -> WindowFunction {
        var arguments: [LakeExec.Expression] = []
        for argument in call.arguments { arguments.append(try expressions.lower(argument)) }
        /// The constant integer argument at `index` (lag/lead offsets, ntile buckets, nth_value's n).
        func constant(_ index: Int, default fallback: Int) throws(SessionError) -> Int {
            guard index < call.arguments.count else { return fallback }
            guard case .int(let value)? = call.arguments[index].literalValue, value >= 0, value <= Int64(Int32.max)
            else { throw .unsupported("\(call.function) with an argument that is not a non-negative constant") }
            return Int(value)
        }
        switch call.function {
        case "row_number": return .rowNumber
        case "rank": return .rank
        case "dense_rank": return .denseRank
        case "percent_rank": return .percentRank
        case "cume_dist": return .cumeDist
        case "ntile": return .ntile(try constant(0, default: 1))
        case "lag", "lead":
            guard let value = arguments.first else { throw .invalidArgument("\(call.function) needs an argument") }
            let offset = try constant(1, default: 1)
            let fallback = arguments.count > 2 ? arguments[2] : nil
            return call.function == "lag"
                ? .lag(value, offset: offset, default: fallback) : .lead(value, offset: offset, default: fallback)
        case "nth_value":
            guard let value = arguments.first else { throw .invalidArgument("nth_value needs an argument") }
            return .nthValue(
                value, try constant(1, default: 1), frame: try windowFrame(call.frame, ordered: !call.orderBy.isEmpty))
        default:
            guard call.filter == nil, !call.isDistinct else {
                throw .unsupported("FILTER or DISTINCT in the window function \(call.function)")
            }
            let frame = try windowFrame(call.frame, ordered: !call.orderBy.isEmpty)
            let name = call.function == "first_value" ? "first" : call.function == "last_value" ? "last" : call.function
            return .aggregate(try Self.aggregateFunction(name, counting: arguments.isEmpty), arguments.first, frame: frame)
        }
    }

    /// A frame as signed row offsets from the current row (nil: unbounded); RANGE frames only with unbounded or
    /// current-row ends (a current-row end takes in the row's peers).
    /// The executor's aggregate for a SQL aggregate name; `count` without arguments (`counting`) is COUNT(*).
    static func aggregateFunction(_ name: String, counting: Bool) throws(SessionError) -> AggregateFunction {
        if name == "count" { return counting ? .countRows : .count }
        let byName: [String: AggregateFunction] = [
            "sum": .sum, "avg": .avg, "min": .min, "max": .max, "stddev_samp": .stddevSample,
            "var_samp": .varianceSample, "stddev_pop": .stddevPopulation, "var_pop": .variancePopulation,
            "first": .first, "last": .last, "any_value": .anyValue, "bool_and": .boolAnd, "bool_or": .boolOr,
            "string_agg": .stringAgg, "arg_min": .argMin, "arg_max": .argMax,
        ]
        guard let function = byName[name] else { throw .unsupported("the aggregate \(name) in the executor") }
        return function
    }

    private func windowFrame(_ frame: WindowCall.Frame?, ordered: Bool) throws(SessionError) -> LakeExec.WindowFrame {
        guard let frame else { return ordered ? .runningRange : .partition }
        let unsupported = SessionError.unsupported("the window frame \(frame) in the executor")
        func offset(_ bound: WindowCall.FrameBound) throws(SessionError) -> Int? {
            switch bound {
            case .unboundedPreceding, .unboundedFollowing: return nil
            case .currentRow: return 0
            case .preceding(let rows), .following(let rows):
                guard frame.unit == .rows, case .int(let count)? = rows.literalValue, count >= 0,
                    count <= Int64(Int32.max)
                else { throw unsupported }
                if case .preceding = bound { return -Int(count) }
                return Int(count)
            case .precedingInterval, .followingInterval:
                throw unsupported
            }
        }
        return LakeExec.WindowFrame(
            start: try offset(frame.start), end: try offset(frame.end), extendsToPeers: frame.unit == .range)
    }

    // MARK: - Other nodes

    private func sortKeys(_ keys: [LakeSQL.SortKey]) throws(SessionError) -> [LakeExec.SortKey] {
        var lowered: [LakeExec.SortKey] = []
        for key in keys {
            lowered.append(
                LakeExec.SortKey(
                    try expressions.lower(key.expression), ascending: !key.isDescending, nullsFirst: key.nullsFirst))
        }
        return lowered
    }

    /// `DISTINCT ON (keys)`: the first row of each group of equal keys, in input order — a hash aggregate taking
    /// `first` of every column (all from the group's first row), its columns put back in input order.
    private func lowerDistinctOn(_ input: LakeSQL.LogicalPlan, keys: [LakeSQL.BoundExpression]) throws(SessionError)
        -> LakeExec.LogicalPlan
    {
        let fields = input.schema.fields
        var groupBy: [NamedExpression] = []
        for (index, key) in keys.enumerated() {
            groupBy.append(NamedExpression(try expressions.lower(key), as: "__distinct_on_key\(index)"))
        }
        let firsts = fields.indices.map { AggregateExpression(.first, .columnIndex($0), as: fields[$0].name) }
        let grouped = LakeExec.LogicalPlan.aggregate(try lower(input), groupBy: groupBy, aggregates: firsts)
        return .project(
            grouped, fields.indices.map { NamedExpression(.columnIndex(keys.count + $0), as: fields[$0].name) })
    }

    private func lowerValues(_ rows: [[LakeSQL.BoundExpression]], schema: Schema) throws(SessionError) -> LakeExec.LogicalPlan {
        let empty = Schema([])
        let oneRow = LakeExec.LogicalPlan.scan(name: "values", schema: empty) {
            InMemoryBatchSource(schema: empty, batches: [Batch(rowCount: 1)])
        }
        var plans: [LakeExec.LogicalPlan] = []
        for row in rows {
            var items: [NamedExpression] = []
            for (index, value) in row.enumerated() {
                let name = index < schema.fields.count ? schema.fields[index].name : "column\(index + 1)"
                let type = index < schema.fields.count ? schema.fields[index].type : value.type
                items.append(NamedExpression(.cast(try expressions.lower(value), type), as: name))
            }
            plans.append(.project(oneRow, items))
        }
        guard plans.count > 1 else {
            return plans.first ?? .limit(.project(oneRow, schema.fields.map {
                NamedExpression(.literal(.null, $0.type), as: $0.name)
            }), limit: 0, offset: 0)
        }
        return .unionAll(plans)
    }

    /// `plan`'s columns converted to `schema`'s types and named by it.
    private func converted(_ plan: LakeExec.LogicalPlan, to schema: Schema) -> LakeExec.LogicalPlan {
        .project(
            plan, schema.fields.enumerated().map { NamedExpression(.cast(.columnIndex($0), $1.type), as: $1.name) })
    }

    static func joinType(_ kind: LakeSQL.Join.Kind) throws(SessionError) -> JoinType {
        switch kind {
        case .inner, .cross: .inner
        case .left: .left
        case .right: .right
        case .full: .full
        case .semi: .semi
        case .anti: .anti
        }
    }
}
