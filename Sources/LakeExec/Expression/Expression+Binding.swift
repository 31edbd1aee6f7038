import LakeColumnar

extension Expression {
    /// The expression resolved against `schema`: names to indices, types inferred, implicit casts inserted.
    /// - Throws: `columnNotFound`, `typeMismatch` (operands without a common type, non-bool conditions),
    ///   `unsupportedType` (nested columns), `invalidArgument` (wrong argument counts).
    public func bound(to schema: Schema) throws(ExecutionError) -> BoundExpression {
        switch self {
        case .column(let name):
            let index = try Self.resolve(name, in: schema)
            return BoundExpression(.column(index), type: schema.fields[index].type)
        case .columnIndex(let index):
            guard schema.fields.indices.contains(index) else {
                throw .columnNotFound("#\(index)", available: schema.fields.map(\.name))
            }
            return BoundExpression(.column(index), type: schema.fields[index].type)
        case .literal(let value, let type):
            let literalType = type ?? TypeRules.literalType(value)
            try literalType.requireFlat("a literal")
            if case .null = value { return BoundExpression(.literal(.null), type: literalType) }
            _ = try Column.repeating(value, type: literalType, count: 0)
            return BoundExpression(.literal(value), type: literalType)
        case .arithmetic(let op, let lhs, let rhs):
            return try Self.bindArithmetic(op, try lhs.bound(to: schema), try rhs.bound(to: schema))
        case .negate(let operand):
            let bound = try operand.bound(to: schema)
            guard bound.type.isNumeric else { throw .typeMismatch("cannot negate \(bound.type)") }
            let type = bound.type.isInteger ? DataType.int64 : bound.type == .float32 ? .float64 : bound.type
            return BoundExpression(.negate(bound.casting(to: type)), type: type)
        case .comparison(let op, let lhs, let rhs):
            return try Self.bindComparison(op, try lhs.bound(to: schema), try rhs.bound(to: schema))
        case .and(let lhs, let rhs):
            return BoundExpression(
                .and(try lhs.bound(to: schema).requiringBool("AND"), try rhs.bound(to: schema).requiringBool("AND")),
                type: .bool)
        case .or(let lhs, let rhs):
            return BoundExpression(
                .or(try lhs.bound(to: schema).requiringBool("OR"), try rhs.bound(to: schema).requiringBool("OR")),
                type: .bool)
        case .not(let operand):
            return BoundExpression(.not(try operand.bound(to: schema).requiringBool("NOT")), type: .bool)
        case .isNull(let operand, let negated):
            let bound = try operand.bound(to: schema)
            return BoundExpression(.isNull(bound, negated: negated), type: .bool)
        case .inList(let operand, let items, let negated):
            guard let first = items.first else {
                throw .invalidArgument(function: "IN", reason: "the list is empty")
            }
            var disjunction = Expression.comparison(.equal, operand, first)
            for item in items.dropFirst() { disjunction = .or(disjunction, .comparison(.equal, operand, item)) }
            return try (negated ? Expression.not(disjunction) : disjunction).bound(to: schema)
        case .between(let operand, let low, let high, let negated):
            let range = Expression.and(
                .comparison(.greaterOrEqual, operand, low), .comparison(.lessOrEqual, operand, high))
            return try (negated ? Expression.not(range) : range).bound(to: schema)
        case .caseWhen(let clauses, let otherwise):
            return try Self.bindCase(clauses, otherwise: otherwise, schema: schema)
        case .coalesce(let arguments):
            guard let last = arguments.last else {
                throw .invalidArgument(function: "coalesce", reason: "needs at least one argument")
            }
            let clauses = arguments.dropLast().map { WhenClause(.isNull($0, negated: true), then: $0) }
            return try Self.bindCase(Array(clauses), otherwise: last, schema: schema)
        case .nullIf(let lhs, let rhs):
            let boundLeft = try lhs.bound(to: schema)
            let clause = WhenClause(.comparison(.equal, lhs, rhs), then: .literal(.null, boundLeft.type))
            return try Self.bindCase([clause], otherwise: lhs, schema: schema)
        case .cast(let operand, let type), .tryCast(let operand, let type):
            var isTry = false
            if case .tryCast = self { isTry = true }
            let context = isTry ? "TRY_CAST" : "CAST"
            let bound = try operand.bound(to: schema)
            try type.requireFlat(context)
            if bound.isNullLiteral { return BoundExpression(.literal(.null), type: type) }
            try bound.type.requireFlat(context)
            guard CastKernel.isSupported(from: bound.type, to: type) else {
                throw .typeMismatch("no cast from \(bound.type) to \(type)")
            }
            if bound.type == type { return bound }
            return BoundExpression(isTry ? .tryCast(bound) : .cast(bound), type: type)
        case .function(let function, let arguments):
            var bound: [BoundExpression] = []
            for argument in arguments { bound.append(try argument.bound(to: schema)) }
            return try FunctionBinder.bind(function, bound)
        }
    }

