/// The unit of a TIME or TIMESTAMP logical type.
///
/// Spec: parquet.thrift `union ParquetTimeUnit`.
public enum ParquetTimeUnit: ThriftStruct, Hashable {
    /// Member 1.
    case milliseconds
    /// Member 2.
    case microseconds
    /// Member 3.
    case nanoseconds
    /// A member this implementation does not know, from a newer writer. Encoding writes it back as an empty
    /// struct with the same id.
    case unrecognized(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("ParquetTimeUnit", unrecognized: ParquetTimeUnit.unrecognized) {
            (id: Int16, reader: inout ThriftCompactReader) throws(ParquetError) -> ParquetTimeUnit? in
            let unit: ParquetTimeUnit
            switch id {
            case 1: unit = .milliseconds
            case 2: unit = .microseconds
            case 3: unit = .nanoseconds
            default: return nil
            }
            try reader.skip(.struct)
            return unit
        }
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .milliseconds: writer.writeEmptyStructField(1)
        case .microseconds: writer.writeEmptyStructField(2)
        case .nanoseconds: writer.writeEmptyStructField(3)
        case .unrecognized(let id): writer.writeEmptyStructField(id)
        }
        writer.endStruct()
    }
}
