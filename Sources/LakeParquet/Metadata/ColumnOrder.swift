/// The order that the `minValue`/`maxValue` statistics and column index bounds of a column follow.
///
/// A reader that does not know a column's order must ignore those bounds.
///
/// Spec: parquet.thrift `union ColumnOrder`.
public enum ColumnOrder: ThriftStruct, Hashable {
    /// Member 1: the order defined by the logical type, or else the physical type.
    case typeDefinedOrder
    /// Member 2: IEEE 754 totalOrder for floating-point columns.
    case ieee754TotalOrder
    /// Member 3: chronological order for INT96 timestamps.
    case int96TimestampOrder
    /// A member this implementation does not know. Encoding writes it back as an empty struct with the same id.
    case unrecognized(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("ColumnOrder", unrecognized: ColumnOrder.unrecognized) {
            (id: Int16, reader: inout ThriftCompactReader) throws(ParquetError) -> ColumnOrder? in
            let order: ColumnOrder
            switch id {
            case 1: order = .typeDefinedOrder
            case 2: order = .ieee754TotalOrder
            case 3: order = .int96TimestampOrder
            default: return nil
            }
            try reader.skip(.struct)
            return order
        }
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .typeDefinedOrder: writer.writeEmptyStructField(1)
        case .ieee754TotalOrder: writer.writeEmptyStructField(2)
        case .int96TimestampOrder: writer.writeEmptyStructField(3)
        case .unrecognized(let id): writer.writeEmptyStructField(id)
        }
        writer.endStruct()
    }
}
