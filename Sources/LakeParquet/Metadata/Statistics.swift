/// Statistics of a column chunk or page. All fields are optional.
///
/// Bounds are PLAIN-encoded values without a length prefix for byte arrays. `min`/`max` are the deprecated
/// signed-order bounds; `minValue`/`maxValue` follow the column order declared in `FileMetaData.columnOrders`.
/// A nil `nullCount` means "unknown", never zero.
///
/// Spec: parquet.thrift `struct Statistics`.
public struct Statistics: ThriftStruct, Hashable {
    /// Field 1: deprecated signed-order maximum.
    public var max: [UInt8]?
    /// Field 2: deprecated signed-order minimum.
    public var min: [UInt8]?
    /// Field 3.
    public var nullCount: Int64?
    /// Field 4.
    public var distinctCount: Int64?
    /// Field 5: upper bound under the column order.
    public var maxValue: [UInt8]?
    /// Field 6: lower bound under the column order.
    public var minValue: [UInt8]?
    /// Field 7: whether `maxValue` is the actual maximum rather than a bound.
    public var isMaxValueExact: Bool?
    /// Field 8: whether `minValue` is the actual minimum rather than a bound.
    public var isMinValueExact: Bool?
    /// Field 9: count of NaN values (floating-point columns only); nil means NaNs may be present.
    public var nanCount: Int64?

    public init(
        max: [UInt8]? = nil, min: [UInt8]? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil, minValue: [UInt8]? = nil, isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil, nanCount: Int64? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .binary): max = try reader.readBinary()
            case (2, .binary): min = try reader.readBinary()
            case (3, .i64): nullCount = try reader.readI64()
            case (4, .i64): distinctCount = try reader.readI64()
            case (5, .binary): maxValue = try reader.readBinary()
            case (6, .binary): minValue = try reader.readBinary()
            case (7, .bool): isMaxValueExact = try reader.readBool()
            case (8, .bool): isMinValueExact = try reader.readBool()
            case (9, .i64): nanCount = try reader.readI64()
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeBinaryField(1, max)
        writer.writeBinaryField(2, min)
        writer.writeI64Field(3, nullCount)
        writer.writeI64Field(4, distinctCount)
        writer.writeBinaryField(5, maxValue)
        writer.writeBinaryField(6, minValue)
        writer.writeBoolField(7, isMaxValueExact)
        writer.writeBoolField(8, isMinValueExact)
        writer.writeI64Field(9, nanCount)
        writer.endStruct()
    }
}
