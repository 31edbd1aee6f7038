import LakeCore
import LakeSQL

/// Builds random syntax trees of the shapes the parser produces, to check that the formatter writes every shape
/// (any nesting of operators, predicates, calls, subqueries) as text that parses back to the same tree.
struct RandomSyntaxTree {
    var random: SeededGenerator
    /// Depth budget left; at zero only leaves are built.
    private var budget: Int

    init(seed: UInt64, depth: Int) {
        random = SeededGenerator(seed: seed)
        budget = depth
    }

    private static let names: [Identifier] = [
        "a", "b", "price", "t", "version", "date", "history", "zorder", Identifier("x y", isQuoted: true),
        Identifier("select", isQuoted: true), Identifier("A\"b", isQuoted: true), Identifier("b", isQuoted: true),
    ]
    private static let functions = ["lower", "coalesce", "lag", "sum", "date_trunc", "replace", "left"]
    private static let types = [
        TypeName("INT"), TypeName("DECIMAL", parameters: [18, 2]), TypeName("DOUBLE PRECISION"), TypeName("VARCHAR"),
        TypeName("TIMESTAMP WITH TIME ZONE"), TypeName("DATE"),
    ]

    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    private mutating func count(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func name() -> Identifier { pick(Self.names) }

    mutating func objectName() -> ObjectName { ObjectName((0..<count(1...3)).map { _ in name() }) }

    mutating func literal() -> Literal {
        switch count(0...9) {
        case 0: .null
        case 1: .boolean(chance(50))
        case 2: .integer(Int64.random(in: 0...Int64.max, using: &random))
        case 3: .decimal(pick(["1.50", ".5", "7.", "99999999999999999999"]))
        case 4: .double(pick([1e300, 2.5e-7, 1000.0, 0.1]))
        case 5: .string(pick(["", "it's", "a\nb", "'quoted'"]))
        case 6: .typed(TypeName(pick(["DATE", "TIMESTAMP"])), "2024-02-29")
        case 7:
            .interval(
                IntervalLiteral(
                    components: (0..<count(1...3)).map { _ in
                        .init(
                            quantity: Int64(count(-3...3)), unit: pick(DateTimeField.allCases.filter(\.isIntervalUnit)))
                    }))
        default: .integer(Int64(count(0...100)))
        }
    }

    mutating func expression() -> Expression {
        guard budget > 0, chance(75) else {
            return chance(50) ? Expression(.literal(literal())) : Expression(.column(objectName()))
        }
        budget -= 1
        defer { budget += 1 }
        let kind: Expression.Kind
        switch count(0...17) {
        case 0: kind = .unary(pick([.not, .negate, .plus]), expression())
        case 1, 2, 3: kind = .binary(pick(BinaryOperator.allCases), expression(), expression())
        case 4: kind = .isNull(expression(), negated: chance(50))
        case 5: kind = .isDistinctFrom(expression(), expression(), negated: chance(50))
        case 6: kind = .inList(expression(), (0..<count(1...3)).map { _ in expression() }, negated: chance(50))
        case 7: kind = .between(expression(), low: expression(), high: expression(), negated: chance(50))
        case 8:
            kind = .like(expression(), pattern: expression(), caseInsensitive: chance(50), negated: chance(50))
        case 9:
            kind = .caseWhen(
                CaseExpression(
                    operand: chance(50) ? expression() : nil,
                    branches: (0..<count(1...3)).map { _ in .init(when: expression(), then: expression()) },
                    elseResult: chance(50) ? expression() : nil))
        case 10: kind = chance(50) ? .cast(expression(), pick(Self.types)) : .tryCast(expression(), pick(Self.types))
        case 11: kind = .function(functionCall())
        case 12: kind = .extract(pick(DateTimeField.allCases), expression())
        case 13: kind = .subquery(query())
        case 14: kind = .exists(query())
        case 15: kind = .inSubquery(expression(), query(), negated: chance(50))
        default: kind = .literal(literal())
        }
        return Expression(kind)
    }

    private mutating func functionCall() -> FunctionCall {
        let name = ObjectName([Identifier(pick(Self.functions))])
        let isDistinct = chance(20)
        let arguments: FunctionCall.Arguments =
            !isDistinct && chance(20) ? .star : .list((0..<count(isDistinct ? 1...2 : 0...2)).map { _ in expression() })
        var window: WindowSpecification?
        if chance(40) {
            var frame: WindowFrame?
            if chance(50) {
                let bounds: [WindowFrame.Bound] = [
                    .unboundedPreceding, .preceding(expression()), .currentRow, .following(expression()),
                    .unboundedFollowing,
                ]
                frame = WindowFrame(
                    unit: chance(50) ? .rows : .range, start: pick(bounds), end: chance(50) ? pick(bounds) : nil)
            }
            window = WindowSpecification(
                partitionBy: (0..<count(0...2)).map { _ in expression() }, orderBy: orderBy(), frame: frame)
        }
        return FunctionCall(
            name: name, arguments: arguments, isDistinct: isDistinct, filter: chance(20) ? expression() : nil,
            window: window)
    }

    private mutating func orderBy() -> [OrderByItem] {
        (0..<count(0...2)).map { _ in
            OrderByItem(
                expression(), direction: pick([nil, .ascending, .descending]), nulls: pick([nil, .first, .last]))
        }
    }

    private mutating func alias() -> TableAlias? {
        chance(50) ? TableAlias(name(), columns: chance(30) ? [name(), name()] : []) : nil
    }

    mutating func tableReference() -> TableReference {
        guard budget > 0, chance(50) else {
            let table: TableIdentifier = chance(80) ? .name(objectName()) : .path("s3://bucket/t's")
            let timeTravel: TimeTravel? = pick([nil, .version(Int64(count(0...50))), .timestamp("2024-01-01")])
            return .table(table, timeTravel: timeTravel, alias: alias())
        }
        budget -= 1
        defer { budget += 1 }
        switch count(0...3) {
        case 0: return .derived(query(), alias: alias())
        case 1: return .function(objectName(), arguments: [expression()], alias: alias())
        default:
            let kind = pick([Join.Kind.inner, .left, .right, .full, .cross, .semi, .anti])
            let condition: Join.Condition? =
                kind == .cross ? nil : chance(50) ? .on(expression()) : .using([name(), name()])
            return .join(Join(kind, left: tableReference(), right: tableReference(), condition: condition))
        }
    }

    mutating func query() -> Query {
        budget -= 1
        defer { budget += 1 }
        let ctes: [CommonTableExpression] =
            budget > 0 && chance(20)
            ? [CommonTableExpression(name: name(), columns: chance(50) ? [name()] : [], query: query())] : []
        let query = Query(
            with: ctes, isRecursive: !ctes.isEmpty && chance(30), body: body(), orderBy: orderBy(),
            limit: chance(30) ? expression() : nil, offset: chance(20) ? expression() : nil)
        // `((SELECT 1))` is the query `(SELECT 1)`: the parser keeps no node for parentheses around a whole query.
        if case .parenthesized(let inner) = query.body, query.commonTableExpressions.isEmpty, query.orderBy.isEmpty,
            query.limit == nil, query.offset == nil
        {
            return inner
        }
        return query
    }

    private mutating func body() -> QueryBody {
        guard budget > 0, chance(30) else { return .select(select()) }
        budget -= 1
        defer { budget += 1 }
        switch count(0...3) {
        case 0: return .parenthesized(query())
        case 1:
            let width = count(1...3)
            return .values((0..<count(1...3)).map { _ in (0..<width).map { _ in expression() } })
        default:
            // The parser builds left-deep chains; a right operand of a set operation is only ever a primary,
            // or an INTERSECT under a UNION or EXCEPT.
            let op = pick([SetOperation.Operator.union, .intersect, .except])
            var right = QueryBody.select(select())
            if op != .intersect, chance(30) {
                right = .setOperation(
                    SetOperation(.intersect, isAll: chance(50), left: right, right: .select(select())))
            }
            var left = body()
            if op == .intersect, case .setOperation(let inner) = left, inner.op != .intersect {
                left = .parenthesized(Query(body: left))
            }
            return .setOperation(SetOperation(op, isAll: chance(50), left: left, right: right))
        }
    }

    private mutating func select() -> Select {
        let isDistinct = chance(20)
        let items: [SelectItem] = (0..<count(1...3)).map { _ in
            switch count(0...5) {
            case 0: .wildcard
            case 1: .qualifiedWildcard(objectName())
            default: .expression(expression(), alias: chance(50) ? name() : nil)
            }
        }
        return Select(
            isDistinct: isDistinct, distinctOn: isDistinct && chance(50) ? [expression()] : [], items: items,
            from: (0..<count(0...2)).map { _ in tableReference() }, where: chance(50) ? expression() : nil,
            groupBy: (0..<count(0...2)).map { _ in expression() }, having: chance(30) ? expression() : nil,
            qualify: chance(20) ? expression() : nil)
    }
}
