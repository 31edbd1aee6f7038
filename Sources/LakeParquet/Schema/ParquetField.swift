import LakeColumnar

/// A top-level column of a Parquet file as the in-memory schema sees it: one field, backed by one leaf (a flat
/// column) or by several (a struct, list or map).
///
/// Projection, batches and predicates work on these; statistics and pages belong to the leaves
/// (`ParquetSchema.columns[leaves]`).
///
/// Spec: spec/parquet.md#nested-columns
public struct ParquetField: Sendable {
    /// The top-level schema element (a leaf for flat columns, a group for nested ones).
    public var element: SchemaElement
    /// Positions of this field's leaves in `ParquetSchema.columns`, in schema order.
    public var leaves: Range<Int>
    /// The in-memory field, or nil when this engine cannot read the column.
    public var field: Field?
    /// Why `field` is nil.
    public var unsupportedReason: String?
    /// The level tree of a readable field.
    var node: LevelNode?

    public var name: String { element.name }

    /// Whether the field is one primitive leaf with no repetition, read without level assembly.
    public var isFlat: Bool {
        guard let node, case .leaf = node.kind else { return false }
        return element.repetitionType != .repeated
    }
}
