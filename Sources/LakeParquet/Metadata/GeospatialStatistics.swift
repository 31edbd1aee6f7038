/// Statistics of a GEOMETRY or GEOGRAPHY column chunk.
///
/// Spec: parquet.thrift `struct GeospatialStatistics`.
public struct GeospatialStatistics: ThriftStruct, Hashable {
    /// Field 1.
    public var boundingBox: BoundingBox?
    /// Field 2: the geospatial type codes present, or empty if unknown.
    public var geospatialTypes: [Int32]?

    public init(boundingBox: BoundingBox? = nil, geospatialTypes: [Int32]? = nil) {
        self.boundingBox = boundingBox
        self.geospatialTypes = geospatialTypes
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.readFieldHeader() {
            switch (field.id, field.type) {
            case (1, .struct): boundingBox = try BoundingBox(from: &reader)
            case (2, .list): geospatialTypes = try reader.readI32List("GeospatialStatistics.geospatial_types")
            default: try reader.skip(field.type)
            }
        }
        reader.endStruct()
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeStructField(1, boundingBox)
        writer.writeI32ListField(2, geospatialTypes)
        writer.endStruct()
    }
}