    static func resolve(_ name: String, in schema: Schema) throws(ExecutionError) -> Int {
        if let index = schema.index(of: name) { return index }
        let folded = name.lowercased()
        let matches = schema.fields.indices.filter { schema.fields[$0].name.lowercased() == folded }
        guard matches.count == 1 else { throw .columnNotFound(name, available: schema.fields.map(\.name)) }
        return matches[0]
    }

    private static func bindArithmetic(_ op: ArithmeticOperator, _ lhs: BoundExpression, _ rhs: BoundExpression)
        throws(ExecutionError) -> BoundExpression
    {
        let left = lhs.isNullLiteral ? lhs.casting(to: rhs.isNullLiteral ? .int64 : rhs.type) : lhs
        let right = rhs.isNullLiteral ? rhs.casting(to: left.type) : rhs
        if left.type == .date32 && (op == .add || op == .subtract) && right.type.isInteger {
            return BoundExpression(
                .dateShift(left, days: right.casting(to: .int64), subtract: op == .subtract), type: .date32)
        }
        if op == .add && right.type == .date32 && left.type.isInteger {
            return BoundExpression(.dateShift(right, days: left.casting(to: .int64), subtract: false), type: .date32)
        }
        if op == .subtract && left.type == .date32 && right.type == .date32 {
            return BoundExpression(.dateDifference(left, right), type: .int64)
        }
        let result = try TypeRules.arithmeticType(op, left.type, right.type)
        let leftOperand = left.casting(to: TypeRules.arithmeticOperandType(left.type, result: result))
        let rightOperand = right.casting(to: TypeRules.arithmeticOperandType(right.type, result: result))
        return BoundExpression(.arithmetic(op, leftOperand, rightOperand), type: result)
    }

    private static func bindComparison(_ op: ComparisonOperator, _ lhs: BoundExpression, _ rhs: BoundExpression)
        throws(ExecutionError) -> BoundExpression
    {
        let common = try TypeRules.commonType(of: [lhs, rhs], context: "comparison \(op.rawValue)")
        try common.requireFlat("comparison")
        return BoundExpression(.comparison(op, lhs.casting(to: common), rhs.casting(to: common)), type: .bool)
    }

    private static func bindCase(_ clauses: [WhenClause], otherwise: Expression?, schema: Schema)
        throws(ExecutionError) -> BoundExpression
    {
        var conditions: [BoundExpression] = []
        var results: [BoundExpression] = []
        for clause in clauses {
            conditions.append(try clause.condition.bound(to: schema).requiringBool("CASE WHEN"))
            results.append(try clause.result.bound(to: schema))
        }
        let boundOtherwise = try otherwise?.bound(to: schema)
        let type = try TypeRules.commonType(of: results + (boundOtherwise.map { [$0] } ?? []), context: "CASE")
        try type.requireFlat("CASE")
        let pairs = zip(conditions, results).map { (condition: $0, result: $1.casting(to: type)) }
        let fallback = boundOtherwise?.casting(to: type) ?? BoundExpression(.literal(.null), type: type)
        return BoundExpression(.caseWhen(pairs, otherwise: fallback), type: type)
    }
}

extension BoundExpression {
    func requiringBool(_ context: String) throws(ExecutionError) -> BoundExpression {
        if isNullLiteral { return casting(to: .bool) }
        guard type == .bool else { throw .typeMismatch("\(context) needs bool, got \(type)") }
        return self
    }
}
