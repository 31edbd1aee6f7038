/// One node of a file's schema tree with the levels its position gives it, as parsed from the flattened
/// `SchemaElement` list: the input of the nested-type rules in `ParquetSchema+Nested.swift`.
struct SchemaTreeNode: Sendable {
    var element: SchemaElement
    var children: [SchemaTreeNode]
    /// Position in `ParquetSchema.columns` of a leaf; nil for a group.
    var column: Int?
    /// Definition and repetition levels counted from the root through this node (inclusive).
    var definitionLevel: Int
    var repetitionLevel: Int
    /// Leaves under this node (inclusive), in schema order.
    var leaves: Range<Int>

    var name: String { element.name }
    var isRepeated: Bool { element.repetitionType == .repeated }
    var isOptional: Bool { element.repetitionType == .optional }
    var isGroup: Bool { column == nil }
}
