import LakeColumnar

/// A leaf column of a Parquet file's schema, with the levels and types the column readers and writers need.
public struct ParquetColumn: Sendable {
    /// Names from the top-level field to the leaf (`["a", "list", "element"]`); `name` joins them with dots.
    public var path: [String]
    public var element: SchemaElement
    public var physicalType: PhysicalType
    public var maxDefinitionLevel: Int
    public var maxRepetitionLevel: Int
    /// The in-memory type the values are read as, or nil when this engine cannot read the column.
    public var dataType: DataType?
    /// Why `dataType` is nil.
    public var unsupportedReason: String?

    public var name: String { path.joined(separator: ".") }

    /// The leaf as a field named by its dotted path, or nil when it cannot be read. For a top-level column this
    /// is its field; the field of a nested column is `ParquetField.field` (see `ParquetSchema.fields`).
    public var field: Field? {
        dataType.map { Field(name, $0, nullable: element.repetitionType != .required) }
    }

    /// How ordered comparisons of this column's values work, for statistics.
    var sortOrder: ValueStatistics.SortOrder {
        switch dataType {
        case .uint8, .uint16, .uint32, .uint64: .unsigned
        case .decimal where physicalType == .fixedLenByteArray || physicalType == .byteArray: .signedBigEndian
        case .utf8, .binary, .fixedSizeBinary, .bool: .unsigned
        default: physicalType == .byteArray || physicalType == .fixedLenByteArray ? .unsigned : .signed
        }
    }

    /// Whether min/max statistics of this column can be trusted for pruning (INT96 and unknown logical types
    /// have undefined sort orders).
    var hasDefinedSortOrder: Bool {
        dataType != nil && physicalType != .int96
    }
}
