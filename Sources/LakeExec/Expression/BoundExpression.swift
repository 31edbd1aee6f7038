import LakeColumnar

/// An expression resolved against an input schema: columns are indices, every node knows its result type, and
/// implicit casts are explicit nodes. Produced by `Expression.bound(to:)`; evaluated by `evaluate(_:)`.
///
/// Spec: spec/executor.md (expressions, type rules)
public struct BoundExpression: Sendable {
    /// The type of the values the expression produces.
    public let type: DataType
    let node: Node

    init(_ node: Node, type: DataType) {
        self.node = node
        self.type = type
    }

    indirect enum Node: Sendable {
        case column(Int)
        case literal(Value)
        /// Integer operands are int64, floating-point operands float64, decimal operands decimals (scales may differ).
        /// `/` of integers binds to float64 operands; `//` has int64 operands and result.
        case arithmetic(ArithmeticOperator, BoundExpression, BoundExpression)
        case negate(BoundExpression)
        /// date32 plus or minus an int64 number of days.
        case dateShift(BoundExpression, days: BoundExpression, subtract: Bool)
        /// date32 minus date32, in days.
        case dateDifference(BoundExpression, BoundExpression)
        /// Operands have the same type.
        case comparison(ComparisonOperator, BoundExpression, BoundExpression)
        case and(BoundExpression, BoundExpression)
        case or(BoundExpression, BoundExpression)
        case not(BoundExpression)
        case isNull(BoundExpression, negated: Bool)
        /// Conditions are bool; results and `otherwise` have the node's type.
        case caseWhen([(condition: BoundExpression, result: BoundExpression)], otherwise: BoundExpression)
        case cast(BoundExpression)
        /// A cast whose failing values become null.
        case tryCast(BoundExpression)
        case function(ScalarFunction, [BoundExpression])
    }

    /// Whether this is a literal null (typed or not), which adapts to the type its context needs.
    var isNullLiteral: Bool {
        if case .literal(.null) = node { return true }
        return false
    }

    /// The expression as `target`, with a cast node when the type differs (a null literal is retyped).
    func casting(to target: DataType) -> BoundExpression {
        if type == target { return self }
        if isNullLiteral { return BoundExpression(.literal(.null), type: target) }
        return BoundExpression(.cast(self), type: target)
    }
}
