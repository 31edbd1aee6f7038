import LakeColumnar

/// How one in-memory field maps onto Parquet leaf columns and their definition and repetition levels.
///
/// A tree mirrors the field's type: a leaf per primitive, a struct node per group, a list or map node per
/// repeated group. Each node knows the definition level at which its value is present, so the shredder (writing)
/// and the assembler (reading) translate between null/empty/present values and levels without looking at the
/// Parquet schema again.
///
/// Level rules (Dremel): an optional node adds one definition level; the repeated group of a list or map adds one
/// definition level (the list is non-empty) and one repetition level. A required node adds neither, so its value is
/// present at its parent's level.
///
/// Spec: spec/parquet.md#nested-columns; parquet-format README "Nested Encoding", LogicalTypes.md "Nested Types".
struct LevelNode: Sendable {
    indirect enum Kind: Sendable {
        /// A primitive value: the leaf at `column` in `ParquetSchema.columns`.
        case leaf(column: Int)
        /// A group of fields, present or null as a whole.
        case `struct`([LevelNode])
        /// A repeated group: `entryDefinitionLevel` is reached when the list holds at least one element,
        /// `repetitionLevel` marks a further element of the same list.
        case list(entryDefinitionLevel: Int, repetitionLevel: Int, element: LevelNode)
        /// Like a list, with a key and a value per entry.
        case map(entryDefinitionLevel: Int, repetitionLevel: Int, key: LevelNode, value: LevelNode)
    }

    var field: Field
    /// Definition level at which the node's value is present (not null). A required node's is its parent's.
    var definitionLevel: Int
    var kind: Kind
    /// Positions (in `ParquetSchema.columns`) of the leaves under this node, in schema order.
    var leaves: Range<Int>

    /// The leaf column whose levels describe this node's nulls and lengths: the first one under it.
    var firstLeaf: Int { leaves.lowerBound }
}
