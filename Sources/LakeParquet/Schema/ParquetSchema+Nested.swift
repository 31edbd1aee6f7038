import LakeColumnar

/// Reading the nested types of a file's schema tree: groups become structs, LIST and MAP groups (and bare
/// repeated fields) become lists and maps, following the backward-compatibility rules of LogicalTypes.md.
///
/// List elements are always named `element` and map entries `key` and `value` in the in-memory type, whatever
/// the file calls them, so that the same logical type compares equal across writers.
///
/// Spec: spec/parquet.md#nested-columns; parquet-format LogicalTypes.md "Lists", "Maps", "Backward-compatibility
/// rules".
extension ParquetSchema {
    /// The field a top-level node reads as, or why it cannot be read.
    static func field(of tree: SchemaTreeNode, columns: [ParquetColumn]) -> ParquetField {
        var result = ParquetField(element: tree.element, leaves: tree.leaves, field: nil, unsupportedReason: nil)
        do throws(ParquetError) {
            let node = try levelNode(of: tree, name: tree.name, columns: columns)
            result.node = node
            result.field = node.field
        } catch {
            result.unsupportedReason = error.reason
        }
        return result
    }

    /// The level tree of `tree`, honouring its repetition: a repeated node is a required list of required items.
    private static func levelNode(
        of tree: SchemaTreeNode, name: String, columns: [ParquetColumn]
    ) throws(ParquetError) -> LevelNode {
        guard tree.isRepeated else { return try valueNode(of: tree, name: name, columns: columns) }
        // A repeated field without LIST annotation: a required list whose items are the field itself, required.
        let element = try valueNode(of: tree, name: "element", columns: columns)
        return LevelNode(
            field: Field(name, .list(element.field), nullable: false), definitionLevel: tree.definitionLevel - 1,
            kind: .list(
                entryDefinitionLevel: tree.definitionLevel, repetitionLevel: tree.repetitionLevel, element: element),
            leaves: tree.leaves)
    }

    /// The level tree of `tree` read as one value (its own repetition, if repeated, is handled by the caller).
    private static func valueNode(
        of tree: SchemaTreeNode, name: String, columns: [ParquetColumn]
    ) throws(ParquetError) -> LevelNode {
        let nullable = tree.isOptional
        if let column = tree.column {
            guard let type = columns[column].dataType else {
                throw ParquetError(.unsupported, columns[column].unsupportedReason ?? "unreadable leaf '\(tree.name)'")
            }
            return LevelNode(
                field: Field(name, type, nullable: nullable), definitionLevel: tree.definitionLevel,
                kind: .leaf(column: column), leaves: tree.leaves)
        }
        if isAnnotated(tree.element, .list) {
            return try listNode(of: tree, name: name, columns: columns)
        }
        if isAnnotated(tree.element, .map) || tree.element.convertedType == .mapKeyValue {
            return try mapNode(of: tree, name: name, columns: columns)
        }
        guard !tree.children.isEmpty else {
            throw ParquetError(.unsupported, "group '\(tree.name)' has no fields")
        }
        var children: [LevelNode] = []
        for child in tree.children {
            children.append(try levelNode(of: child, name: child.name, columns: columns))
        }
        return LevelNode(
            field: Field(name, .struct(children.map(\.field)), nullable: nullable),
            definitionLevel: tree.definitionLevel, kind: .struct(children), leaves: tree.leaves)
    }

    /// A LIST-annotated group. Its one child is repeated; whether that child is the element itself (two-level
    /// forms) or wraps it (the standard three-level form) follows the backward-compatibility rules.
    private static func listNode(
        of tree: SchemaTreeNode, name: String, columns: [ParquetColumn]
    ) throws(ParquetError) -> LevelNode {
        guard tree.children.count == 1, let repeated = tree.children.first, repeated.isRepeated else {
            throw ParquetError(.unsupported, "LIST group '\(tree.name)' must hold exactly one repeated field")
        }
        let element: LevelNode
        let isTwoLevel = !repeated.isGroup || repeated.children.count != 1 || repeated.name == "array"
            || repeated.name == tree.name + "_tuple"
        if isTwoLevel {
            element = try valueNode(of: repeated, name: "element", columns: columns)
        } else {
            element = try levelNode(of: repeated.children[0], name: "element", columns: columns)
        }
        return LevelNode(
            field: Field(name, .list(element.field), nullable: tree.isOptional), definitionLevel: tree.definitionLevel,
            kind: .list(
                entryDefinitionLevel: repeated.definitionLevel, repetitionLevel: repeated.repetitionLevel,
                element: element),
            leaves: tree.leaves)
    }

    /// A MAP (or legacy MAP_KEY_VALUE) group: one repeated group of a key and a value.
    private static func mapNode(
        of tree: SchemaTreeNode, name: String, columns: [ParquetColumn]
    ) throws(ParquetError) -> LevelNode {
        guard tree.children.count == 1, let entries = tree.children.first, entries.isRepeated, entries.isGroup,
            entries.children.count == 2
        else {
            throw ParquetError(
                .unsupported, "MAP group '\(tree.name)' must hold one repeated group of a key and a value")
        }
        guard !entries.children[0].isRepeated else {
            throw ParquetError(.unsupported, "the key of MAP group '\(tree.name)' is repeated")
        }
        var key = try valueNode(of: entries.children[0], name: "key", columns: columns)
        key.field.isNullable = false
        let value = try levelNode(of: entries.children[1], name: "value", columns: columns)
        return LevelNode(
            field: Field(name, .map(key: key.field, value: value.field), nullable: tree.isOptional),
            definitionLevel: tree.definitionLevel,
            kind: .map(
                entryDefinitionLevel: entries.definitionLevel, repetitionLevel: entries.repetitionLevel, key: key,
                value: value),
            leaves: tree.leaves)
    }

    private enum Annotation { case list, map }

    private static func isAnnotated(_ element: SchemaElement, _ annotation: Annotation) -> Bool {
        switch (annotation, element.logicalType) {
        case (.list, .list?), (.map, .map?): return true
        default: break
        }
        switch annotation {
        case .list: return element.convertedType == .list
        case .map: return element.convertedType == .map
        }
    }
}
