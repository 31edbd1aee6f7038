import LakeColumnar

/// The schema of a Parquet file: its flattened `SchemaElement` list, its leaf columns, its top-level fields and
/// the equivalent `LakeColumnar.Schema` of the top-level columns this engine reads.
///
/// Flat files have one field per leaf. A struct, list or map field spans several leaves (`ParquetField.leaves`);
/// its leaf names are dotted paths (`a.b.list.element`).
///
/// Spec: spec/parquet.md#type-mapping, spec/parquet.md#nested-columns
public struct ParquetSchema: Sendable {
    public let elements: [SchemaElement]
    /// The leaf columns, in file order: one column chunk each per row group.
    public let columns: [ParquetColumn]
    /// The top-level fields, in file order.
    public let fields: [ParquetField]

    /// Deepest nesting accepted when reading a schema.
    static let depthMax = 64
    /// Widest FIXED_LEN_BYTE_ARRAY accepted, on read and write.
    public static let fixedLengthBytesMax = 1 << 20

    /// Parses the flattened schema tree of a file footer.
    /// - Throws: `.invalidMetadata` when the tree is malformed (child counts that overrun the list, a leaf
    ///   without a physical type, negative type lengths). A field this engine cannot read is not an error: its
    ///   `ParquetField.unsupportedReason` says why.
    public init(elements: [SchemaElement]) throws(ParquetError) {
        guard let root = elements.first else { throw ParquetError(.invalidMetadata, "empty schema") }
        guard let rootChildren = root.numChildren, rootChildren >= 0 else {
            throw ParquetError(.invalidMetadata, "schema root '\(root.name)' has no children count")
        }
        self.elements = elements
        var columns: [ParquetColumn] = []
        var trees: [SchemaTreeNode] = []
        var next = 1
        for _ in 0..<rootChildren {
            trees.append(
                try Self.walk(elements, &next, path: [], definition: 0, repetition: 0, depth: 1, into: &columns))
        }
        guard next == elements.count else {
            throw ParquetError(.invalidMetadata, "schema lists \(elements.count) elements but its tree holds \(next)")
        }
        self.columns = columns
        fields = trees.map { Self.field(of: $0, columns: columns) }
    }

    private static func walk(
        _ elements: [SchemaElement], _ next: inout Int, path: [String], definition: Int, repetition: Int, depth: Int,
        into columns: inout [ParquetColumn]
    ) throws(ParquetError) -> SchemaTreeNode {
        guard depth <= depthMax else { throw ParquetError(.invalidMetadata, "schema nests deeper than \(depthMax)") }
        guard next < elements.count else {
            throw ParquetError(.invalidMetadata, "schema children overrun the \(elements.count) elements")
        }
        let element = elements[next]
        next += 1
        var definition = definition
        var repetition = repetition
        switch element.repetitionType {
        case .optional?: definition += 1
        case .repeated?:
            definition += 1
            repetition += 1
        default: break
        }
        let path = path + [element.name]
        let firstLeaf = columns.count
        if let children = element.numChildren, element.type == nil {
            guard children >= 0 else { throw ParquetError(.invalidMetadata, "'\(element.name)' has \(children) children") }
            var nodes: [SchemaTreeNode] = []
            for _ in 0..<children {
                nodes.append(
                    try walk(elements, &next, path: path, definition: definition, repetition: repetition,
                        depth: depth + 1, into: &columns))
            }
            return SchemaTreeNode(
                element: element, children: nodes, column: nil, definitionLevel: definition,
                repetitionLevel: repetition, leaves: firstLeaf..<columns.count)
        }
        guard let physical = element.type else {
            throw ParquetError(.invalidMetadata, "leaf '\(element.name)' has no physical type")
        }
        if physical == .fixedLenByteArray {
            guard let width = element.typeLength, width >= 0, width <= Self.fixedLengthBytesMax else {
                throw ParquetError(
                    .invalidMetadata,
                    "FIXED_LEN_BYTE_ARRAY '\(element.name)' needs a type_length in 0...\(Self.fixedLengthBytesMax)")
            }
        }
        var column = ParquetColumn(
            path: path, element: element, physicalType: physical, maxDefinitionLevel: definition,
            maxRepetitionLevel: repetition, dataType: nil, unsupportedReason: nil)
        do throws(ParquetError) {
            column.dataType = try dataType(of: element, physical: physical)
        } catch {
            column.unsupportedReason = error.reason
        }
        columns.append(column)
        return SchemaTreeNode(
            element: element, children: [], column: firstLeaf, definitionLevel: definition,
            repetitionLevel: repetition, leaves: firstLeaf..<columns.count)
    }

