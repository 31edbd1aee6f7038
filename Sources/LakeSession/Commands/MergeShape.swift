import LakeColumnar
import LakeSQL
import LakeTable

/// A MERGE statement recognised as one of the shapes LakeTable's merge by key implements, with the plan that
/// computes the rows to hand it.
///
/// Supported: an ON condition made only of equalities `target.k = <source value>` (target columns, not converted),
/// then at most one `WHEN MATCHED [AND c] THEN UPDATE SET ...` (not of a key column) and at most one `WHEN NOT
/// MATCHED [AND c] THEN INSERT ...` whose key columns get the source values of the ON condition. Insert only maps
/// to `MergeMode.insertMissing`; update (with or without insert) to `.upsert` with whole new rows, computed by the
/// executor over `target RIGHT JOIN source` (`INNER` without an insert clause). DELETE actions, `NOT MATCHED BY
/// SOURCE` and other ON conditions have no LakeTable operation and are refused with what is missing.
///
/// Spec: spec/session.md (commands)
struct MergeShape: Sendable {
    /// Names of the key columns, in ON order.
    var keyColumns: [String]
    var mode: MergeMode
    var joinKind: Join.Kind
    var source: LogicalPlan
    var joinKeys: [EquiJoinKey]
    /// Over the joined row (target columns, then source columns): which joined rows become rows to merge.
    var filter: BoundExpression?
    /// Over the joined row: one item per target column, the row to merge.
    var items: [ProjectionItem]

    /// The plan computing the rows to merge from `targetScan` (every target column, in table order).
    func rows(over targetScan: LogicalPlan) -> LogicalPlan {
        var plan = LogicalPlan.join(joinKind, targetScan, source, equiKeys: joinKeys, residual: nil)
        if let filter { plan = .filter(plan, predicate: filter) }
        return .project(plan, items)
    }

    /// - Returns: nil when the statement has no clause (nothing to do).
    /// - Throws: `unsupported` naming what the statement needs that LakeTable's merge lacks.
    static func recognize(_ command: MergeCommand) throws(SessionError) -> MergeShape? {
        let fields = command.target.schema.fields
        let width = fields.count
        if let residual = command.residual {
            let joined = Schema(fields + command.source.schema.fields)
            throw .unsupported(
                "MERGE with the ON condition \(residual.text(in: joined)): only equalities of target columns with "
                    + "source values, joined by AND, map to a merge by key")
        }
        var keyIndices: [Int] = []
        for key in command.keys {
            guard case .column(let index) = key.left.kind, fields.indices.contains(index) else {
                let text = key.left.text(in: Schema(fields))
                throw .unsupported(
                    "MERGE whose ON condition converts or computes a target column (\(text)); the merge by key "
                        + "compares target columns as stored")
            }
            keyIndices.append(index)
        }
        guard let firstKey = keyIndices.first else {
            throw .unsupported("MERGE without an equality of a target column with a source value in ON")
        }
        var update: MergeCommand.Clause?
        var assignments: [Int: BoundExpression] = [:]
        var insert: MergeCommand.Clause?
        var insertValues: [BoundExpression] = []
        for clause in command.clauses {
            switch (clause.match, clause.action) {
            case (.matched, .update(let list)) where update == nil:
                update = clause
                for assignment in list where fields.indices.contains(assignment.column) {
                    if let position = keyIndices.firstIndex(of: assignment.column) {
                        // `SET *` assigns the key its matching source value, which changes nothing.
                        let key = command.keys[position]
                        if isKeyValue(assignment.value, key, width: width, type: fields[assignment.column].type) {
                            continue
                        }
                        throw .unsupported(
                            "MERGE ... UPDATE SET of the key column \(fields[assignment.column].name) (the merge by "
                                + "key matches rows by it)")
                    }
                    assignments[assignment.column] = assignment.value
                }
            case (.notMatched, .insert(let values)) where insert == nil:
                insert = clause
                insertValues = values
            case (.matched, .update), (.notMatched, .insert):
                throw .unsupported(
                    "MERGE with two WHEN \(clause.match.rawValue) clauses (LakeTable merges one of each)")
            case (_, .delete):
                throw .unsupported(
                    "MERGE ... WHEN \(clause.match.rawValue) THEN DELETE (LakeTable's merge has no delete)")
            case (.notMatchedBySource, _):
                throw .unsupported(
                    "MERGE ... WHEN NOT MATCHED BY SOURCE (LakeTable's merge only sees source rows)")
            default:
                throw .unsupported("MERGE ... WHEN \(clause.match.rawValue) with this action")
            }
        }
        if update == nil && insert == nil { return nil }
        if insert != nil {
            guard insertValues.count == width else {
                throw .unsupported("MERGE ... INSERT that does not give every target column a value")
            }
            for (key, index) in zip(command.keys, keyIndices) {
                guard isKeyValue(insertValues[index], key, width: width, type: fields[index].type) else {
                    throw .unsupported(
                        "MERGE ... INSERT giving the key column \(fields[index].name) another value than the one ON "
                            + "compares it with")
                }
            }
        }
        let matched = BoundExpression(
            .isNull(.column(firstKey, fields[firstKey].type), negated: true), type: .bool)
        let notMatched = BoundExpression(.unary(.not, matched), type: .bool)
        var filter: BoundExpression?
        var items: [ProjectionItem] = []
        for (index, field) in fields.enumerated() {
            let updated = assignments[index] ?? .column(index, field.type)
            let expression: BoundExpression
            switch (update, insert) {
            case (.some, .some):
                expression = BoundExpression(
                    .caseWhen(
                        [BoundCaseBranch(condition: matched, result: updated)], elseResult: insertValues[index]),
                    type: field.type)
            case (.some, nil): expression = updated
            default: expression = insertValues[index]
            }
            items.append(ProjectionItem(expression, name: field.name))
        }
        switch (update, insert) {
        case (.some(let update), .some(let insert)):
            let whenMatched = update.condition.map { and(matched, $0) } ?? matched
            let whenNotMatched = insert.condition.map { and(notMatched, $0) } ?? notMatched
            filter = BoundExpression(.binary(.or, whenMatched, whenNotMatched), type: .bool)
        case (.some(let update), nil):
            filter = update.condition
        case (nil, .some(let insert)):
            filter = insert.condition.map { and(notMatched, $0) } ?? notMatched
        case (nil, nil):
            return nil
        }
        return MergeShape(
            keyColumns: keyIndices.map { fields[$0].name },
            mode: update == nil ? .insertMissing : .upsert,
            joinKind: insert == nil ? .inner : .right, source: command.source, joinKeys: command.keys,
            filter: filter,
            items: items)
    }

    /// Whether `value` (over the joined row) is the source side of `key`, converted to the key column's `type`.
    private static func isKeyValue(
        _ value: BoundExpression, _ key: EquiJoinKey, width: Int, type: DataType
    ) -> Bool {
        let source = key.right.mappingColumns { $0 + width }
        return value == source || value == BoundExpression(.cast(source, isTry: false), type: type)
    }

    private static func and(_ left: BoundExpression, _ right: BoundExpression) -> BoundExpression {
        BoundExpression(.binary(.and, left, right), type: .bool)
    }
}
