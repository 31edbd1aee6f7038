import LakeCore

extension ColumnMapping {
    /// `schema` with a column id and a physical name on every field, nested ones included, for a new table in
    /// mode `name` or `id`: ids 1, 2, … in depth-first order, physical names `col-<random UUID>` (as Spark and
    /// delta-rs name them). Existing `delta.columnMapping.*` keys are replaced.
    /// - Returns: the annotated schema and the largest id (the table's `delta.columnMapping.maxColumnId`).
    ///
    /// Spec: spec/table-log.md §11.3, §11.5.
    static func assigningIdentities<Generator: RandomNumberGenerator>(
        to schema: DeltaSchema, using generator: inout Generator
    ) -> (schema: DeltaSchema, maxColumnId: Int64) {
        var nextID: Int64 = 1
        let fields = annotate(schema.fields, nextID: &nextID, using: &generator)
        return (DeltaSchema(fields: fields), nextID - 1)
    }

    private static func annotate<Generator: RandomNumberGenerator>(
        _ fields: [DeltaField], nextID: inout Int64, using generator: inout Generator
    ) -> [DeltaField] {
        fields.map { field in
            var annotated = field
            annotated.metadata[idKey] = .int64(nextID)
            annotated.metadata[physicalNameKey] = .string("col-" + UUIDText.random(using: &generator))
            nextID += 1
            annotated.type = annotate(field.type, nextID: &nextID, using: &generator)
            return annotated
        }
    }

    private static func annotate<Generator: RandomNumberGenerator>(
        _ type: DeltaType, nextID: inout Int64, using generator: inout Generator
    ) -> DeltaType {
        switch type {
        case .struct(let fields):
            return .struct(annotate(fields, nextID: &nextID, using: &generator))
        case .array(let element, let containsNull):
            return .array(
                elementType: annotate(element, nextID: &nextID, using: &generator), containsNull: containsNull)
        case .map(let key, let value, let valueContainsNull):
            let keyType = annotate(key, nextID: &nextID, using: &generator)
            let valueType = annotate(value, nextID: &nextID, using: &generator)
            return .map(keyType: keyType, valueType: valueType, valueContainsNull: valueContainsNull)
        default:
            return type
        }
    }
}