    /// The schema of the readable columns, in file order. Unsupported columns are absent (see
    /// `ParquetColumn.unsupportedReason`).
    public var schema: Schema {
        Schema(fields.compactMap(\.field))
    }

    /// Position in `fields` of the top-level field named `name`.
    public func fieldIndex(named name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    /// Position in `columns` of the leaf whose dotted path is `path` (`a.b.list.element`; a flat column's name),
    /// for per-leaf lookups such as `ParquetFileReader.statisticsBounds(rowGroup:column:)` and `pageIndex`.
    public func leafIndex(path: String) -> Int? {
        columns.firstIndex { $0.name == path }
    }

    /// The in-memory type of a leaf, from its logical type (or legacy converted type).
    static func dataType(of element: SchemaElement, physical: PhysicalType) throws(ParquetError) -> DataType {
        let unsupported = { (what: String) in
            ParquetError(.unsupported, "\(what) on \(physical) is not supported (column '\(element.name)')")
        }
        if let logical = element.logicalType {
            switch (logical, physical) {
            case (.string, .byteArray), (.enum, .byteArray), (.json, .byteArray): return .utf8
            case (.bson, .byteArray): return .binary
            case (.decimal(let scale, let precision), _):
                return try decimal(precision: precision, scale: scale, physical: physical, element: element)
            case (.date, .int32): return .date32
            case (.time(_, .milliseconds), .int32): return .time(.milliseconds)
            case (.time(_, .microseconds), .int64): return .time(.microseconds)
            case (.time(_, .nanoseconds), .int64): return .time(.nanoseconds)
            case (.timestamp(let utc, .milliseconds), .int64): return .timestamp(.milliseconds, utc: utc)
            case (.timestamp(let utc, .microseconds), .int64): return .timestamp(.microseconds, utc: utc)
            case (.timestamp(let utc, .nanoseconds), .int64): return .timestamp(.nanoseconds, utc: utc)
            case (.integer(let width, let signed), .int32) where width <= 32,
                (.integer(let width, let signed), .int64) where width == 64:
                switch (width, signed) {
                case (8, true): return .int8
                case (16, true): return .int16
                case (32, true): return .int32
                case (64, true): return .int64
                case (8, false): return .uint8
                case (16, false): return .uint16
                case (32, false): return .uint32
                case (64, false): return .uint64
                default: throw unsupported("INTEGER(\(width), \(signed))")
                }
            case (.uuid, .fixedLenByteArray): return .fixedSizeBinary(width: 16)
            case (.unknown, _): break
            default: throw unsupported("logical type \(logical)")
            }
        } else if let converted = element.convertedType {
            switch (converted, physical) {
            case (.utf8, .byteArray), (.enum, .byteArray), (.json, .byteArray): return .utf8
            case (.bson, .byteArray): return .binary
            case (.decimal, _):
                return try decimal(
                    precision: element.precision ?? 0, scale: element.scale ?? 0, physical: physical, element: element)
            case (.date, .int32): return .date32
            case (.timeMillis, .int32): return .time(.milliseconds)
            case (.timeMicros, .int64): return .time(.microseconds)
            case (.timestampMillis, .int64): return .timestamp(.milliseconds, utc: true)
            case (.timestampMicros, .int64): return .timestamp(.microseconds, utc: true)
            case (.int8, .int32): return .int8
            case (.int16, .int32): return .int16
            case (.int32, .int32): return .int32
            case (.int64, .int64): return .int64
            case (.uint8, .int32): return .uint8
            case (.uint16, .int32): return .uint16
            case (.uint32, .int32): return .uint32
            case (.uint64, .int64): return .uint64
            default: throw unsupported("converted type \(converted)")
            }
        }
        switch physical {
        case .boolean: return .bool
        case .int32: return .int32
        case .int64: return .int64
        case .int96: return .timestamp(.nanoseconds, utc: false)
        case .float: return .float32
        case .double: return .float64
        case .byteArray: return .binary
        case .fixedLenByteArray: return .fixedSizeBinary(width: Int(element.typeLength ?? 0))
        default: throw unsupported("physical type")
        }
    }

    private static func decimal(
        precision: Int32, scale: Int32, physical: PhysicalType, element: SchemaElement
    ) throws(ParquetError) -> DataType {
        guard (1...Int32(DataType.decimalPrecisionMax)).contains(precision), (0...precision).contains(scale) else {
            throw ParquetError(.unsupported, "decimal(\(precision),\(scale)) of '\(element.name)' is outside 1...38 digits")
        }
        switch physical {
        case .int32, .int64, .byteArray: break
        case .fixedLenByteArray where (element.typeLength ?? 0) <= 16: break
        default: throw ParquetError(.unsupported, "decimal stored as \(physical) in '\(element.name)'")
        }
        return .decimal(precision: Int(precision), scale: Int(scale))
    }

    /// The flattened schema this engine writes for `schema`: a root group, then each field depth first (one leaf
    /// for a flat field; groups for structs, and the three-level LIST and MAP forms of LogicalTypes.md).
    /// - Throws: `.invalidArgument` for an empty schema, an empty or duplicate name (among siblings), an invalid
    ///   decimal or fixed width, or a struct without fields.
    public static func elements(for schema: Schema) throws(ParquetError) -> [SchemaElement] {
        guard !schema.fields.isEmpty else { throw ParquetError(.invalidArgument, "a Parquet file needs at least one column") }
        var elements = [SchemaElement(name: "schema", numChildren: Int32(schema.fields.count))]
        try appendFields(schema.fields, path: [], into: &elements)
        return elements
    }

    private static func appendFields(
        _ fields: [Field], path: [String], into elements: inout [SchemaElement]
    ) throws(ParquetError) {
        var names = Set<String>()
        for field in fields {
            let name = (path + [field.name]).joined(separator: ".")
            guard !field.name.isEmpty else { throw ParquetError(.invalidArgument, "empty column name") }
            guard names.insert(field.name).inserted else {
                throw ParquetError(.invalidArgument, "duplicate column name '\(name)'")
            }
            try appendField(field, path: path, into: &elements)
        }
    }

    private static func appendField(
        _ field: Field, path: [String], into elements: inout [SchemaElement]
    ) throws(ParquetError) {
        let name = (path + [field.name]).joined(separator: ".")
        let repetition: FieldRepetitionType = field.isNullable ? .optional : .required
        guard path.count < depthMax / 3 else {
            throw ParquetError(.invalidArgument, "column '\(name)' nests deeper than \(depthMax / 3) levels")
        }
        switch field.type {
        case .decimal(let precision, let scale)
        where !(1...DataType.decimalPrecisionMax).contains(precision) || !(0...precision).contains(scale):
            throw ParquetError(.invalidArgument, "column '\(name)': \(field.type) is not a valid decimal")
        case .fixedSizeBinary(let width) where width <= 0 || width > fixedLengthBytesMax:
            throw ParquetError(.invalidArgument, "column '\(name)': width must be in 1...\(fixedLengthBytesMax)")
        case .struct(let children):
            guard !children.isEmpty else {
                throw ParquetError(.invalidArgument, "column '\(name)': a struct needs at least one field")
            }
            elements.append(
                SchemaElement(repetitionType: repetition, name: field.name, numChildren: Int32(children.count)))
            try appendFields(children, path: path + [field.name], into: &elements)
        case .list(let element):
            // LogicalTypes.md: <opt/req> group <name> (LIST) { repeated group list { <opt/req> element } }
            elements.append(
                SchemaElement(
                    repetitionType: repetition, name: field.name, numChildren: 1, convertedType: .list,
                    logicalType: .list))
            elements.append(SchemaElement(repetitionType: .repeated, name: "list", numChildren: 1))
            var item = element
            item.name = "element"
            try appendField(item, path: path + [field.name, "list"], into: &elements)
        case .map(let key, let value):
            // LogicalTypes.md: <opt/req> group <name> (MAP) { repeated group key_value { required key; <opt/req> value } }
            elements.append(
                SchemaElement(
                    repetitionType: repetition, name: field.name, numChildren: 1, convertedType: .map,
                    logicalType: .map))
            elements.append(SchemaElement(repetitionType: .repeated, name: "key_value", numChildren: 2))
            var keyField = key
            keyField.name = "key"
            keyField.isNullable = false
            var valueField = value
            valueField.name = "value"
            try appendField(keyField, path: path + [field.name, "key_value"], into: &elements)
            try appendField(valueField, path: path + [field.name, "key_value"], into: &elements)
        default:
            elements.append(leaf(for: field))
        }
    }

    private static func leaf(for field: Field) -> SchemaElement {
        var element = SchemaElement(name: field.name)
        element.repetitionType = field.isNullable ? .optional : .required
        switch PhysicalLayout(writing: field.type) {
        case nil: break
        case .boolean: element.type = .boolean
        case .int32: element.type = .int32
        case .int64: element.type = .int64
        case .float: element.type = .float
        case .double: element.type = .double
        case .byteArray: element.type = .byteArray
        case .fixedLenByteArray(let width):
            element.type = .fixedLenByteArray
            element.typeLength = Int32(width)
        }
        switch field.type {
        case .int8: annotate(&element, .integer(bitWidth: 8, isSigned: true), .int8)
        case .int16: annotate(&element, .integer(bitWidth: 16, isSigned: true), .int16)
        case .uint8: annotate(&element, .integer(bitWidth: 8, isSigned: false), .uint8)
        case .uint16: annotate(&element, .integer(bitWidth: 16, isSigned: false), .uint16)
        case .uint32: annotate(&element, .integer(bitWidth: 32, isSigned: false), .uint32)
        case .uint64: annotate(&element, .integer(bitWidth: 64, isSigned: false), .uint64)
        case .decimal(let precision, let scale):
            annotate(&element, .decimal(scale: Int32(scale), precision: Int32(precision)), .decimal)
            element.precision = Int32(precision)
            element.scale = Int32(scale)
        case .utf8: annotate(&element, .string, .utf8)
        case .date32: annotate(&element, .date, .date)
        case .time(let unit):
            // A time of day without zone: not adjusted to UTC, hence no converted type (those imply UTC).
            annotate(&element, .time(isAdjustedToUTC: false, unit: ParquetSchema.unit(unit)), nil)
        case .timestamp(let unit, let utc):
            // Converted types imply UTC adjustment, so a local timestamp carries none (as the spec advises).
            let converted: ConvertedType? = !utc ? nil : unit == .milliseconds ? .timestampMillis
                : unit == .microseconds ? .timestampMicros : nil
            annotate(&element, .timestamp(isAdjustedToUTC: utc, unit: ParquetSchema.unit(unit)), converted)
        case .bool, .int32, .int64, .float32, .float64, .binary, .fixedSizeBinary, .list, .struct, .map: break
        }
        return element
    }

    private static func annotate(_ element: inout SchemaElement, _ logical: LogicalType, _ converted: ConvertedType?) {
        element.logicalType = logical
        element.convertedType = converted
    }

    static func unit(_ unit: TimeUnit) -> ParquetTimeUnit {
        switch unit {
        case .milliseconds: .milliseconds
        case .microseconds: .microseconds
        case .nanoseconds: .nanoseconds
        }
    }
}
