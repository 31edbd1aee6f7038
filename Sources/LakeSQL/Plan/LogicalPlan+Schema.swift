import LakeColumnar

extension LogicalPlan {
    /// The columns this node outputs, in order.
    ///
    /// - Complexity: O(depth of the tree + columns); nodes do not cache it.
    public var schema: Schema {
        switch self {
        case .scan(_, let tableSchema, let columns, _):
            return Schema(columns.map { tableSchema.fields[$0] })
        case .filter(let input, _), .sort(let input, _), .limit(let input, _, _), .distinct(let input, _):
            return input.schema
        case .project(let input, let items):
            let inputSchema = input.schema
            return Schema(
                items.map { Field($0.name, $0.expression.type, nullable: $0.expression.isNullable(in: inputSchema)) })
        case .aggregate(let input, let keys, let aggregates):
            let inputSchema = input.schema
            let keyFields = keys.map {
                Field($0.name, $0.expression.type, nullable: $0.expression.isNullable(in: inputSchema))
            }
            let aggregateFields = aggregates.map { Field($0.name, $0.type, nullable: $0.function != "count") }
            return Schema(keyFields + aggregateFields)
        case .join(let kind, let left, let right, _, _):
            var leftFields = left.schema.fields
            switch kind {
            case .semi, .anti: return Schema(leftFields)
            default: break
            }
            var rightFields = right.schema.fields
            if kind == .left || kind == .full { rightFields = rightFields.map(Self.nullable) }
            if kind == .right || kind == .full { leftFields = leftFields.map(Self.nullable) }
            return Schema(leftFields + rightFields)
        case .union(let left, let right, _):
            let rightFields = right.schema.fields
            return Schema(
                left.schema.fields.enumerated().map { index, field in
                    var merged = field
                    if index < rightFields.count, rightFields[index].isNullable { merged.isNullable = true }
                    return merged
                })
        case .window(let input, let calls):
            return Schema(input.schema.fields + calls.map { Field($0.name, $0.type, nullable: true) })
        case .values(_, let schema):
            return schema
        }
    }

    private static func nullable(_ field: Field) -> Field {
        var copy = field
        copy.isNullable = true
        return copy
    }

    /// The node's inputs, left first.
    public var inputs: [LogicalPlan] {
        switch self {
        case .scan, .values: []
        case .filter(let input, _), .project(let input, _), .aggregate(let input, _, _), .sort(let input, _),
            .limit(let input, _, _), .distinct(let input, _), .window(let input, _):
            [input]
        case .join(_, let left, let right, _, _), .union(let left, let right, _): [left, right]
        }
    }
}

extension BoundExpression {
    /// Whether the expression may be NULL over rows of `input`: column references follow the column, literals
    /// their value, and everything else is assumed nullable.
    func isNullable(in input: Schema) -> Bool {
        switch kind {
        case .column(let index): index < input.fields.count ? input.fields[index].isNullable : true
        case .literal(let value): value == .null
        case .exists: false
        default: true
        }
    }
}
